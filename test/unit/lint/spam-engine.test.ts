import { describe, expect, it } from 'vitest';
import { renderHtml } from '../../../shared/lint/message/html-render';
import { parseMessage } from '../../../shared/lint/message/mime';
import { base64Decode, decodeCharset, octetsOf, quotedPrintableDecode } from '../../../shared/lint/message/octets';
import { spamView } from '../../../shared/lint/message/spam-view';
import { runEngine } from '../../../shared/lint/rules/spam/engine';
import { spamRuleCatalog } from '../../../shared/lint/rules/spam/index';
// @ts-expect-error plain JavaScript module shared with the generator
import { requiredLiterals, splitDelimited, translate } from '../../../shared/lint/rules/spam/perl-regex.mjs';

const bytes = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));
const js = (perl: string) => {
  const split = splitDelimited(perl)!;
  const out = translate(split.pattern, split.flags);
  if (out.error) throw new Error(out.error);
  return new RegExp(out.source, out.flags);
};

describe('Perl regex to JavaScript', () => {
  it('keeps Perl meanings JavaScript spells differently', () => {
    expect(js('/foo$/').test('foo\n')).toBe(true); // $ before a final newline
    expect(js('/foo\\z/').test('foo\n')).toBe(false);
    expect(js('/a.b/').test('a\nb')).toBe(false);
    expect(js('/a.b/s').test('a\nb')).toBe(true);
    expect(js('/a\\sb/').test('a\xa0b')).toBe(false); // Perl's \s on octets has no NBSP
    expect(js('/x(?i:abc)y/').test('xABCy')).toBe(true);
    expect(js('/x(?i:abc)y/').test('XABCy')).toBe(false);
    expect(js('/[[:alpha:]]+\\d/').test('ab1')).toBe(true);
    expect(js('m{a/b}i').test('A/B')).toBe(true);
    expect(js('/a++b/').test('aaab')).toBe(true);
    expect(js('/(?>a+)b/').test('aab')).toBe(true);
    expect(js('/f o o # comment\n/x').test('foo')).toBe(true);
    // A bracket first in a class is a member in Perl; JavaScript would read `[^]` as any character.
    expect(js('/x[^]]+y/').test('x]]y')).toBe(false);
    expect(js('/x[^]]+y/').test('xaby')).toBe(true);
    expect(js('/x[]a]y/').test('x]y')).toBe(true);
    // __HELO_NOT_RDNS: a backreference compared case-insensitively, (?i)\1 (it fired on every upper-case HELO)
    expect(js('/^(\\S+) (?!(?i)\\1)\\S/').test('mx.example.com MX.EXAMPLE.COM')).toBe(false);
    expect(js('/^(\\S+) (?!(?i)\\1)\\S/').test('mx.example.com other.example.net')).toBe(true);
  });

  it('names the Perl feature it cannot translate', () => {
    expect(translate('a\\Gb', '').error).toMatch(/\\G/);
    expect(translate('\\p{L}', '').error).toMatch(/Unicode property/);
    expect(translate('\\x{263a}', '').error).toMatch(/wide character/);
  });

  it('finds the literals every match must contain', () => {
    expect(requiredLiterals('foo(?:bar|baz)', '')).toEqual({ any: ['foo'], ci: false });
    expect(requiredLiterals('(?:your|my) money', 'i')).toEqual({ any: [' money'], ci: true });
    expect(requiredLiterals('x?y', '')).toBeUndefined();
  });
});

describe('MIME from bytes', () => {
  it('does not take --outer-inner for the boundary outer', () => {
    const message = parseMessage(
      bytes(
        [
          'Content-Type: multipart/mixed; boundary="outer"',
          '',
          '--outer',
          'Content-Type: multipart/alternative; boundary="outer-inner"',
          '',
          '--outer-inner',
          'Content-Type: text/plain',
          '',
          'plain words',
          '--outer-inner',
          'Content-Type: text/html',
          '',
          '<p>html words</p>',
          '--outer-inner--',
          '--outer--',
          '',
        ].join('\n'),
      ),
    );
    expect(message.leaves.map((l) => [l.type, l.text().trim()])).toEqual([
      ['text/plain', 'plain words'],
      ['text/html', '<p>html words</p>'],
    ]);
  });

  it('reads CR-only line ends and decodes windows-1252 smart quotes (Node 20 gives C1 controls)', () => {
    const message = parseMessage(bytes('Subject: hi\rContent-Type: text/plain; charset=windows-1252\r\r\x93quoted\x94 \x80 5\r'));
    expect(message.header('Subject')?.value).toBe('hi');
    expect(message.leaves[0]!.text()).toBe('\u201cquoted\u201d \u20ac 5\n');
    expect(decodeCharset(bytes('caf\xe9'), 'iso-8859-1')).toBe('café');
  });

  it('turns CRLF inside decoded base64 text into LF, as Node.pm does (HTML lengths count it once)', () => {
    const body = btoa('<p>a</p>\r\n<p>b</p>\r\n');
    const message = parseMessage(bytes(`Content-Type: text/html\nContent-Transfer-Encoding: base64\n\n${body}\n`));
    expect(message.leaves[0]!.decoded()).toBe('<p>a</p>\n<p>b</p>\n');
  });

  it('decodes quoted-printable and base64 byte by byte', () => {
    expect(octetsOf(quotedPrintableDecode('a=3Db=\nc =C3=A9'))).toBe('a=bc \xc3\xa9');
    expect(octetsOf(base64Decode('aGVs\nbG8='))).toBe('hello');
  });
});

