/**
 * A rule's regex, compiled once, with the three questions the engine asks of a text: does it match, how many
 * times (non-overlapping, as Perl's `while (/.../g)`), and what is the first match.
 *
 * Rules anchored at a line start (`^` in a rule, translated as `(?<![^\n])`) are matched only where a line starts:
 * V8 would otherwise try the lookbehind at every offset of a 100 KB text (__LONGLINE on the whole message,
 * rawbody paragraphs). The anchor is dropped and the rest runs sticky at offset 0 and after each "\n"; the matches
 * are the same, since every match of the original starts at such an offset and at each one the same pattern runs.
 *
 * "Does it match" runs the pattern with what cannot change that answer dropped (existence.ts); counting and the
 * first match run the rule's own pattern, each compiled when first asked for.
 */
import { nativeRegExp } from '../../native-regex';
import { type Existence, existenceOf, NEAR } from './existence';
import { foldCase } from './fold-case';
import { dropRedundantLookaheads } from './lookahead';

const LINE_START = '(?<![^\\n])';

/**
 * `^[^\r\n]{N}` under /m (__LONGLINE: a line of 998 octets or more, on the whole message): whether some line has
 * N octets before its CR or LF, found with indexOf. As a regex, V8 walked every octet of a 100 KB message one by
 * one (0.5 ms of a 2 ms full-message pass) and compiled the {998} written out.
 */
const LONG_LINE = /^\(\?<!\[\^\\n\]\)\[\^\\r\\n\]\{(\d+)\}$/;

/** Counts messages (startMessage): what a pattern remembers of a text holds for one message only. */
let message = 0;

/** Called by the engine before each message. */
export function startMessage(): void {
  message++;
}

/** One compiled pattern and where it is tried: everywhere, or sticky at each line start. */
class Compiled {
  private readonly source: string;
  private readonly flags: string;
  private readonly lineStart: boolean;
  private readonly longLine: number;
  private compiled?: RegExp;
  /** The last firstIndex() answer: the message and text it was asked for, and where the match starts. */
  private lastMessage = -1;
  private lastText = '';
  private lastFirst = -1;

  constructor(source: string, flags: string) {
    this.source = source;
    this.flags = flags;
    this.lineStart = source.startsWith(LINE_START) && !hasTopLevelAlternation(source);
    this.longLine = Number(LONG_LINE.exec(source)?.[1] ?? 0);
  }

  /** Compiled when first run (a line-length check never is). */
  private regex(): RegExp {
    return (this.compiled ??= this.lineStart ? nativeRegExp(this.source.slice(LINE_START.length), `${this.flags}y`) : nativeRegExp(this.source, `${this.flags}g`));
  }

  /** The first match starting at `from` or later, with `re.lastIndex` just past it. */
  exec(text: string, from: number): RegExpExecArray | null {
    const re = this.regex();
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

  test(text: string, from: number): boolean {
    if (this.longLine) return hasLongLine(text, from, this.longLine);
    const re = this.regex();
    if (!this.lineStart) {
      re.lastIndex = from;
      return re.test(text);
    }
    for (let at = lineStartFrom(text, from); at >= 0; at = lineStartFrom(text, at + 1)) {
      re.lastIndex = at;
      if (re.test(text)) return true;
    }
    return false;
  }

  get lastIndex(): number {
    return this.regex().lastIndex;
  }

  /**
   * Where the first match starts, or -1. Asked again for the same text in the same message, it answers from
   * memory: the __FILL_THIS_FORM_* SHORT and LONG rules share their necessary part and search the same lines.
   */
  firstIndex(text: string): number {
    if (this.lastMessage === message && this.lastText === text) return this.lastFirst;
    this.lastMessage = message;
    this.lastText = text;
    this.lastFirst = this.exec(text, 0)?.index ?? -1;
    return this.lastFirst;
  }
}

/**
 * Patterns written the same compile once: rules that differ only in what they read (HK_RANDOM_FROM and
 * HK_RANDOM_REPLYTO), and the necessary parts the __FILL_THIS_FORM_* pairs share (8 KB patterns, 10-40 ms each).
 */
const compiledPatterns = new Map<string, Compiled>();

function compiledPattern(source: string, flags: string): Compiled {
  const key = `${flags}/${source}`;
  let compiled = compiledPatterns.get(key);
  if (!compiled) {
    compiled = new Compiled(source, flags);
    compiledPatterns.set(key, compiled);
  }
  return compiled;
}

export class RuleMatcher {
  private readonly source: string;
  private readonly flags: string;
  private compiled?: Compiled;
  /** For "does it match": the existence pattern, compiled; null when it is the rule's own. */
  private probe?: (Existence & { compiled: Compiled }) | null;
  /** The rule's own pattern, sticky: tried just before each match of a necessary part found near its start. */
  private sticky?: RegExp;

