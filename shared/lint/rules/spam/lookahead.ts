/**
 * Drops a lookahead that asserts what the pattern consumes at the same offset anyway.
 *
 * SpamAssassin's ReplaceTags rules (FUZZY_*, __FUZZY_*, T_TVD_FUZZY_*) open each word with `(?=X)(?!word)X`: a
 * start-class hint for Perl's optimiser. V8 reads no hint from it: with an assertion first it cannot skip ahead by
 * the first character and runs the lookahead at every offset, about 10x slower than the same pattern without it
 * (FUZZY_SECURITY on a 29 KB body: 0.11 -> 0.011 ms).
 *
 * Removing `(?=X)` keeps every match: in a sequence `(?=X) N* X`, where N are zero-width lookaheads and X is then
 * required at least once at the same offset, any match of `N* X` has X matching there, so the lookahead held. The
 * rewrite applies only when X is one atom (a group or a class) repeated character for character, holds no
 * capturing group (numbering would shift), and is not made optional by its quantifier.
 */

import { print, printTerm, readable, type Term } from './pattern';

export function dropRedundantLookaheads(source: string): string {
  if (!source.includes('(?=')) return source;
  const alternatives = readable(source);
  return alternatives && dropIn(alternatives) ? print(alternatives) : source;
}

/** Drops the redundant lookaheads of every sequence, nested ones included, in place; whether it dropped any. */
function dropIn(alternatives: Term[][]): boolean {
  let dropped = false;
  for (const seq of alternatives) {
    for (let i = 0; i < seq.length; i++) {
      if (announced(seq, i)) {
        seq.splice(i--, 1);
        dropped = true;
      } else if (seq[i]!.group && dropIn(seq[i]!.group!.alternatives)) dropped = true;
    }
  }
  return dropped;
}

/** Whether seq[i] is `(?=X)` with X, after zero-width negative lookaheads, required next at the same offset. */
function announced(seq: Term[], i: number): boolean {
  const t = seq[i]!;
  if (t.group?.open !== '(?=' || t.quant) return false;
  const [only, ...more] = t.group.alternatives;
  const x = only?.length === 1 && !more.length ? only[0]! : undefined;
  if (!x || x.quant || !(x.group || x.atom!.startsWith('[')) || capturing(x)) return false;
  let at = i + 1;
  while (seq[at]?.group?.open === '(?!' && !seq[at]!.quant) at++;
  const next = seq[at];
  return next !== undefined && (!next.quant || next.quant.min > 0) && printTerm({ ...next, quant: undefined }) === printTerm(x);
}

/** Whether a term holds a capturing group (numbering would shift without it). */
function capturing(t: Term): boolean {
  if (!t.group) return false;
  if (t.group.open === '(' || /^\(\?<[A-Za-z_]/.test(t.group.open)) return true;
  return t.group.alternatives.some((seq) => seq.some(capturing));
}
