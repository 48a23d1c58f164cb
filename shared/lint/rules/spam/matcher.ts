/**
 * A rule's regex, compiled once, with the three questions the engine asks of a text: does it match, how many
 * times (non-overlapping, as Perl's `while (/.../g)`), and what is the first match.
 *
 * Rules anchored at a line start (`^` in a rule, translated as `(?<![^\n])`) are matched only where a line starts:
 * V8 would otherwise try the lookbehind at every offset of a 100 KB text (__LONGLINE on the whole message,
 * rawbody paragraphs). The anchor is dropped and the rest runs sticky at offset 0 and after each "\n"; the matches
 * are the same, since every match of the original starts at such an offset and at each one the same pattern runs.
 */
import { nativeRegExp } from '../../native-regex';
import { foldCase } from './fold-case';
import { dropRedundantLookaheads } from './lookahead';

const LINE_START = '(?<![^\\n])';

export class RuleMatcher {
  private readonly re: RegExp;
  private readonly lineStart: boolean;

  constructor(source: string, flags: string) {
    // ReplaceTags rules open words with `(?=X)(?!word)X`, a Perl optimiser hint that V8 pays at every offset.
    source = dropRedundantLookaheads(source);
    // Case folding written out compiles in about half the time (fold-case.ts); same matches on octet strings.
    const folded = flags.includes('i') ? foldCase(source) : undefined;
    if (folded !== undefined) {
      source = folded;
      flags = flags.replace('i', '');
    }
    this.lineStart = source.startsWith(LINE_START) && !hasTopLevelAlternation(source);
    this.re = this.lineStart ? nativeRegExp(source.slice(LINE_START.length), `${flags}y`) : nativeRegExp(source, `${flags}g`);
  }

  test(text: string): boolean {
    const { re } = this;
    if (!this.lineStart) {
      re.lastIndex = 0;
      return re.test(text);
    }
    for (let at = 0; at >= 0; at = lineStartFrom(text, at + 1)) {
      re.lastIndex = at;
      if (re.test(text)) return true;
    }
    return false;
  }

  /** Matches up to `limit`, each search starting where the previous match ended (one further after an empty one). */
  count(text: string, limit: number): number {
    let count = 0;
    let from = 0;
    while (count < limit && from <= text.length) {
      const m = this.execFrom(text, from);
      if (!m) break;
      count++;
      from = m[0] === '' ? this.re.lastIndex + 1 : this.re.lastIndex;
    }
    return count;
  }

  first(text: string): string | undefined {
    return this.execFrom(text, 0)?.[0];
  }

  private execFrom(text: string, from: number): RegExpExecArray | null {
    const { re } = this;
    if (!this.lineStart) {
      re.lastIndex = from;
      return re.exec(text);
    }
    for (let at = lineStartFrom(text, from); at >= 0; at = lineStartFrom(text, at + 1)) {
      re.lastIndex = at;
      const m = re.exec(text);
      if (m) return m;
    }
    return null;
  }
}

/** The first offset >= from where a line starts (0, or just after a "\n"), or -1. */
function lineStartFrom(text: string, from: number): number {
  if (from > text.length) return -1;
  if (from === 0 || text.charCodeAt(from - 1) === 10) return from;
  const nl = text.indexOf('\n', from);
  return nl < 0 ? -1 : nl + 1;
}

/** Whether a JavaScript regex source has a `|` outside every group and class (the anchor would cover one branch). */
function hasTopLevelAlternation(source: string): boolean {
  let depth = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (c === '[') {
      for (i++; i < source.length && source[i] !== ']'; i++) if (source[i] === '\\') i++;
    } else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) return true;
  }
  return false;
}
