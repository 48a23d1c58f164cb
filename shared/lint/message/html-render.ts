/**
 * HTML rendered to text as SpamAssassin's HTML.pm does (on HTML::Parser events): block tags add line breaks, inline
 * tags do not split words, entities are decoded, text styles decide what is invisible (low contrast, tiny, hidden),
 * and the counts HTMLEval reads (tags, elements, extra closes, obfuscation, sizes, images, anchors, URIs).
 * Input is Unicode text; budget: the caller passes at most one part's text (SpamAssassin caps parts the same way).
 */
import { htmlColors } from './colors';
import { htmlEntities } from './entities';
import { TextMemo } from '../text-memo';

export interface HtmlResults {
  html: true;
  /** URIs in document order, each once (SpamAssassin's `uri` hash keys). */
  uris: Map<string, { types: Set<string>; anchorText: string[] }>;
  anchor: string[];
  length: number;
  maxSize: number;
  minSize: number;
  closedExtraRatio?: number;
  comment: string[];
  script: string[];
  title: string[];
  /** Open minus close count per tag (never below zero). */
  inside: Map<string, number>;
  backhairCount?: number;
  badTagRatio?: number;
  nonElementRatio?: number;
  obfuscationRatio?: number;
  tests: Set<string>;
  imageArea: number;
  charsets: string[];
  /** Filled from the rendered text (Message/Node.pm). */
  htmlLength: number;
  nonSpaceLen: number;
  ratio?: number;
}

export interface RenderedHtml {
  rendered: string;
  visible: string;
  invisible: string;
  results: HtmlResults;
}

const elements = new Set(
  'a abbr acronym address area b base bdo big blockquote body br button caption cite code col colgroup dd del dfn div dl dt em fieldset form h1 h2 h3 h4 h5 h6 head hr html i img input ins kbd label legend li link map meta noscript object ol optgroup option p param pre q samp script select small span strong style sub sup table tbody td textarea tfoot th thead title tr tt ul var applet basefont center dir font frame frameset iframe isindex menu noframes s strike u nobr x-sigsep x-tab'.split(
    ' ',
  ),
);
const tricks = new Set(['bgsound', 'embed', 'listing', 'plaintext', 'xmp']);
const textStyleTags = new Set('body font table tr th td big small basefont marquee span p div a'.split(' '));
const whitespaceTags = new Set('br div li th td dt dd p hr blockquote pre embed listing plaintext xmp title h1 h2 h3 h4 h5 h6'.split(' '));
const uriTags = new Set('body table tr td a area link img frame iframe embed script form base bgsound meta'.split(' '));
const okAttributes = new Map<string, Set<string>>([
  ['basefont', new Set(['color', 'face', 'size'])],
  ['body', new Set(['text', 'bgcolor', 'link', 'alink', 'vlink', 'background'])],
  ['font', new Set(['color', 'face', 'size'])],
  ['marquee', new Set(['bgcolor', 'background'])],
  ['table', new Set(['bgcolor', 'style'])],
  ['td', new Set(['bgcolor', 'style'])],
  ['th', new Set(['bgcolor', 'style'])],
  ['tr', new Set(['bgcolor', 'style'])],
  ['span', new Set(['style'])],
  ['p', new Set(['style'])],
  ['div', new Set(['style'])],
  ['a', new Set(['style'])],
]);
// Elements whose content HTML::Parser reads as literal text up to the matching end tag.
const literal = new Set(['script', 'style', 'xmp', 'plaintext', 'textarea']);
const MAX_URI_LENGTH = 8192;

interface Style {
  tag: string;
  fgcolor: string;
  bgcolor: string;
  size: number;
  display?: string;
  visibility?: string;
}

const dec2hex = (n: number) => (n < 16 ? '0' : '') + Math.trunc(n).toString(16);

