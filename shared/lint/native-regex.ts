/**
 * A RegExp that V8 runs as machine code from its first use.
 *
 * V8 starts every regex in its bytecode interpreter and is meant to compile it once it is used again, but runs
 * through the fast path of `test`/`exec` on short strings never advance that count: a regex only ever used on short
 * texts (most spam rules on body lines and header values) stays interpreted for the life of the process. One run on
 * a string of at least 1,000 characters makes V8 compile it at once (its rule for long subjects). Measured on the
 * 100 KB template, CPU per warm lint of the spam family: 52 -> 38 ms, and the first lint of a process (which
 * compiles every rule it meets) 1.6 -> 1.1 s; the same as running V8 with --no-regexp-tier-up, without changing a
 * process-wide flag (which V8 does not support once regexes have run) and in browser workers too.
 */
const LONG_SUBJECT = '\u0000'.repeat(1024);

export function nativeRegExp(source: string | RegExp, flags?: string): RegExp {
  const re = typeof source === 'string' ? new RegExp(source, flags) : source;
  re.lastIndex = 0;
  re.test(LONG_SUBJECT);
  re.lastIndex = 0;
  return re;
}
