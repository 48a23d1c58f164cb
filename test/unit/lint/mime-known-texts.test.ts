import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseMessage } from '../../../shared/lint/message/mime';
import { wrapTemplateParts } from '../../../shared/mail/wrap';

const templates = join(__dirname, '../../fixtures/templates');

/** Each leaf's decoded octets and text, as the engine reads them. */
function leavesOf(message: ReturnType<typeof parseMessage>): Array<{ octets: string; text: string }> {
  return message.leaves.map((leaf) => ({ octets: leaf.decoded(), text: leaf.text() }));
}

/** Parsed with the texts the wrapper says its parts decode to, and parsed the long way: the same leaves and parts. */
function expectSameAsDecoded(html: string, text?: string): void {
  const wrapped = wrapTemplateParts(html, { date: new Date(0), ...(text !== undefined ? { text } : {}) });
  const known = parseMessage(wrapped.message, { knownTexts: wrapped.texts });
  const decoded = parseMessage(wrapped.message);
  expect(leavesOf(known), JSON.stringify(html.slice(0, 80))).toEqual(leavesOf(decoded));
  expect(known.parts.map((part) => part.body)).toEqual(decoded.parts.map((part) => part.body));
}

describe('parseMessage with known texts (a template the lint engine has just wrapped)', () => {
  it('every template fixture reads the same as when its quoted-printable parts are decoded', () => {
    const files = (readdirSync(templates, { recursive: true }) as string[]).filter((file) => /\.html?$/.test(file));
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) expectSameAsDecoded(readFileSync(join(templates, file), 'utf8'));
  });

  it('line ends, blanks at line ends, "=", control and 8-bit characters, emoji, lone surrogates and a BOM read the same', () => {
    const pieces = ['a', ' ', '\t', '=', '\r\n', '\n', '\r', '\u0000', '\u00e9', '\u20ac', '\ud83c\udf89', '\ud800', '\udfff', '\ufeff', 'x'.repeat(80), '<p>', '&amp;'];
    let state = 7;
    const next = (n: number) => {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      return (state >>> 16) % n;
    };
    for (let i = 0; i < 400; i++) {
      let html = '';
      for (let k = next(30); k > 0; k--) html += pieces[next(pieces.length)];
      let text = '';
      for (let k = next(10); k > 0; k--) text += pieces[next(pieces.length)];
      expectSameAsDecoded(html, text);
    }
  });

  it('a known text is taken for UTF-8 parts only: a part in another charset is still decoded by its charset', () => {
    const message = ['Content-Type: text/plain; charset=iso-8859-1', 'Content-Transfer-Encoding: quoted-printable', '', 'caf=E9'].join('\r\n');
    expect(parseMessage(message, { knownTexts: ['not this'] }).leaves[0]!.text()).toBe('caf\u00e9');
  });
});
