// Translates a Perl regular expression (as SpamAssassin's rule files write them) into a JavaScript RegExp source
// with the same meaning on byte strings (one char per octet, as SpamAssassin matches). Used by generate.mjs only.
// Returns { source, flags } or { error } naming the Perl feature that has no JavaScript equivalent.

const posix = new Map([
  ['alpha', 'A-Za-z'], ['digit', '0-9'], ['alnum', 'A-Za-z0-9'], ['upper', 'A-Z'], ['lower', 'a-z'],
  ['space', '\\t\\n\\x0b\\f\\r '], ['blank', ' \\t'], ['punct', '!-\\/:-@\\[-`{-~'], ['xdigit', '0-9A-Fa-f'],
  ['word', 'A-Za-z0-9_'], ['cntrl', '\\x00-\\x1f\\x7f'], ['print', '\\x20-\\x7e'], ['graph', '\\x21-\\x7e'],
  ['ascii', '\\x00-\\x7f'],
]);
// Perl's \s on a byte string without /u: no \xa0, no Unicode spaces (JavaScript's \s has both).
const SPACE = '\\t\\n\\x0b\\f\\r ';
const H_SPACE = ' \\t\\xa0';
const V_SPACE = '\\n\\x0b\\f\\r\\x85';

function caseFold(ch) {
  const lower = ch.toLowerCase();
  const upper = ch.toUpperCase();
  return lower !== upper ? `[${lower}${upper}]` : null;
}

/** Splits `/re/flags` or `m{re}flags` (any delimiter) into pattern and flags. */
export function splitDelimited(text) {
  const t = text.trim();
  let open;
  let body = t;
  if (t.startsWith('m') && t.length > 1 && !/[\w\s]/.test(t[1])) {
    open = t[1];
    body = t.slice(2);
  } else if (t.startsWith('/')) {
    open = '/';
    body = t.slice(1);
  } else return null;
  const close = { '{': '}', '(': ')', '[': ']', '<': '>' }[open] ?? open;
  let depth = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (close !== open && c === open) depth++;
    else if (c === close) {
      if (depth === 0) return { pattern: body.slice(0, i), flags: body.slice(i + 1).trim(), rest: '' };
      depth--;
    }
  }
  return null;
}

/** Strips /x whitespace and comments outside character classes. */
function stripExtended(p) {
  let out = '';
  let inClass = false;
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (c === '\\') {
      out += c + (p[i + 1] ?? '');
      i++;
    } else if (inClass) {
      if (c === ']') inClass = false;
      out += c;
    } else if (c === '[') {
      inClass = true;
      out += c;
      if (p[i + 1] === '^') out += p[++i];
      if (p[i + 1] === ']') out += p[++i];
    } else if (/\s/.test(c)) continue;
    else if (c === '#') {
      while (i < p.length && p[i] !== '\n') i++;
    } else out += c;
  }
  return out;
}

function hex2(code) {
  return `\\x${code.toString(16).padStart(2, '0')}`;
}

/**
 * @param {string} pattern Perl pattern text
 * @param {string} perlFlags modifiers after the closing delimiter
 */
