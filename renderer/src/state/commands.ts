import type { CommandId } from '../../../shared/shell/commands';

type Listener = () => void;
interface Entry {
  handler: Listener;
  fallback: boolean;
}
const listeners = new Map<CommandId, Set<Entry>>();

/**
 * Menu items and shortcuts arrive here once, whichever way they came (the desktop
 * menu, the keyboard, a button). The shell registers fallbacks for file, navigation,
 * theme and help commands; a panel that owns a command (the editor: `preview.*`, or a
 * real `file.save`) subscribes without `fallback` and then runs instead of them.
 * Returns whether anything handled the command.
 */
export function runCommand(command: CommandId): boolean {
  const entries = [...(listeners.get(command) ?? [])];
  const owners = entries.filter((entry) => !entry.fallback);
  const chosen = owners.length > 0 ? owners : entries;
  for (const entry of chosen) entry.handler();
  return chosen.length > 0;
}

export function onCommand(command: CommandId, handler: Listener, options: { fallback?: boolean } = {}): () => void {
  const set = listeners.get(command) ?? new Set<Entry>();
  const entry = { handler, fallback: options.fallback ?? false };
  set.add(entry);
  listeners.set(command, set);
  return () => set.delete(entry);
}
