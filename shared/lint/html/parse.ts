import { Parser } from 'htmlparser2';
import { TextMemo } from '../text-memo';
import { backgroundColor, type Declaration, fontSizePx, parseColor, parseDeclarations, type Rgb, styleFrom, styleMap } from './css';

/** Why text inside an element is not shown to the reader. */
export type HiddenReason = 'display:none' | 'visibility:hidden' | 'opacity:0' | 'zero height' | 'tiny font' | 'hidden attribute';

export interface HtmlElement {
  index: number;
  tag: string;
  attrs: Record<string, string>;
  /** Offsets in the parsed text: `<` of the start tag, just past its `>`, and just past the end tag. */
  start: number;
  openEnd: number;
  end: number;
  parent: number;
  /** The inline style attribute's declarations, parsed once for every rule. */
  declarations: Declaration[];
  style: Map<string, string>;
  /** Inherited text colour and background (from ancestors' styles and bgcolor/color attributes). */
  color?: Rgb;
  background?: Rgb;
  fontPx?: number;
  hidden?: HiddenReason;
  /** Hidden before any visible body text: the preheader idiom, which is not hiding anything. */
  preheader: boolean;
  /** Nearest enclosing `<a>`, or -1. */
  link: number;
  inBody: boolean;
}

export interface TextNode {
  start: number;
  end: number;
  /** Decoded text. */
  text: string;
  parent: number;
  /** Has characters a reader sees (not only spaces, nbsp and zero-width joiners). */
  visible: boolean;
}

export interface Comment {
  start: number;
  end: number;
  text: string;
}

export interface StyleBlock {
  /** Offset of the first character of the CSS text. */
  start: number;
  css: string;
}

export interface HtmlDocument {
  source: string;
  elements: HtmlElement[];
  texts: TextNode[];
  comments: Comment[];
  styles: StyleBlock[];
  doctype?: { start: number; end: number; text: string };
  /** Text the reader sees in the body, one line per text run (SpamAssassin's body rules see paragraphs). */
  visibleText: string;
  title?: string;
  byTag(tag: string): HtmlElement[];
}

const noInlineStyle = { declarations: [] as Declaration[], style: new Map<string, string>() };
/**
 * Templates repeat the same inline style hundreds of times (inlined CSS): each distinct one is parsed once.
 * The parsed values are shared and never mutated. Bounded so a long session does not grow it forever.
 */
const inlineCache = new TextMemo<typeof noInlineStyle>(20_000, 4_000_000);
function inlineStyle(text: string): typeof noInlineStyle {
  return inlineCache.through(text, () => {
    const declarations = parseDeclarations(text);
    return { declarations, style: styleFrom(declarations) };
  });
}

const skipText = new Set(['script', 'style', 'title', 'head', 'noscript', 'template']);
const invisibleChars = /[\s\u00a0\u200b-\u200d\u034f\u2060\ufeff\u00ad]+/g;
/** A character a reader sees: anything but those. */
const seenChars = /[^\s\u00a0\u200b-\u200d\u034f\u2060\ufeff\u00ad]/;

function ownHidden(attrs: Record<string, string>, style: Map<string, string>): HiddenReason | undefined {
  if ('hidden' in attrs) return 'hidden attribute';
  const display = style.get('display');
  if (display && display.startsWith('none')) return 'display:none';
  if (style.get('visibility') === 'hidden') return 'visibility:hidden';
  const opacity = style.get('opacity');
  if (opacity !== undefined && parseFloat(opacity) === 0) return 'opacity:0';
  const overflow = style.get('overflow');
  const zero = (v: string | undefined) => v !== undefined && /^0(px|em|rem|%)?$/.test(v);
  if (overflow === 'hidden' && (zero(style.get('max-height')) || zero(style.get('height')))) return 'zero height';
  const size = fontSizePx(style.get('font-size'));
  if (size !== undefined && size <= 1) return 'tiny font';
  return undefined;
}

/** Classes a `<style>` block hides (`.preheader { display: none }`): the common way templates hide the preheader. */
function hiddenClasses(source: string): Map<string, HiddenReason> {
  const out = new Map<string, HiddenReason>();
  for (const block of source.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/gi)) {
    for (const [name, reason] of hiddenInBlock(block[1]!)) out.set(name, reason);
  }
  return out;
}

/**
 * The classes one stylesheet hides, in order. Templates of a project share their stylesheets and the editor re-lints
 * the same one on every keystroke: each distinct block is read once. Bounded so a long session does not grow it forever.
 */
function hiddenInBlock(css: string): ReadonlyArray<readonly [string, HiddenReason]> {
  return blockCache.through(css, () => {
    const hidden: Array<readonly [string, HiddenReason]> = [];
    for (const rule of css.matchAll(/\.([\w-]+)\s*\{([^}]*)\}/g)) {
      const reason = ownHidden({}, styleMap(rule[2]));
      if (reason) hidden.push([rule[1]!, reason]);
    }
    return hidden;
  });
}
const blockCache = new TextMemo<ReadonlyArray<readonly [string, HiddenReason]>>(500, 8_000_000);

