/**
 * Every SpamAssassin regex the engine runs, against Perl's own regex engine (issue #12): the spam fidelity test
 * compares whole verdicts with spamd on the corpus, but most rules never fire there, so a translation that changed
 * a rule's meaning could hide. Here each rule's pattern as SpamAssassin compiles it (ReplaceTags applied, from
 * generate.mjs) runs in `perl` on byte strings, and its JavaScript translation (the one rules.generated.ts ships) in
 * V8, on the same texts:
 * - lines of the tuning corpus and the templates as the engine sees them (rendered body, raw body, URIs, headers);
 * - for each rule, texts generated from its own translation (randexp, seeded), bare and inside other words, so that
 *   rules which never fire on the corpus are tried where they match.
 * Found this way: HELO_DYNAMIC_HOME_NL's `[^]]+` (no bracket, in Perl) had been written as JavaScript's `[^]` (any
 * character) and never hit.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import RandExp from 'randexp';
import { describe, expect, it } from 'vitest';
import { parseMessage } from '../../../shared/lint/message/mime';
// @ts-expect-error plain JavaScript module: the generator, which compiles the rule files in memory when imported
import { perlPatterns as compiledPatterns } from '../../../shared/lint/rules/spam/generate.mjs';
import { spamView } from '../../../shared/lint/message/spam-view';
import { engineRuleIndex } from '../../../shared/lint/rules/spam/engine';
import { wrapTemplate } from '../../../shared/mail/wrap';
import { tempDir } from '../../support/temp';

interface PerlPattern {
  name: string;
  perl: string;
  flags: string;
  source: string;
  jsFlags: string;
}

const fixtures = fileURLToPath(new URL('../../fixtures/', import.meta.url));
const perlMatch = fileURLToPath(new URL('../../spam-reference/perl-match.pl', import.meta.url));

/**
 * Where the translation may differ from Perl, and why it does not matter in practice. Anything else that differs
 * fails the test.
 */
const KNOWN = new Map([
  [
    '__HELO_NOT_RDNS',
    "`(?i)\\1` (a backreference compared case-insensitively) needs the whole regex under JavaScript's i flag (Node 20 has no inline modifiers), so ' rdns=' and ' helo=' also match in upper case; SpamAssassin writes the X-Spam-Relays-* keys in lower case only",
  ],
]);

const hex = (text: string) => Buffer.from(text, 'latin1').toString('hex');

/** Texts as the engine sees them, from the tuning corpus and the templates: at most `limit`, spread evenly. */
function corpusTexts(limit: number): string[] {
  const texts = new Set<string>();
  for (const folder of ['spam/spam', 'spam/ham']) {
    for (const file of readdirSync(join(fixtures, folder)).filter((f) => f.endsWith('.eml')).sort()) {
      const view = spamView(parseMessage(readFileSync(join(fixtures, folder, file))));
      for (const text of [...view.body.slice(0, 12), ...view.rawbody.slice(0, 4), ...view.uris.slice(0, 5)]) texts.add(text);
      for (const header of ['ALL', 'From', 'To', 'Subject', 'Received', 'Message-ID', 'X-Spam-Relays-External', 'X-Spam-Relays-Untrusted']) {
        const value = view.get(header);
        if (value) texts.add(value.slice(0, 4000));
      }
    }
  }
  for (const file of (readdirSync(join(fixtures, 'templates'), { recursive: true }) as string[]).filter((f) => f.endsWith('.html')).sort()) {
    const view = spamView(parseMessage(wrapTemplate(readFileSync(join(fixtures, 'templates', file), 'utf8'), { date: new Date(0) })));
    for (const text of [...view.body, ...view.rawbody.slice(0, 4)]) texts.add(text);
  }
  const all = [...texts].filter((text) => text.length > 0 && text.length <= 4000);
  const step = Math.max(1, Math.ceil(all.length / limit));
  return all.filter((_, i) => i % step === 0);
}

/** Octet strings that the translation matches, generated from it with a seeded random source. */
function generated(pattern: PerlPattern, count: number, seed: number): string[] {
  let gen: RandExp;
  try {
    gen = new RandExp(new RegExp(pattern.source, pattern.jsFlags));
  } catch {
    // Lookbehinds and the like are beyond randexp: those rules are tried on the corpus only.
    return [];
  }
  let state = seed;
  gen.randInt = (from, to) => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return from + ((state >>> 8) % (to - from + 1));
  };
  gen.max = 6;
  gen.defaultRange.subtract(0x100, 0xffff);
  gen.defaultRange.add(0, 0xff);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    let text: string;
    try {
      text = gen.gen();
    } catch {
      // A class with nothing left among octets (randexp picks from an empty range): corpus only, as above.
      return out;
    }
    if (/^[\x00-\xff]*$/.test(text)) out.push(text, `xx ${text} yy`);
  }
  return out;
}

