import { type Declaration, parseDeclarations } from '../../html/css';
import type { HtmlDocument } from '../../html/parse';
import { featureExists } from './policy';
import { TextMemo } from '../../text-memo';

/**
 * How a feature is used, for the notes that apply only to some uses (`notes.ts`): the values written (declaration
 * values with their `!important`, `@media` preludes, stylesheet URLs), where (inline on which elements, or in
 * `<style>` under which selectors), and whether a `<style>` sits in the body or a media query is nested.
 */
export interface UseFacts {
  values: string[];
  tags: string[];
  selectors: string[];
  inline: boolean;
  stylesheet: boolean;
  inBody: boolean;
  nested: boolean;
}

/** What one use tells; a field left out is unknown for that use. */
export interface Fact {
  value?: string;
  /** Used inline on this element. */
  tag?: string;
  /** Used in a `<style>` block, in a rule with this selector (empty for at-rules). */
  selector?: string;
  inBody?: boolean;
  nested?: boolean;
}

/** One caniemail feature the template uses: how often, where first (offsets in the HTML), and how. */
export interface Usage {
  slug: string;
  count: number;
  start: number;
  end: number;
  /** The text that shows it at its first place (`display`, `@media`, `:hover`). */
  token: string;
  facts: UseFacts;
  /** Where each of `facts.values` is first used, in the same order: a value-specific note points at its value. */
  valuePlaces: Array<{ start: number; end: number; token: string }>;
}

/** Budget per feature: enough distinct values and places to judge the notes, bounded for huge templates. */
const MAX_FACTS = 64;

// Maps, not plain objects: tag, type, attribute and extension come from the template (`<input type="constructor">`).
const elementFeatures = new Map(Object.entries({
  form: 'html-form', textarea: 'html-textarea', select: 'html-select', video: 'html-video', audio: 'html-audio',
  svg: 'html-svg', picture: 'html-picture', object: 'html-object', dialog: 'html-dialog', marquee: 'html-marquee',
  base: 'html-base', meter: 'html-meter', progress: 'html-progress', map: 'html-image-maps', style: 'html-style',
  abbr: 'html-abbr', address: 'html-address', del: 'html-del', strike: 'html-strike', wbr: 'html-wbr', pre: 'html-pre',
}));
const inputFeatures = new Map(Object.entries({
  checkbox: 'html-input-checkbox', radio: 'html-input-radio', hidden: 'html-input-hidden', submit: 'html-input-submit',
  reset: 'html-input-reset', text: 'html-input-text',
}));
const attributeFeatures = new Map(Object.entries({
  srcset: 'html-srcset', loading: 'html-loading-attribute', background: 'html-background', popover: 'html-popover',
}));
const imageFormats = new Map(Object.entries({
  webp: 'image-webp', svg: 'image-svg', avif: 'image-avif', heic: 'image-heif', heif: 'image-heif', bmp: 'image-bmp',
  tif: 'image-tiff', tiff: 'image-tiff', ico: 'image-ico', apng: 'image-apng',
}));
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
  [/!\s*important/i, 'css-important'],
];
const redundantWhenHidden = new Set(['visibility', 'opacity', 'max-height', 'max-width', 'height', 'width', 'overflow', 'font-size', 'line-height', 'color']);
const sides = /-(?:top|right|bottom|left|color|style|width|x|y|start|end)$/;
/** Property names come from the template: bounded like every memo of template text (TextMemo). */
const propertyCache = new TextMemo<{ slug: string | undefined }>(5_000, 256_000);

/**
 * Logical (flow-relative) properties are caniemail features of their own, not their physical shorthand:
 * `margin-inline` is not `margin` (clients that keep one may drop the other).
 */
function logicalSlug(property: string): string | undefined {
  let m = /^(margin|padding)-(inline|block)(-start|-end)?$/.exec(property);
  if (m) return m[3] ? `css-${m[1]}-${m[2]}-start-end` : `css-${m[1]}-inline-block`;
  if (/^inset(?:-(?:inline|block)(?:-start|-end)?)?$/.test(property)) return 'css-inset';
  m = /^border-(?:inline|block)(-start|-end)?(-color|-style|-width)?$/.exec(property);
  if (m) return m[1] && m[2] ? 'css-border-inline-block-longhand' : m[1] || m[2] ? 'css-border-inline-block-individual' : 'css-border-inline-block';
  if (/^border-(?:start|end)-(?:start|end)-radius$/.test(property)) return 'css-border-radius-logical';
  if (property === 'inline-size' || property === 'block-size') return 'css-block-inline-size';
  return undefined;
}

