import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../../../shared/lint/index';
import { compileMjml } from '../../../electron/services/editor/compile';
import { features } from '../../../shared/lint/rules/compatibility/data/caniemail';
import { judgeUse, makePolicy } from '../../../shared/lint/rules/compatibility/policy';
import { html } from './samples';

const compat = (body: string, config = {}, head = '') => lint(html(body, { head }), { config }).findings.filter((f) => f.family === 'compatibility');
const rules = (body: string, config = {}, head = '') => compat(body, config, head).map((f) => f.rule);
const gmail = { clients: ['gmail.desktop-webmail'] };
const noMso = { hasMsoConditionals: false };

describe('compatibility: detection', () => {
  it('detects logical properties as their own caniemail features, not as the physical shorthand', () => {
    const oldApple = { clients: ['outlook.windows'] };
    const uses = (style: string) => rules(`<p style="${style}">A</p>`, oldApple).filter((r) => r !== 'caniemail/css-font-size');
    expect(uses('margin-inline:8px')).toEqual(['caniemail/css-margin-inline-block']);
    expect(uses('padding-block-start:8px')).toEqual(['caniemail/css-padding-block-start-end']);
    expect(uses('margin-inline-end:8px')).toEqual(['caniemail/css-margin-inline-start-end']);
    expect(uses('inset-inline-start:0')).toEqual(['caniemail/css-inset']);
    expect(uses('border-inline-start-color:red')).toEqual(['caniemail/css-border-inline-block-longhand']);
    expect(uses('border-block:1px solid red')).toEqual(['caniemail/css-border-inline-block']);
  });

  it('no longer flags logical margins and paddings for Apple Mail iOS, which supports them (data fix)', () => {
    expect(rules('<p style="margin-inline:8px;padding-block:4px">A</p>', { clients: ['apple-mail.ios'] })).toEqual([]);
  });

  it('MJML: judges a property the author wrote as a whole name, so line-height does not count as height', async () => {
    const source = '<mjml><mj-body><mj-section><mj-column><mj-text line-height="22px">Hello there, a long enough text.</mj-text></mj-column></mj-section></mj-body></mjml>';
    const yahoo = { clients: ['yahoo.desktop-webmail'] };
    const lintMjml = async (mjml: string) => lint({ kind: 'mjml', source: mjml, compiledHtml: (await compileMjml(mjml, { validationLevel: 'soft', minify: false })).html! }, { config: yahoo }).findings.map((f) => f.rule);
    expect(await lintMjml(source)).not.toContain('caniemail/css-height');
    expect(await lintMjml(source.replace('<mj-column>', '<mj-column><mj-image src="https://example.com/a.png" height="40px" alt="A" />'))).toContain('caniemail/css-height');
  });

  it('MJML: a feature written in <mj-style> is reported on its own line, not on <mj-head>', async () => {
    const source = ['<mjml>', '  <mj-head>', '    <mj-style>', '      .row { color: #222; display: flex; }', '    </mj-style>', '  </mj-head>', '  <mj-body><mj-section><mj-column><mj-text css-class="row">Hello there, a long enough text.</mj-text></mj-column></mj-section></mj-body>', '</mjml>'].join('\n');
    const compiledHtml = (await compileMjml(source, { validationLevel: 'soft', minify: false })).html!;
    const flex = lint({ kind: 'mjml', source, compiledHtml }, { config: { clients: ['outlook.windows'] } }).findings.find((f) => f.rule === 'caniemail/css-display-flex');
    expect(flex?.range).toMatchObject({ startLine: 4, startColumn: source.split('\n')[3]!.indexOf('display') + 1 });
  });
});

