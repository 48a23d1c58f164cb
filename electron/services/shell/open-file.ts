import { basename } from 'node:path';
import { AppError } from '../../../shared/contract/errors';
import type { OpenedFile } from '../../../shared/contract/shell';
import { type FileKind, fileKindOf, openableExtensions } from '../../../shared/shell/files';
import { messageText } from '../../../shared/shell/message-text';
import { checkInputPath, readInput } from '../../fs/open-input';

/**
 * Checks a path the OS handed us (a second launch, a dropped file, Open Recent) before
 * anything reads it: absolute, a kind Mailbench opens.
 */
export function checkOpenablePath(raw: unknown): { path: string; kind: FileKind } {
  const path = checkInputPath(raw);
  const kind = fileKindOf(path);
  if (!kind) {
    throw new AppError('invalid_input', `Mailbench does not open ${basename(path)}.`, {
      file: path,
      hint: `Open a file ending in ${openableExtensions.map((extension) => `.${extension}`).join(', ')}.`,
    });
  }
  return { path, kind };
}

/** Reads a file to hand to the UI: a regular file of its kind within the kind's budget (electron/fs/open-input.ts). */
export async function readOpenableFile(raw: unknown): Promise<OpenedFile> {
  const { path, kind } = checkOpenablePath(raw);
  const file = await readInput(path, kind);
  if (kind !== 'message') return { path, name: file.name, kind, content: file.bytes.toString('utf8') };
  // a message keeps its bytes: an 8-bit body decoded as UTF-8 no longer matches its DKIM body hash
  const read = messageText(file.bytes);
  return { path, name: file.name, kind, content: read.text, ...(read.encoding === 'latin1' ? { encoding: read.encoding } : {}) };
}
