import { createHash } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { dirname, resolve } from 'node:path';
import type { LintConfig } from '../../../shared/lint/config';
import type { LintInput } from '../../../shared/lint/index';
import type { FileReport } from './format';
import type { FileLint } from './lint-file';
import { LintPool, lintWorkerFile } from './pool';
import { displayPath, expandTargets } from './targets';

export interface LintRun {
  reports: FileReport[];
  /** Files that could not be read, with why; the others are still linted. */
  unreadable: Array<{ file: string; reason: string }>;
  /** Globs that matched nothing. */
  unmatched: string[];
}

export interface LintRunOptions {
  /** Worker threads (`--jobs`); one per core by default. One, or one file, lints on the calling thread. */
  jobs?: number;
}

/**
 * What decides a file's lint besides the run's config: its bytes, its kind, and for MJML its folder, as
 * mjml is given the file's path to resolve mj-include from (ignored by mjml 5's defaults today, so this
 * only costs a second compile of a copy kept in another folder). Files with the same key lint once per run.
 */
function sameLintKey(kind: LintInput['kind'], file: string, cwd: string, bytes: Uint8Array): string {
  const hash = createHash('sha256').update(kind).update('\0');
  if (kind === 'mjml') hash.update(dirname(resolve(cwd, file)));
  return hash.update('\0').update(bytes).digest('hex');
}

/**
 * Lints files and globs the way the CLI and CI see them. Files are read here in order and linted on
 * worker threads (pool.ts); reports keep the order of the files whatever order the workers finish in.
 */
export async function lintFiles(targets: readonly string[], cwd: string, config: LintConfig, options: LintRunOptions = {}): Promise<LintRun> {
  const unreadable: LintRun['unreadable'] = [];
  const { files, unmatched } = await expandTargets(targets, cwd, config.ignore);
  const jobs = Math.min(options.jobs ?? availableParallelism(), files.length);
  const workerFile = jobs > 1 ? lintWorkerFile() : undefined;
  const pool = workerFile ? LintPool.start(jobs, config, workerFile) : undefined;
  const linted = new Map<string, Promise<FileLint>>();
  const ordered: Array<{ file: string; lint: Promise<FileLint> }> = [];
  try {
    // Loaded after the workers were started. With workers the main thread only reads files and sorts them by
    // kind, so it never loads the engine (2.9 MB, 0.1-0.15 s of CPU); with one job it lints, and loads it here.
    const [{ kindOf }, { readTargetBytes }] = await Promise.all([import('../../../shared/lint/kind'), import('./read-target')]);
    const lintBytes = pool ? undefined : (await import('./lint-file')).lintBytes;
    for (const file of files) {
      await pool?.roomForMore();
      const read = await readTargetBytes(file, cwd);
      const shown = displayPath(file, cwd);
      if (!read.ok) {
        unreadable.push({ file: shown, reason: read.reason });
        continue;
      }
      const kind = kindOf(file);
      const key = sameLintKey(kind, file, cwd, read.bytes);
      let lint = linted.get(key);
      if (!lint) {
        lint = pool ? pool.lint(file, read.bytes, { mjml: kind === 'mjml' }) : lintBytes!(file, read.bytes, config);
        // Awaited in order below; until then a failure must not count as unhandled.
        lint.catch(() => undefined);
        linted.set(key, lint);
      }
      // On the calling thread one file at a time, so memory holds one file's bytes, not the run's.
      if (!pool) await lint;
      ordered.push({ file: shown, lint });
    }
    const reports: FileReport[] = [];
    for (const { file, lint } of ordered) reports.push({ file, ...(await lint) });
    return { reports, unreadable, unmatched };
  } finally {
    await pool?.close();
  }
}
