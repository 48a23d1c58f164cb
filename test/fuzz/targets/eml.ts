import fc from 'fast-check';
import { rfc5322Problems } from '../../../electron/services/auth/message-format';
import { readHeaders } from '../../../electron/services/auth/message-headers';
import { bodyUnsubscribeLinks } from '../../../electron/services/auth/unsubscribe-links';
import { lint } from '../../../shared/lint/index';
import { anyText, mutated } from '../mutate';
import type { FuzzTarget } from '../target';
import { assertRangesInside } from './ranges';

const sample = [
  'Return-Path: <bounce@example.com>',
  'DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=example.com; s=sel1;',
  '\th=from:to:subject:date; bh=47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=; b=abc',
  'From: =?UTF-8?B?w4lxdWlwZQ==?= <news@example.com>',
  'To: you@example.net',
  'Subject: =?utf-8?q?Your_October_update_=F0=9F=8E=89?=',
  'Date: Tue, 01 Oct 2024 10:00:00 +0000',
  'Message-ID: <1@example.com>',
  'List-Unsubscribe: <https://example.com/u>, <mailto:u@example.com>',
  'List-Unsubscribe-Post: List-Unsubscribe=One-Click',
  'MIME-Version: 1.0',
  'Content-Type: multipart/alternative; boundary="b1"',
  '',
  '--b1',
  'Content-Type: text/plain; charset=utf-8',
  'Content-Transfer-Encoding: quoted-printable',
  '',
  'Hello =E2=80=94 this is the text part.=',
  ' Soft break.',
  '--b1',
  'Content-Type: text/html; charset=iso-8859-1',
  'Content-Transfer-Encoding: base64',
  '',
  'PGh0bWw+PGJvZHk+PHA+SGVsbG88L3A+PC9ib2R5PjwvaHRtbD4=',
  '--b1--',
  '',
].join('\r\n');

const headerName = fc.oneof(fc.constantFrom('From', 'To', 'Subject', 'Date', 'Content-Type', 'Content-Transfer-Encoding', 'MIME-Version', 'DKIM-Signature', 'List-Unsubscribe', 'Received', 'Reply-To', 'X-Mailer'), fc.string({ maxLength: 12 }));
const headerValue = fc.oneof(
  fc.string({ maxLength: 80 }),
  fc.constantFrom('multipart/mixed; boundary=x', 'multipart/alternative; boundary="', 'text/html; charset=utf-7', 'text/plain; charset=nonsense', 'base64', 'quoted-printable', '=?utf-8?B?####?=', '=?x?Q?a?=', '<>', '"Name" <a@b>'),
);
const part = fc.tuple(fc.constantFrom('text/plain', 'text/html', 'image/png', 'multipart/alternative'), fc.constantFrom('7bit', 'base64', 'quoted-printable', 'x-bogus'), fc.string({ maxLength: 200 }));
const structured = fc
  .tuple(fc.array(fc.tuple(headerName, headerValue), { maxLength: 12 }), fc.constantFrom('b', '', '--', 'x y'), fc.array(part, { maxLength: 4 }), fc.constantFrom('\r\n', '\n'))
  .map(([headers, boundary, parts, eol]) =>
    [
      ...headers.map(([name, value]) => `${name}: ${value}`),
      `Content-Type: multipart/alternative; boundary="${boundary}"`,
      '',
      ...parts.flatMap(([type, encoding, body]) => [`--${boundary}`, `Content-Type: ${type}`, `Content-Transfer-Encoding: ${encoding}`, '', body]),
      `--${boundary}--`,
    ].join(eol),
  );

/** Saved messages (.eml): the lint engine's MIME reader and the Authentication tool's header reader. */
export const emlTarget: FuzzTarget = {
  name: 'eml',
  summary: '.eml messages (shared/lint/message, electron/services/auth/message-headers.ts)',
  input: fc.oneof({ weight: 3, arbitrary: structured }, { weight: 3, arbitrary: mutated([sample], 8) }, { weight: 1, arbitrary: anyText }),
  runs: 20_000,
  run(source) {
    readHeaders(source);
    // the bulk-sender checklist reads the same bytes for its format check and body unsubscribe links
    rfc5322Problems(Buffer.from(source, 'latin1'));
    bodyUnsubscribeLinks(Buffer.from(source, 'latin1'));
    const result = lint({ kind: 'eml', source });
    assertRangesInside(result.findings, source, 'lint eml');
  },
};
