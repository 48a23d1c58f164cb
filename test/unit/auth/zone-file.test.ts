import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/contract/errors';
import { parseZoneFile } from '../../../electron/services/dns/zone-file';
import { zoneResolver } from '../../../electron/services/dns/resolver';

const zoneText = `$ORIGIN example.com.
$TTL 1h
; the apex
@        IN SOA ns1 hostmaster ( 2026112601 ; serial
                 3600 900 604800 300 )
         IN NS  ns1
         IN MX  10 mx1
         IN MX  20 mx2.example.net.
         IN TXT "v=spf1 ip4:192.0.2.0/24 include:_spf.example.net -all"
ns1      300 IN A 192.0.2.53
mx1      IN A    192.0.2.25
         IN AAAA 2001:DB8::25
s1._domainkey IN TXT ( "v=DKIM1; k=rsa; "
                       "p=MIIBIjANBgkq" ) ; split over two lines
_dmarc   IN TXT "v=DMARC1; p=reject; rua=mailto:d@example.com" "; semi ; colons"
www      IN CNAME @
25.2.0.192.in-addr.arpa. IN PTR mx1
quoted   IN TXT "say \\"hi\\"" "\\072\\101"
`;

describe('the RFC 1035 zone parser', () => {
  const zone = parseZoneFile(zoneText, { file: 'example.zone' });
  const resolve = zoneResolver(zone);

  it('reads $ORIGIN, $TTL, relative and absolute names, blank owners and parentheses', async () => {
    expect(await resolve('example.com', 'MX')).toEqual([
      { priority: 10, exchange: 'mx1.example.com' },
      { priority: 20, exchange: 'mx2.example.net' },
    ]);
    expect(await resolve('mx1.example.com', 'AAAA')).toEqual(['2001:db8::25']);
    expect(await resolve('example.com', 'NS')).toEqual(['ns1.example.com']);
    const ns1 = zone.records.find((record) => record.name === 'ns1.example.com')!;
    expect(ns1.ttl).toBe(300);
    expect(zone.records.find((record) => record.name === 'mx1.example.com')!.ttl).toBe(3600);
    expect(ns1.line).toBe(10);
  });

  it('keeps several TXT strings apart and does not treat a ; inside quotes as a comment', async () => {
    expect(await resolve('s1._domainkey.example.com', 'TXT')).toEqual([['v=DKIM1; k=rsa; ', 'p=MIIBIjANBgkq']]);
    expect(await resolve('_dmarc.example.com', 'TXT')).toEqual([['v=DMARC1; p=reject; rua=mailto:d@example.com', '; semi ; colons']]);
    expect(await resolve('quoted.example.com', 'TXT')).toEqual([['say "hi"', 'He']]);
  });

  it('answers CNAME, PTR, NXDOMAIN and NODATA as a server would', async () => {
    expect(await resolve('www.example.com', 'TXT')).toEqual([['v=spf1 ip4:192.0.2.0/24 include:_spf.example.net -all']]);
    expect(await resolve('25.2.0.192.in-addr.arpa', 'PTR')).toEqual(['mx1.example.com']);
    await expect(resolve('nope.example.com', 'A')).rejects.toMatchObject({ code: 'ENOTFOUND' });
    await expect(resolve('ns1.example.com', 'TXT')).rejects.toMatchObject({ code: 'ENODATA' });
  });

  it('ends words only at RFC 1035 separators: a vertical tab or NBSP is part of the word, not a hang', async () => {
    const odd = parseZoneFile('$ORIGIN example.com.\n@ IN TXT a\u000bb c\u00a0d\n');
    expect(await zoneResolver(odd)('example.com', 'TXT')).toEqual([['a\u000bb', 'c\u00a0d']]);
  });

  it('uses a default origin for relative names when no $ORIGIN is given', async () => {
    const plain = parseZoneFile('@ IN TXT "v=spf1 -all"\nmail IN A 192.0.2.1', { origin: 'example.org' });
    expect(await zoneResolver(plain)('mail.example.org', 'A')).toEqual(['192.0.2.1']);
  });

  const errorOf = (text: string): AppError => {
    try {
      parseZoneFile(text, { file: 'bad.zone' });
    } catch (error) {
      return error as AppError;
    }
    throw new Error('expected a parse error');
  };

  it.each([
    ['$ORIGIN example.com.\n@ IN A 192.0.2.1\nwww IN A 300.1.1.1\n', 3, /not an IPv4 address/],
    ['$ORIGIN example.com.\n\n@ IN TXT "never closed\n', 3, /not closed/],
    ['$ORIGIN example.com.\n@ IN MX ( 10\n  mx1\n', 2, /never closed/],
    ['www IN A 192.0.2.1\n', 1, /needs an origin/],
    ['$ORIGIN example.com.\n@ IN HINFO "x" "y"\n', 2, /HINFO.*not supported/],
    ['$ORIGIN example.com.\n@ IN MX mx1\n', 2, /MX takes a preference/],
    ['$ORIGIN example.com.\n; fine\n@ IN TXT "a"\n  IN AAAA 192.0.2.1\n', 4, /not an IPv6 address/],
    ['$INCLUDE other.zone\n', 1, /\$INCLUDE/],
    [`$ORIGIN example.com.\n@ IN TXT "${'x'.repeat(256)}"\n`, 2, /at most 255/],
  ])('reports %j on line %i', (text, line, message) => {
    const error = errorOf(text);
    expect(error).toBeInstanceOf(AppError);
    expect(error.code).toBe('parse_error');
    expect(error.details.line).toBe(line);
    expect(error.details.file).toBe('bad.zone');
    expect(error.message).toMatch(message);
    expect(error.details.hint).toBeTruthy();
  });
});

