import type { BuiltRecord } from '../../../shared/contract/auth';
import type { Finding } from '../../../shared/model/finding';
import { parseDmarcRecord } from './dmarc-record';
import { LOOKUP_TERMS, parseSpfRecord } from './spf-record';

export interface SpfParts {
  domain: string;
  ip4: string[];
  ip6: string[];
  includes: string[];
  mx: boolean;
  a: boolean;
  all: '-all' | '~all' | '?all' | '+all';
}

const finding = (family: string, rule: string, severity: Finding['severity'], message: string, why: string, fix: string): Finding => ({ rule, family, severity, message, why, fix });

/** An SPF record from its parts, checked the way the domain audit checks a published one (nested includes aside). */
export function buildSpf(parts: SpfParts): BuiltRecord {
  const terms = [
    ...(parts.mx ? ['mx'] : []),
    ...(parts.a ? ['a'] : []),
    ...parts.ip4.map((range) => `ip4:${range}`),
    ...parts.ip6.map((range) => `ip6:${range}`),
    ...parts.includes.map((domain) => `include:${domain.replace(/\.$/, '')}`),
    parts.all,
  ];
  const record = ['v=spf1', ...terms].join(' ');
  const parsed = parseSpfRecord(record);
  const findings = parsed.problems.map((problem) => finding('spf', 'spf-syntax', 'error', problem, 'A syntax error makes the record a permerror.', 'Correct the value.'));
  const lookups = parsed.terms.filter((term) => LOOKUP_TERMS.has(term.name)).length;
  if (lookups > 10) findings.push(finding('spf', 'spf-lookups', 'error', `The record itself needs ${lookups} DNS lookups (limit 10), before counting what the includes pull in.`, 'Receivers return permerror past 10.', 'Use fewer includes or replace some with ip4:/ip6: ranges.'));
  else if (parts.includes.length > 0) findings.push(finding('spf', 'spf-lookups-nested', 'info', `The record uses ${lookups} lookups itself; each include adds its own.`, 'The limit of 10 counts the whole tree.', 'Run the domain audit against a zone with this record to count the whole tree.'));
  if (parts.all === '+all') findings.push(finding('spf', 'spf-plus-all', 'error', '+all lets anyone send as this domain.', 'SPF passes for every IP in the world.', 'Use ~all or -all.'));
  if (parts.all === '?all') findings.push(finding('spf', 'spf-neutral-all', 'warning', '?all says nothing about unlisted servers.', 'As good as no SPF against spoofing.', 'Use ~all (with DMARC) or -all.'));
  if (terms.length === 1) findings.push(finding('spf', 'spf-no-senders', parts.all === '-all' ? 'info' : 'warning', 'The record lists no senders.', parts.all === '-all' ? 'Right for a domain that sends no mail.' : 'No server is authorized to send.', 'Add the ranges or includes of the services that send for the domain, or use -all for a domain that never sends.'));
  if (record.length > 255) findings.push(finding('spf', 'spf-long', 'info', `The record is ${record.length} characters: publish it as several quoted strings of at most 255.`, 'A single DNS string holds at most 255 characters.', 'Split it: "first part" "second part" (receivers join them without spaces).'));
  return { name: parts.domain.replace(/\.$/, ''), record, findings };
}

export interface DmarcParts {
  domain: string;
  p: 'none' | 'quarantine' | 'reject';
  sp?: 'none' | 'quarantine' | 'reject';
  np?: 'none' | 'quarantine' | 'reject';
  adkim: 'r' | 's';
  aspf: 'r' | 's';
  rua: string[];
  ruf: string[];
  fo?: string;
  t?: boolean;
}

/** A DMARC record from its tags (RFC 9989 names), with the same checks as the audit. */
export function buildDmarc(parts: DmarcParts): BuiltRecord {
  const mailto = (address: string) => (address.toLowerCase().startsWith('mailto:') ? address : `mailto:${address}`);
  const tags = [
    'v=DMARC1',
    `p=${parts.p}`,
    ...(parts.sp ? [`sp=${parts.sp}`] : []),
    ...(parts.np ? [`np=${parts.np}`] : []),
    ...(parts.adkim === 's' ? ['adkim=s'] : []),
    ...(parts.aspf === 's' ? ['aspf=s'] : []),
    ...(parts.rua.length ? [`rua=${parts.rua.map(mailto).join(',')}`] : []),
    ...(parts.ruf.length ? [`ruf=${parts.ruf.map(mailto).join(',')}`] : []),
    ...(parts.fo ? [`fo=${parts.fo}`] : []),
    ...(parts.t ? ['t=y'] : []),
  ];
  const domain = parts.domain.replace(/\.$/, '').toLowerCase();
  const record = tags.join('; ');
  const parsed = parseDmarcRecord(record, domain);
  const findings = parsed.issues.map((issue) => finding('dmarc', issue.rule, issue.severity, issue.message, issue.why, issue.fix));
  if (parts.fo !== undefined && !/^[01ds](:[01ds])*$/.test(parts.fo)) findings.push(finding('dmarc', 'dmarc-bad-fo', 'error', `fo=${parts.fo} is not a list of 0, 1, d and s.`, 'Receivers ignore an invalid fo=.', 'Use fo=0 (default), fo=1, fo=d or fo=s, joined by colons.'));
  for (const destination of parsed.destinations.filter((entry) => !entry.domain.endsWith(domain))) {
    findings.push(finding('dmarc', 'dmarc-external-destination', 'info', `Reports go to ${destination.domain}, outside ${domain}.`, 'Receivers send them only if that domain authorizes it.', `${destination.domain} must publish TXT "v=DMARC1" at ${domain}._report._dmarc.${destination.domain}.`));
  }
  return { name: `_dmarc.${domain}`, record, findings };
}
