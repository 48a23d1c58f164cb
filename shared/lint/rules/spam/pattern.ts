/**
 * JavaScript regex sources (as generate.mjs writes SpamAssassin's patterns) read into terms and printed back: enough
 * syntax for the rewrites in existence.ts and lookahead.ts (groups of every kind, classes, escapes, quantifiers,
 * alternation). Printing parsed terms gives an equivalent source: the same text but for quantifiers, which print in
 * their shortest form (`{0,1}` as `?`). The sources are the generator's, read at start-up; a source beyond this
 * reader (unbalanced, a quantifier with nothing before it) throws Unsupported.
 */

export type Quant = { min: number; max: number; lazy: boolean };
/** A term: one atom (a character, a class, an escape, an assertion, or a group) and its quantifier. */
export interface Term {
  /** The atom's source, for anything but a group. */
  atom?: string;
  group?: { open: string; alternatives: Term[][] };
  quant?: Quant;
}

export class Unsupported extends Error {}

/** The alternatives of a source, each a sequence of terms. */
export function parse(source: string): Term[][] {
  let at = 0;
  const alternatives = (): Term[][] => {
    const out: Term[][] = [[]];
    while (at < source.length && source[at] !== ')') {
      if (source[at] === '|') {
        at++;
        out.push([]);
        continue;
      }
      out[out.length - 1]!.push(term());
    }
    return out;
  };
  const term = (): Term => {
    const start = at;
    const c = source[at]!;
    let t: Term;
    if (c === '(') {
      const open = /^\((?:\?(?::|=|!|<=|<!|<[A-Za-z_][\w]*>))?/.exec(source.slice(at))![0];
      at += open.length;
      const inner = alternatives();
      if (source[at] !== ')') throw new Unsupported('unbalanced group');
      at++;
      t = { group: { open, alternatives: inner } };
    } else if (c === '[') {
      at++;
      // JavaScript's classes: a `]` right after `[` or `[^` ends it (`[]` matches nothing, `[^]` anything).
      if (source[at] === '^') at++;
      while (at < source.length && source[at] !== ']') at += source[at] === '\\' ? 2 : 1;
      if (at >= source.length) throw new Unsupported('unbalanced class');
      at++;
      t = { atom: source.slice(start, at) };
    } else if (c === '\\') {
      const escape = /^\\(?:x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|u\{[0-9a-fA-F]+\}|c[A-Za-z]|[pP]\{[^}]*\}|k<[^>]*>|[0-9]+|[\s\S])/.exec(source.slice(at))![0];
      at += escape.length;
      t = { atom: escape };
    } else {
      if (c === '*' || c === '+' || c === '?' || c === '{' && /^\{\d+(?:,\d*)?\}/.test(source.slice(at))) throw new Unsupported('quantifier without an atom');
      at++;
      t = { atom: c };
    }
    const q = /^(?:([*+?])|\{(\d+)(?:(,)(\d*))?\})(\??)/.exec(source.slice(at));
    if (q) {
      at += q[0].length;
      const min = q[1] === '+' ? 1 : q[1] ? 0 : Number(q[2]);
      const max = q[1] === '?' ? 1 : q[1] ? Infinity : q[3] ? (q[4] ? Number(q[4]) : Infinity) : Number(q[2]);
      t.quant = { min, max, lazy: q[5] === '?' };
    }
    return t;
  };
  const out = alternatives();
  if (at !== source.length) throw new Unsupported('unbalanced group');
  return out;
}

export function print(alternatives: Term[][]): string {
  return alternatives.map(printSeq).join('|');
}

export const printSeq = (seq: Term[]): string => seq.map(printTerm).join('');

export function printTerm(t: Term): string {
  const atom = t.group ? `${t.group.open}${print(t.group.alternatives)})` : t.atom!;
  const q = t.quant;
  if (!q || (q.min === 1 && q.max === 1)) return atom;
  const base = q.min === 0 && q.max === 1 ? '?' : q.min === 0 && q.max === Infinity ? '*' : q.min === 1 && q.max === Infinity ? '+' : q.min === q.max ? `{${q.min}}` : `{${q.min},${q.max === Infinity ? '' : q.max}}`;
  return `${atom}${base}${q.lazy ? '?' : ''}`;
}

/** parse(), or undefined for a source beyond this reader (the caller then leaves the pattern as it is). */
export function readable(source: string): Term[][] | undefined {
  try {
    return parse(source);
  } catch (error) {
    if (error instanceof Unsupported) return undefined;
    throw error;
  }
}

/** Whether any atom refers back to a group (`\1`, `\k<name>`). */
export function hasBackreference(alternatives: Term[][]): boolean {
  return alternatives.some((seq) => seq.some((t) => (t.group ? hasBackreference(t.group.alternatives) : /^\\(?:[1-9]|k<)/.test(t.atom!))));
}
