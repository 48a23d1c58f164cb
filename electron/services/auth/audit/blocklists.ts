import { isIPv4 } from 'node:net';
import type { Blocklist } from '../../../../shared/contract/auth';
import { expandIpv6 } from './mail-servers';
import { type AuditRun, notChecked, type SectionOutcome } from './run';

export interface KnownBlocklist extends Blocklist {
  /** What each answer means, as the list documents it. */
  codes: Record<string, string>;
}

/** Widely used DNS blocklists and what their return codes mean. */
export const KNOWN_BLOCKLISTS: readonly KnownBlocklist[] = [
  {
    zone: 'zen.spamhaus.org', name: 'Spamhaus ZEN', kind: 'ip',
    codes: {
      '127.0.0.2': 'SBL: a known spam source or spam operation',
      '127.0.0.3': 'SBL CSS: snowshoe spam or low-reputation sending',
      '127.0.0.4': 'XBL: infected or exploited host (CBL)', '127.0.0.5': 'XBL: infected or exploited host', '127.0.0.6': 'XBL: infected or exploited host', '127.0.0.7': 'XBL: infected or exploited host',
      '127.0.0.9': 'DROP: hijacked or criminal network',
      '127.0.0.10': 'PBL (ISP): end-user range that should not send directly', '127.0.0.11': 'PBL (Spamhaus): end-user range that should not send directly',
      '127.255.255.252': 'query refused: typing error in the query', '127.255.255.254': 'query refused: public or open resolver (use your own DNS or a Spamhaus DQS key)', '127.255.255.255': 'query refused: too many queries',
    },
  },
  { zone: 'bl.spamcop.net', name: 'SpamCop', kind: 'ip', codes: { '127.0.0.2': 'reported by SpamCop users as a spam source in the last days' } },
  { zone: 'b.barracudacentral.org', name: 'Barracuda', kind: 'ip', codes: { '127.0.0.2': 'Barracuda Reputation: poor sending reputation' } },
  { zone: 'psbl.surriel.com', name: 'PSBL', kind: 'ip', codes: { '127.0.0.2': 'sent to spam traps' } },
  { zone: 'dnsbl-1.uceprotect.net', name: 'UCEPROTECT level 1', kind: 'ip', codes: { '127.0.0.2': 'this IP hit UCEPROTECT spam traps' } },
  {
    zone: 'dbl.spamhaus.org', name: 'Spamhaus DBL', kind: 'domain',
    codes: {
      '127.0.1.2': 'spam domain', '127.0.1.4': 'phishing domain', '127.0.1.5': 'malware domain', '127.0.1.6': 'botnet command-and-control domain',
      '127.0.1.102': 'abused legitimate spam domain', '127.0.1.103': 'abused spammed redirector', '127.0.1.104': 'abused legitimate phishing domain', '127.0.1.105': 'abused legitimate malware domain', '127.0.1.106': 'abused legitimate botnet C&C domain',
      '127.0.1.255': 'query refused: IP queries are not allowed on the DBL', '127.255.255.254': 'query refused: public or open resolver',
    },
  },
  { zone: 'multi.surbl.org', name: 'SURBL', kind: 'domain', codes: { '127.0.0.8': 'phishing (PH)', '127.0.0.16': 'malware (MW)', '127.0.0.64': 'abuse/spam (ABUSE)', '127.0.0.128': 'cracked sites (CR)' } },
];

const queryName = (ip: string, zone: string) => (isIPv4(ip) ? `${ip.split('.').reverse().join('.')}.${zone}` : `${expandIpv6(ip).split('').reverse().join('.')}.${zone}`);

const meaning = (list: Blocklist, answer: string): string =>
  KNOWN_BLOCKLISTS.find((known) => known.zone === list.zone)?.codes[answer] ?? `listed (${answer}); see ${list.name}'s documentation for this code`;

/**
 * Reputation of the sending IPs and the domain on DNS blocklists. Each list is first asked
 * its RFC 5782 test entry (127.0.0.2, or "test" for domain lists): a list that does not
 * answer it is "not checked" (no DNS, or the list refuses this resolver), never "clean".
 */
export async function auditBlocklists(run: AuditRun, ips: string[], lists: readonly Blocklist[]): Promise<SectionOutcome> {
  const ask = async (name: string): Promise<string[] | 'void' | 'error'> => {
    try {
      return (await run.dns.resolve(name, 'A')) as string[];
    } catch (error) {
      const code = (error as { code?: string }).code;
      return code === 'ENOTFOUND' || code === 'ENODATA' ? 'void' : 'error';
    }
  };
  const results = await Promise.all(
    lists.map(async (list) => {
      const test = await ask(list.kind === 'ip' ? `2.0.0.127.${list.zone}` : `test.${list.zone}`);
      const working = Array.isArray(test) && test.some((answer) => answer.startsWith('127.') && !answer.startsWith('127.255.255.'));
      if (!working) return { list, working, hits: [] as Array<{ subject: string; answers: string[] }> };
      const subjects = list.kind === 'ip' ? ips : [run.domain];
      const hits = [];
      for (const subject of subjects) {
        const answer = await ask(list.kind === 'ip' ? queryName(subject, list.zone) : `${subject}.${list.zone}`);
        if (Array.isArray(answer)) hits.push({ subject, answers: answer });
      }
      return { list, working, hits };
    }),
  );
  const working = results.filter((result) => result.working);
  if (working.length === 0) {
    return notChecked(run.dns.networked ? 'network unreachable (no blocklist answered its test query)' : 'no blocklist answered its test query in the offline zone');
  }
  const records: string[] = [];
  for (const { list, hits } of working) {
    for (const hit of hits) {
      const reasons = hit.answers.map((answer) => `${answer}: ${meaning(list, answer)}`);
      records.push(`${hit.subject} on ${list.name}: ${reasons.join('; ')}`);
      const refused = hit.answers.every((answer) => answer.startsWith('127.255.255.') || answer === '127.0.1.255');
      if (refused) continue;
      run.find('reputation', 'blocklisted', 'error', `${hit.subject} is listed on ${list.name} (${reasons.join('; ')}).`, 'Receivers that use this list reject or junk mail from it.', `Find and stop the cause, then request delisting at ${list.name}.`);
    }
  }
  const skipped = results.filter((result) => !result.working).map((result) => result.list.name);
  return {
    status: run.statusOf('reputation'),
    summary: `${working.length} list(s) checked${skipped.length ? `; not checked: ${skipped.join(', ')} (no answer to the test query)` : ''}.`,
    records,
  };
}
