import type { Finding, Severity } from '../../../../shared/model/finding';

/** Families in the order the panel lists them: what blocks delivery first, client support last. */
export const familyOrder = ['spam', 'sender', 'structure', 'links', 'accessibility', 'compatibility'];
const rank: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** One rule's findings in a family: shown as one entry with a count, listing every place. */
export interface RuleGroup {
  rule: string;
  severity: Severity;
  findings: Finding[];
}

/** Groups by family (in `familyOrder`), then by rule and severity, worst first, then by first line. */
export function groupFindings(findings: readonly Finding[]): Array<[family: string, groups: RuleGroup[], count: number]> {
  const byFamily = new Map<string, Map<string, RuleGroup>>();
  for (const finding of findings) {
    let rules = byFamily.get(finding.family);
    if (!rules) byFamily.set(finding.family, (rules = new Map()));
    const key = `${finding.severity} ${finding.rule}`;
    const group = rules.get(key);
    if (group) group.findings.push(finding);
    else rules.set(key, { rule: finding.rule, severity: finding.severity, findings: [finding] });
  }
  const line = (f: Finding) => f.range?.startLine ?? 0;
  return [...byFamily.entries()]
    .sort(([a], [b]) => familyOrder.indexOf(a) - familyOrder.indexOf(b))
    .map(([family, rules]) => {
      const groups = [...rules.values()];
      for (const group of groups) group.findings.sort((x, y) => line(x) - line(y));
      groups.sort((x, y) => rank[x.severity] - rank[y.severity] || line(x.findings[0]!) - line(y.findings[0]!));
      return [family, groups, groups.reduce((sum, g) => sum + g.findings.length, 0)];
    });
}

