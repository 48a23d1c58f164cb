import { describe, expect, it } from 'vitest';
import { LiteralSet, lineAt, lineStarts } from '../../../shared/lint/rules/spam/literals';

/** What the automaton must answer, by brute force: lines where an occurrence of the literal starts. */
function bruteForce(literal: string, lines: string[]): number[] | undefined {
  const text = lines.join('\n');
  const starts = lineStarts(lines);
  const found = new Set<number>();
  for (let at = text.indexOf(literal); at !== -1; at = text.indexOf(literal, at + 1)) found.add(lineAt(starts, at));
  return found.size ? [...found].sort((a, b) => a - b) : undefined;
}

describe('LiteralSet (which lines hold each required literal)', () => {
  it('finds overlapping literals, literals inside others and repeats, line by line', () => {
    const literals = ['he', 'she', 'his', 'hers', 'ushers', 'e\n', 'x'];
    const lines = ['ushers\n', 'she sells\n', '', 'this hershe\n', 'nothing', 'h', 'e'];
    // As is (found by indexOf) and among absent fillers (enough of them for the automaton).
    const fillers = Array.from({ length: 20 }, (_, i) => `q${i}q`);
    for (const set of [literals, [...literals, ...fillers]]) {
      const found = new LiteralSet(set).scan(lines.join('\n'), lineStarts(lines));
      for (const literal of literals) expect(found.lines(literal), literal).toEqual(bruteForce(literal, lines));
      expect(found.lines('hers')).toEqual([0, 3]);
      expect(found.lines('x')).toBeUndefined();
    }
  });

  it('agrees with brute force on random octet texts', () => {
    let seed = 7;
    const random = (n: number) => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed % n;
    };
    const alphabet = 'ab\n\xe9c';
    const word = (length: number) => Array.from({ length }, () => alphabet[random(alphabet.length)]).join('');
    for (let round = 0; round < 100; round++) {
      // Half the sets are small enough for the indexOf path, half go through the automaton.
      const literals = Array.from({ length: round % 2 ? 24 : 1 + random(16) }, () => word(2 + random(3)));
      const lines = Array.from({ length: 1 + random(6) }, () => word(random(12)));
      const found = new LiteralSet(literals).scan(lines.join('\n'), lineStarts(lines));
      for (const literal of literals) expect(found.lines(literal), `${JSON.stringify(literal)} in ${JSON.stringify(lines)}`).toEqual(bruteForce(literal, lines));
    }
  });

  it('leaves out literals it cannot hold (characters above 0xff), so their rules run on every line', () => {
    const set = new LiteralSet(['ab', '\u20acx']);
    expect(set.has('ab')).toBe(true);
    expect(set.has('\u20acx')).toBe(false);
  });
});
