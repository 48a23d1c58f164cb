import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyMessage } from '../../../electron/services/auth/verify-message';
import { networkResolver } from '../../../electron/services/dns/resolver';
import { openDns } from '../../../electron/services/dns/source';
import { tempDir } from '../../support/temp';
import { type Nsd, startNsd, startSilentServer } from './nsd';

const fixture = (name: string) => fileURLToPath(new URL(`../../fixtures/dkim/${name}`, import.meta.url));
const zoneText = readFileSync(fixture('football.example.com.zone'), 'utf8');
const message = readFileSync(fixture('signed.eml'));
const bin = fileURLToPath(new URL('../../../bin/mailbench.mjs', import.meta.url));
const data = tempDir();

let nsd: Nsd;
let silent: Awaited<ReturnType<typeof startSilentServer>>;

beforeAll(async () => {
  nsd = await startNsd({ 'football.example.com': zoneText });
  silent = await startSilentServer();
});
afterAll(async () => {
  await nsd?.stop();
  await silent?.stop();
  data.cleanup();
});

const cli = (...args: string[]) => {
  const run = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { ...process.env, MAILBENCH_DATA_DIR: data.dir }, timeout: 60_000 });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
};

describe('"given server" mode against NSD on loopback', () => {
  it('answers in dns.promises shapes and maps NXDOMAIN, NODATA, REFUSED and silence the way mailauth expects', async () => {
    const resolve = networkResolver(nsd.server, 500);
    expect(await resolve('test._domainkey.football.example.com', 'TXT')).toEqual([[
      'v=DKIM1; k=rsa; p=MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQDkHlOQoBTzWR',
      'iGs5V6NpP3idY6Wk08a5qhdR6wy5bdOKb2jLQiY/J16JYi0Qvx/byYzCNb3W91y3FutAC',
      'DfzwQ/BC/e/8uBsCR+yz1Lxj+PL6lHvqMKrM3rG4hstT5QjvHO9PzoxZyVYLzBfO2EeC3',
      'Ip3G+2kryOTIKT+l/K4w3QIDAQAB',
    ]]);
    expect(await resolve('football.example.com', 'MX')).toEqual([{ exchange: 'mx1.football.example.com', priority: 10 }]);
    await expect(resolve('nobody.football.example.com', 'TXT')).rejects.toMatchObject({ code: 'ENOTFOUND' });
    await expect(resolve('ns1.football.example.com', 'TXT')).rejects.toMatchObject({ code: 'ENODATA' });
    // outside NSD's zones it answers REFUSED: the server has not said the name is empty, so temperror
    await expect(resolve('gmail.com', 'TXT')).rejects.toMatchObject({ code: 'EREFUSED', detail: 'the server answered REFUSED' });
    // any octets RFC 7208 macros produce are asked as they are (Node's resolver refused these as EBADNAME)
    await expect(resolve('a:foo:bar/baz.football.example.com', 'A')).rejects.toMatchObject({ code: 'ENOTFOUND' });
    await expect(resolve('with space.football.example.com', 'TXT')).rejects.toMatchObject({ code: 'ENOTFOUND' });
    await expect(networkResolver(silent.server, 300)('football.example.com', 'TXT')).rejects.toMatchObject({ code: 'ETIMEOUT' });
    expect(nsd.log()).not.toMatch(/error/i);
  });

  it('verifies the RFC 8463 message (ed25519 and rsa) with the DNS trail from the server', async () => {
    const dns = openDns({ mode: 'server', server: nsd.server });
    const report = await verifyMessage(dns, { message, ip: '213.165.64.12', helo: 'mail.football.example.com', mailFrom: 'joe@football.example.com', useReceived: false, strict: true });
    expect(report.dkim.map((row) => [row.selector, row.algorithm, row.result])).toEqual([
      ['brisbane', 'ed25519-sha256', 'pass'],
      ['test', 'rsa-sha256', 'pass'],
    ]);
    expect(report.spf.result).toBe('pass');
    expect(report.dmarc).toMatchObject({ result: 'pass', policy: 'reject' });
    expect(report.authenticationResults).toMatch(/^Authentication-Results: .*\n dkim=pass/);
    expect(report.dkim[1]!.trail).toEqual([expect.objectContaining({ name: 'test._domainkey.football.example.com', source: 'server', outcome: 'answer' })]);
    expect(report.trail.every((lookup) => lookup.source === 'server')).toBe(true);
  });

  it('layers a typed zone over the server: typed names answer from the zone, the rest from NSD', async () => {
    const dns = openDns({ mode: 'layered', server: nsd.server, zone: '$ORIGIN football.example.com.\n_dmarc IN TXT "v=DMARC1; p=none"\n' });
    const report = await verifyMessage(dns, { message, ip: '192.0.2.99', helo: 'elsewhere.example', mailFrom: 'joe@football.example.com', useReceived: false, strict: false });
    expect(report.spf.result).toBe('softfail');
    expect(report.dmarc).toMatchObject({ result: 'pass', policy: 'none' });
    expect(report.dmarc.trail[0]).toMatchObject({ name: '_dmarc.football.example.com', source: 'zone' });
    expect(report.dkim[0]!.trail[0]).toMatchObject({ source: 'server' });
  });

  it('gives temperror, not a hang, when the server never answers', async () => {
    const dns = openDns({ mode: 'server', server: silent.server }, { timeoutMs: 300 });
    const report = await verifyMessage(dns, { message, ip: '213.165.64.12', helo: 'mail.football.example.com', mailFrom: 'joe@football.example.com', useReceived: false, strict: false });
    expect(report.spf.result).toBe('temperror');
    expect(report.dkim.every((row) => row.result === 'temperror' || row.result === 'neutral')).toBe(true);
    expect(report.trail.some((lookup) => lookup.outcome === 'timeout')).toBe(true);
  });

  it('mailbench auth --dns prints the JSON the issue names', () => {
    const run = cli('auth', fixture('signed.eml'), '--ip', '213.165.64.12', '--helo', 'mail.football.example.com', '--mail-from', 'joe@football.example.com', '--dns', nsd.server, '--json');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout);
    expect(json.spf.result).toBe('pass');
    expect(json.dkim.map((row: { result: string; domain: string; selector: string }) => [row.result, row.domain, row.selector])).toEqual([
      ['pass', 'football.example.com', 'brisbane'],
      ['pass', 'football.example.com', 'test'],
    ]);
    expect(json.dmarc.result).toBe('pass');
    expect(json.arc.result).toBe('none');
    // NSD serves only football.example.com and refuses _dmarc.example.com: BIMI cannot know the
    // organizational domain's policy, which is a temporary error, not "no BIMI record"
    expect(json.bimi.result).toBe('temperror');
    expect(json.bimi.why).toBe('BIMI temperror: failed to resolve the DMARC policy of the organizational domain.');
    expect(json.authenticationResults).toMatch(/^Authentication-Results: /);
  });

  it('mailbench spf --dns gives result and lookups, exit 1 when the IP is not listed', () => {
    const run = cli('spf', '--ip', '192.0.2.1', '--helo', 'mx.example.net', '--mail-from', 'joe@football.example.com', '--dns', nsd.server, '--json');
    expect(run.code).toBe(1);
    const json = JSON.parse(run.stdout);
    expect(json.result).toBe('softfail');
    expect(json.lookups).toEqual({ count: 0, limit: 10, void: 0 });
    expect(json.tree.record).toBe('v=spf1 ip4:213.165.64.12/32 ~all');
  });

  it('mailbench dns audits the domain from the server and says what it could not check without a network', () => {
    const run = cli('dns', 'football.example.com', '--dns', nsd.server, '--selectors', 'brisbane,test', '--ip', '127.0.0.1', '--json');
    const json = JSON.parse(run.stdout);
    const section = (id: string) => json.sections.find((entry: { id: string }) => entry.id === id);
    expect(section('spf')).toMatchObject({ status: 'pass', records: ['v=spf1 ip4:213.165.64.12/32 ~all'] });
    expect(section('dmarc').status).toBe('pass');
    expect(section('dkim').summary).toContain('brisbane (ed25519 256)');
    expect(json.findings.map((finding: { rule: string }) => finding.rule)).toEqual(expect.arrayContaining(['dkim-short-key', 'ptr-missing', 'mta-sts-missing']));
    expect(section('starttls').summary).toMatch(/^not checked: network unreachable/);
    expect(section('reputation').summary).toMatch(/^not checked: network unreachable/);
    expect(run.code).toBe(1);
  });

  it('exits 2 with the file and line of a broken zone', () => {
    const bad = tempDir();
    const file = `${bad.dir}/bad.zone`;
    writeFileSync(file, '$ORIGIN example.com.\n@ IN TXT "v=spf1 -all"\nmail IN A 999.1.1.1\n');
    const run = cli('spf', '--ip', '192.0.2.1', '--helo', 'x.example.com', '--mail-from', 'a@example.com', '--zone', file);
    bad.cleanup();
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${file} line 3: "999.1.1.1" is not an IPv4 address.`);
  });
});
