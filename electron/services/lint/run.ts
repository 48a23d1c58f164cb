import type { LintConfig } from '../../../shared/lint/config';
import { lint } from '../../../shared/lint/index';
import type { FileReport } from './format';
import { displayPath, expandTargets, readTarget } from './inputs';

export interface LintRun {
  reports: FileReport[];
  /** Files that could not be read, with why; the others are still linted. */
  unreadable: Array<{ file: string; reason: string }>;
  /** Globs that matched nothing. */
  unmatched: string[];
}

/** Lints files and globs the way the CLI and CI see them. */
export async function lintFiles(targets: readonly string[], cwd: string, config: LintConfig): Promise<LintRun> {
  const reports: FileReport[] = [];
  const unreadable: LintRun['unreadable'] = [];
  const unmatched: string[] = [];
  for (const target of targets) {
    const files = await expandTargets([target], cwd, config.ignore);
    if (files.length === 0) unmatched.push(target);
  }
  for (const file of await expandTargets(targets, cwd, config.ignore)) {
    const read = await readTarget(file, cwd);
    const shown = displayPath(file, cwd);
    if (!read.ok) {
      unreadable.push({ file: shown, reason: read.reason });
      continue;
    }
    const result = lint(read.input, { config });
    reports.push({ file: shown, spamScore: result.spamScore, findings: [...read.extra, ...result.findings] });
  }
  return { reports, unreadable, unmatched };
}
