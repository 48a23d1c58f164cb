import { describe, expect, it } from 'vitest';
import { octetsOf, quotedPrintableDecode } from '../../../shared/lint/message/octets';
import { quotedPrintable } from '../../../shared/mail/wrap';

const utf8Octets = (text: string) => octetsOf(new TextEncoder().encode(text));

describe('quotedPrintable (the wrapper spam lint scores templates through)', () => {
  it('escapes =, 8-bit octets and white space before a break, soft-breaks at 76 and keeps characters whole', () => {
    expect(quotedPrintable('a=b \t\nx\u00e9 \r\ny\rz')).toBe('a=3Db =09\r\nx=C3=A9=20\r\ny\r\nz');
    const long = quotedPrintable(`${'a'.repeat(73)}\u20ac`);
    expect(long).toBe(`${'a'.repeat(73)}=\r\n=E2=82=AC`);
  });

  it('decodes back to the same octets, every line at most 76 characters, on mixed text', () => {
    let seed = 3;
    const pieces = ['a', ' ', '\t', '=', '\n', '\r\n', '\u00e9', '\u20ac', '\u{1f600}', '~', '\u0001', 'word '];
    for (let round = 0; round < 200; round++) {
      let text = '';
      for (let i = 0; i < 120; i++) {
        seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
        text += pieces[(seed >>> 8) % pieces.length];
      }
      const encoded = quotedPrintable(text);
      for (const line of encoded.split('\r\n')) expect(line.length).toBeLessThanOrEqual(76);
      expect(octetsOf(quotedPrintableDecode(encoded))).toBe(utf8Octets(text.replace(/\r\n|\n/g, '\r\n')));
    }
  });
});
