/**
 * What to run for "does this rule match anywhere in the text", cheaper than the rule's own pattern.
 *
 * Most rules only ask whether a text matches at all (SpamAssassin's `if ($text =~ /.../)`). For that question an
 * optional item at the start of a pattern changes nothing: if `A? B` matches at p with A taking p..q, then `B`
 * matches at q; if `B` matches at p, `A? B` matches there with A empty. The same holds for an optional item at the
 * end, and a repeat `X{n,m}` at the end needs only its first n copies. This is applied at both ends of every
 * top-level alternative, and into a group that itself starts (or ends) the pattern: the result is `exact`.
 *
 * A group repeated n times at the start whose first copy opens with optional words (SpamAssassin's
 * __FILL_THIS_FORM_*: three form fields, each "a copy of your current ... name:") gives a necessary part instead:
 * that first copy, trimmed. Written out in front of the other n - 1 copies it would be exact, but V8 took about
 * 150 ms to compile each such pattern. A text where the part does not match cannot match the rule; where it does,
 * the rule's own pattern runs from `lead` characters before the part's first match (from the start when unbounded).
 *
 * A pattern that opens with a boundary and a variable run of separators before its first letter (__DRUGS_*,
 * __BTC_OBFU_*) gives a necessary part too: from that letter on (coreOf). There the rule's own pattern is tried only
 * at the `lead` + 1 offsets before each match of the part.
 *
 * Why it matters: V8 cannot skip ahead through a text by a pattern's first characters when the pattern opens with
 * optional groups or an assertion, so it tries them at every offset. Trimmed, the pattern starts at its first
 * required word or letter, and V8 skips to where that can be.
 *
 * Counting rules (`tflags multiple`) and the text shown for a hit keep the original pattern: the matches themselves
 * (where they start and end) do change. Patterns with backreferences are left alone (a dropped group could be
 * the one referred to), and nothing is dropped past an assertion (`^`, `\b`, lookarounds): those hold at a position,
 * and the position would move.
 */
import { hasBackreference, print, printSeq, readable, type Term } from './pattern';

