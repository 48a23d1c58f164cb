import type { Finding } from '../../../shared/model/finding';

/** What the status bar knows of the open document's lint. */
export interface LintStatusInput {
  findings: readonly Finding[];
  /** Set with every lint result: undefined means never linted. */
  spamScore?: number;
  /** The findings are the lint of the source on screen (not the previous source's while a lint is on its way). */
  current: boolean;
  /** The MJML on screen does not compile: what was linted is the last good compile. */
  broken: boolean;
  /** The latest lint failed. */
  failed: boolean;
}

export interface LintStatus {
  mark: '✖ ' | '▲ ' | '✓ ' | '○ ';
  text: string;
  error: boolean;
}

/** The findings counted by severity: "1 error · 2 warnings · 3 notes". */
function summary(findings: readonly Finding[]): string {
  const count = (severity: Finding['severity']) => findings.filter((finding) => finding.severity === severity).length;
  const parts = [
    [count('error'), 'error'],
    [count('warning'), 'warning'],
    [count('info'), 'note'],
  ] as const;
  const counted = parts
    .filter(([n]) => n > 0)
    .map(([n, word]) => `${n} ${word}${n === 1 ? '' : 's'}`)
    .join(' · ');
  return counted || 'No findings';
}

/**
 * The status bar's lint item. A "✓" or a count stands only for the source on screen: a result of an earlier source
 * (a lint on its way, or one that failed) is shown as the last result, and the MJML that does not compile as the last
 * good compile's.
 */
export function lintStatus({ findings, spamScore, current, broken, failed }: LintStatusInput): LintStatus {
  if (spamScore === undefined && findings.length === 0) return failed ? { mark: '✖ ', text: 'Lint failed', error: true } : { mark: '○ ', text: 'Not linted yet', error: false };
  const result = `${summary(findings)}${spamScore !== undefined ? ` · spam ${(Number(spamScore.toFixed(1)) || 0).toFixed(1)}` : ''}`;
  if (!current) return failed ? { mark: '✖ ', text: `Lint failed · last result: ${result}`, error: true } : { mark: '○ ', text: `Linting… · last result: ${result}`, error: false };
  const errors = findings.some((finding) => finding.severity === 'error');
  // The mark agrees with the findings list: notes alone are not a warning.
  const warnings = findings.some((finding) => finding.severity === 'warning');
  if (broken) return { mark: '✖ ', text: `Does not compile · last good compile: ${result}`, error: true };
  return { mark: errors ? '✖ ' : warnings ? '▲ ' : '✓ ', text: result, error: errors };
}
