import { describe, expect, it } from 'vitest';
import { walkSpf } from '../../../electron/services/auth/spf-tree';
import { parseSpfRecord } from '../../../electron/services/auth/spf-record';
import { zoneDns } from '../../../electron/services/dns/source';
import { parseZoneFile } from '../../../electron/services/dns/zone-file';

describe('SPF record terms and the include tree', () => {
  it('reads a domain-spec holding : and / (RFC 7208 7.1) as a name, with only the trailing /N //N as prefix lengths', async () => {
    const zone = parseZoneFile('$ORIGIN example.org.\n@ IN TXT "v=spf1 include:inc.example.org -all"\ninc IN TXT "v=spf1 a:foo:bar/baz.example.org/24//64 -all"\nfoo:bar/baz IN A 192.0.2.7\n');
    const dns = zoneDns(zone);
    const walk = await walkSpf(dns.resolve, 'example.org');
    expect(walk.tree.children[0]).toMatchObject({ domain: 'inc.example.org', record: 'v=spf1 a:foo:bar/baz.example.org/24//64 -all' });
    expect(walk.tree.children[0]!.problem).toBeUndefined();
    expect(walk.voids).toBe(0);
    expect(dns.trail.lookups.map((lookup) => `${lookup.type} ${lookup.name} ${lookup.outcome}`)).toContain('A foo:bar/baz.example.org answer');
  });

  it('still names real prefix-length mistakes', () => {
    expect(parseSpfRecord('v=spf1 a/abc a:x.example.com//129 mx/33 ip4:192.0.2.1/33 -all').problems).toEqual([
      '"a/abc": "/abc" is not a valid prefix length.',
      '"a:x.example.com//129": //129 is not an IPv6 prefix length (0-128).',
      '"mx/33": /33 is not an IPv4 prefix length (0-32).',
      '"ip4:192.0.2.1/33": the prefix length must be 0-32.',
    ]);
  });
});
