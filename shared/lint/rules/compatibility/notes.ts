import type { UseFacts } from './detect';

/**
 * caniemail's partial-support notes as data: for a note that concerns only some values or places, the predicate
 * that tells whether the template's use is one of them. A note without a predicate (`Not supported with non Google
 * accounts`, `Buggy.`) applies to every use. A note applies only when the use evidently matches: a rule under
 * `.button` may style a `<div>`, but nothing shows it, and "cannot know" is not a finding.
 */
type Applies = (use: UseFacts) => boolean;

const anyValue = (test: RegExp | ((value: string) => boolean)): Applies => (use) => use.values.some((v) => (typeof test === 'function' ? test(v) : test.test(v)));
const withoutImportant = (value: string) => value.replace(/\s*!\s*important\s*$/i, '').trim();
/** Used on one of these elements: inline on it, or in a rule whose selector names it as a type. */
const onElements = (...tags: string[]): Applies => {
  const named = new RegExp(`(?:^|[\\s>+~,(])(?:${tags.join('|')})(?![\\w-])`, 'i');
  return (use) => use.tags.some((t) => tags.includes(t)) || use.selectors.some((s) => named.test(s));
};
/** A comma (several values) or a slash outside parentheses: `url(a), url(b)`, `center / cover`. */
const outsideParens = (char: string) => (value: string) => {
  let depth = 0;
  for (const c of value) {
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === char && depth === 0) return true;
  }
  return false;
};
/** rgb()/rgba() in the space-separated syntax (`rgb(0 128 0 / 1)`), which strips the whole style in Gmail. */
const spaceSyntaxRgb = anyValue((v) => [...v.matchAll(/rgba?\(([^)]*)\)/gi)].some((m) => !m[1]!.includes(',')));
const flowRelative = anyValue((v) => /^(?:start|end)$/i.test(withoutImportant(v)));
/** The media features Yahoo keeps; any other (`prefers-color-scheme`, `orientation`, `print`) is dropped. */
const yahooMedia = /^(?:@media|screen|only|and|all|,|\((?:min|max)-(?:width|height)\s*:[^)]*\))$/i;
const cursorKeywords = new Set(['crosshair', 'help', 'move', 'pointer', 'progress', 'text', 'wait', 'auto', 'default']);