export function translate(pattern, perlFlags) {
  const flags = new Set(perlFlags.replace(/[go]/g, ''));
  for (const f of flags) if (!'imsx'.includes(f)) return { error: `modifier /${f}` };
  let p = pattern;
  // A leading (?i) applies to the whole pattern: a JavaScript flag.
  const lead = /^\(\?([imsx]+)\)/.exec(p);
  if (lead) {
    for (const f of lead[1]) flags.add(f);
    p = p.slice(lead[0].length);
  }
  if (flags.has('x')) p = stripExtended(p);
  const hasBackref = /\\[1-9]|\\k[<{']/.test(p);
  // JavaScript (Node 20) has no inline modifiers: with any (?i) or (?-i) inside, letters are folded by hand.
  const manualCase = /\(\?[a-z]*-?[a-z]*i[a-z]*[:)]/.test(p);
  let out = '';
  // Stack of open groups: where each starts in `out`, whether it is case-insensitive inside, capture kind.
  const groups = [];
  let caseless = flags.has('i');
  const multiline = flags.has('m');
  const dotall = flags.has('s');
  let lastAtomStart = -1;
  let caselessBackref = false;
  let atomic = 0;
  let capture = 0;
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    const atomStart = out.length;
    if (c === '\\') {
      const n = p[i + 1];
      i++;
      if (n === undefined) return { error: 'trailing backslash' };
      if (n === 'z') out += '$';
      else if (n === 'Z') out += '(?=\\n?$)';
      else if (n === 'A') out += '^';
      else if (n === 'G') return { error: '\\G anchor' };
      else if (n === 'K') return { error: '\\K (keep)' };
      else if (n === 's') out += `[${SPACE}]`;
      else if (n === 'S') out += `[^${SPACE}]`;
      else if (n === 'h') out += `[${H_SPACE}]`;
      else if (n === 'H') out += `[^${H_SPACE}]`;
      else if (n === 'v') out += `[${V_SPACE}]`;
      else if (n === 'V') out += `[^${V_SPACE}]`;
      else if (n === 'R') out += `(?:\\r\\n|[${V_SPACE}])`;
      else if (n === 'N') out += '[^\\n]';
      else if (n === 'e') out += '\\x1b';
      else if (n === 'a') out += '\\x07';
      else if (n === 'p' || n === 'P' || n === 'X') return { error: `\\${n} (Unicode property)` };
      else if (n === 'Q') {
        const end = p.indexOf('\\E', i + 1);
        const lit = p.slice(i + 1, end === -1 ? p.length : end);
        out += lit.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
        i = end === -1 ? p.length : end + 1;
      } else if (n === 'E') continue;
      else if (n === 'x') {
        if (p[i + 1] === '{') {
          const end = p.indexOf('}', i);
          const code = parseInt(p.slice(i + 2, end), 16);
          if (!(code <= 0xff)) return { error: 'wide character \\x{...} (never matches octets)' };
          out += hex2(code);
          i = end;
        } else {
          const m = /^[0-9a-fA-F]{1,2}/.exec(p.slice(i + 1));
          out += hex2(m ? parseInt(m[0], 16) : 0);
          i += m ? m[0].length : 0;
        }
      } else if (n === 'o' && p[i + 1] === '{') return { error: '\\o{} escape' };
      else if (/[0-9]/.test(n)) {
        // \1..\9 backreferences; \0 and three-digit forms are octal.
        const m = /^[0-7]{2,3}/.exec(p.slice(i));
        if (n === '0' || (m && m[0].length === 3)) {
          const oct = m ? m[0] : '0';
          out += hex2(parseInt(oct, 8) & 0xff);
          i += oct.length - 1;
        } else {
          out += `\\${n}`;
          if (caseless && manualCase) caselessBackref = true;
        }
      } else if (n === 'k') {
        const m = /^k(?:<(\w+)>|\{(\w+)\}|'(\w+)')/.exec(p.slice(i));
        if (!m) return { error: '\\k without a name' };
        out += `\\k<${m[1] ?? m[2] ?? m[3]}>`;
        i += m[0].length - 1;
      } else if (n === 'c' || n === 'l' || n === 'u' || n === 'L' || n === 'U') return { error: `\\${n} escape` };
      else if (/[A-Za-z]/.test(n) && !'bBdDwWtnrf'.includes(n)) return { error: `\\${n} escape` };
      else out += `\\${n}`;
      lastAtomStart = atomStart;
    } else if (c === '[') {
      const r = readClass(p, i, caseless && manualCase);
      if (r.error) return r;
      out += r.text;
      i = r.end;
      lastAtomStart = atomStart;
    } else if (c === '(') {
      if (p[i + 1] === '?') {
        const rest = p.slice(i + 2);
        if (rest.startsWith('#')) {
          i = p.indexOf(')', i);
          continue;
        }
        let m;
        if ((m = /^([imsx]*)(?:-([imsx]*))?(:|\))/.exec(rest)) && (m[1] || m[2] !== undefined)) {
          const on = m[1];
          const off = m[2] ?? '';
          if (/[msx]/.test(on + off)) return { error: `inline (?${on}${off ? `-${off}` : ''}) modifier` };
          const next = on.includes('i') ? true : off.includes('i') ? false : caseless;
          if (m[3] === ')') {
            // Modifier for the rest of the enclosing group.
            caseless = next;
            i += 1 + m[0].length;
            continue;
          }
          groups.push({ start: out.length, caseless, atomic: false, capture: false });
          caseless = next;
          out += '(?:';
          i += 1 + m[0].length;
          continue;
        }
        if (rest.startsWith('>')) {
          if (hasBackref) return { error: 'atomic group with backreferences' };
          capture++;
          atomic++;
          groups.push({ start: out.length, caseless, atomic: true, capture: false, index: capture });
          out += '(?=(';
          i += 2;
          continue;
        }
        if ((m = /^P?<([A-Za-z_]\w*)>/.exec(rest)) || (m = /^'([A-Za-z_]\w*)'/.exec(rest))) {
          capture++;
          groups.push({ start: out.length, caseless, atomic: false, capture: true });
          out += `(?<${m[1]}>`;
          i += 1 + m[0].length;
          continue;
        }
        if (/^(?:[:=!]|<=|<!)/.test(rest)) {
          const len = rest.startsWith('<') ? 3 : 2;
          groups.push({ start: out.length, caseless, atomic: false, capture: false });
          out += p.slice(i, i + 1 + len);
          i += len;
          continue;
        }
        return { error: `group (?${rest.slice(0, 2)}` };
      }
      capture++;
      groups.push({ start: out.length, caseless, atomic: false, capture: true });
      out += '(';
    } else if (c === ')') {
      const g = groups.pop();
      if (!g) return { error: 'unbalanced )' };
      caseless = g.caseless;
      out += g.atomic ? `))\\${g.index}` : ')';
      lastAtomStart = g.start;
    } else if (c === '.') {
      out += dotall ? '[\\s\\S]' : '[^\\n]';
      lastAtomStart = atomStart;
    } else if (c === '^') {
      out += multiline ? '(?<![^\\n])' : '^';
      lastAtomStart = -1;
    } else if (c === '$') {
      out += multiline ? '(?![^\\n])' : '(?=\\n?$)';
      lastAtomStart = -1;
    } else if (c === '*' || c === '+' || c === '?' || (c === '{' && /^\{\d+(?:,\d*)?\}/.test(p.slice(i)))) {
      let q = c;
      if (c === '{') {
        const m = /^\{\d+(?:,\d*)?\}/.exec(p.slice(i));
        q = m[0];
        i += q.length - 1;
      }
      if (p[i + 1] === '?') {
        q += '?';
        i++;
      } else if (p[i + 1] === '+') {
        // Possessive: the atom with its quantifier as an atomic group.
        i++;
        if (lastAtomStart < 0) return { error: 'possessive quantifier without atom' };
        if (hasBackref) {
          // A lookahead-and-backreference emulation would renumber the pattern's own groups: with backreferences
          // the quantifier stays greedy, which differs from possessive only when backtracking into it matters.
          out += q;
          lastAtomStart = -1;
          continue;
        }
        capture++;
        // Renumbering: groups opened inside the atom keep their numbers only if none follow; a capture before
        // this one shifts nothing because the new group is appended after them in order of opening.
        const atom = out.slice(lastAtomStart);
        if (/\((?!\?)/.test(atom)) return { error: 'possessive quantifier on a capturing group' };
        out = `${out.slice(0, lastAtomStart)}(?=(${atom}${q}))\\${capture}`;
        lastAtomStart = -1;
        continue;
      }
      out += q;
      lastAtomStart = -1;
    } else if (c === '|') {
      out += c;
      lastAtomStart = -1;
    } else if (c === '/') {
      out += '\\/';
      lastAtomStart = atomStart;
    } else if (caseless && manualCase && /[A-Za-z]/.test(c)) {
      out += caseFold(c);
      lastAtomStart = atomStart;
    } else {
      out += c;
      lastAtomStart = atomStart;
    }
  }
  if (groups.length) return { error: 'unbalanced (' };
  // A backreference compared case-insensitively ((?i)\1) cannot be folded by hand: the whole regex takes the i flag,
  // which only widens its case-sensitive parts.
  const jsFlags = (flags.has('i') && !manualCase) || caselessBackref ? 'i' : '';
  try {
    new RegExp(out, jsFlags);
  } catch (e) {
    return { error: `JavaScript refuses it: ${e.message}` };
  }
  return { source: out, flags: jsFlags, atomic };
}

function readClass(p, start, caseless) {
  let i = start + 1;
  let out = '[';
  if (p[i] === '^') {
    out += '^';
    i++;
  }
  let first = true;
  for (; i < p.length; i++) {
    const c = p[i];
    if (c === ']' && !first) return { text: `${out}]`, end: i };
    // Perl reads a `]` first in a class as a member (`[^]]`: not a bracket); JavaScript as the class's end (`[^]`
    // matches any character), so it goes escaped.
    if (c === ']') {
      first = false;
      out += '\\]';
      continue;
    }
    first = false;
    if (c === '[' && p[i + 1] === ':') {
      const end = p.indexOf(':]', i);
      if (end === -1) return { error: 'unterminated POSIX class' };
      let name = p.slice(i + 2, end);
      const negated = name.startsWith('^');
      if (negated) return { error: `negated POSIX class [:^${name.slice(1)}:]` };
      const set = posix.get(name);
      if (!set) return { error: `POSIX class [:${name}:]` };
      out += set;
      i = end + 1;
      continue;
    }
    if (c === '\\') {
      const n = p[i + 1];
      i++;
      if (n === 's') out += SPACE;
      else if (n === 'h') out += H_SPACE;
      else if (n === 'v') out += V_SPACE;
      else if (n === 'S') out += '\\S'; // JavaScript's \S inside a class; differs from Perl's only on NBSP
      else if (n === 'H' || n === 'V') return { error: `\\${n} inside a class` };
      else if (n === 'x') {
        if (p[i + 1] === '{') {
          const end = p.indexOf('}', i);
          const code = parseInt(p.slice(i + 2, end), 16);
          if (!(code <= 0xff)) return { error: 'wide character \\x{...} (never matches octets)' };
          out += hex2(code);
          i = end;
        } else {
          const m = /^[0-9a-fA-F]{1,2}/.exec(p.slice(i + 1));
          out += hex2(m ? parseInt(m[0], 16) : 0);
          i += m ? m[0].length : 0;
        }
      } else if (n === 'e') out += '\\x1b';
      else if (n === 'p' || n === 'P') return { error: `\\${n} (Unicode property)` };
      else if (/[0-7]/.test(n)) {
        const m = /^[0-7]{1,3}/.exec(p.slice(i));
        out += hex2(parseInt(m[0], 8) & 0xff);
        i += m[0].length - 1;
      } else out += `\\${n}`;
      continue;
    }
    if (c === '[') {
      out += '\\[';
      continue;
    }
    if (caseless && /[A-Za-z]/.test(c)) {
      // A range like a-z under a local (?i): add the other case's range too.
      if (p[i + 1] === '-' && /[A-Za-z]/.test(p[i + 2] ?? '')) {
        const to = p[i + 2];
        out += `${c}-${to}${c.toLowerCase() === c ? c.toUpperCase() : c.toLowerCase()}-${to.toLowerCase() === to ? to.toUpperCase() : to.toLowerCase()}`;
        i += 2;
        continue;
      }
      out += c.toLowerCase() + c.toUpperCase();
      continue;
    }
    out += c;
  }
  return { error: 'unterminated character class' };
}

/**
 * Literals a match must contain, from a translated (JavaScript) regex source: `{ any: [...], ci }` means every
 * match contains at least one of `any` (compared lower-cased when `ci`), so a text holding none of them cannot
 * match and the regex need not run (Perl's "floating substring" check, which V8 does not do). Undefined when no
 * literal of at least 2 characters is required.
 */
export function requiredLiterals(source, flags) {
  let i = 0;
  const ci = flags.includes('i');
  let sawFold = false;
  // Each node: { lits: string[] | null } where lits is an any-of set of required literals, plus a literal run.
  function atom() {
    const c = source[i];
    if (c === '\\') {
      const n = source[i + 1];
      i += 2;
      if (n === 'x') {
        const code = parseInt(source.slice(i, i + 2), 16);
        i += 2;
        return { char: String.fromCharCode(code) };
      }
      if (/[0-9]/.test(n)) return { none: true };
      if (n === 'k') {
        i = source.indexOf('>', i) + 1;
        return { none: true };
      }
      if ('bBdDwWsStnrfv'.includes(n)) return n === 'b' || n === 'B' ? { zero: true } : n === 't' ? { char: '\t' } : n === 'n' ? { char: '\n' } : n === 'r' ? { char: '\r' } : n === 'f' ? { char: '\f' } : { none: true };
      return { char: n };
    }
    if (c === '[') {
      let j = i + 1;
      if (source[j] === '^') j++;
      if (source[j] === ']') j++;
      for (; j < source.length && source[j] !== ']'; j++) if (source[j] === '\\') j++;
      const body = source.slice(i + 1, j);
      i = j + 1;
      // [aA]: one letter in either case.
      if (/^[a-zA-Z]{2}$/.test(body) && body[0].toLowerCase() === body[1].toLowerCase() && body[0] !== body[1]) {
        sawFold = true;
        return { char: body[0].toLowerCase() };
      }
      return { none: true };
    }
    if (c === '(') {
      i++;
      let zero = false;
      if (source[i] === '?') {
        if (source[i + 1] === ':') i += 2;
        else if (source[i + 1] === '<' && source[i + 2] !== '=' && source[i + 2] !== '!') i = source.indexOf('>', i) + 1;
        else {
          // lookaround: contributes nothing required
          zero = true;
          i += source[i + 1] === '<' ? 3 : 2;
        }
      }
      const inner = alternation();
      i++; // ')'
      return zero ? { zero: true } : { group: { set: inner.set ?? (inner.exact !== undefined && inner.exact.length >= 2 ? [inner.exact] : null), ...(inner.exact !== undefined ? { exact: inner.exact } : {}) } };
    }
    if (c === '^' || c === '$') {
      i++;
      return { zero: true };
    }
    if (c === '.') {
      i++;
      return { none: true };
    }
    i++;
    return { char: c };
  }
  function quant() {
    const c = source[i];
    let min = 1;
    if (c === '*' || c === '?') {
      min = 0;
      i++;
    } else if (c === '+') i++;
    else if (c === '{' && /^\{\d+(?:,\d*)?\}/.test(source.slice(i))) {
      const m = /^\{(\d+)(?:,\d*)?\}/.exec(source.slice(i));
      min = Number(m[1]);
      i += source.slice(i).indexOf('}') + 1;
    } else return undefined;
    if (source[i] === '?') i++;
    return min;
  }
  const best = (sets) => {
    // The any-of set whose weakest literal is longest is the most selective.
    let pick = null;
    for (const s of sets) if (s && (!pick || Math.min(...s.map((x) => x.length)) > Math.min(...pick.map((x) => x.length)))) pick = s;
    return pick;
  };
  // A sequence returns the best any-of set of literals it requires and, when it is nothing but literal
  // characters, that exact text (so an enclosing sequence can extend its own literal run with it).
  function sequence() {
    const sets = [];
    let run = '';
    let exact = true;
    let whole = '';
    const flush = () => {
      if (run.length) sets.push([run]);
      run = '';
    };
    while (i < source.length && source[i] !== '|' && source[i] !== ')') {
      const a = atom();
      const min = quant();
      if (a.zero) continue;
      if (a.char !== undefined && min === undefined) {
        run += a.char;
        whole += a.char;
        continue;
      }
      exact = false;
      if (a.char !== undefined && min >= 1) {
        run += a.char;
        flush();
        continue;
      }
      if (a.group && min === undefined && a.group.exact !== undefined) {
        run += a.group.exact;
        whole += a.group.exact;
        continue;
      }
      flush();
      if (a.group && (min === undefined || min >= 1) && a.group.set) sets.push(a.group.set);
    }
    flush();
    const set = best(sets.filter((x) => x.every((y) => y.length >= 2)));
    return { set, ...(exact ? { exact: whole } : {}) };
  }
  function alternation() {
    const alts = [sequence()];
    while (source[i] === '|') {
      i++;
      alts.push(sequence());
    }
    if (alts.length === 1) return alts[0];
    const exactAll = alts.every((a) => a.exact !== undefined);
    // Alternatives of one character each ([pP] written as (?:p|P)) are still exact under lower-casing.
    if (exactAll && alts.every((a) => a.exact.toLowerCase() === alts[0].exact.toLowerCase())) {
      sawFold = true;
      return { set: alts[0].exact.length >= 2 ? [alts[0].exact.toLowerCase()] : null, exact: alts[0].exact.toLowerCase() };
    }
    const sets = alts.map((a) => a.set ?? (a.exact !== undefined && a.exact.length >= 2 ? [a.exact] : null));
    if (sets.some((x) => !x)) return { set: null };
    return { set: [...new Set(sets.flat())] };
  }
  try {
    const top = alternation();
    const set = top.set ?? (top.exact !== undefined && top.exact.length >= 2 ? [top.exact] : null);
    if (!set || !set.length || set.some((s) => s.length < 2) || set.length > 64) return undefined;
    // Case folding by hand ([aA]) or the i flag: compare lower-cased.
    const folded = ci || sawFold;
    return { any: folded ? set.map((s) => s.toLowerCase()) : set, ci: folded };
  } catch {
    return undefined;
  }
}

/** Splits a Perl pattern at its top-level `|` (outside groups and classes). */
function topAlternatives(p) {
  const out = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (c === '\\') i++;
    else if (c === '[') {
      i++;
      if (p[i] === '^') i++;
      if (p[i] === ']') i++;
      while (i < p.length && p[i] !== ']') {
        if (p[i] === '\\') i++;
        i++;
      }
    } else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) {
      out.push(p.slice(start, i));
      start = i + 1;
    }
  }
  out.push(p.slice(start));
  return out;
}

