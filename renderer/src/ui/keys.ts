/**
 * Electron accelerators ("CmdOrCtrl+Shift+S") for the renderer: matching a keydown
 * and writing them down for people. Keys are matched by `event.code`, so Shift and
 * Alt (which change `event.key` on many layouts) do not break the match.
 */
// Read through globalThis so this module also loads (and is tested) under plain Node.
const nav = (globalThis as { navigator?: { platform?: string; userAgent?: string } }).navigator;
export const isMac = /Mac|iPhone|iPad/.test(nav?.platform || nav?.userAgent || '');

/** The parts of a keydown the matcher reads (a KeyboardEvent has them). */
export interface KeyPress {
  code: string;
  ctrlKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
  metaKey: boolean;
}

interface Parsed {
  mod: boolean;
  shift: boolean;
  alt: boolean;
  code: string;
  key: string;
}

const codeNames: Record<string, string> = { ',': 'Comma', '.': 'Period', '/': 'Slash', '=': 'Equal', '-': 'Minus' };

function parse(accelerator: string): Parsed {
  const parts = accelerator.split('+');
  const key = parts.pop() ?? '';
  const code = /^[A-Z]$/i.test(key) ? `Key${key.toUpperCase()}` : /^\d$/.test(key) ? `Digit${key}` : (codeNames[key] ?? key);
  return { mod: parts.includes('CmdOrCtrl'), shift: parts.includes('Shift'), alt: parts.includes('Alt'), code, key };
}

export function matchesAccelerator(event: KeyPress, accelerator: string): boolean {
  const want = parse(accelerator);
  const mod = isMac ? event.metaKey : event.ctrlKey;
  const stray = isMac ? event.ctrlKey : event.metaKey;
  return event.code === want.code && mod === want.mod && !stray && event.shiftKey === want.shift && event.altKey === want.alt;
}

export function acceleratorParts(accelerator: string): { keys: string[]; spoken: string } {
  const want = parse(accelerator);
  const keys = [
    ...(want.mod ? [isMac ? '⌘' : 'Ctrl'] : []),
    ...(want.alt ? [isMac ? '⌥' : 'Alt'] : []),
    ...(want.shift ? [isMac ? '⇧' : 'Shift'] : []),
    want.key,
  ];
  const spoken = [...(want.mod ? [isMac ? 'Command' : 'Control'] : []), ...(want.alt ? [isMac ? 'Option' : 'Alt'] : []), ...(want.shift ? ['Shift'] : []), want.key].join(' ');
  return { keys, spoken };
}
