import { describe, expect, it } from 'vitest';
import { formatText } from '../../../electron/services/lint/format';
import { groupFindings } from '../../../renderer/src/features/lint/group';
import type { Finding } from '../../../shared/model/finding';

const finding = (rule: string, family: Finding['family'], severity: Finding['severity'], line: number, message = `${rule} at ${line}`): Finding => ({
  rule,
  family,
  severity,
  message,
  why: 'why',
  fix: 'fix',
  range: { startLine: line, startColumn: 3, endLine: line, endColumn: 9 },
});

const findings = [
  finding('http-link', 'links', 'warning', 12),
  finding('low-contrast', 'accessibility', 'info', 30),
  finding('http-link', 'links', 'warning', 4),
  finding('low-contrast', 'accessibility', 'warning', 20),
  finding('SPAM_WORD', 'spam', 'error', 50),
  finding('low-contrast', 'accessibility', 'warning', 8),
];

describe('findings grouped by rule', () => {
  it('panel: by family in order, then by rule and severity with every place, worst and earliest first', () => {
    const groups = groupFindings(findings);
    expect(groups.map(([family, , count]) => [family, count])).toEqual([['spam', 1], ['links', 2], ['accessibility', 3]]);
    const accessibility = groups[2]![1];
    expect(accessibility.map((g) => [g.severity, g.rule, g.findings.map((f) => f.range!.startLine)])).toEqual([
      ['warning', 'low-contrast', [8, 20]],
      ['info', 'low-contrast', [30]],
    ]);
    expect(groups[1]![1][0]!.findings.map((f) => f.range!.startLine)).toEqual([4, 12]);
  });

  it('CLI text: a severity rule (count) line per group, then file:line:col message, info only when asked', () => {
    const text = formatText([{ file: 'a.html', spamScore: 0, findings, spamHits: [], notes: [] }]);
    expect(text.split('\n')).toEqual([
      'a.html',
      '  error SPAM_WORD (1)',
      '    a.html:50:3 SPAM_WORD at 50',
      '  warning http-link (2)',
      '    a.html:4:3 http-link at 4',
      '    a.html:12:3 http-link at 12',
      '  warning low-contrast (2)',
      '    a.html:8:3 low-contrast at 8',
      '    a.html:20:3 low-contrast at 20',
    ]);
    expect(formatText([{ file: 'a.html', spamScore: 0, findings, spamHits: [], notes: [] }], { includeInfo: true })).toContain('  info low-contrast (1)\n    a.html:30:3 low-contrast at 30');
    expect(formatText([{ file: 'b.html', spamScore: 0, findings: [finding('x', 'structure', 'info', 1)], spamHits: [], notes: [] }])).toBe('');
  });
});
