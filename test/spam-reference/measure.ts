/**
 * The arithmetic of the fidelity test: per-rule agreement between two engines' hits, agreement of totals, ROC AUC.
 * Pure functions over plain data, so the figures can be checked by hand on small inputs.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Verdict {
  score: number;
  rules: ReadonlySet<string>;
}

export interface RuleAgreement {
  rule: string;
  /** Messages where both engines hit the rule, only ours, only SpamAssassin. */
  both: number;
  oursOnly: number;
  referenceOnly: number;
  precision: number;
  recall: number;
  f1: number;
}

/** Agreement for each of `rules` that fires in either engine on any message; pairs are [ours, SpamAssassin]. */
export function ruleAgreement(pairs: ReadonlyArray<readonly [Verdict, Verdict]>, rules: Iterable<string>): RuleAgreement[] {
  const out: RuleAgreement[] = [];
  for (const rule of rules) {
    let both = 0;
    let oursOnly = 0;
    let referenceOnly = 0;
    for (const [ours, reference] of pairs) {
      const a = ours.rules.has(rule);
      const b = reference.rules.has(rule);
      if (a && b) both++;
      else if (a) oursOnly++;
      else if (b) referenceOnly++;
    }
    if (both + oursOnly + referenceOnly === 0) continue;
    const precision = both + oursOnly ? both / (both + oursOnly) : 0;
    const recall = both + referenceOnly ? both / (both + referenceOnly) : 0;
    out.push({ rule, both, oursOnly, referenceOnly, precision, recall, f1: (2 * both) / (2 * both + oursOnly + referenceOnly) });
  }
  return out.sort((a, b) => a.f1 - b.f1 || a.rule.localeCompare(b.rule));
}

export function median(values: readonly number[]): number {
  if (!values.length) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** ROC AUC of a score separating positives from negatives: P(score(pos) > score(neg)), ties counting half. */
export function rocAuc(positives: readonly number[], negatives: readonly number[]): number {
  if (!positives.length || !negatives.length) return Number.NaN;
  let wins = 0;
  for (const p of positives) for (const n of negatives) wins += p > n ? 1 : p === n ? 0.5 : 0;
  return wins / (positives.length * negatives.length);
}

/**
 * Names of the rules SpamAssassin's installed rule files define (not `__` sub-rules): the rules a per-rule
 * comparison can mean. Mailbench-only rules are not among them.
 */
export function spamAssassinRuleNames(dir = '/usr/share/spamassassin'): Set<string> {
  const names = new Set<string>();
  for (const file of readdirSync(dir)) {
    if (!file.endsWith('.cf')) continue;
    for (const match of readFileSync(join(dir, file), 'latin1').matchAll(/^\s*(?:header|body|rawbody|uri|full|mimeheader|meta)\s+([A-Z0-9][A-Za-z0-9_]*)\s/gm)) names.add(match[1]!);
  }
  return names;
}