/** Parses HTML once into a flat model every rule reads: elements with inherited presentation, text, comments, CSS. */
export function parseHtml(source: string): HtmlDocument {
  const elements: HtmlElement[] = [];
  const texts: TextNode[] = [];
  const comments: Comment[] = [];
  const styles: StyleBlock[] = [];
  const stack: number[] = [];
  const visible: string[] = [];
  let doctype: HtmlDocument['doctype'];
  let title: string | undefined;
  let seenVisibleBodyText = false;
  let skipDepth = 0;
  const hiddenByClass = source.includes('<style') || source.includes('<STYLE') ? hiddenClasses(source) : new Map<string, HiddenReason>();

  const parser = new Parser(
    {
      onprocessinginstruction(name, data) {
        if (name.toLowerCase() === '!doctype') doctype = { start: parser.startIndex, end: parser.endIndex + 1, text: data };
      },
      onopentag(tag, attrs, implied) {
        const parentIndex = stack.at(-1) ?? -1;
        const parent = elements[parentIndex];
        const { declarations, style } = attrs.style ? inlineStyle(attrs.style) : noInlineStyle;
        const own = ownHidden(attrs, style) ?? (attrs.class && hiddenByClass.size > 0 ? attrs.class.split(/\s+/).map((c) => hiddenByClass.get(c)).find(Boolean) : undefined);
        let hidden = own ?? parent?.hidden;
        // The inline-block column trick sets font-size:0 on a wrapper and resets it in each column.
        if (!own && hidden === 'tiny font' && (fontSizePx(style.get('font-size')) ?? 0) > 1) hidden = undefined;
        if (!own && hidden === 'visibility:hidden' && style.get('visibility') === 'visible') hidden = undefined;
        const fontAttr = tag === 'font' ? parseColor(attrs.color) : undefined;
        const element: HtmlElement = {
          index: elements.length,
          tag,
          attrs,
          start: parser.startIndex,
          openEnd: implied ? parser.startIndex : parser.endIndex + 1,
          end: source.length,
          parent: parentIndex,
          declarations,
          style,
          color: parseColor(style.get('color')) ?? fontAttr ?? parent?.color,
          background: backgroundColor(style, attrs.bgcolor) ?? parent?.background,
          fontPx: fontSizePx(style.get('font-size')) ?? parent?.fontPx,
          hidden,
          // Only what stays hidden belongs to the preheader; font-size:0 alone is the inline-block whitespace trick (mjml, Cerberus), not hiding.
          preheader: hidden !== undefined && ((parent?.preheader ?? false) || (own !== undefined && own !== 'tiny font' && !seenVisibleBodyText && (parent?.inBody ?? false))),
          link: tag === 'a' ? elements.length : (parent?.link ?? -1),
          inBody: tag === 'body' || (parent?.inBody ?? false),
        };
        elements.push(element);
        stack.push(element.index);
        if (skipText.has(tag)) skipDepth++;
      },
      onclosetag(tag, implied) {
        const index = stack.pop();
        if (index === undefined) return;
        const element = elements[index]!;
        element.end = implied ? parser.startIndex : parser.endIndex + 1;
        if (skipText.has(tag)) skipDepth--;
      },
      ontext(text) {
        const parentIndex = stack.at(-1) ?? -1;
        const parent = elements[parentIndex];
        const start = parser.startIndex;
        const end = parser.endIndex + 1;
        if (parent?.tag === 'style') {
          const last = styles.at(-1);
          if (last && last.start + last.css.length === start) last.css += text;
          else styles.push({ start, css: text });
          return;
        }
        if (parent?.tag === 'title') {
          title = (title ?? '') + text;
          return;
        }
        // Most text nodes are the indentation between tags: a test tells them apart, the cleaned text is built only
        // for the visible body text it is kept for.
        const shows = seenChars.test(text);
        const previous = texts.at(-1);
        if (previous && previous.parent === parentIndex && previous.end === start) {
          previous.text += text;
          previous.end = end;
          previous.visible ||= shows;
        } else texts.push({ start, end, text, parent: parentIndex, visible: shows });
        if (skipDepth > 0 || !parent?.inBody) return;
        if (!shows) return;
        if (!parent.hidden) {
          seenVisibleBodyText = true;
          visible.push(text.replace(invisibleChars, ' ').trim());
        }
      },
      oncomment(text) {
        comments.push({ start: parser.startIndex, end: parser.endIndex + 1, text });
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true, recognizeSelfClosing: true },
  );
  parser.end(source);

  const tagIndex = new Map<string, HtmlElement[]>();
  for (const element of elements) {
    const list = tagIndex.get(element.tag);
    if (list) list.push(element);
    else tagIndex.set(element.tag, [element]);
  }
  return {
    source,
    elements,
    texts,
    comments,
    styles,
    ...(doctype ? { doctype } : {}),
    visibleText: visible.join('\n'),
    ...(title !== undefined ? { title: title.trim() } : {}),
    byTag: (tag) => tagIndex.get(tag) ?? [],
  };
}

/** Decoded text of an element's subtree (for link text, headings). */
export function textOf(doc: HtmlDocument, element: HtmlElement): string {
  let low = 0;
  let high = doc.texts.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (doc.texts[mid]!.start < element.openEnd) low = mid + 1;
    else high = mid;
  }
  let out = '';
  for (let i = low; i < doc.texts.length && doc.texts[i]!.end <= element.end; i++) out += doc.texts[i]!.text;
  return out.replace(invisibleChars, ' ').trim();
}
