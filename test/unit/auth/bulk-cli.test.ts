import { generateKeyPairSync } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dkimSign } from 'mailauth';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/main';
import { rfc5322Problems } from '../../../electron/services/auth/message-format';
import { tempDir } from '../../support/temp';

const data = tempDir();
afterAll(() => data.cleanup());
const key = generateKeyPairSync('rsa', { modulusLength: 2048 });
const publicKey = key.publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
const zoneFile = join(data.dir, 'example.com.zone');
writeFileSync(zoneFile, [
  '$ORIGIN example.com.',
  '@ IN TXT "v=spf1 ip4:192.0.2.25 -all"',
  '_dmarc IN TXT "v=DMARC1; p=quarantine; rua=mailto:dmarc@example.com"',
  'mail IN A 192.0.2.25',
  `news._domainkey IN TXT ( "v=DKIM1; k=rsa; p=${publicKey.slice(0, 200)}" "${publicKey.slice(200)}" )`,
  '$ORIGIN 2.0.192.in-addr.arpa.',
  '25 IN PTR mail.example.com.',
].join('\n'));

const head = (extra: string[]) => [
  'Received: from mail.example.com (mail.example.com [192.0.2.25]) by mx.example.net with ESMTPS id x1; Thu, 26 Nov 2026 05:00:00 +0000',
  'Return-Path: <bounce@example.com>',
  'From: News <news@example.com>',
  'To: reader@example.net',
  'Subject: November news',
  'Date: Thu, 26 Nov 2026 05:00:00 +0000',
  ...extra,
  'MIME-Version: 1.0',
];

async function signedFile(name: string, lines: string[]): Promise<string> {
  const raw = lines.join('\r\n');
  const data_ = { signingDomain: 'example.com', selector: 'news', privateKey: key.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() };
  const signed = await dkimSign(raw, { ...data_, signatureData: [data_], headerList: 'From:To:Subject:Date:Message-ID:List-Unsubscribe:List-Unsubscribe-Post' } as Parameters<typeof dkimSign>[1]);
  const file = join(data.dir, name);
  writeFileSync(file, signed.signatures + raw);
  return file;
}

async function bulk(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(['bulk', ...args], { out: (text) => out.push(text), err: (text) => err.push(text), isTty: false, env: {}, cwd: data.dir });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}
type Report = { domain: string; providers: Array<{ provider: string; passed: boolean; requirements: Array<{ id: string; status: string; why: string }> }> };
const status = (report: Report, provider: string, id: string) => report.providers.find((entry) => entry.provider === provider)!.requirements.find((item) => item.id === id);

describe('mailbench bulk: the Gmail, Yahoo and Microsoft checklist of one message', () => {
  it('Microsoft takes a body unsubscribe link; "honoured within 2 days" and spam rates cannot be known from a message', async () => {
    const file = await signedFile('link.eml', [...head(['Message-ID: <1@example.com>']), 'Content-Type: text/html; charset=utf-8', '', '<p>News.</p><p><a href="https://example.com/u?id=1">Unsubscribe</a></p>', '']);
    const run = await bulk(file, '--zone', zoneFile, '--json');
    expect(run.stderr).toBe('');
    const report = JSON.parse(run.stdout) as Report;
    expect(report.domain).toBe('example.com');
    expect(status(report, 'microsoft', 'unsubscribe')).toMatchObject({ status: 'pass', why: expect.stringContaining('https://example.com/u?id=1') });
    expect(status(report, 'gmail', 'one-click')!.status).toBe('fail');
    expect(status(report, 'yahoo', 'unsubscribe-honoured')).toMatchObject({ status: 'unknowable', why: expect.stringContaining('no header can show it') });
    expect(report.providers.flatMap((entry) => entry.requirements.filter((item) => item.id === 'spam-rate').map((item) => item.status))).toEqual(['unknowable', 'unknowable', 'unknowable']);
    expect(report.providers.map((entry) => [entry.provider, entry.passed])).toEqual([['gmail', false], ['yahoo', false], ['microsoft', true]]);
    expect(run.code).toBe(1);
  });

  it('fails RFC 5322 format for two From fields and no Message-ID, naming the lines', async () => {
    const file = await signedFile('bad.eml', [...head(['From: Other <other@example.com>']), 'Content-Type: text/plain', '', 'Hello. To unsubscribe visit', 'https://example.com/u', '']);
    const report = JSON.parse((await bulk(file, '--zone', zoneFile, '--json')).stdout) as Report;
    const format = status(report, 'gmail', 'rfc5322')!;
    expect(format.status).toBe('fail');
    expect(format.why).toMatch(/From appears 2 times \(lines \d+, \d+\); RFC 5322 allows one\./);
    expect(format.why).toContain('The Message-ID header is missing');
    expect(status(report, 'microsoft', 'unsubscribe')!.status).toBe('pass');
  });

  it('prints each line with pass, fail or "?" and passes all three for a complete message', async () => {
    const file = await signedFile('good.eml', [...head(['Message-ID: <2@example.com>', 'List-Unsubscribe: <https://example.com/u?id=2>', 'List-Unsubscribe-Post: List-Unsubscribe=One-Click']), 'Content-Type: text/plain', '', 'Hello.', '']);
    const run = await bulk(file, '--zone', zoneFile);
    expect(run.stdout).toMatch(/^Bulk-sender requirements for example\.com/);
    expect(run.stdout).toContain('Gmail (5,000+ messages a day): passes');
    expect(run.stdout).toContain('  ✓ Formatted according to RFC 5322: ');
    expect(run.stdout).toContain('  ? Unsubscribes honoured within 2 days: ');
    expect(run.code).toBe(0);
  });

  it('format checks name each problem', () => {
    const problems = rfc5322Problems(Buffer.from(`From: nobody\r\nDate: yesterday\r\nbroken line\r\nMessage-ID: 12\r\nSubject: ${'x'.repeat(1000)}\r\n\r\nbody`));
    expect(problems.map((problem) => problem.message)).toEqual([
      'Line 3 is not a header field ("name: value"): "broken line".',
      'Line 5 is 1009 characters; RFC 5322 allows 998 (fold long headers).',
      'From "nobody" holds no address (name@domain).',
      'Date "yesterday" is not an RFC 5322 date-time (e.g. "Sat, 05 Dec 2026 10:00:00 +0000").',
      'Message-ID "12" is not <unique@domain>.',
    ]);
  });
});
