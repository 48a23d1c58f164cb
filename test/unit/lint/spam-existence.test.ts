import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseMessage } from '../../../shared/lint/message/mime';
import { spamView } from '../../../shared/lint/message/spam-view';
import { engineRules } from '../../../shared/lint/rules/spam/engine';
import { existenceOf } from '../../../shared/lint/rules/spam/existence';
import { foldCase } from '../../../shared/lint/rules/spam/fold-case';
import { dropRedundantLookaheads } from '../../../shared/lint/rules/spam/lookahead';
import { RuleMatcher, startMessage } from '../../../shared/lint/rules/spam/matcher';

const spamFixtures = join(__dirname, '../../fixtures/spam');

/** Form-like texts (the __FILL_THIS_FORM_* family's fields and blanks) mixed with the words of other rules. */
function formTexts(count: number, seed: number): string[] {
  let state = seed;
  const next = (n: number) => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return (state >>> 16) % n;
  };
  const fields = ['Full Name', 'your name', 'Address', 'Home Address', 'Country', 'City', 'State', 'Zip Code', 'Phone', 'Mobile Number', 'Age', 'Sex', 'Occupation', 'Bank Name', 'Account Number', 'E-mail', 'Date of Birth', 'Marital Status', 'Nationality', 'Password', 'a copy of your current ID card', '1.', '2)', '(3)', '*'];
  const blanks = [': ____', ':......', ' - - - ', ': ', ' ', '\n', ' / ', ' and ', ' or ', '=20', '&nbsp;', ':\t'];
  const words = ['V-i-a-g-r-a', ' \\/iagra', 'x a n a x', 'Xan@x', '_ultram_', 'c!alis', 'phentermine', 'b.t.c', '<br>', '<br> ', '$1,000,000', 'USD 5 million', '50% of the funds', 'I have installed malware', 'my hidden virus', 'your password', 'within 48 hours', 'webcam', 'bitcoin', 'hello there', 'x'];
  // Whole forms, numbered and not, as advance-fee mail asks for them.
  const forms = [
    '1. Full Name: ________ 2. Address: ________ 3. Phone Number: ________ 4. Occupation: ______ 5. Age: ____ 6. Country: ______',
    'Your Full Name:........ Your Home Address:....... Your Phone:...... Your Country:...... Your Age:...... Your Occupation:......',
    '(a) Name ___ (b) City ___ (c) Zip Code ___ (d) Sex ___',
  ];
  return [...forms, ...Array.from({ length: count }, () => {
    let text = '';
    while (text.length < 160) {
      const pick = next(3);
      text += pick === 0 ? fields[next(fields.length)] : pick === 1 ? blanks[next(blanks.length)] : words[next(words.length)];
    }
    return text;
  })];
}

/** Lines of real messages, as the engine sees them: rendered body, raw body, URIs and headers. */
function corpusLines(perFolder: number): string[] {
  const lines: string[] = [];
  for (const folder of ['spam', 'ham']) {
    const files = readdirSync(join(spamFixtures, folder)).filter((f) => f.endsWith('.eml')).sort().slice(0, perFolder);
    for (const file of files) {
      const view = spamView(parseMessage(readFileSync(join(spamFixtures, folder, file))));
      lines.push(...view.body, ...view.rawbody, ...view.uris, view.get('ALL') ?? '');
    }
  }
  return lines;
}

