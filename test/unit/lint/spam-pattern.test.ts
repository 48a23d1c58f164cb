import { describe, expect, it } from 'vitest';
import { engineRules } from '../../../shared/lint/rules/spam/engine';
import { hasBackreference, parse, print, Unsupported } from '../../../shared/lint/rules/spam/pattern';

describe('pattern (regex sources read into terms and printed back)', () => {
  it('reads every rule pattern the generator wrote and prints it back, quantifiers in their shortest form', () => {
    const sources = engineRules.flatMap((rule) => [rule.re, rule.asciiRe].filter((re): re is string => re !== undefined));
    expect(sources.length).toBeGreaterThan(1500);
    const shortest = (source: string) => source.replace(/\{0,1\}/g, '?').replace(/\{1,\}/g, '+').replace(/\{0,\}/g, '*');
    for (const source of sources) expect(print(parse(source)), source.slice(0, 80)).toBe(shortest(source));
  });

  it('keeps groups of every kind, classes with brackets and escapes inside, and lazy quantifiers', () => {
    for (const source of ['(?<=a)b(?<!c)(?=d)(?!e)', '(?<name>x)|(y)|(?:z)', '[\\]a]|[^\\]b]|[\\\\(|)]', 'a{2,}?b*?c??d{3}', '\\x41\\u0042\\cJ\\p{L}', 'a{,2}']) expect(print(parse(source)), source).toBe(source);
    expect(parse('a|b(c|d)')).toHaveLength(2);
    // As JavaScript reads them: `[^]` is a class of its own (any character), the `]` after it a literal.
    expect(parse('[^]]')[0]!.map((t) => t.atom)).toEqual(['[^]', ']']);
  });

  it('refuses what it cannot read, and finds backreferences', () => {
    for (const source of ['(a', 'a)', '[ab', '*a', 'a|+']) expect(() => parse(source), source).toThrow(Unsupported);
    expect(hasBackreference(parse('(a)\\1'))).toBe(true);
    expect(hasBackreference(parse('(?<w>a)(?:\\k<w>)'))).toBe(true);
    expect(hasBackreference(parse('(a)\\x01[\\1]'))).toBe(false);
  });
});