/**
 * A Perl character class body without its members above 0x7f (octets ASCII text never holds); the octets it leaves
 * out are added to `removed`.
 */
function asciiClass(body, removed) {
  let out = '';
  for (let i = 0; i < body.length; i++) {
    let item;
    if (body[i] === '\\') {
      const m = /^\\x([0-9a-fA-F]{2})/.exec(body.slice(i));
      item = m ? m[0] : body.slice(i, i + 2);
      i += item.length - 1;
    } else item = body[i];
    if (body[i + 1] === '-' && i + 2 < body.length && body[i + 2] !== ']') {
      // a range: keep it only when it starts in ASCII (then cut it at 0x7f)
      let j = i + 2;
      let to = body[j];
      if (to === '\\') {
        const m = /^\\x([0-9a-fA-F]{2})/.exec(body.slice(j));
        to = m ? m[0] : body.slice(j, j + 2);
      }
      j += to.length - 1;
      const code = (x) => (x.startsWith('\\x') ? parseInt(x.slice(2), 16) : x.length === 2 ? x.charCodeAt(1) : x.charCodeAt(0));
      if (code(item) < 0x80) out += `${item}-${code(to) < 0x80 ? to : '\\x7f'}`;
      for (let octet = Math.max(code(item), 0x80); octet <= code(to); octet++) removed.add(octet);
      i = j;
      continue;
    }
    const isHigh = item.startsWith('\\x') && parseInt(item.slice(2), 16) >= 0x80;
    if (!isHigh) out += item;
    else removed.add(parseInt(item.slice(2), 16));
  }
  return out;
}

