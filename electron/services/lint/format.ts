import type { Finding, Severity } from '../../../shared/model/finding';
import type { LintNote, SpamHit } from '../../../shared/lint/index';

export interface FileReport {
  file: string;
  spamScore: number;
  findings: Finding[];
  /** The spam score's breakdown: every spam rule that hit, informational ones included. */
  spamHits: SpamHit[];
  notes: LintNote[];
}

/** The run's notes, each once (the same for every file): the text output gives them a line each, not a line per file. */
export function distinctNotes(reports: readonly FileReport[]): LintNote[] {
  const seen = new Map<string, LintNote>();
  for (const report of reports) for (const note of report.notes) if (!seen.has(`${note.id}\0${note.message}`)) seen.set(`${note.id}\0${note.message}`, note);
  return [...seen.values()];
}

export const position = (finding: Finding) => ({ line: finding.range?.startLine ?? 1, column: finding.range?.startColumn ?? 1 });

const severityOrder: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/**
 * Findings of each file grouped by rule and severity, errors first: a `severity rule (count)` line, then one
 * `file:line:col message` line per place (editors and CI logs link those). Info is left out unless asked for;
 * the JSON and SARIF outputs keep everything.
 */
export function formatText(reports: readonly FileReport[], options: { includeInfo?: boolean } = {}): string {
  const lines: string[] = [];
  for (const report of reports) {
    const groups = new Map<string, Finding[]>();
    for (const finding of report.findings) {
      if (finding.severity === 'info' && !options.includeInfo) continue;
      const key = `${finding.severity} ${finding.rule}`;
      const group = groups.get(key);
      if (group) group.push(finding);
      else groups.set(key, [finding]);
    }
    if (groups.size === 0) continue;
    lines.push(report.file);
    const ordered = [...groups.entries()].sort(([, [a]], [, [b]]) => severityOrder[a!.severity] - severityOrder[b!.severity] || position(a!).line - position(b!).line);
    for (const [key, group] of ordered) {
      lines.push(`  ${key} (${group.length})`);
      for (const finding of [...group].sort((a, b) => position(a).line - position(b).line)) {
        const { line, column } = position(finding);
        lines.push(`    ${report.file}:${line}:${column} ${finding.message}`);
      }
    }
  }
  return lines.join('\n');
}

/**
 * `{ files: [{ file, spamScore, findings: [{ rule, family, severity, message, line, column, ... }], spamHits: [{ rule,
 * score, description, finding }], notes: [{ id, family, message }] }] }`
 */
export function formatJson(reports: readonly FileReport[]): string {
  return JSON.stringify(
    {
      files: reports.map((report) => ({
        file: report.file,
        spamScore: report.spamScore,
        findings: report.findings.map((finding) => ({
          rule: finding.rule,
          family: finding.family,
          severity: finding.severity,
          message: finding.message,
          ...position(finding),
          endLine: finding.range?.endLine ?? position(finding).line,
          endColumn: finding.range?.endColumn ?? position(finding).column,
          why: finding.why,
          fix: finding.fix,
          ...(finding.score !== undefined ? { score: finding.score } : {}),
        })),
        spamHits: report.spamHits,
        notes: report.notes,
      })),
    },
    null,
    2,
  );
}
