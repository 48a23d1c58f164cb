import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint, SPAM_THRESHOLD } from '../../../shared/lint/index';

const root = join(__dirname, '../../fixtures/templates');
const templates = readdirSync(root).flatMap((sender) =>
  readdirSync(join(root, sender))
    .filter((file) => file.endsWith('.html'))
    .map((file) => ({ name: `${sender}/${file}`, source: readFileSync(join(root, sender, file), 'utf8') })),
);

describe('real templates from reputable senders (Postmark, Cerberus, Lee Munroe)', () => {
  it('finds all thirteen fixtures', () => {
    expect(templates.length).toBe(13);
  });

  for (const { name, source } of templates) {
    it(`${name}: no spam-family error, spam score under SpamAssassin's threshold, every range inside the file`, () => {
      const result = lint({ kind: 'html', source });
      const spamErrors = result.findings.filter((f) => f.family === 'spam' && f.severity === 'error');
      expect(spamErrors.map((f) => f.message)).toEqual([]);
      expect(result.spamScore).toBeLessThan(SPAM_THRESHOLD);
      const lines = source.split('\n').length;
      for (const finding of result.findings) {
        expect(finding.range!.startLine).toBeGreaterThanOrEqual(1);
        expect(finding.range!.endLine).toBeLessThanOrEqual(lines);
      }
      expect(result.clients.map((c) => c.client)).toContain('outlook.windows');
    });
  }

  // Low contrast is SpamAssassin's call (HTML.pm assumes a white page; real spamd scores HTML_FONT_LOW_CONTRAST on
  // cerberus/fluid.html too), so only Mailbench's own hidden-text check is asserted here.
  it('does not score the hidden-preheader idiom as hidden text', () => {
    // Cerberus hides its preheader with display:none + max-height:0 and pads it with &zwnj;&nbsp; (a second hidden div);
    // Postmark hides it with a .preheader class in <style>.
    for (const name of ['cerberus/fluid.html', 'cerberus/responsive.html', 'postmark/welcome.html', 'leemunroe/email-inlined.html']) {
      const { source } = templates.find((t) => t.name === name)!;
      const rules = lint({ kind: 'html', source }).findings.map((f) => f.rule);
      expect(rules, name).not.toContain('HIDDEN_TEXT');
      expect(rules, name).not.toContain('preheader');
    }
  });

  it('flags hidden text that is not a preheader (after visible content)', () => {
    const { source } = templates.find((t) => t.name === 'postmark/welcome.html')!;
    const stuffed = source.replace('</body>', '<div style="display:none">win cash now win cash now</div></body>');
    expect(lint({ kind: 'html', source: stuffed }).findings.map((f) => f.rule)).toContain('HIDDEN_TEXT');
  });
});
