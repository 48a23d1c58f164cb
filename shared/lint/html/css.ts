/** Small CSS helpers the rules share: inline declarations, colours, WCAG contrast, font sizes. */

export interface Declaration {
  property: string;
  value: string;
  /** Offset of the property name within the text that was parsed. */
  at: number;
}

const propertyName = /^-?[a-z][a-z0-9-]*$/;

/** Splits `a: b; c: d` into declarations, skipping comments; values keep `!important`. */
export function parseDeclarations(text: string): Declaration[] {
  const out: Declaration[] = [];
  const clean = text.includes('/*') ? text.replace(/\/\*[\s\S]*?\*\//g, (c) => ' '.repeat(c.length)) : text;
  let start = 0;
  while (start < clean.length) {
    let end = clean.indexOf(';', start);
    if (end === -1) end = clean.length;
    const colon = clean.indexOf(':', start);
    if (colon !== -1 && colon < end) {
      const rawName = clean.slice(start, colon);
      const property = rawName.trim().toLowerCase();
      if (propertyName.test(property)) out.push({ property, value: clean.slice(colon + 1, end).trim(), at: start + rawName.length - rawName.trimStart().length });
    }
    start = end + 1;
  }
  return out;
}

/** Property to lower-cased value (without `!important`); later declarations win, as in CSS. */
export function styleFrom(declarations: readonly Declaration[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const d of declarations) map.set(d.property, (d.value.includes('!') ? d.value.replace(/\s*!important\s*$/i, '') : d.value).toLowerCase());
  return map;
}

export const styleMap = (text: string | undefined): Map<string, string> => styleFrom(text ? parseDeclarations(text) : []);

export type Rgb = readonly [number, number, number];

const named: Record<string, Rgb> = {
  white: [255, 255, 255],
  black: [0, 0, 0],
  red: [255, 0, 0],
  green: [0, 128, 0],
  blue: [0, 0, 255],
  yellow: [255, 255, 0],
  gray: [128, 128, 128],
  grey: [128, 128, 128],
  silver: [192, 192, 192],
  navy: [0, 0, 128],
  orange: [255, 165, 0],
  whitesmoke: [245, 245, 245],
  lightgray: [211, 211, 211],
  lightgrey: [211, 211, 211],
  gainsboro: [220, 220, 220],
};

/** Parses hex, rgb()/rgba() and a few named colours; undefined for what it cannot read (or transparent). */
export function parseColor(value: string | undefined): Rgb | undefined {
  if (!value) return undefined;
  const v = value.trim().toLowerCase();
  if (v.startsWith('#')) {
    const hex = v.slice(1);
    if (/^[0-9a-f]{3,4}$/.test(hex)) return [0, 1, 2].map((i) => parseInt(hex[i]! + hex[i]!, 16)) as unknown as Rgb;
    if (/^[0-9a-f]{6}([0-9a-f]{2})?$/.test(hex)) return [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16)) as unknown as Rgb;
    return undefined;
  }
  const fn = /^rgba?\(\s*(\d+)[\s,]+(\d+)[\s,]+(\d+)\s*(?:[,/]\s*([\d.]+%?))?\s*\)$/.exec(v);
  if (fn) {
    if (fn[4] !== undefined && parseFloat(fn[4]) === 0) return undefined;
    return [Number(fn[1]), Number(fn[2]), Number(fn[3])];
  }
  if (/^[0-9a-f]{6}$/.test(v)) return [0, 2, 4].map((i) => parseInt(v.slice(i, i + 2), 16)) as unknown as Rgb;
  return named[v];
}

/** The first colour in a `background` shorthand, if any. */
export function backgroundColor(style: Map<string, string>, bgcolorAttr: string | undefined): Rgb | undefined {
  const direct = parseColor(style.get('background-color'));
  if (direct) return direct;
  const shorthand = style.get('background');
  if (shorthand) {
    for (const token of shorthand.split(/\s+(?![^(]*\))/)) {
      const color = parseColor(token);
      if (color) return color;
    }
  }
  return parseColor(bgcolorAttr);
}

function luminance([r, g, b]: Rgb): number {
  const channel = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

/** WCAG 2.x contrast ratio, 1 (same colour) to 21 (black on white). */
export function contrastRatio(a: Rgb, b: Rgb): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** Font size in px for px/pt values and the HTML `size` keywords; undefined for relative units. */
export function fontSizePx(value: string | undefined): number | undefined {
  if (!value) return undefined;
  const m = /^([\d.]+)\s*(px|pt)?$/.exec(value.trim().toLowerCase());
  if (!m) return undefined;
  const n = parseFloat(m[1]!);
  if (m[2] === 'pt') return n * (4 / 3);
  if (m[2] === 'px' || n === 0) return n;
  return undefined;
}

/** UTF-8 byte length without allocating an encoded copy. */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}
