import type { OpenedFile } from '../../../shared/contract/shell';
import type { Runtime } from '../runtime';
import { readOpenableFile } from './open-file';
import { addRecent } from './recent';

/**
 * Files the desktop shell opened, held until the UI takes them. A file can arrive
 * before the window has loaded (a double-click that launched the app), so an event
 * alone could be lost: the event only says "come and take them".
 */
const inboxes = new WeakMap<Runtime, OpenedFile[]>();
const LIMIT = 20;

export async function openIntoInbox(rt: Runtime, path: unknown): Promise<OpenedFile> {
  const file = await readOpenableFile(path);
  const inbox = inboxes.get(rt) ?? [];
  inbox.push(file);
  inboxes.set(rt, inbox.slice(-LIMIT));
  addRecent(rt, file.path);
  rt.dispatcher.emit('shell.filesWaiting', { count: inboxes.get(rt)!.length });
  return file;
}

export function takeOpenedFiles(rt: Runtime): { files: OpenedFile[] } {
  const files = inboxes.get(rt) ?? [];
  inboxes.delete(rt);
  return { files };
}
