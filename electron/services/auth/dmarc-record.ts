import { getDomain } from 'tldts';

export type DmarcPolicy = 'none' | 'quarantine' | 'reject';

export interface DmarcIssue {
  rule: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  why: string;
  fix: string;
}

export interface ParsedDmarc {
  tags: Map<string, string>;
  policy?: DmarcPolicy;
  issues: DmarcIssue[];
  /** Report destinations (mailto: addresses) from rua and ruf. */
  destinations: Array<{ tag: 'rua' | 'ruf'; address: string; domain: string }>;
}

const POLICIES = new Set(['none', 'quarantine', 'reject']);
/** Tags of RFC 9989 (DMARCbis) plus the RFC 7489 ones it retired, which receivers still meet. */
const KNOWN_TAGS = new Set(['v', 'p', 'sp', 'np', 'psd', 't', 'adkim', 'aspf', 'rua', 'ruf', 'fo', 'pct', 'rf', 'ri']);
export const isDmarcRecord = (text: string): boolean => /^v\s*=\s*DMARC1\s*(;|$)/i.test(text);

/**
 * The registrable domain under the Public Suffix List: a guess without DNS, kept only for DMARC
 * reports read offline (electron/services/dmarc). Checks use the RFC 9989 tree walk in
 * org-domain.ts, which is what receivers and mailauth do.
 */
export const organizationalDomain = (domain: string): string => getDomain(domain, { allowPrivateDomains: false }) ?? domain;

type DmarcTag = { text: string; name: string; value: string } | { text: string; name?: undefined };

/** A record's semicolon-separated parts in order: name (lower case) and value, or no name for a part that is not name=value. */
function dmarcTagList(record: string): DmarcTag[] {
  const list: DmarcTag[] = [];
  for (const part of record.split(';')) {
    const text = part.trim();
    if (!text) continue;
    const match = /^([A-Za-z]+)\s*=\s*(.*)$/.exec(text);
    list.push(match ? { text, name: match[1]!.toLowerCase(), value: match[2]!.trim() } : { text });
  }
  return list;
}

/**
 * A record's tags, the last of a repeated one winning, without judging them: what a verdict's
 * explanation reads on every message check, where parseDmarcRecord's findings would be thrown away.
 */
export function dmarcTags(record: string): ReadonlyMap<string, string> {
  const tags = new Map<string, string>();
  for (const tag of dmarcTagList(record)) if (tag.name !== undefined) tags.set(tag.name, tag.value);
  return tags;
}

/**
 * Reads a DMARC record and judges its tags against RFC 9989 (which replaced RFC 7489:
 * pct, rf and ri are gone, t=y is the test flag, np covers non-existent subdomains).
 */