/** caniemail slug for a physical CSS property: `css-<name>`, else its longhand's shorthand (`margin-top` to `css-margin`). */
function physicalSlug(property: string): string | undefined {
  if (/^(?:top|right|bottom|left)$/.test(property)) return 'css-left-right-top-bottom';
  if (/radius$/.test(property)) return 'css-border-radius';
  let name = property;
  while (name && !featureExists(`css-${name}`)) {
    const shorter = name.replace(sides, '');
    if (shorter === name) break;
    name = shorter;
  }
  return featureExists(`css-${name}`) ? `css-${name}` : undefined;
}

function propertySlug(property: string): string | undefined {
  return propertyCache.through(property, () => ({ slug: logicalSlug(property) ?? physicalSlug(property) })).slug;
}

/**
 * Usages being collected: their facts, and what is already in each list (so adding one is a set lookup). A set per
 * list rather than one keyed by a prefixed string: the items are strings the template's parse already holds, whose
 * hash is kept, where a new prefixed string was hashed on every lookup (a quarter of detectFeatures).
 */
interface Collecting extends Usage {
  seen: { values: Set<string>; tags: Set<string>; selectors: Set<string> };
}

/** Adds `item` to a fact list unless it is there or the list is full; says whether it was added. */
function remember(list: string[], seen: Set<string>, item: string): boolean {
  if (list.length >= MAX_FACTS) return false;
  if (seen.has(item)) return false;
  seen.add(item);
  list.push(item);
  return true;
}

/** Records one use's facts; `value` is the declaration value (or URL, or prelude) when `fact` does not carry one. */
function addFact(usage: Collecting, fact: Fact | undefined, value: string | undefined, place: Usage['valuePlaces'][number]): void {
  if (!fact) return;
  const { facts, seen } = usage;
  const v = value ?? fact.value;
  if (v !== undefined && remember(facts.values, seen.values, v)) usage.valuePlaces.push(place);
  if (fact.tag !== undefined) {
    facts.inline = true;
    remember(facts.tags, seen.tags, fact.tag);
  }
  if (fact.selector !== undefined) {
    facts.stylesheet = true;
    if (fact.selector) remember(facts.selectors, seen.selectors, fact.selector);
  }
  if (fact.inBody) facts.inBody = true;
  if (fact.nested) facts.nested = true;
}

type Add = [slug: string, start: number, end: number, token: string, fact: Fact | undefined, value: string | undefined];

class Collector {
  readonly usages = new Map<string, Collecting>();
  /** When set, every add is also recorded (offsets relative to `base`) so a stylesheet scan can be replayed. */
  recording?: { base: number; adds: Add[] };
  /** `token` is the text that shows the feature (a property, `@media`, `<video`); `authored` may reject it. */
  constructor(private readonly authored?: (token: string) => boolean) {}
  add(slug: string, start: number, end: number, token: string, fact?: Fact, value?: string): void {
    this.recording?.adds.push([slug, start - this.recording.base, end - this.recording.base, token, fact, value]);
    if (this.authored && !this.authored(token)) return;
    let usage = this.usages.get(slug);
    if (usage) usage.count++;
    else if (featureExists(slug)) {
      usage = { slug, count: 1, start, end, token, facts: { values: [], tags: [], selectors: [], inline: false, stylesheet: false, inBody: false, nested: false }, valuePlaces: [], seen: { values: new Set(), tags: new Set(), selectors: new Set() } };
      this.usages.set(slug, usage);
    }
    if (usage) addFact(usage, fact, value, { start, end, token });
  }
  /** `where` is the element (inline style) or the selector (a `<style>` rule) the declarations apply to. */
  declarations(declarations: Declaration[], start: number, end: number, where: Fact): void {
    for (const [slug, token, value] of featuresOfBlock(declarations)) this.add(slug, start, end, token, where, value);
  }
}

/**
 * The features a block of declarations uses, in order, each with its token and the value its facts record. An
 * element's declarations come from the parse's cache of inline styles, one array per distinct style attribute that
 * hundreds of elements share: worked out once per array.
 */
