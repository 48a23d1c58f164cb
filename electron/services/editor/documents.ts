import { statSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import type { DocumentLanguage, OpenedDocument } from '../../../shared/contract/editor';
import { AppError } from '../../../shared/contract/errors';
import { extensionOf } from '../../../shared/shell/files';
import { writeFileAtomic } from '../../fs/atomic';
import type { Runtime } from '../runtime';
import { checkOpenablePath, readOpenableFile } from '../shell/open-file';
import { addRecent } from '../shell/recent';

/** The editor's language for a template file; .html and .htm are HTML, everything else it opens is MJML. */
export function languageOf(path: string): DocumentLanguage {
  return extensionOf(path) === 'mjml' ? 'mjml' : 'html';
}

/** Checks the path is a template (not a message or zone file, which other tools open). */
function checkTemplatePath(path: string): string {
  const checked = checkOpenablePath(path);
  if (checked.kind !== 'template') {
    throw new AppError('invalid_input', `${basename(path)} is not an email template.`, {
      file: path,
      hint: 'The editor opens and saves .mjml, .html and .htm files; other files open in their own tool.',
    });
  }
  return checked.path;
}

export async function openDocument(rt: Runtime, path: string): Promise<OpenedDocument> {
  const file = await readOpenableFile(checkTemplatePath(path));
  addRecent(rt, file.path);
  return { path: file.path, title: file.name, language: languageOf(file.path), source: file.content };
}

/** Save and save as: atomic, so a crash mid-write leaves the old file whole. */
export function saveDocument(rt: Runtime, path: string, source: string): { path: string; title: string; language: DocumentLanguage; bytes: number } {
  const file = checkTemplatePath(path);
  assertFolder(file);
  try {
    writeFileAtomic(file, source);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    throw new AppError('io_error', `Cannot write ${basename(file)} (${code}).`, { file, hint: 'Check that the folder exists and you may write to it, or choose another place with Save as.' });
  }
  addRecent(rt, file);
  return { path: file, title: basename(file), language: languageOf(file), bytes: Buffer.byteLength(source) };
}

/** Every file the editor writes goes into an existing folder: a typo in a path must not scatter files. */
export function assertFolder(file: string): void {
  const folder = dirname(file);
  let isFolder = false;
  try {
    isFolder = statSync(folder).isDirectory();
  } catch {
    isFolder = false;
  }
  if (!isFolder) {
    throw new AppError('not_found', `The folder ${folder} does not exist.`, { file, hint: 'Create the folder first or choose another place.' });
  }
}
