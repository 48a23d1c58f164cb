import fc from 'fast-check';
import { parseZoneFile } from '../../../electron/services/dns/zone-file';
import { anyText, mutated } from '../mutate';
import type { FuzzTarget } from '../target';

const sample = `$ORIGIN example.com.
$TTL 3600
@       IN SOA ns1.example.com. hostmaster.example.com. ( 2024010101 7200 3600 1209600 3600 )
        IN NS  ns1.example.com.
@       IN MX  10 mail.example.com.
mail    IN A   192.0.2.10
mail    IN AAAA 2001:db8::10
@       IN TXT "v=spf1 ip4:192.0.2.0/24 include:_spf.example.net -all"
_dmarc  IN TXT "v=DMARC1; p=quarantine; rua=mailto:dmarc@example.com"
sel1._domainkey 300 IN TXT ( "v=DKIM1; k=rsa; "
                "p=MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA" ) ; split key
www     IN CNAME example.com.
10.2.0.192.in-addr.arpa. IN PTR mail.example.com.
`;

const label = fc.stringMatching(/^[a-z0-9_-]{1,12}$/);
const owner = fc.oneof(fc.constantFrom('@', '', ' ', '*', 'mail', 'a.b.c', 'x.example.com.', '..', '.'), label, fc.string({ maxLength: 20 }));
const ttl = fc.oneof(fc.constantFrom('', '0', '3600', '1h', '1w2d', '-1', '99999999999', 'ttl'), fc.nat().map(String));
const rtype = fc.oneof(fc.constantFrom('A', 'AAAA', 'MX', 'TXT', 'CNAME', 'NS', 'PTR', 'SOA', 'SRV', 'CAA', 'a', 'txt', 'TYPE65'), fc.string({ maxLength: 6 }));
const rdata = fc.oneof(
  fc.ipV4(),
  fc.ipV6(),
  fc.domain().map((d) => `${d}.`),
  fc.tuple(fc.nat(70000), fc.domain()).map(([p, d]) => `${p} ${d}.`),
  fc.string({ maxLength: 300 }).map((s) => `"${s}"`),
  fc.array(fc.string({ maxLength: 40 }), { maxLength: 4 }).map((parts) => `( ${parts.map((p) => `"${p}"`).join('\n  ')} )`),
  fc.constantFrom('ns1 hostmaster ( 1 2 3 4 5 )', '"unterminated', '( open', 'close )', '"a;b" ; comment', '"esc\\"aped\\059"', '\\# 4 c0000201'),
  fc.string({ maxLength: 40 }),
);
const directive = fc.oneof(
  fc.tuple(fc.constantFrom('$ORIGIN', '$TTL', '$INCLUDE', '$GENERATE', '$origin'), fc.oneof(fc.domain().map((d) => `${d}.`), ttl, fc.string({ maxLength: 20 }))).map(([d, v]) => `${d} ${v}`),
);
const record = fc.tuple(owner, ttl, fc.constantFrom('', 'IN', 'CH', 'XX'), rtype, rdata).map((parts) => parts.filter((part, i) => i === 0 || part !== '').join(' '));
const line = fc.oneof({ weight: 6, arbitrary: record }, { weight: 1, arbitrary: directive }, { weight: 1, arbitrary: fc.string({ maxLength: 30 }).map((c) => `; ${c}`) });
const structured = fc.tuple(fc.array(line, { maxLength: 25 }), fc.constantFrom('\n', '\r\n')).map(([lines, eol]) => lines.join(eol));

/** RFC 1035 zone files, as the Authentication tool reads them (auth.parseZone, the loopback DNS). */
export const zoneTarget: FuzzTarget = {
  name: 'zone',
  summary: 'DNS zone files (electron/services/dns/zone-file.ts)',
  input: fc.oneof({ weight: 4, arbitrary: structured }, { weight: 3, arbitrary: mutated([sample]) }, { weight: 1, arbitrary: anyText }),
  runs: 50_000,
  errorsHaveLines: true,
  run: (text) => parseZoneFile(text, { origin: 'example.com', file: 'fuzz.zone' }),
};
