import { describe, expect, it } from 'vitest';
import { engineRules } from '../../../shared/lint/rules/spam/engine';

/**
 * Texts mixing the words the ReplaceTags rules look for, their ASCII and non-ASCII lookalikes, and UTF-8
 * punctuation (E2 80 99, C2 A0), as octet strings.
 */
function texts(count: number, seed: number, octets: string, disguise = false): string[] {
  let state = seed;
  const next = (n: number) => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return (state >>> 16) % n;
  };
  const words = ['phentermine', 'ph3nt3rmine', 'promotion', 'pr0motion', 'norton', 'n0rt0n', 'amazon', 'am4zon', 'credit', 'cr3dit', 'million', 'm1llion', 'your name:', 'address ___', 'security', 'unsubscribe', 'click here', 'paypal', 'bitcoin', 'wallet'];
  const ascii = 'aeioulnrst 013@!|.-_:\n';
  return Array.from({ length: count }, () => {
    let text = '';
    while (text.length < 80) {
      const pick = next(4);
      const word = words[next(words.length)]!;
      // A disguised word has one letter replaced by one of the octets (é for e, à for a, ...).
      const at = next(word.length);
      if (pick === 0) text += disguise && octets.length ? word.slice(0, at) + octets[next(octets.length)] + word.slice(at + 1) : word;
      else if (pick === 1 && octets.length) text += octets[next(octets.length)];
      else text += ascii[next(ascii.length)];
    }
    return text;
  });
}

function matches(source: string, flags: string, text: string): Array<[number, string]> {
  return [...text.matchAll(new RegExp(source, `${flags}g`))].map((m) => [m.index, m[0]]);
}

const replaceTagRules = engineRules.filter((rule) => rule.runs && rule.re && rule.asciiRe);

describe('lookalike octets (when the ASCII form of a ReplaceTags rule may judge a non-ASCII text)', () => {
  it('every ReplaceTags rule lists the octets its left-out lookalikes begin with', () => {
    expect(replaceTagRules.length).toBeGreaterThan(60);
    for (const rule of replaceTagRules) expect(rule.lookalikes, rule.name).toBeDefined();
  });

  it('on text holding none of those octets, both forms find the same matches', () => {
    const high = Array.from({ length: 128 }, (_, i) => String.fromCharCode(0x80 + i));
    for (const rule of replaceTagRules) {
      const outside = high.filter((octet) => !rule.lookalikes!.includes(octet)).join('');
      for (const text of texts(40, rule.index, outside)) expect(matches(rule.asciiRe!, rule.flags ?? '', text), `${rule.name} on ${JSON.stringify(text)}`).toEqual(matches(rule.re!, rule.flags ?? '', text));
    }
  });

  it('the octets matter: with them, the full form finds lookalikes the ASCII form cannot', () => {
    const differing = replaceTagRules.filter((rule) => texts(60, rule.index, rule.lookalikes!, true).some((text) => JSON.stringify(matches(rule.asciiRe!, rule.flags ?? '', text)) !== JSON.stringify(matches(rule.re!, rule.flags ?? '', text))));
    expect(differing.length).toBeGreaterThan(10);
  });

  it('typographic punctuation (UTF-8 E2 80 xx) leaves rules without an "a" lookalike on their ASCII form', () => {
    const phent = engineRules.find((rule) => rule.name === 'FUZZY_PHENT')!;
    expect(phent.lookalikes).not.toContain('\xe2');
    expect(phent.lookalikes).not.toContain('\x80');
    const amazon = engineRules.find((rule) => rule.name === 'FUZZY_AMAZON')!;
    // â (E2) is a lookalike of "a", and with the i flag so is  (C2).
    expect(amazon.lookalikes).toContain('\xe2');
    expect(amazon.lookalikes).toContain('\xc2');
  });
});
