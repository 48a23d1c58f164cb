import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import dns2 from 'dns2';
import { DmarcService } from '../../../electron/services/dmarc/service';
import { serviceOf } from '../../../electron/services/dmarc/senders';
import type { ImportResult, Summary, WhatIf } from '../../../shared/contract/dmarc';
import type { JobProgress } from '../../../shared/contract/jobs';
import { testRuntime } from '../../support/runtime';

const fixtures = fileURLToPath(new URL('../../fixtures/dmarc', import.meta.url));
let env: ReturnType<typeof testRuntime>;
beforeAll(() => {
  env = testRuntime();
});
afterAll(() => env.cleanup());

async function call<T>(name: Parameters<typeof env.rt.dispatcher.call>[0], input: unknown): Promise<T> {
  const result = await env.rt.dispatcher.call(name, input as never);
  if (!result.ok) throw new Error(result.error.message);
  return result.value as T;
}

/** A small aggregate report: one record per source, `pass` messages aligned and `fail` not. */
function report(id: string, day: number, sources: Array<[ip: string, pass: number, fail: number]>): string {
  const begin = Date.parse('2026-01-01T00:00:00Z') / 1000 + day * 86400;
  const records = sources.flatMap(([ip, pass, fail]) => [
    ...(pass ? [`<record><row><source_ip>${ip}</source_ip><count>${pass}</count><policy_evaluated><disposition>none</disposition><dkim>pass</dkim><spf>fail</spf></policy_evaluated></row><identifiers><header_from>shop.example</header_from></identifiers></record>`] : []),
    ...(fail ? [`<record><row><source_ip>${ip}</source_ip><count>${fail}</count><policy_evaluated><disposition>none</disposition><dkim>fail</dkim><spf>fail</spf></policy_evaluated></row><identifiers><header_from>shop.example</header_from></identifiers></record>`] : []),
  ]);
  return `<feedback><report_metadata><org_name>google.com</org_name><report_id>${id}</report_id><date_range><begin>${begin}</begin><end>${begin + 86399}</end></date_range></report_metadata>
<policy_published><domain>shop.example</domain><p>none</p><pct>100</pct></policy_published>${records.join('')}</feedback>`;
}

describe('import progress', () => {
  it('a folder of many reports emits job.progress while it runs and ends with every report stored once', async () => {
    const folder = join(env.dir, 'many');
    mkdirSync(folder);
    // 209.85.220.41 is Google's, 192.0.2.55 an address checked in the Authentication tool, 203.0.113.9 unknown.
    for (let i = 0; i < 400; i++) writeFileSync(join(folder, `r${i}.xml`), report(`r${i}`, i % 10, [['209.85.220.41', 90, 10], ['192.0.2.55', 0, 5], ['203.0.113.9', 0, 2]]));
    const events: JobProgress[] = [];
    const stop = env.rt.dispatcher.subscribe((name, payload) => {
      if (name === 'job.progress') events.push(payload as JobProgress);
    });
    const result = await call<ImportResult>('dmarc.import', { paths: [folder], jobId: 'many' });
    stop();
    expect(result.imported).toHaveLength(400);
    expect(result.imported.every((r) => r.messages === 107)).toBe(true);
    const mine = events.filter((e) => e.jobId === 'many');
    expect(mine.at(-1)).toMatchObject({ state: 'finished', message: '400 imported, 0 duplicates, 0 refused' });
    expect(mine.filter((e) => e.state === 'running').length).toBeGreaterThanOrEqual(1);
    expect(mine.find((e) => e.state === 'running')!.message).toMatch(/files read: \d+ reports imported/);
  });
});

