import { authenticate, type AuthenticateResult, type DKIMResult, type DNSResolver } from 'mailauth';
import type { DkimReport, DnsLookup, MessageReport } from '../../../shared/contract/auth';
import type { CheckDns } from '../dns/source';
import { AUTHSERV_ID, spfReport } from './spf-check';

export interface MessageQuery {
  /** The message as bytes: DKIM hashes octets, and an 8-bit body read as text is a different body. */
  message: Buffer;
  ip?: string;
  helo?: string;
  mailFrom?: string;
  /** Fill what is missing from the top Received header and Return-Path. */
  useReceived: boolean;
  strict: boolean;
}

/**
 * Every authentication check of one message, as mailauth's authenticate() runs them, turned
 * into a report a person can act on: per verdict why, what to do, and the DNS behind it.
 */
export async function verifyMessage(dns: CheckDns, query: MessageQuery): Promise<MessageReport> {
  const result = await authenticate(query.message, {
    resolver: dns.resolve as DNSResolver,
    ...(query.ip ? { ip: query.ip } : {}),
    ...(query.helo ? { helo: query.helo } : {}),
    ...(query.mailFrom ? { sender: query.mailFrom } : {}),
    trustReceived: query.useReceived,
    mta: AUTHSERV_ID,
    strict: query.strict,
  });
  const trail = dns.trail.lookups;
  const dkimNames = new Set((result.dkim.results ?? []).filter((row) => row.signingDomain).map((row) => keyName(row.selector!, row.signingDomain!)));
  const trails = byVerdict(trail, dkimNames);
  const spf = result.spf
    ? await spfReport(dns, result.spf, { ip: result.spf['client-ip'] ?? query.ip ?? '', nullSender: !query.mailFrom && !query.useReceived }, trails.spf)
    : undefined;
  const report: MessageReport = {
    strict: query.strict,
    envelope: {
      ...(result.spf && result.spf['client-ip'] ? { ip: result.spf['client-ip'] } : {}),
      ...(result.spf && result.spf.helo ? { helo: result.spf.helo } : {}),
      ...(result.spf && result.spf['envelope-from'] ? { mailFrom: result.spf['envelope-from'] } : {}),
      ...(result.dkim.headerFrom?.length ? { from: result.dkim.headerFrom.join(', ') } : {}),
    },
    spf: spf ?? {
      result: 'none',
      domain: '',
      identity: 'mailfrom',
      lookups: { count: 0, limit: 10, void: 0 },
      why: 'SPF was not checked.',
      trail: [],
    },
    dkim: dkimReports(result, trails.dkim),
    dmarc: dmarcReport(result, trails.dmarc),
    arc: arcReport(result, trails.arc),
    bimi: bimiReport(result, trails.bimi, result.dkim.headerFrom?.[0]?.split('@').pop() ?? '<domain>'),
    authenticationResults: authenticationResultsHeader(result.headers),
    trail,
  };
  if (!query.ip && !(result.spf && result.spf['client-ip'])) {
    report.spf.why = 'SPF needs the connecting IP address, and none was given or found in a Received header.';
    report.spf.fix = 'Enter the IP the message came from, or turn on "take from Received" for a message that has one.';
  }
  return report;
}

type Verdict = 'spf' | 'dkim' | 'dmarc' | 'arc' | 'bimi';

function byVerdict(trail: DnsLookup[], dkimNames: ReadonlySet<string>): Record<Verdict, DnsLookup[]> {
  const trails: Record<Verdict, DnsLookup[]> = { spf: [], dkim: [], dmarc: [], arc: [], bimi: [] };
  for (const lookup of trail) trails[phaseOf(lookup, dkimNames)].push(lookup);
  return trails;
}

const keyName = (selector: string, domain: string) => `${selector}._domainkey.${domain}`.toLowerCase();

/**
 * Which verdict a lookup belongs to. mailauth asks for each by a recognisable name: DKIM
 * keys of the signatures, `_dmarc`, `_bimi`, other `_domainkey` names for ARC seals; the rest
 * (TXT, A, AAAA, MX, PTR of the sender domain and its includes) is SPF.
 */
function phaseOf(lookup: DnsLookup, dkimNames: ReadonlySet<string>): Verdict {
  if (dkimNames.has(lookup.name)) return 'dkim';
  if (lookup.name.startsWith('_dmarc.')) return 'dmarc';
  if (lookup.name.includes('._bimi.') || lookup.name.startsWith('_bimi.')) return 'bimi';
  if (lookup.name.includes('._domainkey.')) return 'arc';
  return 'spf';
}

function authenticationResultsHeader(headers: string): string {
  const match = /^Authentication-Results:[^\r\n]*(?:\r?\n[ \t][^\r\n]*)*/im.exec(headers);
  return match ? match[0].replace(/\r\n/g, '\n') : '';
}

