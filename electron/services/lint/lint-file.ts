import type { LintConfig } from '../../../shared/lint/config';
import { lint, type LintNote, type SpamHit } from '../../../shared/lint/index';
import type { Finding } from '../../../shared/model/finding';
import { inputFrom } from './inputs';

/** One file's lint outcome, without its name: the same bytes (and folder, for MJML) lint the same. */
export interface FileLint {
  spamScore: number;
  findings: Finding[];
  spamHits: SpamHit[];
  notes: LintNote[];
}

/** Lints one file's bytes as read from disk; the same on the main thread and in a lint worker. */
export async function lintBytes(file: string, bytes: Uint8Array, config: LintConfig): Promise<FileLint> {
  const { input, extra } = await inputFrom(file, bytes);
  const result = lint(input, { config });
  return { spamScore: result.spamScore, findings: [...extra, ...result.findings], spamHits: result.spamHits, notes: result.notes };
}
