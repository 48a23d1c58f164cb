import { describe, expect, it } from 'vitest';
import { auditDomain } from '../../../electron/services/auth/domain-audit';
import { OrgDomains } from '../../../electron/services/auth/org-domain';
import { verifyMessage } from '../../../electron/services/auth/verify-message';
import { openDns } from '../../../electron/services/dns/source';

const zone = `$ORIGIN example2.co.uk.
_dmarc.b      IN TXT "v=DMARC1; p=reject"
a.b           IN TXT "v=spf1 ip4:192.0.2.1 -all"
$ORIGIN example.com.
_dmarc        IN TXT "v=DMARC1; p=none"
_dmarc.news   IN TXT "v=DMARC1; p=reject; rua=mailto:d@reports.vendor.net"
news          IN TXT "v=spf1 -all"
$ORIGIN vendor.net.
news.example.com._report._dmarc.reports IN TXT "v=DMARC1"
`;
const audit = (domain: string) => auditDomain(openDns({ mode: 'zone', zone }), { domain, selectors: [], ips: [] });

describe('one organizational-domain rule: the RFC 9989 tree walk, everywhere', () => {
  it('the audit finds a record only at _dmarc.b.example2.co.uk for a.b.example2.co.uk, as the message check does', async () => {
    const report = await audit('a.b.example2.co.uk');
    const dmarc = report.sections.find((section) => section.id === 'dmarc')!;
    expect(report.findings.map((finding) => finding.rule)).not.toContain('dmarc-missing');
    expect(dmarc.summary).toBe('p=reject (inherited from b.example2.co.uk), 0 report destination(s).');
    const message = Buffer.from('From: a@a.b.example2.co.uk\r\nTo: b@example.net\r\nSubject: x\r\n\r\nbody\r\n');
    const check = await verifyMessage(openDns({ mode: 'zone', zone }), { message, ip: '192.0.2.1', mailFrom: 'a@a.b.example2.co.uk', useReceived: false, strict: false });
    expect(check.dmarc).toMatchObject({ result: 'pass', policy: 'reject' });
  });

  it('authorizes report destinations by the domain the policy came from (RFC 7489 7.1), not its parent', async () => {
    const report = await audit('news.example.com');
    expect(report.findings.map((finding) => finding.rule)).not.toContain('dmarc-external-unauthorized');
    const trail = report.sections.find((section) => section.id === 'dmarc')!.trail.map((lookup) => lookup.name);
    expect(trail).toContain('news.example.com._report._dmarc.reports.vendor.net');
    expect(trail).not.toContain('example.com._report._dmarc.reports.vendor.net');
  });

  it('exports the walk for other features: organizational domain and the policy that applies', async () => {
    const walker = new OrgDomains(openDns({ mode: 'zone', zone }).resolve);
    expect(await walker.orgDomainOf('x.news.example.com')).toBe('example.com');
    expect(await walker.orgDomainOf('a.b.example2.co.uk')).toBe('b.example2.co.uk');
    expect(await walker.policyOf('x.news.example.com')).toEqual({ record: 'v=DMARC1; p=none', recordDomain: 'example.com', orgDomain: 'example.com' });
  });
});
