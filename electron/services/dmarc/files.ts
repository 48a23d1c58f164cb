import { constants, type Dirent } from 'node:fs';
import { open, opendir, realpath, stat } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';
import { AppError } from '../../../shared/contract/errors';
import { budget, mib, refuse } from './budget';

/** What a path argument may name: a file, a folder (walked, hidden entries skipped) or a glob. */
export type Found = { path: string } | { path: string; refused: string };

/** Names a report file may have. Folders yield only these; a file named outright with another is refused by its name, before it is opened. */
const reportExtensions = ['.xml', '.gz', '.zip', '.json', '.eml'] as const;
const isReportName = (name: string) => reportExtensions.some((extension) => name.toLowerCase().endsWith(extension));
const wrongName = 'Mailbench reads reports from .xml, .xml.gz, .zip, .json, .json.gz and .eml files; rename the file if it is one.';
/** One answer for a name that is missing or cannot be read, so an import is no oracle for what exists. */
const cannotReadReason = 'No such file or folder, or not one you may read.';

const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);
/** Folders deeper than this below the one named are not walked (a mail archive is two or three deep). */
const MAX_DEPTH = 8;

/**
 * The files that the given arguments name, one at a time, so a folder of a hundred thousand
 * reports is never listed whole in memory. Symbolic links to folders are not followed (no
 * loops); a name that matches nothing is reported, not thrown, so the rest still imports.
 */
export async function* expandInputs(inputs: readonly string[], cwd: string): AsyncGenerator<Found> {
  for (const input of inputs) {
    const path = isAbsolute(input) ? input : resolve(cwd, input);
    let info;
    try {
      info = await stat(path);
    } catch {
      info = undefined;
    }
    // A name that exists is that file, even when it looks like a pattern (report names hold "!").
    if (info?.isDirectory()) yield* walk(path, 0);
    else if (isDynamicPattern(input) && !info) {
      const matches = await glob(input, { cwd, absolute: true, onlyFiles: true, dot: false, followSymbolicLinks: false });
      const reports = matches.filter(isReportName).sort();
      if (reports.length === 0) yield { path: input, refused: 'No report file (.xml, .gz, .zip, .json, .eml) matches this pattern.' };
      for (const match of reports) yield { path: match };
    } else if (!isReportName(path)) yield { path: input, refused: wrongName };
    else yield info ? { path } : { path: input, refused: cannotReadReason };
  }
}

async function* walk(folder: string, depth: number): AsyncGenerator<Found> {
  if (depth > MAX_DEPTH) return;
  const entries: Dirent[] = [];
  for await (const entry of await opendir(folder)) if (!entry.name.startsWith('.')) entries.push(entry);
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) yield* walk(path, depth + 1);
    else if ((entry.isFile() || entry.isSymbolicLink()) && isReportName(entry.name)) yield { path };
  }
}

/**
 * The bytes of one report file: a regular file (a link is followed to one), opened without
 * blocking (a FIFO cannot hang the import) and read up to the budget, checked on the open
 * descriptor so a swap after the check cannot make it larger.
 */
export async function readReportBytes(path: string): Promise<Buffer> {
  const cannot = () => new AppError('not_found', cannotReadReason, { file: path, hint: 'Check the path; folders are walked, devices and pipes are not read.' });
  let handle;
  try {
    // The name a link leads to must be a report's too: a report.xml link to ~/.ssh/id_rsa is not read.
    const real = await realpath(path);
    if (!isReportName(real)) throw new Error('not a report name');
    handle = await open(real, OPEN_FLAGS);
  } catch {
    throw cannot();
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw cannot();
    if (info.size > budget.fileBytes) {
      throw refuse(path, `The file is ${mib(info.size)}, above the ${mib(budget.fileBytes)} Mailbench reads for one report.`, 'Real reports are far smaller; check that this is a DMARC or TLS report.');
    }
    const buffer = Buffer.alloc(info.size);
    let at = 0;
    while (at < buffer.length) {
      const { bytesRead } = await handle.read(buffer, at, buffer.length - at, at);
      if (bytesRead === 0) break;
      at += bytesRead;
    }
    return at === buffer.length ? buffer : buffer.subarray(0, at);
  } finally {
    await handle.close();
  }
}