describe('compatibility: a note is shown only when the value used is the one it is about', () => {
  it('negative margins: a positive margin is supported, a negative one is partial with the note', () => {
    expect(rules('<p style="margin:0 8px">A</p>', gmail)).toEqual([]);
    const audience = { clients: ['gmail.desktop-webmail', 'gmail.android', 'gmail.ios'] };
    const [negative] = compat('<p style="margin:0 -1px">A</p>', audience);
    expect(negative?.rule).toBe('caniemail/css-margin');
    expect(negative?.message).toMatch(/Negative values are not supported/);
  });

  it('!important: lowercase is fine in Gmail web; upper case gets the lowercase note', () => {
    const use = (value: string) => ({ values: [`color:${value}`], tags: ['p'], selectors: [], inline: true, stylesheet: false, inBody: true, nested: false });
    const policy = makePolicy(['gmail.desktop-webmail']);
    expect(judgeUse('css-important', policy, noMso, use('#222 !important'))!.losses).toEqual([]);
    expect(judgeUse('css-important', policy, noMso, use('#222 !IMPORTANT'))!.losses[0]!.notes.join(' ')).toMatch(/Only supported in lowercase/);
  });

  it('text-align: only start/end get the flow-relative note', () => {
    const android = { clients: ['gmail.android'] };
    expect(rules('<p style="text-align:center">A</p>', android)).toEqual([]);
    expect(compat('<p style="text-align:start">A</p>', android)[0]?.message).toMatch(/start.*end/);
  });

  it('@media: a width query is fully supported by Yahoo, prefers-color-scheme is not', () => {
    const yahoo = { clients: ['yahoo.desktop-webmail'] };
    const summary = (css: string) => lint(html('<p>A</p>', { head: `<style>${css}</style>` }), { config: yahoo }).clients[0];
    const plain = summary('p{color:red}')!;
    expect(summary('@media screen and (max-width:600px){p{color:red}}')).toMatchObject({ unsupported: plain.unsupported, partial: plain.partial });
    expect(summary('@media (prefers-color-scheme: dark){p{color:red}}')).toMatchObject({ unsupported: plain.unsupported + 1, partial: plain.partial + 1 });
  });

  it('<style> in the head does not get the "not supported inside <body>" note', () => {
    const inHead = compat('<p>A</p>', {}, '<style>p{color:#222}</style>').find((f) => f.rule === 'caniemail/html-style');
    expect(inHead?.message ?? '').not.toMatch(/inside the `<body>`/);
  });
});

describe('compatibility: stylesheets by what they load', () => {
  const fonts = 'https://fonts.googleapis.com/css?family=Nunito+Sans:400,700';
  it('treats <link> and @import of the same Google Fonts alike: a web font, not the message styles', () => {
    const link = rules('<p>A</p>', {}, `<link rel="stylesheet" href="${fonts}">`);
    const imported = rules('<p>A</p>', {}, `<style>@import url("${fonts}");</style>`);
    expect(link.filter((r) => r.startsWith('caniemail/'))).toEqual([]);
    expect(imported.filter((r) => r.startsWith('caniemail/'))).toEqual([]);
  });

  it('judges <link> and @import of a site stylesheet by share: most of the audience loses the styles', () => {
    const link = compat('<p>A</p>', {}, '<link rel="stylesheet" href="https://example.com/mail.css">').find((f) => f.rule === 'caniemail/html-link');
    const imported = compat('<p>A</p>', {}, '<style>@import url("https://example.com/mail.css");</style>').find((f) => f.rule === 'caniemail/css-at-import');
    expect(link?.severity).toBe('error');
    expect(imported?.severity).toBe(link?.severity);
  });
});

describe('compatibility on real templates (test/fixtures/templates)', () => {
  const root = join(__dirname, '../../fixtures/templates');
  const templates = readdirSync(root).flatMap((dir) => readdirSync(join(root, dir)).filter((f) => f.endsWith('.html')).map((f) => join(root, dir, f)));

  it('reports at most 3 client-support findings at info level per template', () => {
    expect(templates.length).toBeGreaterThanOrEqual(13);
    for (const file of templates) {
      const findings = lint({ kind: 'html', source: readFileSync(file, 'utf8') }).findings;
      expect(findings.filter((f) => f.family === 'compatibility' && f.severity === 'info').length, file).toBeLessThanOrEqual(3);
    }
  });

  it('shows no caniemail note whose condition the template does not meet', () => {
    // Every note with a value condition, as caniemail words it: none may appear unless the template uses that value.
    const conditional = [
      [/Negative values are not supported/, /margin[^;"]*:[^;"]*-\d/],
      [/Only supported in lowercase/, /!\s*(?!important)[iI][mM][pP]/],
      [/Flow-relative values `start` and `end`/, /text-align\s*:\s*(?:start|end)/],
      [/`overline` is not supported/, /overline/],
      [/Whitespace syntax is not supported/, /rgba?\(\s*\d+\s+\d/],
      [/Does not support height based media queries/, /@media[^{]*height/],
      [/Not supported inside the `<body>`/, /<body[\s\S]*<style/],
    ] as const;
    for (const file of templates) {
      const source = readFileSync(file, 'utf8');
      for (const finding of lint({ kind: 'html', source }).findings.filter((f) => f.family === 'compatibility')) {
        for (const [note, use] of conditional) if (note.test(finding.message)) expect(use.test(source), `${file}: ${finding.rule} says ${note}`).toBe(true);
      }
    }
    // The conditions above are caniemail's own words.
    expect(features['css-margin']!.notes['1']).toMatch(conditional[0][0]);
  });
});
