import { open } from 'node:fs/promises';
import { basename, isAbsolute } from 'node:path';
import { AppError } from '../../../shared/contract/errors';
import type { OpenedFile } from '../../../shared/contract/shell';
import { type FileKind, fileKindOf, MAX_OPEN_BYTES, openableExtensions } from '../../../shared/shell/files';

/**
 * Checks a path the OS handed us (a second launch, a dropped file, Open Recent) before
 * anything reads it: absolute, a kind Mailbench opens, a regular file, not huge.
 */
export function checkOpenablePath(path: unknown): { path: string; kind: FileKind } {
  if (typeof path !== 'string' || path.length === 0 || path.length > 4096 || path.includes('\0')) {
    throw new AppError('invalid_input', 'That is not a file path Mailbench can open.', { hint: 'Pass the absolute path of a .mjml, .html, .eml or .zone file.' });
  }
  if (!isAbsolute(path)) {
    throw new AppError('invalid_input', `${path.slice(0, 200)} is not an absolute path.`, { file: path.slice(0, 200), hint: 'Pass the full path of the file.' });
  }
  const kind = fileKindOf(path);
  if (!kind) {
    throw new AppError('invalid_input', `Mailbench does not open ${basename(path)}.`, {
      file: path,
      hint: `Open a file ending in ${openableExtensions.map((extension) => `.${extension}`).join(', ')}.`,
    });
  }
  return { path, kind };
}

/** Reads a file to hand to the UI; the size is checked on the open descriptor, so a swap after stat cannot grow it. */
export async function readOpenableFile(raw: unknown): Promise<OpenedFile> {
  const { path, kind } = checkOpenablePath(raw);
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new AppError(code === 'ENOENT' ? 'not_found' : 'io_error', `Cannot open ${basename(path)} (${code ?? 'unknown error'}).`, {
      file: path,
      hint: code === 'ENOENT' ? 'The file was moved or deleted; choose it again with File › Open.' : 'Check that you may read the file.',
    });
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) throw new AppError('invalid_input', `${basename(path)} is not a regular file.`, { file: path, hint: 'Choose a file, not a folder or device.' });
    if (stat.size > MAX_OPEN_BYTES) {
      throw new AppError('invalid_input', `${basename(path)} is ${Math.round(stat.size / 1048576)} MB; Mailbench opens files up to ${MAX_OPEN_BYTES / 1048576} MB.`, {
        file: path,
        hint: 'Is this the right file? Templates, messages and zone files are far smaller.',
      });
    }
    const content = await handle.readFile({ encoding: 'utf8' });
    return { path, name: basename(path), kind, content };
  } finally {
    await handle.close();
  }
}
