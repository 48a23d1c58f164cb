import { describe, expect, it } from 'vitest';
import { engineRules } from '../../../shared/lint/rules/spam/engine';
import { dropRedundantLookaheads } from '../../../shared/lint/rules/spam/lookahead';

/** Octet strings built from the letters, lookalikes and separators the FUZZY_* rules look for. */
function texts(count: number, seed: number): string[] {
  const alphabet = 'sSzeE3cCkuUvrRiIl1!|tTyYaA@mMnN-_. \n\xe9\xc3\xa9&#;0o';
  let state = seed;
  const next = (n: number) => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return (state >>> 16) % n;
  };
  const words = ['security', 'securlty', 's3curity', 'seguridad', 'amazon', 'arnazon', 'bit-coin', 'b1tcoin', 'wallet', 'wa11et', 'optout', '0pt-out', 'unsubscribe', 'unsubscr1be'];
  return Array.from({ length: count }, () => {
    let text = '';
    while (text.length < 60) text += next(3) === 0 ? ` ${words[next(words.length)]} ` : alphabet[next(alphabet.length)];
    return text;
  });
}

function matches(source: string, flags: string, text: string): Array<[number, string]> {
  return [...text.matchAll(new RegExp(source, `${flags}g`))].map((m) => [m.index, m[0]]);
}

describe('dropRedundantLookaheads (ReplaceTags start hints V8 cannot use)', () => {
  it('drops (?=X) when X follows at the same offset, after zero-width negative lookaheads', () => {
    expect(dropRedundantLookaheads('(?=(?:[sSz]))(?!security)(?:[sSz])ec')).toBe('(?!security)(?:[sSz])ec');
    expect(dropRedundantLookaheads('(?:^|\\W)(?=(?:[mM]|rn))(?!monero)(?:[mM]|rn)o')).toBe('(?:^|\\W)(?!monero)(?:[mM]|rn)o');
    expect(dropRedundantLookaheads('a(?=[xy])[xy]{1,2}b')).toBe('a[xy]{1,2}b');
  });

  it('keeps every lookahead that is not redundant', () => {
    for (const source of [
      '(?=(?:[sS]))(?!sec)(?:[sS])?x', // X optional afterwards: the lookahead still constrains
      '(?=[sS])(?!sec)[sS]*x',
      '(?=[sS])[sS]{0,2}x',
      '(?=(?:[sS]))x(?:[sS])', // something consumed in between
      '(?=(s))(s)\\1', // capturing group: numbering would shift
      '(?=ab)ab', // not one atom
      '(?=[ab])[abc]',
    ])
      expect(dropRedundantLookaheads(source)).toBe(source);
  });

  it('matches exactly what the rules it rewrites match', () => {
    const rewritten = engineRules.flatMap((rule) => [rule.re, rule.asciiRe].filter((re): re is string => re !== undefined && dropRedundantLookaheads(re) !== re).map((re) => ({ rule, re })));
    // The FUZZY_* family and its kin: about fifty patterns today.
    expect(rewritten.length).toBeGreaterThan(30);
    const sample = texts(150, 7);
    for (const { rule, re } of rewritten) {
      const flags = rule.flags ?? '';
      const next = dropRedundantLookaheads(re);
      for (const text of sample) expect(matches(next, flags, text), `${rule.name} on ${JSON.stringify(text)}`).toEqual(matches(re, flags, text));
    }
  });
});
