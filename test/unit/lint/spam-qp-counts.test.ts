import { describe, expect, it } from 'vitest';
import { qpCounts } from '../../../shared/lint/rules/spam/evals/mime';

/** MIMEEval's loop as SpamAssassin writes it: one raw line (with its newline) at a time. */
function perLine(text: string): { bytes: number; count: number; longLine: boolean } {
  let bytes = 0;
  let count = 0;
  let longLine = false;
  for (const line of text.match(/[^\n]*\n|[^\n]+$/g) ?? []) {
    if (line.length > 79) longLine = true;
    bytes += line.length;
    const qp = line.match(/=(?:09|3[0-9ABCEF]|[2456][0-9A-F]|7[0-9A-E])/g)?.length ?? 0;
    if (qp) {
      count += qp;
      const trailing = /((?:=09|=20)+)\s*$/.exec(line)?.[1];
      if (trailing) count -= trailing.length / 3;
    }
  }
  return { bytes, count, longLine };
}

/** Quoted-printable-looking texts: encoded octets, encoded blanks at line ends, soft breaks, CRLF and LF, long lines. */
function texts(count: number): string[] {
  let state = 5;
  const next = (n: number) => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return (state >>> 16) % n;
  };
  const pieces = ['=20', '=09', '=3D', '=41', '=E2=80=99', '=\r\n', '=\n', '\r\n', '\n', ' ', '\t', 'word', 'x'.repeat(70), '=7E', '=7F', '=2'];
  return Array.from({ length: count }, () => Array.from({ length: 1 + next(40) }, () => pieces[next(pieces.length)]).join(''));
}

describe('qpCounts (MIMEEval QP figures over a whole part at once)', () => {
  it('gives the per-line loop its exact figures', () => {
    for (const text of texts(2000)) expect(qpCounts(text), JSON.stringify(text)).toEqual(perLine(text));
  });
});
