import { describe, expect, it } from 'vitest';
import { parseHtml } from '../../../shared/lint/html/parse';
import { detectFeatures } from '../../../shared/lint/rules/compatibility/detect';

// Parsed inline styles, their features and each stylesheet's hidden classes are worked out once and reused: each
// use must still be counted with its own element, and a stylesheet seen before must hide its classes again.
describe('feature detection reuses what it worked out per distinct style without losing a use', () => {
  it('counts two elements sharing one inline style as two uses, each with its own tag', () => {
    const doc = parseHtml('<body><div style="display:flex;margin:0 auto">a</div><td style="display:flex;margin:0 auto">b</td></body>');
    const flex = detectFeatures(doc).get('css-display-flex');
    expect(flex?.count).toBe(2);
    expect(flex?.facts.tags).toEqual(['div', 'td']);
    expect(flex?.start).toBe(doc.elements.find((e) => e.tag === 'div')!.start);
  });

  it('hides a stylesheet’s classes in every document that carries it', () => {
    const html = '<html><head><style>.pre { display: none }</style></head><body><div class="pre">Preview</div><p>Hello</p></body></html>';
    for (const doc of [parseHtml(html), parseHtml(html.replace('Hello', 'Again'))]) {
      expect(doc.elements.find((e) => e.tag === 'div')?.hidden).toBe('display:none');
      expect(doc.visibleText).not.toContain('Preview');
    }
  });
});