describe('existenceOf (the pattern that answers "does it match anywhere")', () => {
  it('drops what a pattern opens or closes with when it is optional, and keeps n copies of a repeat', () => {
    expect(existenceOf('a?b')).toEqual({ pattern: 'b', exact: true, lead: 1 });
    expect(existenceOf('(?:x|yy)?b(?:c)?')).toEqual({ pattern: 'b', exact: true, lead: 2 });
    // A repeat at the end needs only its first n copies.
    expect(existenceOf('yx{2,5}')).toEqual({ pattern: 'yx{2}', exact: true, lead: 0 });
    expect(existenceOf('(?:a|)b').pattern).toBe('b');
    expect(existenceOf('x(?:y|z?)').pattern).toBe('x');
    expect(existenceOf('a?b|c*d').pattern).toBe('b|d');
    // Into a group that opens the pattern, each of its alternatives.
    expect(existenceOf('(?:a?b|\\s?c)d').pattern).toBe('(?:b|c)d');
  });

  it('keeps anything behind an assertion, a backreference, or a pattern that matches every text', () => {
    for (const source of ['\\ba?b', '(?<![^\\n])x?y', '(?=a)a?b', '(a)?b\\1', '(?<w>a)?b\\k<w>', 'a*', '(?:x?)+', '[^\\r\\n]{998}', '(?:<br>\\s*){30}']) expect(existenceOf(source), source).toEqual({ pattern: source, exact: true, lead: 0 });
  });

  it('a boundary and a run of separators before the first letter (the __DRUGS_* names) leave the rest as a necessary part, found at most `lead` after the match', () => {
    expect(existenceOf('(?:\\b|\\s)[_\\W]{0,3}v[_\\W]{0,3}i')).toEqual({ pattern: 'v[_\\W]{0,3}i', exact: false, lead: 4 });
    expect(existenceOf('\\b_{0,3}z[_\\W]?a')).toEqual({ pattern: 'z[_\\W]?a', exact: false, lead: 3 });
    expect(existenceOf('x{2,5}y')).toEqual({ pattern: 'y', exact: false, lead: 5 });
    // Not for a lone optional character (V8 pays little for it), nor an unbounded run (no bound on where the match starts).
    for (const source of ['(?:^|\\s)a?bc', '\\b\\W*abc']) expect(existenceOf(source).pattern, source).toBe(source);
  });

  it('a repeat whose first copy opens with optional words yields that copy as a necessary part, and how far before it a match may start', () => {
    expect(existenceOf('(?:a?b){3}')).toEqual({ pattern: 'b', exact: false, lead: 1 });
    expect(existenceOf('(?:(?:your\\s)?(?:name|city):?\\s_+){3}')).toEqual({ pattern: '(?:name|city):?\\s_', exact: false, lead: 5 });
    // What follows an alternative's necessary part is not right after it: the part stands alone.
    expect(existenceOf('(?:(?:a?b){2}|c)d')).toEqual({ pattern: '(?:b|c)', exact: false, lead: 1 });
  });

  it('RuleMatcher answers "does it match" as the rule\'s own regex does, on every rule it rewrites', () => {
    const rewritten = engineRules.filter((rule) => rule.runs && !rule.multiple && rule.type !== 'meta').flatMap((rule) =>
      [rule.re, rule.asciiRe]
        .filter((re): re is string => {
          if (re === undefined) return false;
          const plain = dropRedundantLookaheads(re);
          const source = rule.flags?.includes('i') ? (foldCase(plain) ?? plain) : plain;
          return existenceOf(source).pattern !== source;
        })
        .map((re) => ({ rule, re })),
    );
    // About 130 patterns today, the __FILL_THIS_FORM_* family among them.
    expect(rewritten.length).toBeGreaterThan(100);
    expect(rewritten.some(({ rule }) => rule.name === '__FILL_THIS_FORM_SHORT2')).toBe(true);
    const texts = [...formTexts(400, 11), ...corpusLines(15)];
    let hits = 0;
    const hitRules = new Set<string>();
    for (const { rule, re } of rewritten) {
      const own = new RegExp(re, rule.flags ?? '');
      const matcher = new RuleMatcher(re, rule.flags ?? '');
      for (const text of texts) {
        const expected = own.test(text);
        expect(matcher.test(text), `${rule.name} on ${JSON.stringify(text.slice(0, 120))}`).toBe(expected);
        if (expected) {
          hits++;
          hitRules.add(rule.name);
        }
      }
    }
    // The texts make the rewritten rules match, not only miss: both answers are compared.
    expect(hits).toBeGreaterThan(500);
    for (const name of ['__FILL_THIS_FORM_SHORT2', '__FILL_THIS_FORM_LONG2', '__FILL_THIS_FORM_SHORT1', '__DRUGS_ERECTILE1', '__DRUGS_ANXIETY1']) expect(hitRules.has(name), name).toBe(true);
  });

  it('rules that share a necessary part, asked in turn about the same lines of one message, answer as their own regexes do', () => {
    // SHORT and LONG share the part the form's first field gives: the second asked about a line is answered from
    // what the first found there, and a text is never mistaken for another, in one message or the next.
    const pairs = [
      ['__FILL_THIS_FORM_SHORT1', '__FILL_THIS_FORM_LONG1'],
      ['__FILL_THIS_FORM_SHORT2', '__FILL_THIS_FORM_LONG2'],
    ];
    const texts = formTexts(300, 23);
    let hits = 0;
    for (const names of pairs) {
      const rules = names.map((name) => engineRules.find((rule) => rule.name === name)!);
      const matchers = rules.map((rule) => ({ rule, own: new RegExp(rule.re!, rule.flags ?? ''), matcher: new RuleMatcher(rule.re!, rule.flags ?? '') }));
      texts.forEach((text, i) => {
        if (i % 50 === 0) startMessage();
        for (const { rule, own, matcher } of matchers) {
          const expected = own.test(text);
          expect(matcher.test(text), `${rule.name} on ${JSON.stringify(text.slice(0, 120))}`).toBe(expected);
          if (expected) hits++;
        }
      });
    }
    expect(hits).toBeGreaterThan(20);
  });

  it('a line of 998 octets before its CR or LF, as __LONGLINE asks, found as the regex finds it', () => {
    const source = '(?<![^\\n])[^\\r\\n]{998}';
    const own = new RegExp(source);
    const matcher = new RuleMatcher(source, '');
    const pieces = ['a', 'b'.repeat(500), '\r\n', '\n', '\r', 'x'.repeat(997), 'y'.repeat(998)];
    let state = 5;
    for (let i = 0; i < 3000; i++) {
      let text = '';
      for (let k = (i * 7) % 9; k > 0; k--) {
        state = (Math.imul(state, 1103515245) + 12345) >>> 0;
        text += pieces[(state >>> 16) % pieces.length];
      }
      expect(matcher.test(text), JSON.stringify(text.slice(0, 60))).toBe(own.test(text));
    }
  });
});
