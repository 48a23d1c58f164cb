import { describe, expect, it } from 'vitest';
import { lint } from '../../../shared/lint/index';
import { compileMjml } from '../../../electron/services/editor/compile';

const mjml = `<mjml>
  <mj-head>
    <mj-title>Spring sale</mj-title>
  </mj-head>
  <mj-body>
    <mj-section>
      <mj-column>
        <mj-text>Spring is here and so is our sale on garden tools.</mj-text>
        <mj-image src="http://example.com/hero.png" />
        <mj-button href="http://example.com/sale">Shop the sale</mj-button>
        <mj-text><a href="https://bit.ly/spring">click here</a></mj-text>
        <mj-text>Results guaranteed!</mj-text>
      </mj-column>
    </mj-section>
  </mj-body>
</mjml>`;
const lineOf = (needle: string) => mjml.split('\n').findIndex((line) => line.includes(needle)) + 1;

describe('findings on compiled MJML point at the MJML source', () => {
  it('maps each finding to the line of the mj-* element (or tag inside mj-text) that produced it', async () => {
    const compiled = await compileMjml(mjml, { validationLevel: 'soft', minify: false });
    const findings = lint({ kind: 'mjml', source: mjml, compiledHtml: compiled.html! }).findings;
    const lineFor = (rule: string) => findings.find((f) => f.rule === rule)?.range?.startLine;
    expect(lineFor('http-image')).toBe(lineOf('<mj-image'));
    expect(lineFor('http-link')).toBe(lineOf('<mj-button'));
    // A SpamAssassin body rule (BANG_GUAR) matched in the rendered text points at the mj-text it came from.
    expect(lineFor('BANG_GUAR')).toBe(lineOf('Results guaranteed!'));
    expect(lineFor('vague-link-text')).toBe(lineOf('bit.ly'));
    // Nothing may point past the MJML file, even though the compiled HTML is many times longer.
    const lines = mjml.split('\n').length;
    for (const finding of findings) expect(finding.range!.endLine).toBeLessThanOrEqual(lines);
  });

  it('reports an unclosed mj-* tag that mjml compiles silently', async () => {
    const broken = mjml.replace('</mj-section>', '');
    const compiled = await compileMjml(broken, { validationLevel: 'soft', minify: false });
    const unclosed = lint({ kind: 'mjml', source: broken, compiledHtml: compiled.html ?? '' }).findings.find((f) => f.rule === 'mjml-unclosed-tag');
    expect(unclosed?.range?.startLine).toBe(lineOf('<mj-section>'));
    expect(unclosed?.message).toBe('<mj-section> is not closed.');
  });
});

describe('client support for MJML', () => {
  it("judges what the author wrote, not mjml's own boilerplate CSS", async () => {
    const plain = await compileMjml(mjml, { validationLevel: 'soft', minify: false });
    const boilerplate = lint({ kind: 'mjml', source: mjml, compiledHtml: plain.html! }).findings.filter((f) => f.family === 'compatibility');
    // The raw HTML uses outline, word-spacing, overflow, @media… all written by mjml, none by the author.
    expect(lint({ kind: 'html', source: plain.html! }).findings.filter((f) => f.family === 'compatibility').length).toBeGreaterThan(3);
    expect(boilerplate.filter((f) => f.severity !== 'info').map((f) => f.rule)).toEqual([]);
    const styled = mjml.replace('</mj-head>', '<mj-style inline="inline">.row { display: flex; }</mj-style></mj-head>').replace('<mj-text>', '<mj-text css-class="row">');
    const compiled = await compileMjml(styled, { validationLevel: 'soft', minify: false });
    const flex = lint({ kind: 'mjml', source: styled, compiledHtml: compiled.html! }).findings.find((f) => f.rule === 'caniemail/css-display-flex');
    expect(['error', 'warning']).toContain(flex?.severity);
  });
});
