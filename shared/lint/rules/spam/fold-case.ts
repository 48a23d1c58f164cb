/**
 * Case-insensitive matching written out, so V8 compiles the regex without its `i` flag.
 *
 * V8 spends most of a huge rule's compile time (hundreds of ms for the FUZZY_* and __FILL_THIS_FORM_* rules, paid
 * by every process and worker that meets them) on case-folding analysis. Matching octet strings (every code unit
 * <= 0xff), the `i` flag of a non-Unicode JavaScript regex makes each letter match its other case: A-Z and a-z, and
 * the Latin-1 letters 0xc0-0xde (but 0xd7) and 0xe0-0xfe (but 0xf7); 0xb5 and 0xff fold to characters above 0xff,
 * which an octet string never holds. foldCase writes those pairs into the pattern (`a` becomes `[aA]`, `[a-f]`
 * becomes `[a-fA-F]`), which matches exactly the same octet strings.
 *
 * Returns undefined when the pattern is outside what the rewrite handles (backreferences, which compare case-
 * insensitively under `i`; named groups; anything unparsed): the rule then keeps its `i` flag.
 */

/** The other case of an octet, or -1 (see above). */
function otherCase(code: number): number {
  if (code >= 0x41 && code <= 0x5a) return code + 0x20;
  if (code >= 0x61 && code <= 0x7a) return code - 0x20;
  if (code >= 0xc0 && code <= 0xde && code !== 0xd7) return code + 0x20;
  if (code >= 0xe0 && code <= 0xfe && code !== 0xf7) return code - 0x20;
  return -1;
}

const hex = (code: number) => `\\x${code.toString(16).padStart(2, '0')}`;

/** A class member as a literal inside [...]: octets as \xHH, everything else kept readable. */
function member(code: number): string {
  if ((code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a)) return String.fromCharCode(code);
  return hex(code);
}

/** The octets of a range set, with their other cases added, as class body ranges. */
function classBody(set: Uint8Array): string {
  let out = '';
  for (let c = 0; c < 256; c++) {
    if (!set[c]) continue;
    let end = c;
    while (end + 1 < 256 && set[end + 1]) end++;
    out += end === c ? member(c) : end === c + 1 ? member(c) + member(end) : `${member(c)}-${member(end)}`;
    c = end;
  }
  return out;
}

const ESCAPE_CLASSES = new Set(['d', 'D', 'w', 'W', 's', 'S']);

export function foldCase(source: string): string | undefined {
  let out = '';
  let i = 0;
  const n = source.length;
  /** Reads one escape at source[i] === '\\'; returns its octet, or a class escape / other token to copy, or undefined. */
  const escape = (): { code: number } | { copy: string } | undefined => {
    const c = source[i + 1];
    if (c === undefined) return undefined;
    if (c === 'x') {
      const h = source.slice(i + 2, i + 4);
      if (!/^[0-9a-fA-F]{2}$/.test(h)) return undefined;
      i += 4;
      return { code: parseInt(h, 16) };
    }
    if (c === 'u' || c === 'c' || c === 'k' || c === 'p' || c === 'P') return undefined;
    if (c >= '1' && c <= '9') return undefined; // a backreference: compares case-insensitively
    if (c === '0') {
      i += 2;
      return { code: 0 };
    }
    i += 2;
    if (ESCAPE_CLASSES.has(c) || c === 'b' || c === 'B') return { copy: `\\${c}` };
    const controls: Record<string, number> = { t: 9, n: 10, v: 11, f: 12, r: 13 };
    if (Object.hasOwn(controls, c)) return { code: controls[c]! };
    // An identity escape (\. \/ \( ...): the character itself.
    return { code: c.charCodeAt(0) };
  };
  while (i < n) {
    const c = source[i]!;
    if (c === '\\') {
      const e = escape();
      if (!e) return undefined;
      if ('copy' in e) out += e.copy;
      else {
        const other = otherCase(e.code);
        out += other < 0 ? (e.code < 0x80 && /[\w]/.test(String.fromCharCode(e.code)) ? String.fromCharCode(e.code) : hex(e.code)) : `[${member(e.code)}${member(other)}]`;
      }
      continue;
    }
    if (c === '[') {
      i++;
      const negate = source[i] === '^';
      if (negate) i++;
      const set = new Uint8Array(256);
      const extra: string[] = [];
      while (i < n && source[i] !== ']') {
        let from: number;
        if (source[i] === '\\') {
          const e = escape();
          if (!e) return undefined;
          if ('copy' in e) {
            if (e.copy === '\\b' || e.copy === '\\B') return undefined;
            extra.push(e.copy);
            continue;
          }
          from = e.code;
        } else {
          from = source.charCodeAt(i);
          if (from > 0xff) return undefined;
          i++;
        }
        let to = from;
        if (source[i] === '-' && source[i + 1] !== ']' && i + 1 < n) {
          i++;
          if (source[i] === '\\') {
            const e = escape();
            if (!e || 'copy' in e) return undefined;
            to = e.code;
          } else {
            to = source.charCodeAt(i);
            if (to > 0xff) return undefined;
            i++;
          }
          if (to < from) return undefined;
        }
        for (let k = from; k <= to; k++) {
          set[k] = 1;
          const other = otherCase(k);
          if (other >= 0) set[other] = 1;
        }
      }
      if (source[i] !== ']') return undefined;
      i++;
      const body = classBody(set) + extra.join('');
      out += body === '' ? (negate ? '[^]' : '[]') : `[${negate ? '^' : ''}${body}]`;
      continue;
    }
    if (c === '(') {
      // Named groups and lookbehinds pass through as syntax; a named group's backreference is refused above (\k).
      if (source.startsWith('(?<', i) && source[i + 3] !== '=' && source[i + 3] !== '!') return undefined;
      const open = /^\((?:\?(?::|=|!|<=|<!))?/.exec(source.slice(i, i + 4))![0];
      out += open;
      i += open.length;
      continue;
    }
    if (c === '{') {
      const q = /^\{\d+(?:,\d*)?\}/.exec(source.slice(i, i + 24));
      if (q) {
        out += q[0];
        i += q[0].length;
        continue;
      }
    }
    const code = source.charCodeAt(i);
    if (code > 0xff) return undefined;
    const other = otherCase(code);
    out += other < 0 ? c : `[${member(code)}${member(other)}]`;
    i++;
  }
  return out;
}
