import { authenticate, type AuthenticateResult, type DKIMResult, type DNSResolver } from 'mailauth';
import type { DkimReport, DnsLookup, MessageReport } from '../../../shared/contract/auth';
import type { CheckDns } from '../dns/source';
import { dkimNotes } from './dkim-notes';
import { bimiReport, type DmarcContext, dkimAlignmentFix, dmarcContext, dmarcReport } from './dmarc-explain';
import { OrgDomains } from './org-domain';
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
  // mailauth copies its options, so the optional ones are set, not spread in (this runs for every message)
  const options: Parameters<typeof authenticate>[1] = { resolver: dns.resolve as DNSResolver, trustReceived: query.useReceived, mta: AUTHSERV_ID, strict: query.strict };
  if (query.ip) options.ip = query.ip;
  if (query.helo) options.helo = query.helo;
  if (query.mailFrom) options.sender = query.mailFrom;
  const result = await authenticate(query.message, options);
  const trail = dns.trail.lookups;
  const dkimNames = new Set((result.dkim.results ?? []).filter((row) => row.signingDomain).map((row) => keyName(row.selector!, row.signingDomain!)));
  const trails = byVerdict(trail, dkimNames);
  const spf = result.spf
    ? await spfReport(dns, result.spf, { ip: result.spf['client-ip'] ?? query.ip ?? '', nullSender: !query.mailFrom && !query.useReceived }, trails.spf)
    : undefined;
  const dmarc = dmarcReport(result, trails.dmarc, trail);
  const report: MessageReport = {
    strict: query.strict,
    envelope: envelopeOf(result),
    spf: spf ?? {
      result: 'none',
      domain: '',
      identity: 'mailfrom',
      lookups: { count: 0, limit: 10, void: 0 },
      why: 'SPF was not checked.',
      trail: [],
    },
    dkim: dkimReports(result, trails.dkim, dmarcContext(result), query.message),
    dmarc,
    arc: arcReport(result, trails.arc),
    bimi: bimiReport(result, trails.bimi, dmarc, await organizationalPolicy(dns, result, dmarc)),
    authenticationResults: authenticationResultsHeader(result.headers),
    trail,
  };
  if (!query.ip && !(result.spf && result.spf['client-ip'])) {
    report.spf.why = 'SPF needs the connecting IP address, and none was given or found in a Received header.';
    report.spf.fix = 'Enter the IP the message came from, or turn on "take from Received" for a message that has one.';
  }
  return report;
}

/** The envelope mailauth worked with, in this order: ip, helo, mailFrom, from (each only when known). */
function envelopeOf(result: AuthenticateResult): MessageReport['envelope'] {
  const envelope: MessageReport['envelope'] = {};
  if (result.spf && result.spf['client-ip']) envelope.ip = result.spf['client-ip'];
  if (result.spf && result.spf.helo) envelope.helo = result.spf.helo;
  // a null sender without HELO comes back as postmaster@undefined: there is no address to show
  if (result.spf && result.spf['envelope-from'] && !result.spf['envelope-from'].endsWith('@undefined')) envelope.mailFrom = result.spf['envelope-from'];
  if (result.dkim.headerFrom?.length) envelope.from = result.dkim.headerFrom.join(', ');
  return envelope;
}

/** The body's bytes: after the first empty line (CRLF or LF). */
function bodyOf(message: Buffer): Buffer {
  const crlf = message.indexOf('\r\n\r\n');
  // only an LF pair before the CRLF one comes first: not scanning the whole body for one that is not there
  const lf = (crlf >= 0 ? message.subarray(0, crlf) : message).indexOf('\n\n');
  if (crlf >= 0 && lf < 0) return message.subarray(crlf + 4);
  return lf >= 0 ? message.subarray(lf + 2) : Buffer.alloc(0);
}

/**
 * The organizational domain's own p=, when BIMI was skipped as too lax although the policy that
 * applied enforces: the answers are those the check already got (the quiet resolver remembers).
 */
async function organizationalPolicy(dns: CheckDns, result: AuthenticateResult, dmarc: MessageReport['dmarc']): Promise<string | undefined> {
  const bimi = result.bimi as { status?: { comment?: string } } | false;
  if (!bimi || bimi.status?.comment !== 'too lax DMARC policy' || !dmarc.orgDomain || dmarc.orgDomain === dmarc.policyDomain) return undefined;
  try {
    const found = await new OrgDomains(dns.quiet).policyOf(dmarc.orgDomain);
    return found.record && found.recordDomain === dmarc.orgDomain ? /(?:^|;)\s*p\s*=\s*([a-z]+)/i.exec(found.record)?.[1]?.toLowerCase() ?? 'none' : undefined;
  } catch {
    return undefined;
  }
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

type DkimRow = DKIMResult & {
  modulusLength?: number;
  canonBodyLengthLimited?: boolean;
  canonBodyLengthLimit?: number;
  status: DKIMResult['status'] & { aligned?: string | false; warnings?: string[]; underSized?: number; testing?: boolean };
};

function failureOf(result: string, comment: string): DkimReport['failure'] | undefined {
  if (result === 'pass' || result === 'none') return undefined;
  if (/body hash/i.test(comment)) return 'body-hash';
  if (/bad signature/i.test(comment)) return 'signature';
  if (result === 'policy' || /weak|expired|expiration/i.test(comment)) return 'policy';
  if (/key|DNS/i.test(comment)) return 'key';
  return 'other';
}

function dkimReports(result: AuthenticateResult, trail: DnsLookup[], context: DmarcContext, message: Buffer): DkimReport[] {
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
      ...withShortKeyAdvice(explainDkim(verdict, failure, domain, selector, comment, Boolean(row.status.aligned), context), verdict === 'pass' && algorithm.startsWith('rsa') ? keyBits : undefined),
      notes: dkimNotes({
        algorithm,
        warnings: row.status.warnings ?? [],
        // the body is found only for the rare l= signature whose note quotes it
        ...(row.canonBodyLengthLimited && row.canonBodyLengthLimit !== undefined ? { bodyLength: { limit: row.canonBodyLengthLimit, unsignedBytes: row.status.underSized ?? 0, body: bodyOf(message) } } : {}),
        testing: Boolean(row.status.testing),
      }),
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

function explainDkim(result: string, failure: DkimReport['failure'], domain: string, selector: string, comment: string, aligned: boolean, context: DmarcContext): { why: string; fix?: string } {
  const record = `${selector}._domainkey.${domain}`;
  if (result === 'none') return { why: 'The message has no DKIM signature.', fix: 'Sign outgoing mail with DKIM at your sending service, with d= your From domain (Builders creates a key and its TXT record).' };
  if (result === 'pass') {
    return aligned
      ? { why: `The signature by ${domain} verifies and aligns with the From domain.` }
      : { why: `The signature by ${domain} verifies but does not align with the From domain ${context.author || '(none)'}, so it does not help DMARC.`, fix: `Also sign with ${dkimAlignmentFix(context)}.` };
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