function featuresOfBlock(declarations: Declaration[]): ReadonlyArray<readonly [slug: string, token: string, value: string]> {
  let found = blockFeatures.get(declarations);
  if (found) return found;
  const out: Array<readonly [string, string, string]> = [];
  // With display:none in the same block, the other hiding declarations are belt and braces for clients that drop it.
  const hides = declarations.some((d) => d.property === 'display' && /^none\b/i.test(d.value.trim()));
  for (const { property, value } of declarations) {
    if (hides && redundantWhenHidden.has(property)) continue;
    for (const { slug, token } of declarationFeatures(property, value)) {
      // !important's notes depend on the property too (background-image) and on the space before it.
      out.push([slug, token, slug === 'css-important' ? `${property}:${value}` : value]);
    }
  }
  blockFeatures.set(declarations, (found = out));
  return found;
}
const blockFeatures = new WeakMap<Declaration[], ReadonlyArray<readonly [string, string, string]>>();

/**
 * The caniemail features one declaration uses, each with the token that shows it: the property's own feature
 * (`css-margin`), a display keyword (`css-display-flex`) and features of the value (`rgba(`, `!important`, `rem`).
 * Vendor and mso- properties are the author's fallbacks for particular clients, not features to judge.
 */
export function declarationFeatures(property: string, value: string): ReadonlyArray<{ slug: string; token: string }> {
  if (property.startsWith('mso-') || property.startsWith('-')) return none;
  // Templates repeat the same declarations hundreds of times: each distinct one is worked out once.
  const key = `${property}:${value}`;
  return declarationCache.through(key, () => featuresOfDeclaration(property, value));
}

const none: ReadonlyArray<{ slug: string; token: string }> = [];
const declarationCache = new TextMemo<ReadonlyArray<{ slug: string; token: string }>>(5_000, 1_000_000);

