import { describe, expect, it } from 'vitest';
import { buildDmarc, buildSpf } from '../../../electron/services/auth/builders';
import { parseSpfRecord } from '../../../electron/services/auth/spf-record';

const spfDefaults = { domain: 'example.com', ip4: [], ip6: [], includes: [], mx: false, a: false, all: '~all' as const };

describe('record builders', () => {
  it('builds an SPF record that parses back to the same terms', () => {
    const built = buildSpf({ ...spfDefaults, mx: true, ip4: ['192.0.2.0/24'], ip6: ['2001:db8::/32'], includes: ['_spf.google.com'], all: '-all' });
    expect(built).toMatchObject({ name: 'example.com', record: 'v=spf1 mx ip4:192.0.2.0/24 ip6:2001:db8::/32 include:_spf.google.com -all' });
    expect(parseSpfRecord(built.record).problems).toEqual([]);
    expect(built.findings.map((finding) => finding.rule)).toEqual(['spf-lookups-nested']);
  });

  it('flags bad ranges, +all and too many lookups', () => {
    const built = buildSpf({ ...spfDefaults, ip4: ['192.0.2.300'], includes: Array.from({ length: 11 }, (_, i) => `s${i}.example.net`), all: '+all' });
    expect(built.findings.map((finding) => finding.rule)).toEqual(['spf-syntax', 'spf-lookups', 'spf-plus-all', 'spf-long']);
    expect(built.findings[0]!.message).toContain('"192.0.2.300" is not an IPv4 address.');
  });

  it('builds a DMARC record with RFC 9989 tags and explains what each choice means', () => {
    const built = buildDmarc({ domain: 'example.com', p: 'reject', sp: 'quarantine', adkim: 's', aspf: 'r', rua: ['dmarc@example.com', 'mailto:x@reports.example.net'], ruf: [], t: true });
    expect(built.name).toBe('_dmarc.example.com');
    expect(built.record).toBe('v=DMARC1; p=reject; sp=quarantine; adkim=s; rua=mailto:dmarc@example.com,mailto:x@reports.example.net; t=y');
    expect(built.findings.map((finding) => finding.rule)).toEqual(['dmarc-weak-sp', 'dmarc-test-mode', 'dmarc-external-destination']);
    const weak = buildDmarc({ domain: 'example.com', p: 'none', adkim: 'r', aspf: 'r', rua: [], ruf: [], fo: 'x' });
    expect(weak.findings.map((finding) => finding.rule)).toEqual(['dmarc-policy-none', 'dmarc-no-rua', 'dmarc-bad-fo']);
  });
});
