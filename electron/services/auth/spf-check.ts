import { hostname } from 'node:os';
import { type DNSResolver, spf, type SPFResult } from 'mailauth';
import type { SpfReport } from '../../../shared/contract/auth';
import { NOT_IN_ZONE } from '../dns/resolver';
import type { CheckDns } from '../dns/source';
import { walkSpf } from './spf-tree';

export interface SpfQuery {
  ip: string;
  helo?: string;
  /** Empty for a null sender (bounces): the HELO identity is checked instead. */
  mailFrom?: string;
  strict: boolean;
}

/** The authserv-id in headers Mailbench stamps: this machine, as a receiving MTA would name itself. */
export const AUTHSERV_ID = hostname() || 'mailbench';


/**
 * SPF as mailauth evaluates it (RFC 7208; `strict` follows the RFC to the letter), with
 * Mailbench's additions: the include tree of the domain, the DNS trail, and a sentence
 * each on why and what to do.
 */
export async function checkSpf(dns: CheckDns, query: SpfQuery): Promise<SpfReport> {
  const trailStart = dns.trail.lookups.length;
  const options = { sender: query.mailFrom || '', ip: query.ip, helo: query.helo ?? '', mta: AUTHSERV_ID, resolver: dns.resolve as DNSResolver, strict: query.strict };
  const result = await spf(options);
  return spfReport(dns, result, { ip: query.ip, nullSender: !query.mailFrom }, dns.trail.lookups.slice(trailStart));
}

/** Mailbench's view of one mailauth SPF result: adds the include tree, the trail, why and fix. */
export async function spfReport(dns: CheckDns, result: SPFResult, { ip, nullSender }: { ip: string; nullSender: boolean }, trail: SpfReport['trail']): Promise<SpfReport> {
  const verdict = result.status.result as SpfReport['result'];
  const domain = result.domain ?? '';
  const tree = domain && verdict !== 'none' ? (await walkSpf(dns.quiet, domain, result.rr)).tree : undefined;
  // names an offline zone does not hold were refused: SPF is "not checked" there, not broken
  const outside = verdict === 'temperror' ? [...new Set(trail.filter((lookup) => lookup.detail === NOT_IN_ZONE).map((lookup) => lookup.name))] : [];
  return {
    result: verdict,
    domain,
    identity: nullSender ? 'helo' : 'mailfrom',
    ...(result.status.comment ? { comment: String(result.status.comment) } : {}),
    ...(result.explanation ? { explanation: result.explanation } : {}),
    lookups: { count: result.lookups?.count ?? 0, limit: result.lookups?.limit ?? 10, void: result.lookups?.void ?? 0 },
    ...(tree ? { tree } : {}),
    ...(result.header ? { receivedSpf: result.header } : {}),
    ...(outside.length > 0 ? notInZone(domain, outside) : explainSpf(verdict, domain, ip, String(result.status.comment ?? ''))),
    trail,
  };
}

function notInZone(domain: string, names: string[]): { why: string; fix: string } {
  const list = names.join(', ');
  return {
    why: `SPF of ${domain} was not checked to the end: ${list} ${names.length === 1 ? 'is' : 'are'} not in the offline zone, so what ${names.length === 1 ? 'it allows' : 'they allow'} is unknown (temperror, not a failure).`,
    fix: `Check against real DNS (system DNS or --dns), or add the records of ${list} to the zone.`,
  };
}

export function explainSpf(result: SpfReport['result'], domain: string, ip: string, comment: string): { why: string; fix?: string } {
  const addIt = `Add the sending service to ${domain}'s SPF record (its include: or ip4:${ip}), or send through a server the record already lists.`;
  switch (result) {
    case 'pass':
      return { why: `${ip} is listed in the SPF record of ${domain}.` };
    case 'fail':
      return { why: `The SPF record of ${domain} does not list ${ip} and ends with -all, so receivers may reject the message.`, fix: addIt };
    case 'softfail':
      return { why: `The SPF record of ${domain} does not list ${ip} (~all): receivers accept the message but count it against you.`, fix: addIt };
    case 'neutral':
      return { why: `The SPF record of ${domain} says nothing about ${ip} (?all), which is as good as no SPF.`, fix: `${addIt} End the record with ~all or -all.` };
    case 'none':
      return { why: `${domain || 'The sender domain'} publishes no SPF record.`, fix: `Publish a TXT record at ${domain || 'the sender domain'}: "v=spf1 ip4:${ip} ~all" (plus include: for your email service).` };
    case 'permerror':
      return { why: `The SPF record of ${domain} is broken: ${comment || 'receivers cannot evaluate it'}.`, fix: 'Fix the syntax, publish exactly one v=spf1 record, and keep DNS-querying terms to 10 and void lookups to 2 (replace nested includes with ip4:/ip6: ranges).' };
    case 'temperror':
      return { why: `DNS did not answer while checking ${domain || 'the sender'}: ${comment || 'a lookup failed or timed out'}.`, fix: 'Check that the DNS server is reachable and answers for these names, then run the check again.' };
  }
}