/**
 * A replace_tag value reduced to what can match ASCII text: alternatives that must start with a byte above 0x7f
 * are dropped, classes lose their high members. Rules built from these run on ASCII-only text, where the full
 * (multi-byte lookalike) form cannot match anything more, and give V8 literals to look for. The octets the dropped
 * members and alternatives start with are added to `removed`: a text holding none of them gets the same matches
 * from both forms, since every match the ASCII form lacks begins one of those lookalikes.
 */
export function asciiTag(value, removed = new Set()) {
  const m = /^\(\?:([\s\S]*)\)$/.exec(value);
  const alts = m && topAlternatives(m[1]).length > 1 ? topAlternatives(m[1]) : [value];
  const kept = [];
  for (const alt of alts) {
    const cls = /^\[((?:\\.|[^\]])*)\]/.exec(alt);
    if (cls) {
      const negated = cls[1].startsWith('^');
      if (negated) {
        kept.push(alt);
        continue;
      }
      const body = asciiClass(cls[1], removed);
      if (body === '') continue;
      kept.push(`[${body}]${alt.slice(cls[0].length)}`);
    } else kept.push(alt);
  }
  if (!kept.length) return '(?!)';
  return m && alts.length > 1 ? `(?:${kept.join('|')})` : kept[0];
}