  constructor(source: string, flags: string) {
    // ReplaceTags rules open words with `(?=X)(?!word)X`, a Perl optimiser hint that V8 pays at every offset.
    source = dropRedundantLookaheads(source);
    // Case folding written out compiles in about half the time (fold-case.ts); same matches on octet strings.
    const folded = flags.includes('i') ? foldCase(source) : undefined;
    if (folded !== undefined) {
      source = folded;
      flags = flags.replace('i', '');
    }
    this.source = source;
    this.flags = flags;
  }

  private own(): Compiled {
    return (this.compiled ??= compiledPattern(this.source, this.flags));
  }

  test(text: string): boolean {
    if (this.probe === undefined) {
      const existence = existenceOf(this.source);
      this.probe = existence.pattern === this.source ? null : { ...existence, compiled: compiledPattern(existence.pattern, this.flags) };
    }
    const { probe } = this;
    if (!probe) return this.own().test(text, 0);
    if (probe.exact) return probe.compiled.test(text, 0);
    // A necessary part: no match of it, no match; else the rule's own match starts at most `lead` before one.
    if (probe.lead > NEAR) {
      const part = probe.compiled.firstIndex(text);
      return part >= 0 && this.own().test(text, Math.max(0, part - probe.lead));
    }
    // Near: the rule's own pattern is tried only at the few offsets before each match of the part.
    const sticky = (this.sticky ??= nativeRegExp(this.source, `${this.flags}y`));
    for (let part = probe.compiled.exec(text, 0); part !== null; part = probe.compiled.exec(text, part.index + 1)) {
      for (let at = Math.max(0, part.index - probe.lead); at <= part.index; at++) {
        sticky.lastIndex = at;
        if (sticky.test(text)) return true;
      }
    }
    return false;
  }

  /** Matches up to `limit`, each search starting where the previous match ended (one further after an empty one). */
  count(text: string, limit: number): number {
    const own = this.own();
    let count = 0;
    let from = 0;
    while (count < limit && from <= text.length) {
      const m = own.exec(text, from);
      if (!m) break;
      count++;
      from = m[0] === '' ? own.lastIndex + 1 : own.lastIndex;
    }
    return count;
  }

  first(text: string): string | undefined {
    return this.own().exec(text, 0)?.[0];
  }
}

/** Whether a line starting at `from` or later has `length` octets before its first CR or LF. */
function hasLongLine(text: string, from: number, length: number): boolean {
  // The next CR and LF at or after a line start; each found once, so the walk stays linear without CRs.
  let cr = -1;
  let lf = -1;
  for (let at = lineStartFrom(text, from); at >= 0; at = lf + 1) {
    if (cr < at) cr = indexOr(text, '\r', at);
    if (lf < at) lf = indexOr(text, '\n', at);
    if (Math.min(cr, lf) - at >= length) return true;
    if (lf === text.length) return false;
  }
  return false;
}

const indexOr = (text: string, char: string, from: number): number => {
  const at = text.indexOf(char, from);
  return at < 0 ? text.length : at;
};

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