type DkimRow = DKIMResult & { modulusLength?: number; status: DKIMResult['status'] & { aligned?: string | false } };

function failureOf(result: string, comment: string): DkimReport['failure'] | undefined {
  if (result === 'pass' || result === 'none') return undefined;
  if (/body hash/i.test(comment)) return 'body-hash';
  if (/bad signature/i.test(comment)) return 'signature';
  if (result === 'policy' || /weak|expired|expiration/i.test(comment)) return 'policy';
  if (/key|DNS/i.test(comment)) return 'key';
  return 'other';
}

function dkimReports(result: AuthenticateResult, trail: DnsLookup[]): DkimReport[] {
  const rows = (result.dkim.results ?? []) as DkimRow[];
  return rows.map((row) => {
    const verdict = row.status.result;
    const comment = row.status.comment ? String(row.status.comment) : '';
    const domain = row.signingDomain ?? '';
    const selector = row.selector ?? '';
    const signedHeaders = (row.signingHeaders?.keys ?? '').split(/:\s*/).filter(Boolean);
    const failure = failureOf(verdict, comment);
    const algorithm = row.algo ?? '';
    const keyBits = row.modulusLength ?? (algorithm.startsWith('ed25519') && verdict !== 'none' ? 256 : undefined);
    const name = keyName(selector, domain);
    return {
      result: verdict,
      domain,
      selector,
      algorithm,
      ...(keyBits ? { keyBits } : {}),
      ...(failure ? { failure } : {}),
      signedHeaders,
      coversListUnsubscribePost: signedHeaders.some((header) => header.toLowerCase() === 'list-unsubscribe-post'),
      aligned: Boolean(row.status.aligned),
      ...(comment ? { comment } : {}),
      ...withShortKeyAdvice(explainDkim(verdict, failure, domain, selector, comment, Boolean(row.status.aligned)), verdict === 'pass' && algorithm.startsWith('rsa') ? keyBits : undefined),
      trail: trail.filter((lookup) => lookup.name === name),
    };
  });
}

/** A passing signature with a short RSA key still deserves a fix: receivers are moving to 2048 bits. */
function withShortKeyAdvice(explained: { why: string; fix?: string }, rsaBits: number | undefined): { why: string; fix?: string } {
  if (rsaBits === undefined || rsaBits >= 2048) return explained;
  const advice = `The key is ${rsaBits} bits: rotate to a 2048-bit key at a new selector (Google and Yahoo recommend 2048).`;
  return { ...explained, fix: explained.fix ? `${explained.fix} ${advice}` : advice };
}

function explainDkim(result: string, failure: DkimReport['failure'], domain: string, selector: string, comment: string, aligned: boolean): { why: string; fix?: string } {
  const record = `${selector}._domainkey.${domain}`;
  if (result === 'none') return { why: 'The message has no DKIM signature.', fix: 'Sign outgoing mail with DKIM at your sending service, with d= your From domain (Builders creates a key and its TXT record).' };
  if (result === 'pass') {
    return aligned
      ? { why: `The signature by ${domain} verifies and aligns with the From domain.` }
      : { why: `The signature by ${domain} verifies but ${domain} is not the From domain, so it does not help DMARC.`, fix: 'Also sign with d= your From domain (or a subdomain of it).' };
  }
  switch (failure) {
    case 'body-hash':
      return { why: 'The body changed after signing (the body hash does not match).', fix: 'Find what rewrites the body after signing (a footer, link tracking, a line-ending or encoding change) and sign after it.' };
    case 'signature':
      return { why: 'The signed headers changed after signing, or the key in DNS is not the one that signed.', fix: `Check that ${record} publishes the public half of the signing key and that nothing edits signed headers after signing.` };
    case 'key':
      return { why: `The key at ${record} could not be used: ${comment}.`, fix: `Publish the key as a TXT record at ${record} ("v=DKIM1; k=rsa; p=…") and check it is not truncated.` };
    case 'policy':
      return { why: `The signature is not acceptable: ${comment}.`, fix: 'Sign with rsa-sha256 (2048-bit key) or ed25519-sha256, and keep x= expiry in the future.' };
    default:
      return { why: `DKIM ${result}: ${comment || 'the signature could not be verified'}.`, fix: result === 'temperror' ? 'DNS did not answer; check the server and run again.' : `Check the DKIM-Signature header and the key at ${record}.` };
  }
}

type DmarcShape = {
  status: { result: string };
  domain?: string;
  policy?: string;
  p?: string;
  rr?: string;
  error?: string;
  alignment?: { spf: { result?: string | false; strict?: boolean }; dkim: { result?: string | false; strict?: boolean } };
};

