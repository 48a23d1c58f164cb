import { constants } from 'node:fs';
import { type FileHandle, open, realpath } from 'node:fs/promises';
import { basename, isAbsolute } from 'node:path';
import { AppError } from '../../shared/contract/errors';
import { extensionOf, type FileKind, fileKinds } from '../../shared/shell/files';

/**
 * The one way a path from outside (an RPC field, a dropped file, a CLI argument) becomes bytes.
 * Only regular files of the expected kind are read, and never more than the kind's budget:
 * - the name must end in one of the kind's extensions, and so must the file a symlink resolves to
 *   (a `.html` link to /etc/passwd is not a template);
 * - the resolved file is opened without following a link and without blocking (a FIFO would wait
 *   for a writer forever), then checked on the open descriptor: a regular file, not a device such as
 *   /dev/zero, no larger than the budget (a swap after the check cannot grow what is read: reads stop
 *   at the budget too);
 * - every failure past the name says the same "cannot read": a missing file, a folder, a device, a
 *   link elsewhere or no permission look alike, so a caller learns nothing about files it may not read.
 */
export type InputKind = FileKind | 'espExport';

const MB = 1024 * 1024;

interface InputSpec {
  /** What the file is, in a sentence ("a template"). */
  noun: string;
  extensions: readonly string[];
  maxBytes: number;
}

const nouns: Record<FileKind, string> = { template: 'an email template', message: 'an email message', zone: 'a DNS zone file' };

export const inputKinds: Record<InputKind, InputSpec> = {
  ...(Object.fromEntries(
    (Object.keys(fileKinds) as FileKind[]).map((kind) => [kind, { noun: nouns[kind], extensions: fileKinds[kind].extensions, maxBytes: fileKinds[kind].maxBytes }]),
  ) as Record<FileKind, InputSpec>),
  // Streamed, so the budget bounds time, not memory: 2 GB is several million events, longer than any real day's export.
  espExport: { noun: 'an ESP event export', extensions: ['json', 'ndjson', 'jsonl', 'csv', 'txt'], maxBytes: 2048 * MB },
};

const MAX_PATH = 4096;
// Not defined on Windows, where neither FIFOs nor O_NOFOLLOW exist in this form.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

/** A checked, open input: read it with `readAll` or `chunks`, then `close`. */
export interface OpenedInput {
  /** The path as given (what the person chose, what errors and recents show). */
  path: string;
  name: string;
  kind: InputKind;
  size: number;
  readAll(): Promise<Buffer>;
  chunks(chunkBytes: number): AsyncGenerator<Buffer>;
  close(): Promise<void>;
}

/** The path string itself: a bounded absolute path without NUL. Says nothing about the file. */
export function checkInputPath(raw: unknown): string {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > MAX_PATH || raw.includes('\0')) {
    throw new AppError('invalid_input', 'That is not a file path Mailbench can open.', { hint: 'Pass the absolute path of the file.' });
  }
  if (!isAbsolute(raw)) {
    throw new AppError('invalid_input', `${raw.slice(0, 200)} is not an absolute path.`, { file: raw.slice(0, 200), hint: 'Pass the full path of the file.' });
  }
  return raw;
}

const hasKindExtension = (path: string, spec: InputSpec) => spec.extensions.includes(extensionOf(path));
const extensionList = (spec: InputSpec) => spec.extensions.map((extension) => `.${extension}`).join(', ');

function cannotRead(path: string, spec: InputSpec): AppError {
  return new AppError('not_found', `Cannot read ${basename(path)}: no such file, or not a regular file you may read.`, {
    file: path,
    hint: `Choose ${spec.noun} (${extensionList(spec)}) that exists; folders, devices and links to files of another kind are not read.`,
  });
}

function tooLarge(path: string, spec: InputSpec, size?: number): AppError {
  const limit = `${spec.maxBytes / MB} MB`;
  const what = size === undefined ? `grew past the ${limit} limit for ${spec.noun} while it was read` : `is ${Math.ceil(size / MB)} MB, over the ${limit} limit for ${spec.noun}`;
  return new AppError('invalid_input', `${basename(path)} ${what}.`, {
    file: path,
    hint: `Mailbench reads ${spec.noun} up to ${limit} (README, "Budgets"). Is this the right file? If it is, split or trim it below the limit.`,
  });
}

/** Opens `raw` as a file of `kind`, or throws an AppError that does not reveal more than "cannot read". */
export async function openInput(raw: unknown, kind: InputKind): Promise<OpenedInput> {
  const path = checkInputPath(raw);
  const spec = inputKinds[kind];
  if (!hasKindExtension(path, spec)) {
    throw new AppError('invalid_input', `Mailbench does not read ${basename(path)} as ${spec.noun}.`, { file: path, hint: `Choose a file ending in ${extensionList(spec)}.` });
  }
  let handle: FileHandle;
  try {
    const real = await realpath(path);
    if (!hasKindExtension(real, spec)) throw cannotRead(path, spec);
    handle = await open(real, OPEN_FLAGS);
  } catch (error) {
    throw error instanceof AppError ? error : cannotRead(path, spec);
  }
  let size: number;
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) throw cannotRead(path, spec);
    if (stat.size > spec.maxBytes) throw tooLarge(path, spec, stat.size);
    size = stat.size;
  } catch (error) {
    await handle.close();
    throw error instanceof AppError ? error : cannotRead(path, spec);
  }

  async function* chunks(chunkBytes: number): AsyncGenerator<Buffer> {
    let total = 0;
    for (;;) {
      const buffer = Buffer.allocUnsafe(chunkBytes);
      const { bytesRead } = await handle.read(buffer, 0, chunkBytes, null);
      if (bytesRead === 0) return;
      total += bytesRead;
      // The file grew after the check (a log still being written, a swap): stop at the budget all the same.
      if (total > spec.maxBytes) throw tooLarge(path, spec);
      yield buffer.subarray(0, bytesRead);
    }
  }

  return {
    path,
    name: basename(path),
    kind,
    size,
    chunks,
    async readAll() {
      const parts: Buffer[] = [];
      for await (const part of chunks(Math.min(Math.max(size, 1) + 1, 4 * MB))) parts.push(part);
      return Buffer.concat(parts);
    },
    close: () => handle.close(),
  };
}

/** The whole file as bytes, for inputs that are parsed in one piece (templates, messages, zones). */
export async function readInput(raw: unknown, kind: InputKind): Promise<{ path: string; name: string; bytes: Buffer }> {
  const input = await openInput(raw, kind);
  try {
    return { path: input.path, name: input.name, bytes: await input.readAll() };
  } finally {
    await input.close();
  }
}
