import type { Severity } from '../../../shared/model/finding';
import { allRules, type RuleMeta } from '../../../shared/lint/index';
import { type FileReport, position } from './format';

/*
 * Apart from the other formats: SARIF names each rule with its description, so it loads the engine's rule
 * metadata, which `--format json` and `text` runs with worker threads never load on the main thread.
 */

const sarifLevel: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

/** SARIF 2.1.0 as GitHub code scanning takes it: relative URIs, one run, the rules that fired. */
export function formatSarif(reports: readonly FileReport[], version: string): string {
  const metas = new Map<string, RuleMeta>(allRules().map((rule) => [rule.id, rule]));
  const used = [...new Set(reports.flatMap((r) => r.findings.map((f) => f.rule)))].sort();
  const index = new Map(used.map((id, i) => [id, i]));
  const rules = used.map((id) => {
    const rule = metas.get(id);
    return {
      id,
      shortDescription: { text: rule?.message ?? id },
      fullDescription: { text: rule?.why ?? id },
      help: { text: rule?.fix ?? '' },
      defaultConfiguration: { level: sarifLevel[rule?.severity ?? 'warning'] },
      properties: { tags: [rule?.family ?? 'structure'], ...(rule?.source ? { source: rule.source } : {}) },
    };
  });
  const results = reports.flatMap((report) =>
    report.findings.map((finding) => {
      const { line, column } = position(finding);
      return {
        ruleId: finding.rule,
        ruleIndex: index.get(finding.rule)!,
        level: sarifLevel[finding.severity],
        message: { text: `${finding.message} ${finding.fix}`.trim() },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: report.file.split('\\').join('/'), uriBaseId: '%SRCROOT%' },
              region: {
                startLine: line,
                startColumn: column,
                endLine: Math.max(line, finding.range?.endLine ?? line),
                endColumn: Math.max(1, finding.range?.endColumn ?? column),
              },
            },
          },
        ],
        ...(finding.score !== undefined ? { properties: { spamScore: finding.score } } : {}),
      };
    }),
  );
  return JSON.stringify(
    {
      $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
      version: '2.1.0',
      runs: [{ tool: { driver: { name: 'Mailbench', version, informationUri: 'https://github.com/mailbench/mailbench', rules } }, results }],
    },
    null,
    2,
  );
}