function dmarcReport(result: AuthenticateResult, trail: DnsLookup[]): MessageReport['dmarc'] {
  const from = result.dkim.headerFrom?.[0]?.split('@').pop() ?? '';
  const dmarc = result.dmarc as DmarcShape | false;
  const align = (side?: { result?: string | false; strict?: boolean }) => ({
    result: side?.result ? 'aligned' : 'not aligned',
    ...(side?.result ? { domain: side.result } : {}),
    strict: Boolean(side?.strict),
  });
  if (!dmarc) {
    return {
      result: 'none',
      alignment: { spf: align(), dkim: align() },
      why: result.dmarcSkipReason ? `DMARC was not evaluated: ${result.dmarcSkipReason.replace(/-/g, ' ')}.` : 'DMARC was not evaluated: the message has no From address.',
      fix: 'Give the message exactly one From address with one domain.',
      trail,
    };
  }
  const verdict = dmarc.status.result;
  const domain = dmarc.domain ?? from;
  const policy = dmarc.policy ?? dmarc.p;
  const alignment = { spf: align(dmarc.alignment?.spf), dkim: align(dmarc.alignment?.dkim) };
  const base = { result: verdict, domain, ...(policy ? { policy } : {}), ...(dmarc.rr ? { record: dmarc.rr } : {}), alignment, trail };
  switch (verdict) {
    case 'pass':
      return { ...base, why: `DMARC passes: ${[alignment.spf.domain && `SPF (${alignment.spf.domain})`, alignment.dkim.domain && `DKIM (${alignment.dkim.domain})`].filter(Boolean).join(' and ')} aligned with the From domain ${domain}.` };
    case 'fail':
      return {
        ...base,
        why: `Neither SPF nor DKIM passed for a domain aligned with the From domain ${domain}; receivers apply p=${policy ?? 'none'}.`,
        fix: `Sign with DKIM using d=${domain}${alignment.dkim.strict ? '' : ' (or a subdomain of it)'}, or use a MAIL FROM under ${domain} that SPF authorizes.`,
      };
    case 'none':
      return { ...base, why: `${domain} publishes no DMARC record.`, fix: `Publish a TXT record at _dmarc.${domain}: "v=DMARC1; p=none; rua=mailto:dmarc-reports@${domain}", then move to quarantine or reject when reports are clean.` };
    default:
      return { ...base, why: `DMARC ${verdict}: ${dmarc.error ?? 'the record could not be read or DNS failed'}.`, fix: `Check the record at _dmarc.${domain} with the domain audit.` };
  }
}

function arcReport(result: AuthenticateResult, trail: DnsLookup[]): MessageReport['arc'] {
  const arc = result.arc as { status?: { result: string; comment?: string }; i?: number | false } | false;
  const verdict = arc ? (arc.status?.result ?? 'none') : 'none';
  const comment = arc && arc.status?.comment ? String(arc.status.comment) : undefined;
  const instances = arc && typeof arc.i === 'number' ? arc.i : 0;
  const base = { result: verdict, instances, ...(comment ? { comment } : {}), trail };
  if (verdict === 'none') return { ...base, why: 'The message carries no ARC headers: normal for mail that did not pass through a forwarder or mailing list.' };
  if (verdict === 'pass') return { ...base, why: `The ARC chain of ${instances} set(s) verifies: forwarders vouched for the original authentication results.` };
  return { ...base, why: `The ARC chain does not verify${comment ? `: ${comment}` : ''}.`, fix: 'ARC is added by forwarders; if your own relay seals messages, check its key and that nothing edits the message after sealing.' };
}

function bimiReport(result: AuthenticateResult, trail: DnsLookup[], domain: string): MessageReport['bimi'] {
  const bimi = result.bimi as { status?: { result: string; comment?: string }; location?: string; authority?: string } | false;
  const verdict = bimi ? (bimi.status?.result ?? 'none') : 'skipped';
  const comment = bimi && bimi.status?.comment ? String(bimi.status.comment) : undefined;
  const base = { result: verdict, ...(bimi && bimi.location ? { location: bimi.location } : {}), ...(bimi && bimi.authority ? { authority: bimi.authority } : {}), ...(comment ? { comment } : {}), trail };
  switch (verdict) {
    case 'pass':
      return { ...base, why: 'A BIMI record points at a logo; mailbox providers that show logos may show it (most also require a VMC certificate).' };
    case 'skipped':
      return { ...base, why: `BIMI was not checked: ${comment ?? 'DMARC did not pass with an enforcing policy'}.`, fix: 'BIMI needs DMARC to pass with p=quarantine or p=reject (pct=100) on the From domain.' };
    case 'none':
      return { ...base, why: 'The From domain publishes no BIMI record.', fix: `Publish TXT at default._bimi.${domain}: "v=BIMI1; l=https://…/logo.svg; a=https://…/vmc.pem" (SVG Tiny PS logo).` };
    default:
      return { ...base, why: `BIMI ${verdict}${comment ? `: ${comment}` : ''}.`, fix: 'Check the BIMI record: l= must be an https URL of an SVG Tiny PS logo, a= an https URL of the VMC.' };
  }
}