describe('zone answers beyond plain names', () => {
  const zone = parseZoneFile('$ORIGIN example.com.\n_dmarc.mail IN TXT "v=DMARC1; p=none"\n*.bounce IN MX 10 mx.example.com.\nexact.bounce IN A 192.0.2.7\n');
  const resolve = zoneResolver(zone);

  it('answers NODATA for a name that only has names below it (an empty non-terminal)', async () => {
    await expect(resolve('mail.example.com', 'TXT')).rejects.toMatchObject({ code: 'ENODATA' });
    await expect(resolve('example.com', 'A')).rejects.toMatchObject({ code: 'ENODATA' });
    await expect(resolve('other.example.com', 'A')).rejects.toMatchObject({ code: 'ENOTFOUND' });
  });

  it('expands a wildcard for names it covers, but not for names that exist', async () => {
    expect(await resolve('anything.bounce.example.com', 'MX')).toEqual([{ priority: 10, exchange: 'mx.example.com' }]);
    expect(await resolve('a.b.bounce.example.com', 'MX')).toEqual([{ priority: 10, exchange: 'mx.example.com' }]);
    await expect(resolve('exact.bounce.example.com', 'MX')).rejects.toMatchObject({ code: 'ENODATA' });
  });
});

describe('zone-file conventions and budget', () => {
  it('a `; mailbench-timeout:` comment makes a name time out (data it has still answers), and a `;` inside a string is not one', async () => {
    const zone = parseZoneFile('$ORIGIN example.com.\n; mailbench-timeout: slow\n;mailbench-timeout: dns.example.net.\nslow IN TXT "v=spf1 -all"\n@ IN TXT "; mailbench-timeout: nope"\n');
    const resolve = zoneResolver(zone);
    expect(await resolve('slow.example.com', 'TXT')).toEqual([['v=spf1 -all']]);
    await expect(resolve('slow.example.com', 'A')).rejects.toMatchObject({ code: 'ETIMEOUT' });
    await expect(resolve('dns.example.net', 'TXT')).rejects.toMatchObject({ code: 'ETIMEOUT' });
    await expect(resolve('nope.example.com', 'TXT')).rejects.toMatchObject({ code: 'ENOTFOUND' });
  });

  it('refuses a zone over its budget with the limit and what to do, instead of parsing for minutes', () => {
    const records = Array.from({ length: 20_001 }, (_, i) => `h${i} IN A 192.0.2.1`).join('\n');
    expect(() => parseZoneFile(`$ORIGIN example.com.\n${records}\n`, { file: 'big.zone' })).toThrow(/big\.zone line 20002: the zone has more than 20,000 records/);
    const text = `$ORIGIN example.com.\n@ IN TXT "${'x'.repeat(200)}"\n`.repeat(5_000);
    try {
      parseZoneFile(text, { file: 'huge.zone' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).message).toMatch(/huge\.zone is [\d,]+ characters; an offline zone holds at most 1,000,000/);
      expect((error as AppError).details.hint).toMatch(/--dns/);
    }
  });
});