describe("SpamAssassin's regexes in JavaScript against Perl's own engine", () => {
  it('every translated rule matches the texts Perl matches, and no others', () => {
    const perlPatterns = compiledPatterns as PerlPattern[];
    expect(perlPatterns.length).toBeGreaterThan(1500);
    // What ships is what the generator translates today (rules.generated.ts is not stale).
    for (const pattern of perlPatterns) expect(engineRuleIndex.get(pattern.name)?.re, pattern.name).toBe(pattern.source);

    const texts = corpusTexts(1500);
    const pairs = perlPatterns.flatMap((pattern, i) => generated(pattern, 4, 7 + i).map((text) => ({ name: pattern.name, text })));
    const work = tempDir('mailbench-perl-regex-');
    try {
      const files = { rules: join(work.dir, 'rules.tsv'), texts: join(work.dir, 'texts.hex'), pairs: join(work.dir, 'pairs.tsv') };
      writeFileSync(files.rules, perlPatterns.map((p) => `${p.name}\t${p.flags}\t${hex(p.perl)}\n`).join(''));
      writeFileSync(files.texts, texts.map((text) => `${hex(text)}\n`).join(''));
      writeFileSync(files.pairs, pairs.map((pair) => `${pair.name}\t${hex(pair.text)}\n`).join(''));
      const perl = spawnSync('perl', [perlMatch, files.rules, files.texts, files.pairs], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, timeout: 600_000 });
      expect(perl.error, 'perl must be installed (it comes with spamassassin)').toBeUndefined();
      expect(perl.status, perl.stderr).toBe(0);
      const [corpusPart, pairPart] = perl.stdout.split('--\n');
      const perlHits = new Map(
        corpusPart!
          .trim()
          .split('\n')
          .map((line) => {
            const [name, hits] = line.split('\t');
            return [name!, hits!] as const;
          }),
      );
      const pairAnswers = pairPart!.trim().split('\n');

      const differs = new Map<string, string[]>();
      const note = (name: string, what: string) => {
        const list = differs.get(name) ?? [];
        if (list.length < 3) list.push(what);
        differs.set(name, list);
      };
      let perlMatched = 0;
      const regexes = new Map(perlPatterns.map((p) => [p.name, new RegExp(p.source, p.jsFlags)]));
      for (const pattern of perlPatterns) {
        const hits = perlHits.get(pattern.name);
        expect(hits, `${pattern.name}: Perl compiles SpamAssassin's own pattern`).not.toBe('ERROR');
        const expected = new Set(hits ? hits.split(',').map(Number) : []);
        perlMatched += expected.size;
        const re = regexes.get(pattern.name)!;
        texts.forEach((text, i) => {
          if (re.test(text) !== expected.has(i)) note(pattern.name, `${expected.has(i) ? 'Perl' : 'JavaScript'} only: ${JSON.stringify(text.slice(0, 100))}`);
        });
      }
      let generatedMatched = 0;
      pairs.forEach((pair, i) => {
        const answer = pairAnswers[i];
        if (answer === '1') generatedMatched++;
        if (regexes.get(pair.name)!.test(pair.text) !== (answer === '1')) note(pair.name, `${answer === '1' ? 'Perl' : 'JavaScript'} only: ${JSON.stringify(pair.text.slice(0, 100))}`);
      });

      // Both engines were asked real questions: matches on the corpus, and most generated texts matching (randexp
      // does not honour lookarounds and word boundaries, so some generated texts match neither).
      expect(perlMatched).toBeGreaterThan(1000);
      expect(generatedMatched).toBeGreaterThan(pairs.length * 0.6);
      const unexpected = [...differs].filter(([name]) => !KNOWN.has(name));
      const report = unexpected.map(([name, examples]) => `${name}:\n  ${examples.join('\n  ')}`).join('\n');
      expect(unexpected.length, `rules whose JavaScript translation disagrees with Perl:\n${report}`).toBe(0);
    } finally {
      work.cleanup();
    }
  }, 900_000);
});