function featuresOfDeclaration(property: string, value: string): ReadonlyArray<{ slug: string; token: string }> {
  const out: Array<{ slug: string; token: string }> = [];
  const slug = propertySlug(property);
  if (slug) out.push({ slug, token: property });
  if (property === 'display') {
    const keyword = value.toLowerCase().replace(/\s*!\s*important/, '').trim();
    if (keyword === 'flex' || keyword === 'inline-flex') out.push({ slug: 'css-display-flex', token: 'display' });
    else if (keyword === 'grid' || keyword === 'inline-grid') out.push({ slug: 'css-display-grid', token: 'display' });
    else if (keyword === 'none') out.push({ slug: 'css-display-none', token: 'display' });
  }
  if (/[(!]|\d[a-z]/i.test(value)) {
    for (const [pattern, feature] of valueFeatures) {
      const match = pattern.exec(value);
      if (match) out.push({ slug: feature, token: match[0].replace(/^\d/, '').toLowerCase() });
    }
  }
  return out.filter((f) => featureExists(f.slug));
}

/**
 * Templates of one project share their <style> blocks: each distinct stylesheet is scanned once (per place: in the
 * head or the body). Keyed by the CSS text itself, whose hash the engine keeps, not by a new string built from it.
 */
const stylesheetCache = new TextMemo<{ head?: Add[]; body?: Add[] }>(500, 8_000_000);

function scanStylesheetCached(collector: Collector, css: string, base: number, inBody: boolean): void {
  const place = inBody ? 'body' : 'head';
  const cached = stylesheetCache.get(css)?.[place];
  if (cached) {
    for (const [slug, start, end, token, fact, value] of cached) collector.add(slug, base + start, base + end, token, fact, value);
    return;
  }
  collector.recording = { base, adds: [] };
  scanStylesheet(collector, css, base, inBody);
  stylesheetCache.set(css, { ...stylesheetCache.get(css), [place]: collector.recording.adds });
  delete collector.recording;
}

/** The URL of an `@import url("…")` / `@import "…"` prelude. */
const importUrl = (prelude: string) => /^@import\s+(?:url\(\s*)?["']?([^"')\s;]+)/i.exec(prelude)?.[1];

function scanStylesheet(collector: Collector, css: string, base: number, inBody: boolean): void {
  const clean = css.replace(/\/\*[\s\S]*?\*\//g, (c) => ' '.repeat(c.length));
  const stack: Array<'media' | 'at' | 'rule'> = [];
  let preludeStart = 0;
  let blockStart = 0;
  let selector = '';
  for (let i = 0; i < clean.length; i++) {
    const c = clean[i];
    if (c === '{') {
      const prelude = clean.slice(preludeStart, i).trim();
      const at = base + preludeStart;
      if (prelude.startsWith('@')) {
        const name = /^@([a-z-]+)/i.exec(prelude)?.[1]?.toLowerCase();
        const nested = stack.includes('media');
        stack.push(name === 'media' ? 'media' : 'at');
        const fact = { value: prelude.toLowerCase(), inBody, nested, selector: '' };
        if (name === 'media') {
          collector.add('css-at-media', at, at + prelude.length, '@media', fact);
          for (const feature of ['prefers-color-scheme', 'prefers-reduced-motion', 'orientation', 'hover']) if (prelude.includes(feature)) collector.add(`css-at-media-${feature}`, at, at + prelude.length, feature, fact);
        } else if (name) collector.add(`css-at-${name}`, at, at + prelude.length, `@${name}`, fact);
      } else {
        stack.push('rule');
        selector = prelude;
        for (const m of prelude.matchAll(/::?([a-z-]+)/gi)) {
          const name = m[1]!.toLowerCase();
          collector.add(m[0].startsWith('::') || name === 'before' || name === 'after' ? `css-pseudo-element-${name}` : `css-pseudo-class-${name}`, at, at + prelude.length, m[0].toLowerCase(), { selector: prelude, inBody });
        }
        if (prelude.includes('[')) collector.add('css-selector-attribute', at, at + prelude.length, prelude.slice(prelude.indexOf('['), prelude.indexOf('[') + 2), { selector: prelude, inBody });
      }
      preludeStart = i + 1;
      blockStart = i + 1;
    } else if (c === '}') {
      if (stack.pop() === 'rule') collector.declarations(parseDeclarations(clean.slice(blockStart, i)), base + blockStart, base + i, { selector, inBody });
      preludeStart = i + 1;
    } else if (c === ';' && stack.at(-1) !== 'rule') {
      const prelude = clean.slice(preludeStart, i).trim();
      if (/^@import\b/i.test(prelude)) collector.add('css-at-import', base + preludeStart, base + i, '@import', { value: importUrl(prelude) ?? prelude, inBody, selector: '' });
      preludeStart = i + 1;
    }
  }
}

/**
 * Whether the MJML author wrote a token: a property-like token (`height`, `display`) must stand as a whole name,
 * so `line-height` does not count as `height`; other tokens (`@media`, `<video`, `.webp`) as they are.
 */
export function authoredIn(mjmlSource: string): (token: string) => boolean {
  const lower = mjmlSource.toLowerCase();
  const cache = new Map<string, boolean>();
  return (token) => {
    let found = cache.get(token);
    if (found === undefined) {
      found = /^[a-z][a-z-]*$/.test(token) ? new RegExp(`(?<![a-z0-9-])${token}(?![a-z0-9-])`).test(lower) : lower.includes(token);
      cache.set(token, found);
    }
    return found;
  };
}

/**
 * Every caniemail feature the HTML uses, with its first place. `authored` keeps only features whose token the
 * author wrote: for MJML, what mjml's own boilerplate CSS uses is not the author's to fix.
 */
export function detectFeatures(doc: HtmlDocument, authored?: (token: string) => boolean): ReadonlyMap<string, Usage> {
  const collector = new Collector(authored);
  for (const element of doc.elements) {
    const { start, openEnd, attrs, tag } = element;
    // What styles the hidden preheader only needs to stay hidden, and display:none already does that everywhere.
    if (element.preheader) continue;
    if (element.declarations.length) collector.declarations(element.declarations, start, openEnd, { tag });
    const feature = elementFeatures.get(tag);
    if (feature) collector.add(feature, start, openEnd, `<${tag}`, { tag, inBody: element.inBody });
    if (tag === 'input') collector.add(inputFeatures.get((attrs.type ?? 'text').toLowerCase()) ?? 'html-input-text', start, openEnd, '<input', { tag });
    for (const name in attrs) {
      const attrFeature = attributeFeatures.get(name);
      if (attrFeature && !(name === 'background' && tag === 'style')) collector.add(attrFeature, start, openEnd, name, { tag });
    }
    if (tag === 'img' && attrs.src) {
      const src = attrs.src.trim();
      if (/^data:image\//i.test(src)) collector.add('image-base64', start, openEnd, 'data:image', { tag });
      else {
        const ext = /\.([a-z0-9]+)(?:[?#]|$)/i.exec(src)?.[1]?.toLowerCase();
        const format = ext ? imageFormats.get(ext) : undefined;
        if (format) collector.add(format, start, openEnd, `.${ext}`, { tag });
      }
    }
    if (tag === 'link' && /stylesheet/i.test(attrs.rel ?? '')) collector.add('html-link', start, openEnd, '<link', { tag, value: (attrs.href ?? '').trim() });
  }
  const styleElements = doc.elements.filter((e) => e.tag === 'style');
  for (const block of doc.styles) {
    const inBody = styleElements.some((e) => e.inBody && e.openEnd <= block.start && block.start < e.end);
    scanStylesheetCached(collector, block.css, block.start, inBody);
  }
  return collector.usages;
}
