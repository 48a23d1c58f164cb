import { type Declaration, parseDeclarations } from '../../html/css';
import type { HtmlDocument } from '../../html/parse';
import { featureExists } from './policy';

/** One caniemail feature the template uses: how often and where first (offsets in the HTML). */
export interface Usage {
  slug: string;
  count: number;
  start: number;
  end: number;
}

const elementFeatures: Record<string, string> = {
  form: 'html-form', textarea: 'html-textarea', select: 'html-select', video: 'html-video', audio: 'html-audio',
  svg: 'html-svg', picture: 'html-picture', object: 'html-object', dialog: 'html-dialog', marquee: 'html-marquee',
  base: 'html-base', meter: 'html-meter', progress: 'html-progress', map: 'html-image-maps', style: 'html-style',
  abbr: 'html-abbr', address: 'html-address', del: 'html-del', strike: 'html-strike', wbr: 'html-wbr', pre: 'html-pre',
};
const inputFeatures: Record<string, string> = {
  checkbox: 'html-input-checkbox', radio: 'html-input-radio', hidden: 'html-input-hidden', submit: 'html-input-submit',
  reset: 'html-input-reset', text: 'html-input-text',
};
const attributeFeatures: Record<string, string> = {
  srcset: 'html-srcset', loading: 'html-loading-attribute', background: 'html-background', popover: 'html-popover',
};
const imageFormats: Record<string, string> = {
  webp: 'image-webp', svg: 'image-svg', avif: 'image-avif', heic: 'image-heif', heif: 'image-heif', bmp: 'image-bmp',
  tif: 'image-tiff', tiff: 'image-tiff', ico: 'image-ico', apng: 'image-apng',
};
const valueFeatures: ReadonlyArray<[RegExp, string]> = [
  [/linear-gradient\(/i, 'css-linear-gradient'],
  [/radial-gradient\(/i, 'css-radial-gradient'],
  [/conic-gradient\(/i, 'css-conic-gradient'],
  [/\brgba\(/i, 'css-rgba'],
  [/\bcalc\(/i, 'css-unit-calc'],
  [/\bvar\(--/i, 'css-variables'],
  [/\bclamp\(/i, 'css-function-clamp'],
  [/\bmin\(/i, 'css-function-min'],
  [/\bmax\(/i, 'css-function-max'],
  [/\blight-dark\(/i, 'css-function-light-dark'],
  [/\d(?:rem)\b/i, 'css-unit-rem'],
  [/\d(?:vh)\b/i, 'css-unit-vh'],
  [/\d(?:vw)\b/i, 'css-unit-vw'],
  [/\d(?:vmin)\b/i, 'css-unit-vmin'],
  [/\d(?:vmax)\b/i, 'css-unit-vmax'],
  [/\d(?:ch)\b/i, 'css-unit-ch'],
  [/!important/i, 'css-important'],
];
const redundantWhenHidden = new Set(['visibility', 'opacity', 'max-height', 'max-width', 'height', 'width', 'overflow', 'font-size', 'line-height', 'color']);
const sides = /-(?:top|right|bottom|left|color|style|width|x|y|start|end)$/;
const propertyCache = new Map<string, string | undefined>();

/** caniemail slug for a CSS property: `css-<name>`, else its longhand's shorthand (`margin-top` to `css-margin`). */
function propertySlug(property: string): string | undefined {
  if (propertyCache.has(property)) return propertyCache.get(property);
  let slug: string | undefined;
  if (/^(?:top|right|bottom|left)$/.test(property)) slug = 'css-left-right-top-bottom';
  else if (/radius$/.test(property)) slug = 'css-border-radius';
  else {
    let name = property;
    while (name && !featureExists(`css-${name}`)) {
      const shorter = name.replace(sides, '');
      if (shorter === name) break;
      name = shorter;
    }
    slug = featureExists(`css-${name}`) ? `css-${name}` : undefined;
  }
  propertyCache.set(property, slug);
  return slug;
}

class Collector {
  readonly usages = new Map<string, Usage>();
  /** When set, every add is also recorded (offsets relative to `base`) so a stylesheet scan can be replayed. */
  recording?: { base: number; adds: Array<[string, number, number, string]> };
  /** `token` is the text that shows the feature (a property, `@media`, `<video`); `authored` may reject it. */
  constructor(private readonly authored?: (token: string) => boolean) {}
  add(slug: string, start: number, end: number, token: string): void {
    this.recording?.adds.push([slug, start - this.recording.base, end - this.recording.base, token]);
    if (this.authored && !this.authored(token)) return;
    const usage = this.usages.get(slug);
    if (usage) usage.count++;
    else if (featureExists(slug)) this.usages.set(slug, { slug, count: 1, start, end });
  }
  declarations(declarations: Declaration[], start: number, end: number): void {
    // With display:none in the same block, the other hiding declarations are belt and braces for clients that drop it.
    const hides = declarations.some((d) => d.property === 'display' && /^none\b/i.test(d.value.trim()));
    for (const { property, value } of declarations) {
      if (property.startsWith('mso-') || property.startsWith('-')) continue;
      if (hides && redundantWhenHidden.has(property)) continue;
      const slug = propertySlug(property);
      if (slug) this.add(slug, start, end, property);
      if (property === 'display') {
        const keyword = value.toLowerCase().replace(/\s*!important/, '').trim();
        if (keyword === 'flex' || keyword === 'inline-flex') this.add('css-display-flex', start, end, 'display');
        else if (keyword === 'grid' || keyword === 'inline-grid') this.add('css-display-grid', start, end, 'display');
        else if (keyword === 'none') this.add('css-display-none', start, end, 'display');
      }
      if (/[(!]|\d[a-z]/i.test(value)) {
        for (const [pattern, feature] of valueFeatures) {
          const match = pattern.exec(value);
          if (match) this.add(feature, start, end, match[0].replace(/^\d/, '').toLowerCase());
        }
      }
    }
  }
}

/** Templates of one project share their <style> blocks: each distinct stylesheet is scanned once. */
const stylesheetCache = new Map<string, Array<[string, number, number, string]>>();

function scanStylesheetCached(collector: Collector, css: string, base: number): void {
  const cached = stylesheetCache.get(css);
  if (cached) {
    for (const [slug, start, end, token] of cached) collector.add(slug, base + start, base + end, token);
    return;
  }
  collector.recording = { base, adds: [] };
  scanStylesheet(collector, css, base);
  if (stylesheetCache.size > 500) stylesheetCache.clear();
  stylesheetCache.set(css, collector.recording.adds);
  delete collector.recording;
}

function scanStylesheet(collector: Collector, css: string, base: number): void {
  const clean = css.replace(/\/\*[\s\S]*?\*\//g, (c) => ' '.repeat(c.length));
  const stack: Array<'at' | 'rule'> = [];
  let preludeStart = 0;
  let blockStart = 0;
  for (let i = 0; i < clean.length; i++) {
    const c = clean[i];
    if (c === '{') {
      const prelude = clean.slice(preludeStart, i).trim();
      const at = base + preludeStart;
      if (prelude.startsWith('@')) {
        stack.push('at');
        const name = /^@([a-z-]+)/i.exec(prelude)?.[1]?.toLowerCase();
        if (name === 'media') {
          collector.add('css-at-media', at, at + prelude.length, '@media');
          for (const feature of ['prefers-color-scheme', 'prefers-reduced-motion', 'orientation', 'hover']) if (prelude.includes(feature)) collector.add(`css-at-media-${feature}`, at, at + prelude.length, feature);
        } else if (name) collector.add(`css-at-${name}`, at, at + prelude.length, `@${name}`);
      } else {
        stack.push('rule');
        for (const m of prelude.matchAll(/::?([a-z-]+)/gi)) {
          const name = m[1]!.toLowerCase();
          collector.add(m[0].startsWith('::') || name === 'before' || name === 'after' ? `css-pseudo-element-${name}` : `css-pseudo-class-${name}`, at, at + prelude.length, m[0].toLowerCase());
        }
        if (prelude.includes('[')) collector.add('css-selector-attribute', at, at + prelude.length, prelude.slice(prelude.indexOf('['), prelude.indexOf('[') + 2));
      }
      preludeStart = i + 1;
      blockStart = i + 1;
    } else if (c === '}') {
      if (stack.pop() === 'rule') collector.declarations(parseDeclarations(clean.slice(blockStart, i)), base + blockStart, base + i);
      preludeStart = i + 1;
    } else if (c === ';' && stack.at(-1) !== 'rule') {
      const prelude = clean.slice(preludeStart, i).trim();
      if (/^@import\b/i.test(prelude)) collector.add('css-at-import', base + preludeStart, base + i, '@import');
      preludeStart = i + 1;
    }
  }
}

/**
 * Every caniemail feature the HTML uses, with its first place. `authored` keeps only features whose token the
 * author wrote: for MJML, what mjml's own boilerplate CSS uses is not the author's to fix.
 */
export function detectFeatures(doc: HtmlDocument, authored?: (token: string) => boolean): Map<string, Usage> {
  const collector = new Collector(authored);
  for (const element of doc.elements) {
    const { start, openEnd, attrs, tag } = element;
    // What styles the hidden preheader only needs to stay hidden, and display:none already does that everywhere.
    if (element.preheader) continue;
    if (element.declarations.length) collector.declarations(element.declarations, start, openEnd);
    const feature = elementFeatures[tag];
    if (feature) collector.add(feature, start, openEnd, `<${tag}`);
    if (tag === 'input') collector.add(inputFeatures[(attrs.type ?? 'text').toLowerCase()] ?? 'html-input-text', start, openEnd, '<input');
    for (const name in attrs) {
      const attrFeature = attributeFeatures[name];
      if (attrFeature && !(name === 'background' && tag === 'style')) collector.add(attrFeature, start, openEnd, name);
    }
    if (tag === 'img' && attrs.src) {
      const src = attrs.src.trim();
      if (/^data:image\//i.test(src)) collector.add('image-base64', start, openEnd, 'data:image');
      else {
        const ext = /\.([a-z0-9]+)(?:[?#]|$)/i.exec(src)?.[1]?.toLowerCase();
        const format = ext ? imageFormats[ext] : undefined;
        if (format) collector.add(format, start, openEnd, `.${ext}`);
      }
    }
    if (tag === 'link' && /stylesheet/i.test(attrs.rel ?? '')) collector.add('html-link', start, openEnd, '<link');
  }
  for (const block of doc.styles) scanStylesheetCached(collector, block.css, block.start);
  return collector.usages;
}
