import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../support/temp';

const bin = fileURLToPath(new URL('../../../bin/mailbench.mjs', import.meta.url));
const fixture = (name: string) => fileURLToPath(new URL(`../../fixtures/dkim/${name}`, import.meta.url));
const data = tempDir();
afterAll(() => data.cleanup());

const cli = (...args: string[]) => {
  const run = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { ...process.env, MAILBENCH_DATA_DIR: data.dir }, timeout: 60_000 });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
};

describe('mailbench auth, spf and dns with an offline zone (no network at all)', () => {
  it('auth --zone: takes the envelope from Received when no --ip is given, and prints a readable report', () => {
    const message = join(data.dir, 'received.eml');
    writeFileSync(message, `Received: from mail.football.example.com (mail.football.example.com [213.165.64.12]) by mx.example.net with ESMTPS; Fri, 11 Jul 2003 21:01:00 -0700\r\nReturn-Path: <joe@football.example.com>\r\n${readFileSync(fixture('signed.eml'), 'latin1')}`);
    const json = cli('auth', message, '--zone', fixture('football.example.com.zone'), '--json');
    expect(json.code).toBe(0);
    const report = JSON.parse(json.stdout);
    expect(report.envelope).toMatchObject({ ip: '213.165.64.12', mailFrom: 'joe@football.example.com' });
    expect([report.spf.result, report.dmarc.result, ...report.dkim.map((row: { result: string }) => row.result)]).toEqual(['pass', 'pass', 'pass', 'pass']);
    const text = cli('auth', message, '--zone', fixture('football.example.com.zone'));
    expect(text.stdout).toMatch(/^DKIM   pass {7}d=football\.example\.com s=test rsa-sha256 1024-bit: /m);
    expect(text.stdout).toContain('fix: The key is 1024 bits');
    expect(text.stdout).toMatch(/DNS trail \(\d+ lookups\):\n {2}TXT {3}brisbane\._domainkey\.football\.example\.com \[zone\]/);
  });

  it('spf --zone --strict prints the include tree and exits 1 on fail', () => {
    const zone = join(data.dir, 'spf.zone');
    writeFileSync(zone, '$ORIGIN example.org.\n@ IN TXT "v=spf1 include:_spf.example.org -all"\n_spf IN TXT "v=spf1 ip4:198.51.100.0/24 -all"\n');
    const run = cli('spf', '--ip', '192.0.2.1', '--helo', 'mx.example.org', '--mail-from', 'a@example.org', '--zone', zone, '--strict');
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('spf=fail for example.org (mailfrom); 1/10 lookups, 0/2 void');
    expect(run.stdout).toContain('  include _spf.example.org: v=spf1 ip4:198.51.100.0/24 -all');
  });

  it.each([
    [['spf', '--helo', 'x.example', '--mail-from', 'a@x.example'], /--ip is required/],
    [['spf', '--ip', 'not-an-ip', '--helo', 'x', '--mail-from', ''], /--ip not-an-ip is not an IPv4 or IPv6 address/],
    [['auth', '/nonexistent/message.eml'], /Cannot read the message \/nonexistent\/message\.eml: ENOENT/],
    [['dns', 'example.com', '--dns', 'dns.example.com'], /"dns.example.com" is not a DNS server address\. Give an IP address/],
    [['dns', 'not a domain'], /"not a domain" is not a domain; give domains such as example.com\./],
    [['auth', fixture('signed.eml'), '--bogus'], /unknown option --bogus\./],
  ])('%j is a usage error (exit 2) that says what to do', (args, message) => {
    const run = cli(...(args as string[]));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
  });
});
