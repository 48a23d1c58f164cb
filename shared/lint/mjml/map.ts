import { type HtmlDocument, type HtmlElement, parseHtml, textOf } from '../html/parse';

/**
 * Maps a place in mjml's compiled HTML back to the MJML source. mjml 5 keeps no line information in
 * its output, so elements are matched by what survives compilation: the same src/href/alt/title
 * value (the k-th occurrence to the k-th), else the same text, else the nearest ancestor that matches.
 */
export interface MjmlMap {
  locate(htmlOffset: number): { start: number; end: number };
}

const anchorAttrs = ['src', 'href', 'alt', 'title', 'background-url'] as const;

function indexByAttr(doc: HtmlDocument): Map<string, number[]> {
  const map = new Map<string, number[]>();
  for (const element of doc.elements) {
    for (const attr of anchorAttrs) {
      const value = element.attrs[attr]?.trim();
      if (!value || value.length < 3) continue;
      const key = `${attr === 'background-url' ? 'src' : attr}\u0000${value}`;
      const list = map.get(key);
      if (list) list.push(element.index);
      else map.set(key, [element.index]);
    }
  }
  return map;
}

const normalize = (text: string) => text.replace(/\s+/g, ' ').trim().toLowerCase();

export function createMjmlMap(mjmlSource: string, html: HtmlDocument): MjmlMap {
  const mjml = parseHtml(mjmlSource);
  const mjmlAttrs = indexByAttr(mjml);
  const htmlAttrs = indexByAttr(html);
  const mjmlTexts = mjml.texts.map((t) => ({ text: normalize(t.text), parent: t.parent })).filter((t) => t.text.length > 0);
  const openTag = (e: HtmlElement) => ({ start: e.start, end: e.openEnd });
  const first = (tag: string) => mjml.byTag(tag)[0];
  const fallback = openTag(first('mj-body') ?? first('mjml') ?? mjml.elements[0] ?? { start: 0, openEnd: 0 } as HtmlElement);

  function byAnchor(element: HtmlElement): HtmlElement | undefined {
    for (const attr of anchorAttrs) {
      const value = element.attrs[attr]?.trim();
      if (!value || value.length < 3) continue;
      const key = `${attr === 'background-url' ? 'src' : attr}\u0000${value}`;
      const candidates = mjmlAttrs.get(key);
      if (!candidates) continue;
      const rank = htmlAttrs.get(key)?.indexOf(element.index) ?? 0;
      return mjml.elements[candidates[Math.min(Math.max(rank, 0), candidates.length - 1)]!];
    }
    const text = normalize(textOf(html, element)).slice(0, 40);
    if (text.length >= 3) {
      const hit = mjmlTexts.find((t) => t.text.includes(text) || (text.length >= 12 && text.includes(t.text) && t.text.length >= 12));
      if (hit) return mjml.elements[hit.parent];
    }
    return undefined;
  }

  return {
    locate(htmlOffset) {
      let innermost: HtmlElement | undefined;
      for (const element of html.elements) {
        if (element.start > htmlOffset) break;
        if (htmlOffset < element.end || (element.start === htmlOffset)) innermost = element;
      }
      if (!innermost) return fallback;
      if (!innermost.inBody) {
        if (innermost.tag === 'title' && first('mj-title')) return openTag(first('mj-title')!);
        return openTag(first('mj-head') ?? first('mjml') ?? (mjml.elements[0] as HtmlElement)) ?? fallback;
      }
      for (let element: HtmlElement | undefined = innermost, depth = 0; element && depth < 8; element = html.elements[element.parent], depth++) {
        if (element.tag === 'body') break;
        const found = byAnchor(element);
        if (found) return openTag(found);
      }
      return fallback;
    },
  };
}
