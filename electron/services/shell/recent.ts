import { existsSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { z } from 'zod';
import { AppError } from '../../../shared/contract/errors';
import { RecentDocument } from '../../../shared/contract/shell';
import type { Runtime } from '../runtime';
import { checkOpenablePath } from './open-file';

const KEY = 'shell.recent';
const LIMIT = 10;
const Stored = z.array(RecentDocument).max(20);

/** Recent documents that still exist, newest first. */
export function listRecent(rt: Runtime): { documents: RecentDocument[] } {
  const documents = rt.settings.get(KEY, Stored, []).filter((doc) => existsSync(doc.path));
  return { documents };
}

export function addRecent(rt: Runtime, rawPath: string): { documents: RecentDocument[] } {
  const { path, kind } = checkOpenablePath(rawPath);
  if (!existsSync(path) || !statSync(path).isFile()) {
    throw new AppError('not_found', `${basename(path)} is not a file on this computer.`, { file: path, hint: 'Save the document first, then it is remembered.' });
  }
  const documents = [{ path, name: basename(path), kind }, ...listRecent(rt).documents.filter((doc) => doc.path !== path)].slice(0, LIMIT);
  return save(rt, documents);
}

export const clearRecent = (rt: Runtime): { documents: RecentDocument[] } => save(rt, []);

function save(rt: Runtime, documents: RecentDocument[]): { documents: RecentDocument[] } {
  rt.settings.set(KEY, Stored, documents);
  rt.dispatcher.emit('shell.recentChanged', { documents });
  return { documents };
}