describe('HTML rendered as SpamAssassin does', () => {
  it('keeps inline tags inside words and breaks lines at blocks, without a <body>', () => {
    const { rendered } = renderHtml('money <b>back</b> guarantee<p>next&nbsp;para&#103;raph</p>&#86;&#105;agra', 60);
    expect(rendered).toBe('money back guarantee\n\nnext paragraph\n\nViagra');
  });

  it('counts what HTMLEval reads: raw length, images, extra closes, low contrast on the white default page', () => {
    const html = '<img src="https://x.example/a.png" width="10" height="10"><font color="#fefefe">hidden</font></b></i>';
    const { results, invisible } = renderHtml(html, html.length);
    expect(results.length).toBe(html.length);
    expect(results.inside.has('img')).toBe(true);
    expect(results.closedExtraRatio).toBeGreaterThan(0);
    expect(results.tests.has('font_low_contrast')).toBe(true);
    expect(invisible).toBe('hidden');
    expect([...results.uris.keys()]).toEqual(['https://x.example/a.png']);
  });
});

describe('the engine', () => {
  const message = (headers: string, body: string) => spamView(parseMessage(bytes(`${headers}\n\n${body}`)));

  it('matches body rules per paragraph line with the Subject as the first line', () => {
    const view = message('Subject: Hello there\nContent-Type: text/plain', 'first\nparagraph\n\nsecond one');
    expect(view.body).toEqual(['Hello there\n', 'first paragraph\n', 'second one']);
  });

  it('evaluates metas over the hits of the rules they name (FREEMAIL_FROM && HEADER_FROM_DIFFERENT_DOMAINS)', () => {
    const forged = runEngine(message('Return-Path: <bounce@other.example.org>\nFrom: someone7@yahoo.com\nSubject: hi\nContent-Type: text/plain', 'hello')).hits;
    expect(forged.has('FREEMAIL_FROM')).toBe(true);
    expect(forged.has('HEADER_FROM_DIFFERENT_DOMAINS')).toBe(true);
    expect(forged.has('FREEMAIL_FORGED_FROMDOMAIN')).toBe(true);
    const own = runEngine(message('Return-Path: <someone7@yahoo.com>\nFrom: someone7@yahoo.com\nSubject: hi\nContent-Type: text/plain', 'hello')).hits;
    expect(own.has('FREEMAIL_FROM')).toBe(true);
    expect(own.has('FREEMAIL_FORGED_FROMDOMAIN')).toBe(false);
  });

  it('takes no envelope sender from a Return-Path that a Received header precedes (a second one, added on the way)', () => {
    const hits = runEngine(message('Return-Path: a@example.org\nReceived: from x by y; Thu, 1 Aug 2002 10:00:00 +0000\nReturn-Path: <b@example.net>\nFrom: c@example.com\nSubject: hi\nContent-Type: text/plain', 'hello')).hits;
    expect(hits.has('HEADER_FROM_DIFFERENT_DOMAINS')).toBe(false);
    const single = runEngine(message('Return-Path: a@example.org\nFrom: c@example.com\nSubject: hi\nContent-Type: text/plain', 'hello')).hits;
    expect(single.has('HEADER_FROM_DIFFERENT_DOMAINS')).toBe(true);
  });

  it('fires SpamAssassin rules by their own definitions (GTUBE, missing Date, all-caps subject)', () => {
    const view = message('From: a@example.com\nTo: b@example.org\nSubject: BUY THIS GREAT THING\nMessage-ID: <1@example.com>\nContent-Type: text/plain', 'XJS*C4JDBQADN1.NSBN3*2IDNEN*GTUBE-STANDARD-ANTI-UBE-TEST-EMAIL*C.34X');
    const hits = runEngine(view).hits;
    expect(hits.has('GTUBE')).toBe(true);
    expect(hits.has('MISSING_DATE')).toBe(true);
    expect(hits.has('SUBJ_ALL_CAPS')).toBe(true);
  });

  it('lists every rule it does not run with the reason, and never runs network or Bayes rules', () => {
    const catalog = spamRuleCatalog();
    expect(catalog.length).toBeGreaterThan(2500);
    for (const rule of catalog) if (!rule.ported) expect(rule.reason, rule.name).toBeTruthy();
    const offline = catalog.filter((r) => r.kind === 'network' || r.kind === 'bayes');
    expect(offline.some((r) => r.name.startsWith('RCVD_IN_'))).toBe(true);
    expect(offline.every((r) => !r.ported)).toBe(true);
    expect(catalog.filter((r) => r.ported && !r.name.startsWith('__') && r.score !== 0).length).toBeGreaterThan(800);
  });
});