export const noteConditions: Readonly<Record<string, Readonly<Record<string, Applies>>>> = {
  'css-margin': { 1: anyValue(/(?:^|[\s(,])-(?:\d|\.\d)/), 2: onElements('span', 'body'), 4: anyValue(/\bauto\b/i) },
  'css-padding': { 1: (use) => use.tags.some((t) => t !== 'td' && t !== 'th'), 2: onElements('td', 'th') },
  'css-width': { 1: onElements('body', 'span', 'div', 'p', 'img') },
  'css-height': { 2: onElements('body', 'span', 'div', 'p') },
  'css-line-height': { 1: anyValue(/\d(?:px|em)\b/i) },
  'css-important': {
    1: anyValue((v) => /!\s*important/i.test(v) && !/!\s*important/.test(v)),
    2: (use) => use.stylesheet,
    4: anyValue(/[^\s:]!\s*important/i),
    5: (use) => use.inline,
    7: anyValue(/^background(?:-image)?:.*[^\s:]!\s*important/i),
  },
  'css-text-align': { 1: flowRelative, 2: flowRelative },
  'css-text-decoration': { 2: anyValue((v) => withoutImportant(v).split(/\s+/).length > 1), 3: anyValue(/overline/i) },
  // The client adds word-wrap:break-word: no change for break-all, nor for break-word, which already breaks so.
  'css-word-break': { 2: anyValue((v) => !/^break-(?:all|word)$/i.test(withoutImportant(v))) },
  'css-rgba': { 1: spaceSyntaxRgb, 2: spaceSyntaxRgb },
  'css-display': {
    1: anyValue((v) => /^(?:inline[\s-])?(?:flex|grid|flow-root)$|^(?:contents|initial|revert|unset)$/i.test(withoutImportant(v))),
    4: anyValue((v) => withoutImportant(v).toLowerCase() === 'none'),
    5: anyValue((v) => withoutImportant(v).toLowerCase() !== 'none'),
    6: anyValue((v) => /^(?:flow-root|inline-flex|inline-grid|inline\s+flow(?:-root)?|contents|revert)$/i.test(withoutImportant(v))),
  },
  'css-clear': { 1: anyValue(/inline-(?:start|end)/i) },
  'css-float': { 2: anyValue(/inline-(?:start|end)/i) },
  'css-font-size': { 1: anyValue(/\drem\b/i), 2: anyValue(/%|\b(?:smaller|larger)\b/i) },
  'css-position': {
    1: anyValue((v) => /^(?:sticky|fixed)$/i.test(withoutImportant(v))),
    2: anyValue((v) => /^(?:relative|absolute|fixed)$/i.test(withoutImportant(v))),
    3: anyValue((v) => /^(?:absolute|sticky|fixed)$/i.test(withoutImportant(v))),
  },
  // "A border can not be bigger than 8px"; "unreliable on a <p> or a <div>".
  'css-border': { 1: anyValue((v) => [...v.matchAll(/(\d+(?:\.\d+)?)px/gi)].some((m) => Number(m[1]) > 8)), 2: onElements('p', 'div') },
  'css-display-flex': { 2: anyValue(/inline-flex/i) },
  'css-display-none': { 2: onElements('img') },
  // "Does not support multiple values": a comma outside parentheses.
  'css-background-position': { 1: anyValue(outsideParens(',')) },
  'css-background-repeat': { 1: anyValue(outsideParens(',')) },
  'css-background-size': { 2: anyValue(outsideParens(',')) },
  'css-border-radius': { 2: anyValue(outsideParens('/')) },
  'css-background': { 1: anyValue(outsideParens(',')), 2: anyValue(outsideParens('/')), 3: anyValue(/url\(|gradient\(/i) },
  'css-background-image': { 3: anyValue(outsideParens(',')) },
  'css-at-media': {
    1: (use) => use.nested,
    10: (use) => use.nested,
    2: anyValue((v) => (v.match(/\([^)]*\)|[^\s()]+/g) ?? []).some((part) => !yahooMedia.test(part))),
    7: anyValue(/\((?:min-|max-)?(?:device-)?height\s*:/i),
  },
  'html-style': { 1: (use) => use.inBody, 4: (use) => use.inBody },
  'css-cursor': { 1: anyValue(/url\(/i), 4: anyValue((v) => !cursorKeywords.has(withoutImportant(v).toLowerCase()) && !/-resize$/i.test(withoutImportant(v))) },
  'css-pseudo-class-hover': {
    // Only on type selectors (`a:hover`), not `.button:hover`.
    2: (use) => use.selectors.some((s) => s.split(',').some((part) => /:hover/i.test(part) && !/(?:^|[\s>+~])[a-z][a-z0-9]*:hover/i.test(part.trim()))),
  },
};

/** Whether caniemail's note `number` for `slug` concerns this use (a note without a condition always does). */
export function noteApplies(slug: string, number: string, use: UseFacts): boolean {
  const condition = noteConditions[slug]?.[number];
  return condition ? condition(use) : true;
}

/**
 * The index of the first value that a value-specific note among `numbers` concerns (`0 -1px` among `0`, `0 auto`,
 * `0 -1px` for "negative values"): a note that holds with no value at all (it is about elements or places) picks none.
 */
export function firstValueConcerned(slug: string, numbers: readonly string[], use: UseFacts): number | undefined {
  const conditions = numbers.map((n) => noteConditions[slug]?.[n]).filter((c): c is Applies => c !== undefined && !c({ ...use, values: [] }));
  if (conditions.length === 0) return undefined;
  const at = use.values.findIndex((value) => conditions.some((c) => c({ ...use, values: [value] })));
  return at < 0 ? undefined : at;
}

/** Web-font stylesheets: losing them falls back to the font stack, an enhancement lost, not the message's styles. */
const fontServices = /^(?:https?:)?\/\/(?:fonts\.googleapis\.com|fonts\.bunny\.net|use\.typekit\.net|p\.typekit\.net|fast\.fonts\.net|cloud\.typography\.com|use\.fontawesome\.com)\//i;

/** `<link rel=stylesheet>` and `@import` load styles; only loading nothing but web fonts is an enhancement. */
export function loadsOnlyFonts(slug: string, use: UseFacts): boolean {
  return (slug === 'html-link' || slug === 'css-at-import') && use.values.length > 0 && use.values.every((url) => fontServices.test(url));
}