const assertion = (t: Term): boolean => (t.atom !== undefined && /^(?:\^|\$|\\[bB])$/.test(t.atom)) || (t.group !== undefined && /^\(\?<?[=!]/.test(t.group.open));

/** The most characters a term can match (Infinity when unbounded). */
function maxLength(t: Term): number {
  const one = assertion(t) ? 0 : t.group ? Math.max(...t.group.alternatives.map((alt) => alt.reduce((sum, x) => sum + maxLength(x), 0))) : 1;
  const max = t.quant ? t.quant.max : 1;
  return one === 0 || max === 0 ? 0 : one * max;
}

/**
 * A sequence trimmed at one end. `exact`: it matches somewhere exactly when the original does. Otherwise it is a
 * necessary part: every match of the original holds a match of it that starts at most `lead` characters later.
 */
interface Trimmed {
  seq: Term[];
  lead: number;
  exact: boolean;
}

/** The alternative with what it may open (end = false) or close (end = true) with dropped; null: it can match empty. */
function trim(seq: Term[], end: boolean): Trimmed | null {
  const out = seq.slice();
  let lead = 0;
  const replace = (...terms: Term[]) => out.splice(end ? out.length - 1 : 0, 1, ...terms);
  for (;;) {
    const t = end ? out[out.length - 1] : out[0];
    if (!t) return null;
    if (assertion(t)) return { seq: out, lead, exact: true };
    const quant = t.quant;
    if (quant && quant.min === 0) {
      if (!end) lead += maxLength(t);
      replace();
      continue;
    }
    // X{n,m} at the end: its first n copies are there whenever more are. (At the start the last n would be, but
    // the match would start later by up to m - n copies, an unbounded `lead` for X+, so the start keeps X{n,m}.)
    let term = t;
    if (end && quant && quant.max !== quant.min) {
      term = quant.min === 1 ? { ...t, quant: undefined } : { ...t, quant: { min: quant.min, max: quant.min, lazy: false } };
      replace(term);
    }
    if (!term.group || (!end && term.quant && term.quant.max !== term.quant.min)) return { seq: out, lead, exact: true };
    if (term.quant && term.quant.min !== 1) {
      // A group repeated n times at the start (__FILL_THIS_FORM_*: three form fields, each opening with optional
      // words): the first copy, trimmed, is a necessary part. Written out in front of the other n - 1 copies, V8
      // took 150 ms to compile it; kept apart, it finds where to start the original.
      if (end) return { seq: out, lead, exact: true };
      const once = trim([{ group: term.group }], false);
      if (!once || (once.exact && once.lead === 0)) return { seq: out, lead, exact: true };
      const closed = trim(once.seq, true);
      if (!closed) return null;
      return { seq: closed.seq, lead: lead + once.lead, exact: false };
    }
    // A group taken once at the end: trim each of its alternatives the same way.
    const alternatives = term.group.alternatives.map((alt) => trim(alt, end));
    if (alternatives.some((alt) => alt === null)) {
      if (!end) lead += maxLength(term);
      replace();
      continue;
    }
    const trimmed = alternatives as Trimmed[];
    if (!end) lead += Math.max(...trimmed.map((alt) => alt.lead));
    const group: Term = { group: { open: '(?:', alternatives: trimmed.map((alt) => alt.seq) } };
    // A necessary part of an alternative may end before the alternative does: what follows the group is no longer
    // right after it, so the part stands alone.
    if (trimmed.some((alt) => !alt.exact)) return { seq: trimmed.length === 1 ? trimmed[0]!.seq : [group], lead, exact: false };
    if (trimmed.length === 1) {
      // One alternative: its terms stand in the sequence, so trimming goes on into them.
      replace(...trimmed[0]!.seq);
      continue;
    }
    replace(group);
    return { seq: out, lead, exact: true };
  }
}

/**
 * What to ask of a text instead of the rule's pattern `source`, for "does it match anywhere".
 * `exact`: `pattern` matches somewhere exactly when `source` does. Otherwise `pattern` is a necessary part: a text
 * where it does not match cannot match `source`, and where its first match starts at q, a match of `source` starts
 * at q - lead or later. `source` itself (exact) when nothing can be dropped, when the pattern is beyond this parser
 * (backreferences), or when it matches every text.
 */
export interface Existence {
  pattern: string;
  exact: boolean;
  lead: number;
}

export function existenceOf(source: string): Existence {
  const same = { pattern: source, exact: true, lead: 0 };
  const alternatives = readable(source);
  if (!alternatives || hasBackreference(alternatives)) return same;
  const out: Term[][] = [];
  let exact = true;
  let lead = 0;
  for (const alt of alternatives) {
    const start = trim(alt, false);
    const both = start && trim(start.seq, true);
    if (!start || !both) return same;
    out.push(both.seq);
    exact &&= start.exact && both.exact;
    lead = Math.max(lead, start.lead);
  }
  const core = exact && out.length === 1 ? coreOf(out[0]!) : undefined;
  if (core) return { pattern: printSeq(core.seq), exact: false, lead: core.lead };
  const pattern = print(out);
  return pattern === source ? same : { pattern, exact, lead };
}

/** Classes that hold most characters (white space, non-word, negated), which give V8 nothing to skip ahead by. */
const BROAD = /^(?:\\[WSsw]|\.|\[\^[^\]]*\]|\[(?:\\x5f|_)?\\W(?:\\x5f|_)?\]|\[\\x09-\\x0d\\x20\])$/;

/**
 * A necessary part for patterns that open with a boundary and a run of separators before their first letter
 * (SpamAssassin's __DRUGS_*: `(?:\b|\s)[_\W]{0,3}V[_\W]{0,3}[i1!|]...`, __BTC_OBFU_*): from that letter on. V8 then skips
 * ahead by the letter instead of trying the separators at every offset (4x faster on the drug names); a match of the
 * rule starts at most `lead` characters before the part's. Only when a dropped item repeats a variable number of
 * times (by two or more): a lone boundary or `\s?` in front costs V8 little, and without it the part would be tried
 * at every letter.
 */
function coreOf(seq: Term[]): { seq: Term[]; lead: number } | undefined {
  let at = 0;
  let lead = 0;
  let skips = false;
  for (; at < seq.length; at++) {
    const t = seq[at]!;
    const variable = t.quant !== undefined && t.quant.max - t.quant.min >= 2;
    const boundary = t.group !== undefined && !assertion(t) && t.group.alternatives.some((alt) => alt.length === 1 && assertion(alt[0]!));
    if (!(assertion(t) || variable || boundary || (t.quant === undefined && t.atom !== undefined && BROAD.test(t.atom)))) break;
    skips ||= variable;
    lead += maxLength(t);
  }
  return skips && at < seq.length && lead <= NEAR ? { seq: seq.slice(at), lead } : undefined;
}

/** The most characters a necessary part found by coreOf may start after the rule's match. */
export const NEAR = 16;
