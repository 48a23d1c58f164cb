import { parseArgs } from 'node:util';
import { spamRuleCatalog, type SpamRuleInfo } from '../../../shared/lint/rules/spam/index';
import { type Command, EXIT, UsageError } from '../command';

/** A rule's family: the SpamAssassin rule file it comes from, without its order prefix (`20_html_tests.cf` -> html_tests). */
export const familyOf = (file: string): string => file.replace(/^\d+_/, '').replace(/\.cf$/, '');

/** One row of `mailbench rules --json`: the public shape (keep the keys). */
export interface RuleRow {
  name: string;
  family: string;
  score: number;
  /** What it looks at: header, body, rawbody, uri, full, mimeheader, meta (or a network rule type). */
  looksAt: string;
  ported: boolean;
  /** Why it is not ported: network, bayes, regex, eval, disabled (score 0 in SpamAssassin) or syntax. */
  notPorted?: string;
  reason?: string;
  describe: string;
}

function row(rule: SpamRuleInfo): RuleRow {
  return {
    name: rule.name,
    family: familyOf(rule.file),
    score: rule.score,
    looksAt: rule.type,
    ported: rule.ported,
    ...(rule.ported ? {} : { notPorted: rule.kind ?? 'eval', ...(rule.reason ? { reason: rule.reason } : {}) }),
    describe: rule.describe,
  };
}

export const rulesCommand: Command = {
  name: 'rules',
  usage: 'mailbench rules [--json]\n  Every SpamAssassin 4.0.1 rule the spam engine knows (sub-rules starting with __ left out): family, score (set 0: offline, no Bayes), what it looks at, and whether it is ported, and if not, why.',
  run(args, io) {
    const { values, positionals } = parseArgs({ args, allowPositionals: true, strict: true, options: { json: { type: 'boolean' } } });
    if (positionals.length) throw new UsageError(`rules takes no file (got ${positionals[0]}); try mailbench rules --json.`);
    const rows = spamRuleCatalog()
      .filter((rule) => !rule.name.startsWith('__'))
      .map(row)
      .sort((a, b) => a.name.localeCompare(b.name));
    const ported = rows.filter((r) => r.ported).length;
    const why = new Map<string, number>();
    for (const r of rows) if (r.notPorted) why.set(r.notPorted, (why.get(r.notPorted) ?? 0) + 1);
    const reasons = [...why].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    const summary = { rules: rows.length, ported, notPorted: Object.fromEntries(reasons) };
    if (values.json) {
      io.out(JSON.stringify({ engine: 'SpamAssassin 4.0.1 rules, score set 0', summary, rules: rows }, null, 2));
      return Promise.resolve(EXIT.ok);
    }
    const width = Math.max(...rows.map((r) => r.name.length), 4);
    io.out(`${'rule'.padEnd(width)}  ${'family'.padEnd(18)} ${'looks at'.padEnd(10)} ${'score'.padStart(6)}  ported`);
    for (const r of rows) {
      const status = r.ported ? 'yes' : `no: ${r.notPorted}${r.reason ? ` (${r.reason})` : ''}`;
      io.out(`${r.name.padEnd(width)}  ${r.family.padEnd(18)} ${r.looksAt.padEnd(10)} ${r.score.toFixed(3).padStart(6)}  ${status}`);
    }
    io.out(`${rows.length} rules: ${ported} ported, ${rows.length - ported} not (${reasons.map(([kind, n]) => `${kind} ${n}`).join(', ')}).`);
    return Promise.resolve(EXIT.ok);
  },
};
