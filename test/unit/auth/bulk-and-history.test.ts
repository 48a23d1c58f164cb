import { afterEach, describe, expect, it } from 'vitest';
import { signWithDkimKey } from '../../../electron/services/auth/dkim-keys';
import { testRuntime } from '../../support/runtime';

let env: ReturnType<typeof testRuntime> | undefined;
afterEach(async () => {
  await env?.cleanup();
  env = undefined;
});

async function call<T = Record<string, unknown>>(name: string, input: unknown): Promise<T> {
  const result = await env!.rt.dispatcher.call(name, input);
  if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
  return result.value as T;
}

const message = (extra: string[]) =>
  [
    'Received: from mail.example.com (mail.example.com [192.0.2.25]) by mx.google.com with ESMTPS id x1 for <seed@gmail.com>; Thu, 26 Nov 2026 05:00:00 +0000',
    'Return-Path: <bounce@example.com>',
    'From: News <news@example.com>',
    'To: seed@gmail.com',
    'Subject: November news',
    'Date: Thu, 26 Nov 2026 05:00:00 +0000',
    'Message-ID: <1@example.com>',
    ...extra,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'Hello.',
    '',
  ].join('\r\n');

type Provider = { provider: string; passed: boolean; requirements: Array<{ id: string; status: string }> };

async function setUp() {
  env = testRuntime();
  const key = await call<{ id: string; zoneLine: string }>('auth.dkimGenerate', { domain: 'example.com', selector: 'news', algorithm: 'rsa-sha256' });
  const zone = [
    '$ORIGIN example.com.',
    '@ IN TXT "v=spf1 ip4:192.0.2.0/24 -all"',
    '_dmarc IN TXT "v=DMARC1; p=quarantine; rua=mailto:dmarc@example.com"',
    'mail IN A 192.0.2.25',
    '25.2.0.192.in-addr.arpa. IN PTR mail.example.com.',
    key.zoneLine,
  ].join('\n');
  return { key, dns: { mode: 'zone' as const, zone } };
}

describe('bulk-sender verdicts and history', () => {
  it('passes Gmail, Yahoo and Microsoft for a signed message with one-click unsubscribe, and fails one-click without its POST header', async () => {
    const { key, dns } = await setUp();
    const good = await signWithDkimKey(env!.rt, key.id, message(['List-Unsubscribe: <https://example.com/u?x=1>', 'List-Unsubscribe-Post: List-Unsubscribe=One-Click']));
    const report = await call<{ domain: string; providers: Provider[] }>('auth.bulkSender', { message: good, dns, useReceived: true });
    expect(report.domain).toBe('example.com');
    expect(report.providers.map((entry) => [entry.provider, entry.passed])).toEqual([['gmail', true], ['yahoo', true], ['microsoft', true]]);
    const gmail = report.providers[0]!.requirements;
    expect(Object.fromEntries(gmail.map((item) => [item.id, item.status]))).toEqual({
      'spf-dkim': 'pass', dmarc: 'pass', alignment: 'pass', ptr: 'pass', tls: 'pass', rfc5322: 'pass', 'one-click': 'pass', 'spam-rate': 'unknowable',
    });

    const noPost = await signWithDkimKey(env!.rt, key.id, message(['List-Unsubscribe: <https://example.com/u?x=1>']));
    const failing = await call<{ providers: Provider[] }>('auth.bulkSender', { message: noPost, dns, useReceived: true });
    expect(failing.providers.map((entry) => [entry.provider, entry.passed])).toEqual([['gmail', false], ['yahoo', false], ['microsoft', true]]);
    expect(failing.providers[0]!.requirements.find((item) => item.id === 'one-click')).toMatchObject({ status: 'fail', why: expect.stringContaining('List-Unsubscribe-Post') });
  });

  it('saves each check in history and runs a past one again with the same input', async () => {
    const { key, dns } = await setUp();
    const signed = await signWithDkimKey(env!.rt, key.id, message([]));
    const first = await call<{ historyId: number; dkim: Array<{ result: string }> }>('auth.verifyMessage', { message: signed, dns, useReceived: true });
    expect(first.dkim[0]!.result).toBe('pass');
    await call('auth.checkSpf', { ip: '198.51.100.1', helo: 'x.example.net', mailFrom: 'a@example.com', dns });
    await call('auth.auditDomain', { domain: 'example.com', dns, selectors: ['news'] });
    const history = await call<Array<{ id: number; kind: string; title: string; summary: string }>>('auth.history', {});
    expect(history.map((entry) => [entry.kind, entry.title])).toEqual([
      ['domain', 'example.com'],
      ['spf', '198.51.100.1 · a@example.com'],
      ['message', 'November news'],
    ]);
    expect(history[1]!.summary).toBe('spf=fail, 0 lookups');
    const rerun = await call<{ kind: string; report: { historyId: number; dkim: Array<{ result: string }> } }>('auth.rerun', { id: first.historyId });
    expect(rerun.kind).toBe('message');
    expect(rerun.report.dkim[0]!.result).toBe('pass');
    expect(rerun.report.historyId).toBeGreaterThan(first.historyId);
    expect(await env!.rt.dispatcher.call('auth.rerun', { id: 9999 })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('lists the known blocklists with the meaning of their codes, and reports a zone error with its line', async () => {
    env = testRuntime();
    const lists = await call<Array<{ zone: string; kind: string; codes: Record<string, string> }>>('auth.blocklists', {});
    expect(lists.find((list) => list.zone === 'zen.spamhaus.org')).toMatchObject({ kind: 'ip', codes: { '127.0.0.2': expect.stringContaining('SBL') } });
    expect(lists.filter((list) => list.kind === 'domain').map((list) => list.zone)).toEqual(['dbl.spamhaus.org', 'multi.surbl.org']);
    const result = await env.rt.dispatcher.call('auth.parseZone', { text: '$ORIGIN example.com.\n@ IN TXT "ok"\n@ IN MX 10\n' });
    expect(result).toMatchObject({ ok: false, error: { code: 'parse_error', line: 3, hint: expect.any(String) } });
    const parsed = await call<{ records: Array<{ line: number; type: string; data: string }> }>('auth.parseZone', { text: '$ORIGIN example.com.\n@ IN MX 10 mx\n' });
    expect(parsed.records).toEqual([{ line: 2, name: 'example.com', ttl: 3600, type: 'MX', data: '10 mx.example.com' }]);
  });
});
