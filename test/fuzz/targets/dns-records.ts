import fc from 'fast-check';
import { tlsRptProblems } from '../../../electron/services/auth/audit/policies';
import { parseDmarcRecord } from '../../../electron/services/auth/dmarc-record';
import { parseSpfRecord } from '../../../electron/services/auth/spf-record';
import { parseAuthResults } from '../../../electron/services/seeds/auth-results';
import { anyText, mutated } from '../mutate';
import type { FuzzTarget } from '../target';

const samples = [
  'v=spf1 ip4:192.0.2.0/24 ip6:2001:db8::/32 include:_spf.example.net a mx:mail.example.com/24 exists:%{i}.bl.example ~all',
  'v=spf1 redirect=_spf.example.com exp=explain.example.com',
  'v=DMARC1; p=quarantine; sp=reject; pct=50; rua=mailto:dmarc@example.com,mailto:x@other.example!10m; ruf=mailto:f@example.com; adkim=s; aspf=r; fo=1:d',
  'mx.google.com; dkim=pass header.i=@example.com header.s=sel1; spf=pass (google.com: domain of a@example.com designates 192.0.2.1) smtp.mailfrom=a@example.com; dmarc=pass (p=NONE) header.from=example.com; arc=none',
];
const term = fc.oneof(
  fc.tuple(fc.constantFrom('', '+', '-', '~', '?', '!'), fc.constantFrom('all', 'include', 'a', 'mx', 'ptr', 'ip4', 'ip6', 'exists', 'redirect', 'exp', 'bogus'), fc.constantFrom('', ':', '=', '/'), fc.oneof(fc.ipV4(), fc.ipV6(), fc.domain(), fc.string({ maxLength: 20 }), fc.nat(200).map(String))).map((parts) => parts.join('')),
  fc.tuple(fc.constantFrom('v', 'p', 'sp', 'pct', 'rua', 'ruf', 'adkim', 'aspf', 'fo', 'rf', 'ri', 'np', 'x'), fc.oneof(fc.constantFrom('DMARC1', 'reject', 'none', 'quarantine', 's', 'r', '101', '-1', 'mailto:a@b', 'mailto:', 'http://x'), fc.string({ maxLength: 20 }))).map(([k, v]) => `${k}=${v};`),
  fc.tuple(fc.constantFrom('dkim', 'spf', 'dmarc', 'arc', 'auth', 'header.from', 'smtp.mailfrom'), fc.constantFrom('pass', 'fail', 'none', 'softfail', 'temperror', '(', ')', '"'), fc.string({ maxLength: 15 })).map(([k, v, rest]) => `${k}=${v} ${rest};`),
);
const structured = fc.tuple(fc.constantFrom('v=spf1 ', 'v=DMARC1; ', 'mx.example.com; ', ''), fc.array(term, { maxLength: 12 }), fc.constantFrom(' ', '  ', '\t', ';')).map(([head, terms, sep]) => head + terms.join(sep));

/** DNS TXT records (SPF, DMARC) and Authentication-Results headers, as they come from zones, DNS and seed mailboxes. */
export const dnsRecordsTarget: FuzzTarget = {
  name: 'dns-records',
  summary: 'SPF, DMARC and TLS-RPT records, Authentication-Results (electron/services/auth, seeds/auth-results.ts)',
  input: fc.oneof({ weight: 3, arbitrary: structured }, { weight: 3, arbitrary: mutated(samples) }, { weight: 1, arbitrary: anyText }),
  runs: 20_000,
  run(text) {
    parseSpfRecord(text);
    parseDmarcRecord(text, 'mail.example.com');
    parseAuthResults(text);
    tlsRptProblems(text);
  },
};
