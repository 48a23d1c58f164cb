import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileMjml } from '../../../electron/services/editor/compile';
import { closingTagFor, contextAt, enclosingTag } from '../../../renderer/src/editor/mjml-context';
import { enumValues, mjmlTags } from '../../../renderer/src/editor/mjml-data';
import { findingMarker, issueMarker } from '../../../renderer/src/editor/markers';
import { mjmlSnippets } from '../../../renderer/src/editor/snippets';
// @ts-expect-error: a plain .mjml script without declarations; render() returns the generated file's text
import { outputFile, render } from '../../../scripts/mjml-language-data.mjs';

describe('MJML language data, generated from mjml itself', () => {
  it('is up to date with the installed mjml (run `node scripts/mjml-language-data.mjs` after upgrading)', () => {
    expect(readFileSync(outputFile as string, 'utf8')).toBe((render as () => string)());
  });

  it('covers every tag mjml registers, with typed attributes, defaults, docs and allowed children', () => {
    expect(Object.keys(mjmlTags)).toEqual(expect.arrayContaining(['mjml', 'mj-head', 'mj-body', 'mj-section', 'mj-column', 'mj-text', 'mj-button', 'mj-image', 'mj-hero', 'mj-social-element', 'mj-navbar-link', 'mj-accordion-element', 'mj-carousel-image']));
    const button = mjmlTags['mj-button']!;
    expect(button.endingTag).toBe(true);
    expect(button.description).toBe('Displays a customizable button.');
    expect(button.attributes.align).toEqual({ type: 'enum(left,center,right)', default: 'center', description: 'horizontal alignment' });
    expect(button.attributes['css-class']?.type).toBe('string');
    expect(mjmlTags['mj-column']!.children).toEqual(expect.arrayContaining(['mj-text', 'mj-button', 'mj-image']));
    expect(mjmlTags['mj-column']!.children).not.toContain('mj-section');
    expect(enumValues('enum(left,center,right)')).toEqual(['left', 'center', 'right']);
    expect(enumValues('boolean')).toEqual(['true', 'false']);
  });
});

describe('cursor context', () => {
  const doc = '<mjml>\n<mj-body>\n<mj-section>\n<mj-column>\n<mj-text>Hi <b>there</b></mj-text>\n';

  it('knows the parent while a tag name is typed, and which tag is open for closing', () => {
    expect(contextAt(`${doc}<mj-bu`)).toEqual({ kind: 'tag', parent: 'mj-column', prefix: 'mj-bu', closing: false });
    expect(contextAt(`${doc}</`)).toEqual({ kind: 'tag', parent: 'mj-column', prefix: '', closing: true });
    expect(contextAt('<')).toEqual({ kind: 'tag', parent: undefined, prefix: '', closing: false });
    expect(enclosingTag(`${doc}</mj-column>\n<!-- <mj-column> -->`)).toBe('mj-section');
  });

  it('tells attribute names from values, and lists attributes already written', () => {
    expect(contextAt(`${doc}<mj-button href="https://x" al`)).toEqual({ kind: 'attribute', tag: 'mj-button', prefix: 'al', present: ['href'] });
    expect(contextAt(`${doc}<mj-button align="ce`)).toEqual({ kind: 'value', tag: 'mj-button', attribute: 'align', prefix: 'ce' });
    expect(contextAt(`${doc}<mj-button align="center" `)).toMatchObject({ kind: 'attribute', present: ['align'] });
    expect(contextAt(`${doc}Hello`)).toEqual({ kind: 'content', parent: 'mj-column' });
  });

  it('closes MJML tags after their `>`, but not self-closed, HTML or already closed ones', () => {
    expect(closingTagFor('<mj-section padding="0">', '')).toBe('</mj-section>');
    expect(closingTagFor('<mj-text>', '  </mj-text>')).toBeUndefined();
    expect(closingTagFor('<mj-image src="a" />', '')).toBeUndefined();
    expect(closingTagFor('<p>', '')).toBeUndefined();
    expect(closingTagFor('</mj-text>', '')).toBeUndefined();
    expect(closingTagFor('<mj-text>a > b', '')).toBeUndefined();
  });
});

describe('markers', () => {
  it('underline the tag mjml names on its line, else the line text', () => {
    expect(issueMarker({ line: 5, tagName: 'mj-text', message: 'Attribute foo is illegal' }, '    <mj-text foo="1">x</mj-text>', 'error')).toEqual({
      severity: 'error',
      message: 'mj-text: Attribute foo is illegal',
      source: 'mjml',
      startLineNumber: 5,
      startColumn: 6,
      endLineNumber: 5,
      endColumn: 13,
    });
    expect(issueMarker({ line: 1, message: 'Malformed MJML.' }, '  <html>', 'error')).toMatchObject({ startColumn: 3, endColumn: 9 });
  });

  it('turn lint findings with a range into markers and leave whole-message findings to the list', () => {
    const base = { rule: 'img-alt', family: 'accessibility', severity: 'warning' as const, message: 'Image has no alt text.', why: 'w', fix: 'Add alt text.' };
    expect(findingMarker(base)).toBeUndefined();
    expect(findingMarker({ ...base, range: { startLine: 3, startColumn: 2, endLine: 3, endColumn: 9 } })).toEqual({
      severity: 'warning',
      message: 'Image has no alt text.\nAdd alt text.',
      source: 'accessibility',
      code: 'img-alt',
      startLineNumber: 3,
      startColumn: 2,
      endLineNumber: 3,
      endColumn: 9,
    });
  });
});

describe('snippets', () => {
  /** A snippet with its placeholders filled by their defaults, as accepting it with Tab would leave it. */
  const expand = (body: string) => body.replace(/\$\{\d+:([^}]*)\}/g, '$1').replace(/\$\d+/g, '').replace(/\t/g, '  ');

  it('each expands to MJML that compiles under strict validation in its place', async () => {
    for (const snippet of mjmlSnippets) {
      const body = expand(snippet.body);
      const source = body.startsWith('<mjml')
        ? body
        : body.startsWith('<mj-style')
          ? `<mjml><mj-head>${body}</mj-head><mj-body></mj-body></mjml>`
          : /^<mj-(section|hero)/.test(body)
            ? `<mjml><mj-body>${body}</mj-body></mjml>`
            : `<mjml><mj-body><mj-section><mj-column>${body}</mj-column></mj-section></mj-body></mjml>`;
      const outcome = await compileMjml(source, { validationLevel: 'strict', minify: false });
      expect(outcome.issues, snippet.label).toEqual([]);
    }
  });
});