export function parseDmarcRecord(record: string, domain: string): ParsedDmarc {
  const issues: DmarcIssue[] = [];
  const tags = new Map<string, string>();
  const destinations: ParsedDmarc['destinations'] = [];
  const add = (rule: string, severity: DmarcIssue['severity'], message: string, why: string, fix: string) => issues.push({ rule, severity, message, why, fix });
  dmarcTagList(record).forEach((tag, index) => {
    if (tag.name === undefined) {
      add('dmarc-syntax', 'error', `"${tag.text}" is not a tag=value pair.`, 'Receivers may discard a record they cannot parse.', 'Write every tag as name=value, separated by semicolons.');
      return;
    }
    const { name } = tag;
    if (index === 0 && name !== 'v') add('dmarc-version', 'error', 'The record does not start with v=DMARC1.', 'Receivers only read records that start with v=DMARC1.', 'Put v=DMARC1 first.');
    if (tags.has(name)) add('dmarc-duplicate-tag', 'warning', `The tag ${name}= appears twice.`, 'Receivers use one of them, and not always the same one.', `Keep one ${name}= tag.`);
    if (!KNOWN_TAGS.has(name)) add('dmarc-unknown-tag', 'warning', `The tag ${name}= is not a DMARC tag.`, 'Unknown tags are ignored, so whatever it was meant to do does not happen.', 'Remove it or correct its name.');
    tags.set(name, tag.value);
  });

  const p = tags.get('p')?.toLowerCase();
  let policy: DmarcPolicy | undefined;
  if (p === undefined) {
    add('dmarc-no-policy', tags.has('rua') ? 'warning' : 'error', 'The record has no p= tag.', 'Without p= receivers treat the domain as p=none (RFC 9989), and without rua= either the record is ignored.', 'Add p=none to start monitoring, then move to quarantine and reject.');
    if (tags.has('rua')) policy = 'none';
  } else if (!POLICIES.has(p)) {
    add('dmarc-bad-policy', 'error', `p=${p} is not none, quarantine or reject.`, 'A record with an invalid policy is treated as having none.', 'Use p=none, p=quarantine or p=reject.');
  } else {
    policy = p as DmarcPolicy;
    if (policy === 'none') add('dmarc-policy-none', 'warning', 'The policy is p=none: monitoring only.', 'Receivers do not act on failing mail, so spoofed mail still reaches inboxes; Gmail and Yahoo accept p=none for bulk senders, but it protects nothing.', 'Read the aggregate reports, fix legitimate sources, then move to p=quarantine and p=reject.');
  }
  for (const tag of ['sp', 'np'] as const) {
    const value = tags.get(tag)?.toLowerCase();
    if (value !== undefined && !POLICIES.has(value)) add(`dmarc-bad-${tag}`, 'error', `${tag}=${value} is not none, quarantine or reject.`, 'An invalid value is ignored.', `Use ${tag}=none, quarantine or reject.`);
    else if (value && policy && strength(value) < strength(policy)) {
      add(`dmarc-weak-${tag}`, 'warning', `${tag}=${value} is weaker than p=${policy}.`, tag === 'sp' ? 'Attackers can spoof subdomains instead of the domain itself.' : 'Mail from made-up subdomains gets the weaker policy.', `Set ${tag}=${policy} unless a subdomain really needs it.`);
    }
  }
  for (const tag of ['adkim', 'aspf']) {
    const value = tags.get(tag)?.toLowerCase();
    if (value !== undefined && value !== 'r' && value !== 's') add(`dmarc-bad-${tag}`, 'error', `${tag}=${value} is not r or s.`, 'An invalid alignment mode is ignored (relaxed applies).', `Use ${tag}=r (relaxed) or ${tag}=s (strict).`);
  }
  if (tags.get('t')?.toLowerCase() === 'y') add('dmarc-test-mode', 'warning', 't=y: the policy is in test mode.', 'Under RFC 9989 receivers apply the next weaker policy (reject acts as quarantine, quarantine as none).', 'Remove t=y once reports show legitimate mail passes.');
  if (tags.has('pct')) {
    const pct = Number(tags.get('pct'));
    add('dmarc-pct', pct === 100 ? 'info' : 'warning', `pct=${tags.get('pct')} is no longer part of DMARC (RFC 9989).`, 'Receivers following RFC 9989 ignore pct; a pct below 100 now means either all or nothing depending on the receiver.', 'Remove pct; use t=y while testing a stronger policy.');
  }
  for (const tag of ['rf', 'ri']) {
    if (tags.has(tag)) add(`dmarc-retired-${tag}`, 'info', `${tag}= was removed in RFC 9989.`, 'Receivers ignore it.', `Remove ${tag}=.`);
  }
  for (const tag of ['rua', 'ruf'] as const) {
    const value = tags.get(tag);
    if (value === undefined) continue;
    for (const uri of value.split(',').map((item) => item.trim()).filter(Boolean)) {
      const mailto = /^mailto:([^@\s!]+)@([^\s!]+?)(!\d+[kmgt]?)?$/i.exec(uri);
      if (!mailto) {
        add(`dmarc-bad-${tag}`, 'error', `${tag}= has "${uri}", which is not a mailto: address.`, 'Receivers send reports only to mailto: URIs.', `Write ${tag}=mailto:dmarc-reports@${domain}.`);
        continue;
      }
      destinations.push({ tag, address: `${mailto[1]}@${mailto[2]}`, domain: mailto[2]!.toLowerCase() });
    }
  }
  if (!tags.has('rua')) add('dmarc-no-rua', 'warning', 'The record has no rua= address.', 'Without aggregate reports you cannot see who sends mail as your domain, so moving to reject is guesswork.', `Add rua=mailto:dmarc-reports@${domain} (or your DMARC report service).`);
  if (tags.has('ruf')) add('dmarc-ruf', 'info', 'ruf= asks for failure reports.', 'Few providers send them (privacy), so do not rely on them.', 'Keep rua= as your main source.');
  return { tags, ...(policy ? { policy } : {}), issues, destinations };
}

const strength = (policy: string): number => ({ none: 0, quarantine: 1, reject: 2 })[policy] ?? 0;
