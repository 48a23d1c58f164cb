/**
 * The starters a new user opens first must not earn a finding of their own (#14, #18): no spam rule with points, no
 * hard-to-read text. SpamAssassin's HTML_FONT_LOW_CONTRAST (0.713 in score set 0) used to fire on all five: mj-preview
 * paints the hidden preheader #ffffff, and HTML.pm compares it with its default white background (it never reads
 * the <body>'s style), so every MJML preheader reads as white-on-white hidden text. The starters colour the preheader's
 * text themselves; real spamd agrees with the engine on the before and after (checked by hand with
 * test/spam-reference/run-spamd.ts on the wrapped starters).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileMjml } from '../../../electron/services/editor/compile';
import { lint, type LintResult } from '../../../shared/lint/index';
import { INFORMATIONAL_POINTS } from '../../../shared/lint/rules/spam/index';

const starters = join(__dirname, '../../../resources/starters');
const results = new Map<string, LintResult>();

beforeAll(async () => {
  for (const file of readdirSync(starters).filter((f) => f.endsWith('.mjml')).sort()) {
    const source = readFileSync(join(starters, file), 'utf8');
    const compiled = await compileMjml(source, { validationLevel: 'soft', minify: false });
    if (!compiled.html) throw new Error(`starter ${file} does not compile: ${compiled.issues.map((i) => i.message).join('; ')}`);
    results.set(file, lint({ kind: 'mjml', source, compiledHtml: compiled.html }));
  }
}, 60_000);

describe('starters open without a finding of their own', () => {
  it('lints all five starters', () => {
    expect([...results.keys()]).toEqual(['announcement.mjml', 'newsletter.mjml', 'password-reset.mjml', 'promotion.mjml', 'receipt.mjml']);
  });

  it('fires no spam rule with points (only the 0.001-point informational rules SpamAssassin adds to any HTML mail)', () => {
    const scoring = [...results].flatMap(([file, r]) => r.spamHits.filter((h) => h.score >= INFORMATIONAL_POINTS).map((h) => `${file}: ${h.rule} ${h.score}`));
    expect(scoring).toEqual([]);
    const spamFindings = [...results].flatMap(([file, r]) => r.findings.filter((f) => f.family === 'spam').map((f) => `${file}: ${f.rule}`));
    expect(spamFindings).toEqual([]);
    for (const [file, r] of results) expect(r.spamScore, file).toBeLessThan(INFORMATIONAL_POINTS);
  });

  it('has no low-contrast text (WCAG AA) and keeps its preheader', () => {
    const found = [...results].flatMap(([file, r]) => r.findings.filter((f) => f.rule === 'low-contrast' || f.rule === 'preheader').map((f) => `${file}: ${f.rule} ${f.message}`));
    expect(found).toEqual([]);
  });
});
