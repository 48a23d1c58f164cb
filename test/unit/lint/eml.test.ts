import { describe, expect, it } from 'vitest';
import { lint } from '../../../shared/lint/index';
import { decodeWords, parseMessage } from '../../../shared/lint/message/mime';
import { eml } from './samples';

describe('.eml input', () => {
  it('reads headers, decodes encoded words, quoted-printable and base64 parts', () => {
    const raw = [
      `From: =?utf-8?B?${Buffer.from('Jörg').toString('base64')}?= <j@example.com>`,
      'Subject: =?utf-8?Q?Caf=C3=A9_news?=',
      'Content-Type: multipart/alternative; boundary="x"',
      '',
      '--x',
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: quoted-printable',
      '',
      'Caf=C3=A9 =',
      'open',
      '--x',
      'Content-Type: text/html; charset=utf-8',
      'Content-Transfer-Encoding: base64',
      '',
      Buffer.from('<p>Café open</p>').toString('base64'),
      '--x--',
    ].join('\r\n');
    const message = parseMessage(raw);
    expect(message.header('from')?.value).toBe('Jörg <j@example.com>');
    expect(message.header('Subject')?.value).toBe('Café news');
    expect(message.text?.body.trim()).toBe('Café open');
    expect(message.html?.body).toBe('<p>Café open</p>');
    expect(decodeWords('plain')).toBe('plain');
  });

  it('puts header findings on the header line and body findings on the HTML line in the file', () => {
    const input = eml({ headers: { Subject: 'YOUR MARCH STATEMENT' }, html: '<p><a href="http://example.com/x">Report</a></p>' });
    const lines = input.source.split(/\r?\n/);
    const findings = lint(input).findings;
    const caps = findings.find((f) => f.rule === 'SUBJ_ALL_CAPS')!;
    expect(lines[caps.range!.startLine - 1]).toMatch(/^Subject: YOUR MARCH STATEMENT/);
    const http = findings.find((f) => f.rule === 'http-link')!;
    expect(lines[http.range!.startLine - 1]).toContain('http://example.com/x');
  });
});
