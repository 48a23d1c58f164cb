import { describe, expect, it } from 'vitest';
import { renderHtml } from '../../../shared/lint/message/html-render';

// The renderer reads each distinct style and attribute text once and reuses it: what it keeps must not carry one
// element's surroundings (its parent's colours) or one tag's changes (an aliased href) to the next.
describe('SpamAssassin-style rendering reuses parsed styles and attributes without carrying context', () => {
  it('resolves a transparent background against each element’s own parent', () => {
    const html =
      '<body><div style="background-color:#000000;color:#ffffff"><span style="background-color:transparent">white on black</span></div>' +
      '<span style="background-color:transparent">black on white</span></body>';
    const rendered = renderHtml(html, html.length);
    expect(rendered.visible).toContain('white on black');
    expect(rendered.visible).toContain('black on white');
    expect(rendered.invisible).toBe('');
  });

  it('gives each of two identical tags its own links, the aliased href read for both', () => {
    const html = '<body><a x/href="https://one.example/">a</a> <a x/href="https://one.example/">b</a> <a href="https://two.example/">c</a></body>';
    const { results } = renderHtml(html, html.length);
    expect([...results.uris.keys()]).toEqual(['https://one.example/', 'https://two.example/']);
    expect(results.uris.get('https://one.example/')?.anchorText).toEqual(['a', 'b']);
  });

  it('renders the same template twice to the same result', () => {
    const html = '<body><p style="color:#777777;font-size:12px">Hello <b>there</b></p><table><tr><td style="background:#fff url(x.png)">cell</td></tr></table></body>';
    expect(renderHtml(html, html.length)).toEqual(renderHtml(html, html.length));
  });
});
