import { describe, expect, it } from 'vitest';
import { parseMessage } from '../../../shared/lint/message/mime';
import { dropCrBeforeLf, octetsOf, quotedPrintableBody, quotedPrintableDecode } from '../../../shared/lint/message/octets';

const bytes = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));

describe('decoding a quoted-printable part as SpamAssassin does (linear on long blank runs)', () => {
  it('drops spaces and tabs that end a line or the part, keeps blanks inside a line and the runs between words', () => {
    const body = `a  \nb\t \n${' '.repeat(4000)}x${' '.repeat(4000)}y\n\t\n=C3=A9 \t`;
    const message = parseMessage(bytes(`Subject: t\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\n${body}`));
    expect(message.root.decoded()).toBe(`a\nb\n${' '.repeat(4000)}x${' '.repeat(4000)}y\n\n\xc3\xa9`);
  });

  it('turns bytes into one char per byte on ASCII and on 8-bit input alike', () => {
    const ascii = Uint8Array.from({ length: 1000 }, (_, i) => i % 128);
    expect(octetsOf(ascii)).toBe(String.fromCharCode(...ascii));
    const eight = Uint8Array.from({ length: 1000 }, (_, i) => (i * 7) % 256);
    expect(octetsOf(eight)).toBe(String.fromCharCode(...eight));
  });

  it('decodes a body in one pass to the same bytes as stripping line-end blanks, decoding, then CRLF to LF', () => {
    // The one-pass decoder replaced three passes; this reference is those three, on every mix of the tricky pieces.
    const reference = (text: string) => octetsOf(quotedPrintableDecode(text.replace(/[ \t]+(?=\n|$)/g, ''))).replace(/\r\n/g, '\n');
    const pieces = ['=', ' ', '\t', '\n', '\r', 'A', '3', 'f', 'g', '=0D', '=0A', '=3D', '=\n', '= \r\n', '\xe9'];
    let seed = 7;
    const next = (n: number) => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n;
    for (let round = 0; round < 5000; round++) {
      let text = '';
      for (let i = next(24); i > 0; i--) text += pieces[next(pieces.length)];
      // Inside a larger text, as a part of a message is: nothing before `from` or after `to` may be read.
      const whole = `x=${text}=4`;
      expect(octetsOf(quotedPrintableBody(whole, 2, 2 + text.length)), JSON.stringify(text)).toBe(reference(text));
    }
  });

  it('turns CR LF into LF in bytes as the octet-string replace does, lone CRs kept', () => {
    const text = '\r\r\n\n\ra\r\nb\r';
    expect(octetsOf(dropCrBeforeLf(bytes(text)))).toBe(text.replace(/\r\n/g, '\n'));
  });

  it('turns mostly-ASCII bytes with a few 8-bit ones into one char per byte, chunk by chunk', () => {
    const mixed = Uint8Array.from({ length: 5000 }, (_, i) => (i % 997 === 0 ? 0xc3 : i % 128));
    expect(octetsOf(mixed)).toBe(String.fromCharCode(...mixed));
  });
});