/** HTML.pm name_to_rgb: a colour to #rrggbb, or 'invalid'. */
export function nameToRgb(value: string): string {
  let color = value.toLowerCase().trim();
  const named = htmlColors.get(color);
  if (named !== undefined) return `#${named.toString(16).padStart(6, '0')}`;
  if (!/^[#a-f0-9]*$|rgb\([\d%, ]*\)/i.test(color)) return 'invalid';
  let m = /rgb\((\d+)%,\s*(\d+)%,\s*(\d+)%\s*\)/i.exec(color);
  if (m) color = `#${dec2hex((Number(m[1]) / 100) * 255)}${dec2hex((Number(m[2]) / 100) * 255)}${dec2hex((Number(m[3]) / 100) * 255)}`;
  m = /rgb\((\d+),\s*(\d+),\s*(\d+)\s*\)/i.exec(color);
  if (m) color = `#${dec2hex(Number(m[1]))}${dec2hex(Number(m[2]))}${dec2hex(Number(m[3]))}`;
  if (!color.startsWith('#')) return 'invalid';
  color = color.replace(/[^a-f0-9]/gi, '');
  if (color.length > 6) color = color.slice(0, 6);
  if (color.length > 3 && color.length < 6) color = color.slice(0, 3);
  if (color.length % 3) color += '0'.repeat(3 - (color.length % 3));
  if (color.length === 3) color = color.replace(/(.)/g, '$1$1');
  return `#${color}`;
}

/** Decodes character references as HTML::Parser's dtext does. */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(?:#(?:[xX]([0-9a-fA-F]+)|(\d+));?|([A-Za-z][A-Za-z0-9]*)(;?))/g, (all, hex: string | undefined, dec: string | undefined, name: string | undefined, semi: string) => {
    if (name !== undefined) {
      const withSemi = semi ? htmlEntities.get(`${name};`) : undefined;
      if (withSemi !== undefined) return String.fromCodePoint(withSemi);
      const plain = htmlEntities.get(name);
      if (plain !== undefined) return String.fromCodePoint(plain) + (semi ? '' : '');
      return all;
    }
    const code = hex !== undefined ? parseInt(hex, 16) : Number(dec);
    if (!Number.isFinite(code) || code <= 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return all;
    return String.fromCodePoint(code);
  });
}

function parseAttributes(text: string): Map<string, string> {
  const attrs = new Map<string, string>();
  const re = /([^\s=/>"']+)(?:\s*=\s*(?:"([^"]*)"?|'([^']*)'?|([^\s>]*)))?/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const name = m[1]!.toLowerCase();
    if (attrs.has(name)) continue;
    const value = m[2] ?? m[3] ?? m[4];
    attrs.set(name, value === undefined ? name : decodeEntities(value));
  }
  return attrs;
}

/**
 * A tag's attributes, parsed once per distinct attribute text (templates repeat the same tags hundreds of times);
 * each tag gets its own copy, since reading a URI may add an `href` or `src`. Bounded for long sessions.
 */
function attributesOf(text: string): Map<string, string> {
  return new Map(attributeCache.through(text, parseAttributes));
}
const attributeCache = new TextMemo<Map<string, string>>(5_000, 2_000_000);

function parseCssBackground(background: string): string[][] {
  const layers: string[][] = [];
  let tokens: string[] = [];
  const stack: number[] = [];
  let state = 0;
  let token = '';
  for (const ch of background) {
    if (state === 0) {
      if (ch === ' ') {
        if (token !== '') tokens.push(token);
        token = '';
      } else if (ch === '(' || ch === '"' || ch === "'") {
        token += ch;
        stack.push(state);
        state = ch === '(' ? 1 : ch === '"' ? 2 : 3;
      } else if (ch === ',') {
        if (token !== '') tokens.push(token);
        token = '';
        layers.push(tokens);
        tokens = [];
      } else token += ch;
    } else if (state === 1) {
      token += ch;
      if (ch === ')') {
        tokens.push(token);
        token = '';
        state = stack.pop() ?? 0;
      } else if (ch === '"' || ch === "'") {
        stack.push(state);
        state = ch === '"' ? 2 : 3;
      }
    } else {
      token += ch;
      if ((state === 2 && ch === '"') || (state === 3 && ch === "'")) state = stack.pop() ?? 0;
    }
  }
  if (token !== '') tokens.push(token);
  if (tokens.length) layers.push(tokens);
  return layers;
}

type StyleAssignment = readonly ['fgcolor' | 'bgcolor' | 'display' | 'visibility', string];

/**
 * What a style attribute sets, in order, as HTML.pm reads it: (background-)color, the last background layer's first
 * valid colour, display and visibility. None of it depends on the parent (`inherit` sets nothing, `transparent` is
 * resolved by the caller), so each distinct attribute is parsed once: templates repeat the same inline styles
 * hundreds of times. Bounded so a long session does not grow it forever.
 */
function styleAssignments(value: string): readonly StyleAssignment[] {
  const cached = styleCache.get(value);
  if (cached) return cached;
  const out: StyleAssignment[] = [];
  for (const part of value.split(';')) {
    let m = /^\s*(background-)?color:\s*(.+?)\s*$/i.exec(part);
    if (m) {
      const which = m[1] ? 'bgcolor' : 'fgcolor';
      const v = m[2]!.toLowerCase().replace(/\s*!\s*important$/, '');
      if (v.includes('rgb')) {
        const rgb = v.replace(/[^0-9,]/g, '').split(',');
        out.push([which, `#${[0, 1, 2].map((i) => Math.min(255, Number(rgb[i]) || 0).toString(16).padStart(2, '0')).join('')}`]);
      } else if (v === 'inherit') {
        // keeps the parent's colour
      } else if (v === 'transparent') out.push([which, v]);
      else out.push([which, nameToRgb(v)]);
    } else if ((m = /^\s*background:\s*(.+?)\s*$/.exec(part))) {
      const layers = parseCssBackground(m[1]!.toLowerCase());
      for (const v of layers.at(-1) ?? []) {
        const color = nameToRgb(v);
        if (color !== 'invalid') {
          out.push(['bgcolor', color]);
          break;
        }
      }
    } else if ((m = /^\s*([a-z_-]+)\s*:\s*(\S.*?)\s*$/i.exec(part))) {
      if (m[1] === 'display') out.push(['display', m[2]!]);
      else if (m[1] === 'visibility') out.push(['visibility', m[2]!]);
    }
  }
  return styleCache.set(value, out);
}
const styleCache = new TextMemo<readonly StyleAssignment[]>(20_000, 4_000_000);

const PUNCT = '\\s\\x21-\\x2f\\x3a-\\x40\\x5b-\\x60\\x7b-\\x7e';
const startsWord = new RegExp(`^[^${PUNCT}]`);
const endsWord = new RegExp(`[^${PUNCT}]$`);
const tailWord = new RegExp(`(?:^|[^A-Za-z0-9_])([^${PUNCT}]{1,7})$`);
const headWord = new RegExp(`^([^${PUNCT}]{1,7})(?![A-Za-z0-9_])`);

class Renderer {
  text: string[] = [];
  ws: boolean[] = [];
  inv: boolean[] = [];
  styles: Style[] = [{ tag: 'default', fgcolor: '#000000', bgcolor: '#ffffff', size: 3 }];
  basefont = 3;
  inside = new Map<string, number>();
  tags = 0;
  tagsSeen = 0;
  elements = 0;
  elementsSeen = 0;
  closedExtra = 0;
  obfuscation = 0;
  backhair = new Set<string>();
  anchorLast = '';
  baseHref = '';
  results: HtmlResults;

  constructor(length: number) {
    this.results = {
      html: true,
      uris: new Map(),
      anchor: [],
      length,
      maxSize: 3,
      minSize: 3,
      comment: [],
      script: [],
      title: [],
      inside: this.inside,
      tests: new Set(),
      imageArea: 0,
      charsets: [],
      htmlLength: 0,
      nonSpaceLen: 0,
    };
  }

  in(tag: string): boolean {
    return (this.inside.get(tag) ?? 0) > 0;
  }

  tag(tag: string, attrs: Map<string, string>, num: 1 | -1): void {
    const namespace = /^(?:o|st\d):[\w-]+\/?$/.test(tag);
    const seenBefore = this.inside.has(tag);
    if (elements.has(tag) || namespace) {
      this.elements++;
      if (!seenBefore) this.elementsSeen++;
    }
    this.tags++;
    if (!seenBefore) this.tagsSeen++;
    const count = (this.inside.get(tag) ?? 0) + num;
    if (count < 0) {
      this.inside.set(tag, 0);
      this.closedExtra++;
    } else this.inside.set(tag, count);
    if (namespace) return;
    if (!elements.has(tag) && !tricks.has(tag)) return;
    if (textStyleTags.has(tag)) this.textStyle(tag, attrs, num);
    if (whitespaceTags.has(tag)) this.whitespace(tag);
    if (num === 1) {
      if (uriTags.has(tag)) this.uri(tag, attrs);
      this.tests(tag, attrs);
    }
  }

  whitespace(tag: string): void {
    if (tag === 'br' || tag === 'div') this.display('\n', true);
    else if (/^(?:li|t[hd]|d[td]|embed|h\d)$/.test(tag)) this.display(' ', true);
    else if (/^(?:p|hr|blockquote|pre|listing|plaintext|xmp|title)$/.test(tag)) this.display('\n\n', true);
  }

  pushUri(type: string, raw: string): void {
    const uri = this.canon(raw);
    if (uri === '') return;
    let target = uri;
    if (!/^(?:data|mailto|file|cid|tel):/i.test(uri) && this.baseHref && !/^[a-z][\w+.-]*:/i.test(uri)) {
      try {
        target = new URL(uri, this.baseHref).href;
      } catch {
        target = uri;
      }
    }
    if (target === '') return;
    let entry = this.results.uris.get(target);
    if (!entry) {
      entry = { types: new Set(), anchorText: [] };
      this.results.uris.set(target, entry);
    }
    entry.types.add(type);
  }

  canon(uri: string): string {
    let out = uri.replace(/^[\s\xa0]+|[\s\xa0]+$/g, '');
    if (out.length > MAX_URI_LENGTH) {
      this.results.tests.add('uri_truncated');
      out = out.slice(0, MAX_URI_LENGTH);
    }
    return out;
  }

  uri(tag: string, attrs: Map<string, string>): void {
    if (/^(?:body|table|tr|td)$/.test(tag)) {
      const bg = attrs.get('background');
      if (bg !== undefined) this.pushUri(tag, bg);
    } else if (tag === 'a' || tag === 'area' || tag === 'link') {
      for (const [k, v] of attrs) if (/\w{1,8}\/href/.test(k)) attrs.set('href', v);
      const href = attrs.get('href');
      if (href !== undefined) this.pushUri(tag, href.replace(/\ufeff/g, ''));
      const safe = attrs.get('data-saferedirecturl');
      if (safe !== undefined) this.pushUri(tag, safe);
    } else if (/^(?:img|frame|iframe|embed|script|bgsound)$/.test(tag)) {
      for (const [k, v] of attrs) if (/\w{1,8}\/src/.test(k)) attrs.set('src', v);
      const src = attrs.get('src');
      if (src !== undefined) this.pushUri(tag, src);
    } else if (tag === 'form') {
      const action = attrs.get('action');
      if (action !== undefined) this.pushUri(tag, action);
    } else if (tag === 'base') {
      let uri = attrs.get('href');
      if (uri) {
        uri = this.canon(uri);
        this.pushUri(tag, uri);
        if (/^(?:https?|ftp):\/{0,2}/i.test(uri)) {
          uri = uri.replace(/^([a-z]+:\/{0,2}[^/]+\/.*?)[^/.]+\.[^/.]{2,4}$/i, '$1');
          if (!uri.endsWith('/')) uri += '/';
          this.baseHref = uri;
        }
      }
    } else if (tag === 'meta') {
      const equiv = attrs.get('http-equiv');
      const content = attrs.get('content');
      if (equiv !== undefined && content !== undefined && /refresh/i.test(equiv) && /\burl\s*=/i.test(content)) {
        this.pushUri(tag, content.replace(/^.*\burl\s*=\s*/i, '').replace(/\s*;.*/, ''));
      }
    }
  }

  closeTableTag(tag: string): void {
    if (!this.styles.some((s) => s.tag === tag)) return;
    while (this.styles.length) {
      const top = this.styles.at(-1)!.tag;
      if ((tag === 'td' && (top === 'font' || top === 'td')) || (tag === 'tr' && /^(?:font|td|tr)$/.test(top))) this.styles.pop();
      else break;
    }
  }

  closeTag(tag: string): void {
    if (!this.styles.some((s) => s.tag === tag)) return;
    while (this.styles.length) {
      const current = this.styles.pop()!;
      if (current.tag === tag) break;
    }
  }

  textStyle(rawTag: string, attrs: Map<string, string>, num: 1 | -1): void {
    const tag = rawTag === 'th' ? 'td' : rawTag;
    if (num !== 1) {
      if (tag !== 'body') this.closeTag(tag);
      return;
    }
    if (tag === 'basefont') {
      const m = /^\s*(\d+)/.exec(attrs.get('size') ?? '');
      if (m) {
        this.basefont = Number(m[1]);
        return;
      }
    }
    if (tag === 'td' || tag === 'tr') this.closeTableTag(tag);
    const parent = this.styles.at(-1) ?? { tag: 'default', fgcolor: '#000000', bgcolor: '#ffffff', size: 3 };
    // Field by field rather than a spread: one object shape for every style, about 4 % of rendering.
    const next: Style = { tag, fgcolor: parent.fgcolor, bgcolor: parent.bgcolor, size: parent.size, display: parent.display, visibility: parent.visibility };
    if (tag === 'big' || tag === 'small') {
      next.size += tag === 'big' ? 1 : -1;
      this.styles.push(next);
      return;
    }
    const ok = okAttributes.get(tag);
    for (const [name, value] of attrs) {
      if (!ok?.has(name)) continue;
      if (name === 'text' || name === 'color') next.fgcolor = nameToRgb(value);
      else if (name === 'size') {
        let m = /^\s*([+-]\d+)/.exec(value);
        if (m) next.size = this.basefont + Number(m[1]);
        else if ((m = /^\s*(\d+)/.exec(value))) next.size = Number(m[1]);
      } else if (name === 'style') {
        for (const [field, set] of styleAssignments(value)) next[field] = set;
        if (next.bgcolor === 'transparent') next.bgcolor = parent.bgcolor;
        if (next.fgcolor === 'transparent') next.fgcolor = next.bgcolor;
      }
      // HTML.pm converts bgcolor attributes but never copies them into the style: they do not change bgcolor.
      if (next.size > this.results.maxSize) this.results.maxSize = next.size;
      else if (next.size < this.results.minSize) this.results.minSize = next.size;
    }
    this.styles.push(next);
  }

  fontInvisible(): boolean {
    const style = this.styles.at(-1) ?? { tag: 'default', fgcolor: '#000000', bgcolor: '#ffffff', size: 3 };
    const { fgcolor: fg, bgcolor: bg, size } = style;
    if (fg.slice(-6) === bg.slice(-6)) {
      this.results.tests.add('font_low_contrast');
      return true;
    }
    const f = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/.exec(fg);
    const b = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/.exec(bg);
    if (f && b) {
      const r = parseInt(f[1]!, 16) - parseInt(b[1]!, 16);
      const g = parseInt(f[2]!, 16) - parseInt(b[2]!, 16);
      const bl = parseInt(f[3]!, 16) - parseInt(b[3]!, 16);
      const distance = Math.sqrt((0.2126 * r) ** 2 + (0.7152 * g) ** 2 + (0.0722 * bl) ** 2);
      if (distance < 12) {
        this.results.tests.add('font_low_contrast');
        return true;
      }
    }
    if (fg === 'invalid' || bg === 'invalid') {
      this.results.tests.add('font_invalid_color');
      return true;
    }
    if (size <= 1) return true;
    if (style.display?.toLowerCase() === 'none') return true;
    if (style.visibility?.toLowerCase() === 'hidden') return true;
    return false;
  }

  tests(tag: string, attrs: Map<string, string>): void {
    const face = attrs.get('face');
    if (tag === 'font' && face !== undefined && !/^\s*["'.]?[a-z ][a-z -]*[a-z]\d?["']?(?:,\s*["']?[a-z][a-z -]*[a-z]\d?["']?)*;?$/i.test(face)) {
      this.results.tests.add('font_face_bad');
    }
    if (tag === 'img' && this.in('a')) {
      const entry = this.results.uris.get(this.anchorLast);
      if (entry && entry.anchorText.length) entry.anchorText[entry.anchorText.length - 1] += '<img>\n';
      if (this.results.anchor.length) this.results.anchor[this.results.anchor.length - 1] += '<img>\n';
    }
    const width = attrs.get('width');
    const height = attrs.get('height');
    if (tag === 'img' && width !== undefined && height !== undefined) {
      let w = 0;
      let h = 0;
      let m = /^(\d+)(%)?$/.exec(width);
      if (m) w = Number(m[1]) * (m[2] ? 8 : 1);
      m = /^(\d+)(%)?$/.exec(height);
      if (m) h = Number(m[1]) * (m[2] ? 6 : 1);
      if (w <= 0) w = 200;
      if (h <= 0) h = 200;
      this.results.imageArea += w * h;
    }
    if (tag === 'form' && /mailto:/i.test(attrs.get('action') ?? '')) this.results.tests.add('form_action_mailto');
    if (tag === 'object' || tag === 'embed') this.results.tests.add('embeds');
    if (tag === 'a') {
      const href = attrs.get('href');
      const uri = href !== undefined ? this.canon(href) : '';
      this.anchorLast = uri;
      let entry = this.results.uris.get(uri);
      if (!entry) {
        entry = { types: new Set(), anchorText: [] };
        // An anchor without a usable href still collects text in SpamAssassin (key '' or the raw value).
        if (uri !== '') this.results.uris.set(uri, entry);
      }
      entry.anchorText.push('');
      this.results.anchor.push('');
    }
    if (tag === 'title') this.results.title.push('');
    if (tag === 'meta') {
      const equiv = attrs.get('http-equiv');
      const m = /\bcharset\s*=\s*["']?([^"']+)/i.exec(attrs.get('content') ?? '');
      if (equiv !== undefined && /Content-Type/i.test(equiv) && m) this.results.charsets.push(m[1]!);
    }
  }

  display(text: string, whitespace: boolean, invisible = false): void {
    const last = this.text.length - 1;
    if (whitespace) {
      if (last >= 0 && !this.ws[last] && !this.inv[last]) this.text[last] = this.text[last]!.replace(/ $/, '');
    } else {
      text = text.replace(/[ \t\n\r\f\x0b]+/g, ' ');
      if (last >= 0 && !invisible && this.ws[last]) text = text.replace(/^ /, '');
    }
    this.text.push(text);
    this.ws.push(whitespace);
    this.inv.push(invisible);
  }

  textEvent(text: string): void {
    if (this.in('script')) {
      this.results.script.push(text);
      return;
    }
    if (this.in('style')) return;
    if (this.in('a')) {
      const entry = this.results.uris.get(this.anchorLast);
      if (entry && entry.anchorText.length) entry.anchorText[entry.anchorText.length - 1] += text;
      if (this.results.anchor.length) this.results.anchor[this.results.anchor.length - 1] += text;
    }
    if (this.in('title') && this.results.title.length) this.results.title[this.results.title.length - 1] += text;
    let invisible = false;
    if (/[^ \t\n\r\f\x0b]/.test(text)) invisible = this.fontInvisible();
    const prev = this.text.at(-1);
    if (prev !== undefined) {
      if (startsWord.test(text) && endsWord.test(prev)) this.obfuscation++;
      const tail = tailWord.exec(prev);
      if (tail) {
        const head = headWord.exec(text);
        if (head) this.backhair.add(`${tail[1]!.length}_${head[1]!.length}`);
      }
    }
    this.display(text, false, invisible);
  }

  finish(): void {
    const r = this.results;
    if (this.tags) {
      r.closedExtraRatio = this.closedExtra / this.tags;
      r.badTagRatio = (this.tags - this.elements) / this.tags;
      r.obfuscationRatio = this.obfuscation / this.tags;
    }
    if (this.tagsSeen) r.nonElementRatio = (this.tagsSeen - this.elementsSeen) / this.tagsSeen;
    if (this.backhair.size) r.backhairCount = this.backhair.size;
  }
}

/** A closing tag's attributes: none, and nothing writes to them (only opening tags record URIs and styles). */
const noAttributes = new Map<string, string>();

/** Renders one HTML part (Unicode text) as SpamAssassin does. `byteLength` is the part's decoded size in octets. */
export function renderHtml(source: string, byteLength: number): RenderedHtml {
  // HTML.pm's length is of the text it parses: characters once the part is decoded from its charset.
  const r = new Renderer(source.length);
  // HTML.pm's own pre-processing: &nbsp; is a space, <tag/> is <tag>, curly double quotes are plain.
  const html = source.replace(/&nbsp;/g, ' ').replace(/<(\w+)\s*\/>/gi, '<$1>').replace(/[\u201c\u201d]/g, '"');
  let i = 0;
  let textStart = 0;
  const n = html.length;
  const flushText = (end: number) => {
    if (end > textStart) r.textEvent(decodeEntities(html.slice(textStart, end)));
  };
  while (i < n) {
    const lt = html.indexOf('<', i);
    if (lt === -1) break;
    const next = html.charCodeAt(lt + 1);
    const isLetter = (next >= 65 && next <= 90) || (next >= 97 && next <= 122);
    if (isLetter) {
      const close = html.indexOf('>', lt);
      if (close === -1) break;
      flushText(lt);
      const inner = html.slice(lt + 1, close);
      const nameMatch = /^[A-Za-z][^\s/>]*/.exec(inner)!;
      const tag = nameMatch[0].toLowerCase();
      const attrs = attributesOf(inner.slice(nameMatch[0].length));
      r.tag(tag, attrs, 1);
      i = close + 1;
      if (literal.has(tag)) {
        // Literal content up to </tag> (plaintext: to the end), as one text event.
        const endRe = new RegExp(`</${tag}\\s*>`, 'ig');
        endRe.lastIndex = i;
        const end = tag === 'plaintext' ? null : endRe.exec(html);
        const stop = end ? end.index : n;
        if (stop > i) r.textEvent(tag === 'script' || tag === 'style' ? html.slice(i, stop) : decodeEntities(html.slice(i, stop)));
        if (end) r.tag(tag, noAttributes, -1);
        i = end ? end.index + end[0].length : n;
      }
      textStart = i;
      continue;
    }
    if (next === 47 /* / */) {
      const close = html.indexOf('>', lt);
      if (close === -1) break;
      const m = /^\/([A-Za-z][^\s/>]*)/.exec(html.slice(lt + 1, close));
      if (m) {
        flushText(lt);
        r.tag(m[1]!.toLowerCase(), noAttributes, -1);
        i = textStart = close + 1;
        continue;
      }
      i = lt + 1;
      continue;
    }
    if (next === 33 /* ! */) {
      flushText(lt);
      if (html.startsWith('<!--', lt)) {
        const end = html.indexOf('-->', lt + 4);
        const stop = end === -1 ? n : end + 3;
        r.results.comment.push(html.slice(lt, stop));
        i = textStart = stop;
        continue;
      }
      if (html.startsWith('<![CDATA[', lt)) {
        const end = html.indexOf(']]>', lt);
        const stop = end === -1 ? n : end;
        r.textEvent(html.slice(lt + 9, stop));
        i = textStart = end === -1 ? n : end + 3;
        continue;
      }
      const close = html.indexOf('>', lt);
      const stop = close === -1 ? n : close + 1;
      const decl = html.slice(lt, stop);
      if (/^<!doctype/i.test(decl)) {
        r.elements++;
        r.tags++;
        r.inside.set('!doctype', 0);
      } else r.results.comment.push(decl);
      i = textStart = stop;
      continue;
    }
    if (next === 63 /* ? */) {
      flushText(lt);
      const close = html.indexOf('>', lt);
      i = textStart = close === -1 ? n : close + 1;
      continue;
    }
    i = lt + 1;
  }
  flushText(n);
  r.finish();
  const rendered = r.text.join('');
  let visible = '';
  let invisible = '';
  for (let k = 0; k < r.text.length; k++) {
    if (r.inv[k]) invisible += r.text[k];
    else visible += r.text[k];
  }
  const results = r.results;
  results.htmlLength = rendered.length;
  const spaces = rendered.match(/\s/g)?.length ?? 0;
  results.nonSpaceLen = rendered.length - spaces;
  if (byteLength) results.ratio = (byteLength - rendered.length) / byteLength;
  return { rendered, visible, invisible, results };
}
