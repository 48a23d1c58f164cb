import { describe, expect, it } from 'vitest';
import { engineRules } from '../../../shared/lint/rules/spam/engine';
import { foldCase } from '../../../shared/lint/rules/spam/fold-case';

/** Octet strings mixing both cases of ASCII and Latin-1 letters, digits, punctuation and line breaks. */
function randomTexts(count: number, seed: number): string[] {
  const alphabet = 'aAbBcCsSzZeE3iIl1!|oO0 \n\t.-_/@&#;:xXyY\xe9\xc9\xe0\xc0\xff\xb5\xd7\xf7\xc3\xa9\x80';
  let state = seed;
  const next = (n: number) => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state % n;
  };
  return Array.from({ length: count }, () => Array.from({ length: 1 + next(40) }, () => alphabet[next(alphabet.length)]).join(''));
}

/** Every match (offset and text) of a global regex over a text. */
function matches(re: RegExp, text: string): Array<[number, string]> {
  return [...text.matchAll(re)].map((m) => [m.index, m[0]]);
}

function expectSame(pattern: string, texts: string[]): void {
  const folded = foldCase(pattern);
  expect(folded, pattern).toBeDefined();
  const original = new RegExp(pattern, 'gi');
  const rewritten = new RegExp(folded!, 'g');
  for (const text of texts) expect(matches(rewritten, text), `${pattern} on ${JSON.stringify(text)}`).toEqual(matches(original, text));
}

describe('foldCase (case-insensitive regexes written out, for a faster compile)', () => {
  const texts = randomTexts(400, 11);

  it('matches what the i flag matches on octet strings: letters, classes, ranges, negations, escapes, Latin-1', () => {
    for (const pattern of [
      'abc',
      's[e3]c',
      '[a-f]+',
      '[^a-z]+',
      '[^\\w\\s]',
      '\\bsex\\b',
      '[\\xc0-\\xde]',
      '\\xe9|\\xff|\\xb5',
      'x(?=y)|(?<!a)b',
      '[-a-c.]{2,3}',
      '[]|[^]z',
      'c\\.o\\/m',
      '(?:&#\\d+;|[iIl1|!]){1,2}\\W{0,2}',
      '^a|b$',
    ])
      expectSame(pattern, texts);
  });

  it('agrees with the i flag on a sample of the SpamAssassin rules that use it', () => {
    const rules = engineRules.filter((rule) => rule.runs && rule.re && rule.flags?.includes('i') && rule.re.length < 4000 && foldCase(rule.re));
    expect(rules.length).toBeGreaterThan(500);
    for (const rule of rules.filter((_, index) => index % 20 === 0)) expectSame(rule.re!, texts.slice(0, 100));
  });

  it('leaves patterns it cannot rewrite alone: backreferences compare case-insensitively', () => {
    expect(foldCase('(a)\\1')).toBeUndefined();
    expect(foldCase('(?<n>a)\\k<n>')).toBeUndefined();
    expect(foldCase('\\u00e9')).toBeUndefined();
  });
});
