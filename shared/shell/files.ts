/**
 * Which files the app opens and which tool each goes to. One table for the menu's Open
 * dialog, drag and drop, a second launch with a file, and the OS file associations.
 */
export type FileKind = 'template' | 'message' | 'zone';

export const fileKinds: Record<FileKind, { extensions: readonly string[]; label: string; panel: string }> = {
  template: { extensions: ['mjml', 'html', 'htm'], label: 'Email templates', panel: 'editor' },
  message: { extensions: ['eml'], label: 'Email messages', panel: 'auth' },
  zone: { extensions: ['zone'], label: 'DNS zone files', panel: 'auth' },
};

/** Larger than any real template, message or zone; refuses a wrong drop (a video) before reading it. */
export const MAX_OPEN_BYTES = 10 * 1024 * 1024;

export function extensionOf(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  return dot <= 0 ? '' : base.slice(dot + 1).toLowerCase();
}

/** The kind of a file by its name, or undefined when Mailbench does not open it. */
export function fileKindOf(name: string): FileKind | undefined {
  const extension = extensionOf(name);
  for (const [kind, spec] of Object.entries(fileKinds) as [FileKind, (typeof fileKinds)[FileKind]][]) {
    if (spec.extensions.includes(extension)) return kind;
  }
  return undefined;
}

export const openableExtensions = Object.values(fileKinds).flatMap((spec) => spec.extensions);
