import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { auditDomain } from '../../../electron/services/auth/domain-audit';
import { walkSpf } from '../../../electron/services/auth/spf-tree';
import { checkSpf } from '../../../electron/services/auth/spf-check';
import { openDns, zoneDns } from '../../../electron/services/dns/source';
import { parseZoneFile } from '../../../electron/services/dns/zone-file';

const weakKey = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
const zone = `$ORIGIN example.org.
@             IN TXT "v=spf1 include:_spf.example.org ptr a:gone.example.org mx:nothing.example.org include:_spf.example.org ?all"
              IN MX 0 .
_spf          IN TXT "v=spf1 include:a.example.org include:missing.example.org"
a             IN TXT "v=spf1 ip4:192.0.2.0/24 include:b.example.org"
b             IN TXT "v=spf1 ip4:198.51.100.0/24"
_dmarc        IN TXT "v=DMARC1; p=none; pct=50; ri=3600; rua=mailto:reports@dmarc-vendor.example"
s1._domainkey IN TXT "v=DKIM1; k=rsa; t=y; p=${weakKey}"
_mta-sts      IN TXT "v=STSv1; id=2026a"
default._bimi IN TXT "v=BIMI1; l=http://example.org/logo.png"
25.2.0.192.in-addr.arpa.    IN PTR dynamic-192-0-2-25.example.org.
2.0.0.127.zen.spamhaus.org. IN A 127.0.0.2
25.2.0.192.zen.spamhaus.org. IN A 127.0.0.4
many          IN TXT "v=spf1 a mx include:a.example.org include:b.example.org exists:x.example.org a:one a:two a:three a:five mx:four -all"
`;

