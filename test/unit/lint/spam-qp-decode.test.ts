import { describe, expect, it } from 'vitest';
import { parseMessage } from '../../../shared/lint/message/mime';
import { octetsOf } from '../../../shared/lint/message/octets';

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
});