describe('summary, sources and what-if', () => {
  beforeAll(() => {
    env.rt.db.prepare("INSERT INTO auth_checks (kind, title, summary, input_json, result_json) VALUES ('spf', 't', 's', ?, '{}')").run(JSON.stringify({ ip: '192.0.2.55', helo: 'mta.shop.example', mailFrom: 'a@shop.example' }));
  });

  it('totals per domain, per day and per source, with the service and known/unknown', async () => {
    const { domains } = await call<Summary>('dmarc.summary', { domain: 'shop.example' });
    expect(domains).toHaveLength(1);
    const [d] = domains;
    expect(d).toMatchObject({ domain: 'shop.example', messages: 400 * 107, dmarcPass: 400 * 90, dkimAligned: 400 * 90, spfAligned: 0, reports: 400 });
    expect(d!.days).toHaveLength(10);
    expect(d!.days[0]).toMatchObject({ day: '2026-01-01', messages: 40 * 107, dmarcPass: 40 * 90 });
    expect(d!.sources.map((s) => [s.ip, s.service, s.known, s.messages, s.dmarcPass])).toEqual([
      ['209.85.220.41', 'Google', 'unknown', 400 * 100, 400 * 90],
      ['192.0.2.55', null, 'known', 400 * 5, 0],
      ['203.0.113.9', null, 'unknown', 400 * 2, 0],
    ]);
    const later = await call<Summary>('dmarc.summary', { domain: 'shop.example', since: '2026-01-09' });
    expect(later.domains[0]!.messages).toBe(80 * 107);
  });

  it('what-if counts failing mail and tells the known and service sources from unknown ones', async () => {
    const result = await call<WhatIf>('dmarc.whatIf', { domain: 'shop.example', policy: 'quarantine' });
    expect(result).toMatchObject({ messages: 400 * 107, affected: 400 * 17, legitimateAffected: 400 * 15 });
    expect(result.sources.map((s) => [s.ip, s.failing, s.likelyLegitimate])).toEqual([
      ['209.85.220.41', 4000, true], ['192.0.2.55', 2000, true], ['203.0.113.9', 800, false],
    ]);
    expect(result.sources[0]!.why).toMatch(/^Google sends for you but its mail is not aligned/);
    const none = await call<WhatIf>('dmarc.whatIf', { domain: 'nothing.example', policy: 'reject' });
    expect(none).toMatchObject({ messages: 0, affected: 0, notes: [expect.stringMatching(/No aggregate reports for nothing.example/)] });
  });

  it('joins seed results of the same From domain, saying the join is by domain', async () => {
    env.rt.db.prepare("INSERT INTO seed_runs (id, state, smtp_json, message_json) VALUES ('run-1', 'sent', '{}', ?)").run(JSON.stringify({ from: 'News <news@mail.shop.example>' }));
    const insert = env.rt.db.prepare("INSERT INTO seed_recipients (run_id, seq, address, provider, test_id, status, placement, auth_json) VALUES ('run-1', ?, ?, 'gmail', ?, 'accepted', ?, ?)");
    insert.run(0, 'a@gmail.com', 't0', 'inbox', JSON.stringify({ spf: 'pass', dkim: 'pass', dmarc: 'pass' }));
    insert.run(1, 'b@gmail.com', 't1', 'inbox', JSON.stringify({ spf: 'pass', dkim: 'pass', dmarc: 'pass' }));
    insert.run(2, 'c@gmail.com', 't2', 'spam', JSON.stringify({ spf: 'fail', dkim: 'pass', dmarc: 'pass' }));
    const join = await call<{ rows: unknown[]; note: string }>('dmarc.seedJoin', { domain: 'shop.example' });
    expect(join.rows).toEqual([
      { runId: 'run-1', provider: 'gmail', placement: 'inbox', spf: 'pass', dkim: 'pass', dmarc: 'pass', messages: 2 },
      { runId: 'run-1', provider: 'gmail', placement: 'spam', spf: 'fail', dkim: 'pass', dmarc: 'pass', messages: 1 },
    ]);
    expect(join.note).toMatch(/by the From domain/);
    expect((await call<{ rows: unknown[] }>('dmarc.seedJoin', { domain: 'other.example' })).rows).toEqual([]);
  });

  it('lists failure reports with headers and TLS totals per policy domain', async () => {
    await call<ImportResult>('dmarc.import', { paths: [join(fixtures, 'failure'), join(fixtures, 'tls')] });
    const { failures } = await call<{ failures: Array<{ domain: string; arf: boolean; headers: string }> }>('dmarc.failures', {});
    expect(failures.map((f) => [f.domain, f.arf])).toEqual([['example.com', false], ['example.com', true]]);
    expect(failures[1]!.headers).toMatch(/^Return-Path: <>/);
    const { domains } = await call<{ domains: Array<Record<string, unknown>> }>('dmarc.tls', {});
    expect(domains).toEqual([
      { policyDomain: 'company-y.example', policyType: 'sts', successful: 5326, failed: 303, reports: 1, failures: [
        { resultType: 'starttls-not-supported', receivingMx: 'mx2.mail.company-y.example', count: 200 },
        { resultType: 'certificate-expired', receivingMx: 'mx1.mail.company-y.example', count: 100 },
        { resultType: 'validation-failure', receivingMx: 'mx-backup.mail.company-y.example', count: 3 },
      ] },
      { policyDomain: 'cardinalhealth.ca', policyType: 'no-policy-found', successful: 48, failed: 0, reports: 1, failures: [] },
    ]);
  });
});

describe('PTR names, only when asked', () => {
  it('are looked up on a given DNS server and name the service when the range does not', async () => {
    const { Packet } = dns2;
    const names = new Map([['41.220.85.209.in-addr.arpa', 'mail-sor-f41.google.com'], ['9.113.0.203.in-addr.arpa', 'o1.ptr1234.sendgrid.net']]);
    const server = dns2.createServer({
      udp: true,
      handle(request, send) {
        const response = Packet.createResponseFromRequest(request);
        const question = request.questions[0]!;
        const domain = names.get(question.name);
        if (domain && question.type === Packet.TYPE.PTR) response.answers.push({ name: question.name, type: Packet.TYPE.PTR, class: Packet.CLASS.IN, ttl: 60, domain } as (typeof response.answers)[number]);
        send(response);
      },
    });
    const listening = await server.listen({ udp: { port: 0, address: '127.0.0.1' } });
    try {
      const service = new DmarcService(env.rt.db);
      expect(service.summary({ domain: 'shop.example' }).domains[0]!.sources.every((s) => s.ptr === null)).toBe(true);
      const { domains } = await service.summaryWithPtr({ domain: 'shop.example' }, [`127.0.0.1:${(listening.udp as { port: number }).port}`]);
      expect(domains[0]!.sources.map((s) => [s.ip, s.ptr, s.service])).toEqual([
        ['209.85.220.41', 'mail-sor-f41.google.com', 'Google'],
        ['192.0.2.55', null, null],
        ['203.0.113.9', 'o1.ptr1234.sendgrid.net', 'SendGrid'],
      ]);
    } finally {
      await server.close();
    }
  });
});

describe('sending services', () => {
  it('are found by range (IPv4 and IPv6) and by PTR suffix, else null', () => {
    expect(serviceOf('167.89.12.1')).toBe('SendGrid');
    expect(serviceOf('2a00:1450:4864:20::42a')).toBe('Google');
    expect(serviceOf('40.107.22.5')).toBe('Microsoft 365 / Outlook.com');
    expect(serviceOf('192.0.2.1', 'a48-30.smtp-out.amazonses.com.')).toBe('Amazon SES');
    expect(serviceOf('192.0.2.1', 'mail.example.net')).toBeNull();
    expect(serviceOf('not an ip')).toBeNull();
  });
});