describe('the domain audit against an offline zone', () => {
  it('finds the problems of each section, with severity, why and fix', async () => {
    const report = await auditDomain(openDns({ mode: 'zone', zone }), { domain: 'example.org', selectors: ['s1'], ips: ['192.0.2.25'], mtaStsPolicy: 'version: STSv1\nmode: testing\nmx: mx.example.org\nmax_age: 86400\n' });
    const rules = report.findings.map((finding) => finding.rule);
    expect(rules).toEqual(expect.arrayContaining([
      'spf-neutral-all', 'spf-ptr', 'spf-duplicate', 'spf-voids', 'spf-include-broken',
      'dmarc-policy-none', 'dmarc-pct', 'dmarc-retired-ri', 'dmarc-external-unauthorized',
      'dkim-short-key', 'dkim-testing', 'mx-null', 'ptr-not-confirmed', 'ptr-generic',
      'mta-sts-testing', 'tls-rpt-missing', 'bimi-location', 'bimi-dmarc-weak', 'blocklisted',
    ]));
    for (const finding of report.findings) {
      expect(finding.why.length).toBeGreaterThan(10);
      expect(finding.fix.length).toBeGreaterThan(5);
    }
    const blocklisted = report.findings.find((finding) => finding.rule === 'blocklisted')!;
    expect(blocklisted.message).toContain('127.0.0.4: XBL: infected or exploited host');
    const section = (id: string) => report.sections.find((entry) => entry.id === id)!;
    expect(section('spf').status).toBe('error');
    expect(section('spf').trail[0]).toMatchObject({ name: 'example.org', type: 'TXT', source: 'zone' });
    expect(report.spfTree!.children.map((child) => child.domain)).toEqual(['_spf.example.org', '_spf.example.org']);
    expect(report.spfTree!.children[0]!.children.map((child) => [child.domain, child.problem ?? 'ok'])).toEqual([
      ['a.example.org', 'ok'],
      ['missing.example.org', 'no SPF record (the name has no TXT records)'],
    ]);
    expect(section('starttls').summary).toMatch(/^not checked: /);
    expect(section('reputation').summary).toContain('not checked: SpamCop');
  });

  it('counts lookups across the include tree and flags more than 10', async () => {
    const dns = openDns({ mode: 'zone', zone });
    const walk = await walkSpf(dns.quiet, 'many.example.org');
    expect(walk.lookups).toBe(11);
    const report = await auditDomain(dns, { domain: 'many.example.org', selectors: [], ips: [] });
    expect(report.findings.find((finding) => finding.rule === 'spf-lookups')?.message).toBe('The record needs 11 DNS lookups (limit 10).');
  });

  it('says "no SPF" and "no DMARC" for a domain with nothing published, and never hangs on network checks offline', async () => {
    const report = await auditDomain(openDns({ mode: 'zone', zone: '$ORIGIN empty.example.\n@ IN A 192.0.2.1\n' }), { domain: 'empty.example', selectors: [], ips: [] });
    expect(report.findings.filter((finding) => finding.severity === 'error').map((finding) => finding.rule)).toEqual(['spf-missing', 'dmarc-missing']);
    expect(report.sections.find((entry) => entry.id === 'reputation')!.status).toBe('not-checked');
  });

  it('asks a list the user configured, after its test entry answers', async () => {
    const custom = '$ORIGIN bl.test.example.\n2.0.0.127 IN A 127.0.0.2\n9.2.0.192 IN A 127.0.0.3\n';
    const report = await auditDomain(openDns({ mode: 'zone', zone: custom }), { domain: 'example.org', selectors: [], ips: ['192.0.2.9', '192.0.2.10'], blocklists: [{ zone: 'bl.test.example', kind: 'ip', name: 'Test BL' }] });
    const listed = report.findings.filter((finding) => finding.rule === 'blocklisted');
    expect(listed.map((finding) => finding.message)).toEqual(["192.0.2.9 is listed on Test BL (127.0.0.3: listed (127.0.0.3); see Test BL's documentation for this code)."]);
    expect(report.sections.find((entry) => entry.id === 'reputation')!.summary).toBe('1 list(s) checked.');
    // the zone holds only the list, so the audited domain is outside it: unknown, said first, not "missing"
    expect(report.findings[0]).toMatchObject({ rule: 'domain-not-in-zone', severity: 'info', message: 'example.org is not in the offline zone: its records are not checked.' });
    expect(report.findings.map((finding) => finding.rule)).not.toContain('spf-missing');
  });

  it('an include outside the offline zone is "not in this zone: not checked", never a broken include to remove (#14)', async () => {
    const google = '$ORIGIN example.com.\n@ IN TXT "v=spf1 include:_spf.google.com include:gone.example.com -all"\n_dmarc IN TXT "v=DMARC1; p=reject"\n';
    const report = await auditDomain(openDns({ mode: 'zone', zone: google }), { domain: 'example.com', selectors: [], ips: [] });
    const spf = report.findings.filter((finding) => finding.family === 'spf');
    expect(spf.map((finding) => [finding.rule, finding.severity, finding.message])).toEqual([
      ['spf-include-not-checked', 'info', 'include _spf.google.com: not in this zone: not checked.'],
      ['spf-include-broken', 'error', 'include gone.example.com: no SPF record (the name has no TXT records).'],
    ]);
    expect(spf[0]!.fix).not.toMatch(/remove/i);
    expect(report.sections.find((section) => section.id === 'spf')!.summary).toMatch(/^at least 2\/10 lookups/);
    const check = await checkSpf(zoneDns(parseZoneFile(google)), { ip: '192.0.2.1', helo: 'mail.example.com', mailFrom: 'a@example.com', strict: false });
    expect(check.result).toBe('temperror');
    expect(check.why).toContain('_spf.google.com is not in the offline zone');
    expect(check.fix).not.toMatch(/remove/i);
    expect(check.tree!.children[0]).toMatchObject({ domain: '_spf.google.com', notChecked: true });
  });

  it('BIMI in the audit judges the policy that applies: sp= for a subdomain inheriting its parent\'s record (#14)', async () => {
    const parent = '$ORIGIN example.com.\n_dmarc IN TXT "v=DMARC1; p=none; sp=reject"\nfootball IN TXT "v=spf1 -all"\ndefault._bimi.football IN TXT "v=BIMI1; l=https://example.com/logo.svg; a=https://example.com/vmc.pem"\n';
    const report = await auditDomain(openDns({ mode: 'zone', zone: parent }), { domain: 'football.example.com', selectors: [], ips: [] });
    expect(report.findings.map((finding) => finding.rule)).not.toContain('bimi-dmarc-weak');
    const lax = parent.replace('sp=reject', 'sp=none');
    const weak = (await auditDomain(openDns({ mode: 'zone', zone: lax }), { domain: 'football.example.com', selectors: [], ips: [] })).findings.find((finding) => finding.rule === 'bimi-dmarc-weak')!;
    expect(weak.message).toBe('BIMI needs DMARC quarantine or reject; the policy that applies to football.example.com is sp=none (from the record of example.com).');
    expect(weak.fix).toBe('Set sp=quarantine or sp=reject in _dmarc.example.com.');
  });
});
