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

/** The index just past the group or class that opens at `start` ('(' or '['), or -1 when unbalanced. */
function atomEnd(source: string, start: number): number {
  if (source[start] === '[') return classEnd(source, start);
  let depth = 0;
  for (let i = start; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (c === '[') {
      i = classEnd(source, i) - 1;
      if (i < 0) return -1;
    } else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i + 1;
  }
  return -1;
}

/** The index just past the class that opens at `start`, read as JavaScript does (`[]` and `[^]` are whole classes). */
function classEnd(source: string, start: number): number {
  let i = start + 1;
  if (source[i] === '^') i++;
  for (; i < source.length && source[i] !== ']'; i++) if (source[i] === '\\') i++;
  return i < source.length ? i + 1 : -1;
}

/** A quantifier at `at` that lets the atom before it match zero times. */
function optional(source: string, at: number): boolean {
  const c = source[at];
  return c === '?' || c === '*' || /^\{0[,}]/.test(source.slice(at, at + 3));
}

/** Whether `text` holds a capturing group: a '(' not escaped, outside classes, not followed by '?'. */
function capturing(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === '[') {
      i = classEnd(text, i) - 1;
      if (i < 0) return true;
    } else if (c === '(' && text[i + 1] !== '?') return true;
  }
  return false;
}

export function dropRedundantLookaheads(source: string): string {
  let out = '';
  let copied = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '[') {
      const end = classEnd(source, i);
      if (end < 0) return source;
      i = end - 1;
      continue;
    }
    if (!source.startsWith('(?=', i)) continue;
    const end = atomEnd(source, i);
    if (end < 0) return source;
    const body = source.slice(i + 3, end - 1);
    const single = (body[0] === '(' || body[0] === '[') && atomEnd(body, 0) === body.length;
    if (!single || capturing(body)) continue;
    // Zero-width negative lookaheads between the assertion and the atom it announces.
    let at = end;
    while (source.startsWith('(?!', at)) {
      const next = atomEnd(source, at);
      if (next < 0) return source;
      at = next;
    }
    if (!source.startsWith(body, at) || optional(source, at + body.length)) continue;
    out += source.slice(copied, i);
    copied = end;
    i = end - 1;
  }
  return copied === 0 ? source : out + source.slice(copied);
}
