import type { AuthenticateResult } from 'mailauth';
import type { AuthNote, DnsLookup, MessageReport } from '../../../shared/contract/auth';
import { dmarcTags } from './dmarc-record';

/** The fields of mailauth's DMARC result Mailbench reads (its typings leave most of them out). */
export interface DmarcShape {
  status: { result: string; header?: { from?: string } };
  domain?: string;
  policyDomain?: string;
  policy?: string;
  p?: string;
  sp?: string;
  np?: string;
  testMode?: boolean;
  rr?: string;
  error?: string;
  warnings?: string[];
  alignment?: { spf: { result?: string | false; strict?: boolean }; dkim: { result?: string | false; strict?: boolean; underSized?: number } };
}

/** What the DKIM, BIMI and bulk explanations need to know about the DMARC verdict. */
export interface DmarcContext {
  /** The From (author) domain. */
  author: string;
  /** Its organizational domain (the author itself when the walk found nothing above). */
  org: string;
  adkimStrict: boolean;
  aspfStrict: boolean;
}

const DMARC_WARNINGS: ReadonlyMap<string, Omit<AuthNote, 'code'>> = new Map([
  ['tag-case', { message: 'A DMARC tag name is not in lower case; tag names are case-sensitive (RFC 6376 3.2), and receivers that follow the RFC ignore it.', fix: 'Write every tag name in lower case (p=, sp=, rua=…).' }],
  ['duplicate-tag', { message: 'A DMARC tag appears twice; the RFC makes the whole record invalid, mailauth used the last one.', fix: 'Keep each tag once.' }],
]);

export function dmarcContext(result: AuthenticateResult): DmarcContext {
  const dmarc = result.dmarc as DmarcShape | false;
  const author = (dmarc ? dmarc.status.header?.from : undefined) ?? result.dkim.headerFrom?.[0]?.split('@').pop() ?? '';
  return {
    author: author.toLowerCase(),
    org: (dmarc && dmarc.domain) || author.toLowerCase(),
    adkimStrict: Boolean(dmarc && dmarc.alignment?.dkim.strict),
    aspfStrict: Boolean(dmarc && dmarc.alignment?.spf.strict),
  };
}

/** The DKIM half of a fix: strict alignment wants d= the From domain itself, never a subdomain. */
export const dkimAlignmentFix = (context: DmarcContext): string =>
  context.adkimStrict ? `d=${context.author} exactly (the DMARC record sets adkim=s: a parent or subdomain does not align)` : `d=${context.org} or any subdomain of it`;

const spfAlignmentFix = (context: DmarcContext): string =>
  context.aspfStrict ? `a MAIL FROM address at exactly ${context.author} that SPF authorizes (aspf=s)` : `a MAIL FROM under ${context.org} that SPF authorizes`;

/**
 * Which tag gave the policy: the From domain's own record applies p; a record inherited from
 * above applies np to a From domain that does not exist (the existence query answered
 * NXDOMAIN), else sp, both falling back to p (RFC 9989 4.10.1).
 */
function appliedTag(dmarc: DmarcShape, author: string, tags: ReadonlyMap<string, string>, trail: readonly DnsLookup[]): 'p' | 'sp' | 'np' {
  if (!dmarc.policyDomain || dmarc.policyDomain === author) return 'p';
  const missing = trail.some((lookup) => lookup.name === author && lookup.type === 'A' && lookup.outcome === 'nxdomain') && !trail.some((lookup) => lookup.name === author && lookup.type === 'CNAME' && lookup.outcome === 'answer');
  if (missing && tags.has('np')) return 'np';
  return tags.has('sp') ? 'sp' : 'p';
}

const WEAKER: Readonly<Record<string, string>> = { reject: 'quarantine', quarantine: 'none', none: 'none' };

export function dmarcReport(result: AuthenticateResult, trail: DnsLookup[], fullTrail: readonly DnsLookup[]): MessageReport['dmarc'] {
  const dmarc = result.dmarc as DmarcShape | false;
  const context = dmarcContext(result);
  const { author } = context;
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
      notes: [],
      trail,
    };
  }
  const verdict = dmarc.status.result;
  const tags = dmarc.rr ? dmarcTags(dmarc.rr) : new Map<string, string>();
  const tag = appliedTag(dmarc, author, tags, fullTrail);
  const policy = dmarc.policy ?? dmarc.p;
  const alignment = { spf: align(dmarc.alignment?.spf), dkim: align(dmarc.alignment?.dkim) };
  const notes: AuthNote[] = (dmarc.warnings ?? []).map((code) => ({ code, ...(DMARC_WARNINGS.get(code) ?? { message: `mailauth noted "${code}" in the DMARC record.`, fix: 'Run the check in strict mode to see the RFC verdict.' }) }));
  const tagValue = tags.get(tag)?.toLowerCase() ?? dmarc.p;
  if (dmarc.testMode && tagValue) {
    notes.push({ code: 'test-mode', message: `t=y: the record is in test mode, so receivers apply ${WEAKER[tagValue]} instead of ${tag}=${tagValue} (RFC 9989).`, fix: 'Remove t=y once the reports show your own mail passes.' });
  }
  const pct = tags.get('pct');
  if (pct !== undefined && pct !== '100') {
    notes.push({ code: 'pct', message: `pct=${pct} is gone from DMARC (RFC 9989): receivers that follow it apply the policy to all mail, RFC 7489 receivers to ${pct}% only.`, fix: 'Remove pct=; use t=y while trying a stronger policy.' });
  }
  if (dmarc.alignment?.dkim.underSized) {
    notes.push({ code: 'body-length', message: `The aligned DKIM signature has l= and leaves ${dmarc.alignment.dkim.underSized} body bytes unsigned.`, fix: 'Sign the whole body (no l=).' });
  }
  const source = dmarc.policyDomain && dmarc.policyDomain !== author ? ` from the record of ${dmarc.policyDomain}` : '';
  const applied = policy ? `${tag}=${tagValue ?? policy}${dmarc.testMode ? ` lowered to ${policy} by t=y` : ''}${source}` : undefined;
  const base = {
    result: verdict,
    ...(author ? { domain: author } : {}),
    ...(context.org ? { orgDomain: context.org } : {}),
    ...(dmarc.policyDomain ? { policyDomain: dmarc.policyDomain } : {}),
    ...(policy ? { policy, appliedTag: tag } : {}),
    ...(dmarc.testMode !== undefined ? { testMode: dmarc.testMode } : {}),
    ...(dmarc.rr ? { record: dmarc.rr } : {}),
    alignment,
    notes,
    trail,
  };
  switch (verdict) {
    case 'pass':
      return { ...base, why: `DMARC passes: ${[alignment.spf.domain && `SPF (${alignment.spf.domain})`, alignment.dkim.domain && `DKIM (${alignment.dkim.domain})`].filter(Boolean).join(' and ')} aligned with the From domain ${author}${applied ? `; the policy that applies is ${applied}` : ''}.` };
    case 'fail':
      return {
        ...base,
        why: `Neither SPF nor DKIM passed for a domain aligned with the From domain ${author}; receivers apply ${applied ?? 'p=none'}.`,
        fix: `Sign with DKIM using ${dkimAlignmentFix(context)}, or send with ${spfAlignmentFix(context)}.`,
      };
    case 'none':
      return { ...base, why: `${author} publishes no DMARC record, and no domain above it does.`, fix: `Publish a TXT record at _dmarc.${context.org}: "v=DMARC1; p=none; rua=mailto:dmarc-reports@${context.org}", then move to quarantine or reject when reports are clean.` };
    default:
      return { ...base, why: `DMARC ${verdict}: ${dmarc.error ?? 'the record could not be read or DNS failed'}.`, fix: `Check the record at _dmarc.${dmarc.policyDomain ?? author} with the domain audit.` };
  }
}

/**
 * mailauth's reasons for skipping BIMI, said against the DMARC line: BIMI (draft 7.1) needs the
 * policy that applied to the From domain and the organizational domain's own policy to enforce.
 */
function bimiSkip(comment: string | undefined, dmarc: MessageReport['dmarc'], orgPolicy: string | undefined): { why: string; fix: string } {
  const applied = dmarc.policy ? `${dmarc.appliedTag ?? 'p'}=${dmarc.policy}${dmarc.testMode ? ' (t=y)' : ''}` : 'no policy';
  switch (comment) {
    case 'DMARC not enabled':
      return { why: `BIMI was skipped: ${dmarc.domain ?? 'the From domain'} has no DMARC policy.`, fix: `Publish DMARC with p=quarantine or p=reject at _dmarc.${dmarc.orgDomain ?? dmarc.domain}.` };
    case 'message failed DMARC':
      return { why: 'BIMI was skipped: the message does not pass DMARC.', fix: 'Fix DMARC first (see the DMARC line).' };
    case 'too lax DMARC policy':
      if (dmarc.policy && dmarc.policy !== 'none' && !dmarc.testMode && orgPolicy) {
        return { why: `BIMI was skipped: DMARC applied ${applied} to ${dmarc.domain}, but BIMI also requires the organizational domain ${dmarc.orgDomain}'s own policy to enforce, and it is p=${orgPolicy}.`, fix: `Move _dmarc.${dmarc.orgDomain} to p=quarantine or p=reject.` };
      }
      return { why: `BIMI was skipped: the DMARC policy that applies to ${dmarc.domain} is ${applied}, which does not enforce.`, fix: dmarc.testMode ? 'Remove t=y from the DMARC record.' : `Set ${dmarc.appliedTag ?? 'p'}=quarantine or reject in _dmarc.${dmarc.policyDomain ?? dmarc.domain}.` };
    case 'too lax DMARC subdomain policy':
      return { why: `BIMI was skipped: a DMARC record on the way (${dmarc.policyDomain ?? dmarc.domain} or ${dmarc.orgDomain}) has sp=none, so subdomains are not protected.`, fix: 'Set sp=quarantine or reject (or remove sp= so p applies).' };
    case 'DMARC policy applied to a percentage of messages':
      return { why: 'BIMI was skipped: the DMARC record applies quarantine to a percentage of mail (pct below 100).', fix: 'Remove pct= (RFC 9989 dropped it).' };
    case 'Aligned DKIM signature required':
      return { why: 'BIMI was skipped: it needs a passing DKIM signature aligned with the From domain; SPF alignment is not enough.', fix: 'Sign with d= your From domain.' };
    case 'undersized DKIM signature':
      return { why: 'BIMI was skipped: the aligned DKIM signature uses l= and does not cover the whole body.', fix: 'Sign the whole body (no l=).' };
    default:
      return { why: `BIMI was skipped: ${comment ?? 'DMARC did not pass with an enforcing policy'}.`, fix: 'BIMI needs DMARC to pass with an enforcing policy for the From domain and its organizational domain.' };
  }
}

export function bimiReport(result: AuthenticateResult, trail: DnsLookup[], dmarc: MessageReport['dmarc'], orgPolicy: string | undefined): MessageReport['bimi'] {
  const bimi = result.bimi as { status?: { result: string; comment?: string }; location?: string; authority?: string } | false;
  const verdict = bimi ? (bimi.status?.result ?? 'none') : 'skipped';
  const comment = bimi && bimi.status?.comment ? String(bimi.status.comment) : undefined;
  const domain = dmarc.domain ?? '<domain>';
  const base = { result: verdict, ...(bimi && bimi.location ? { location: bimi.location } : {}), ...(bimi && bimi.authority ? { authority: bimi.authority } : {}), ...(comment ? { comment } : {}), trail };
  switch (verdict) {
    case 'pass':
      return { ...base, why: 'A BIMI record points at a logo; mailbox providers that show logos may show it (most also require a VMC certificate).' };
    case 'skipped':
      return { ...base, ...bimiSkip(comment, dmarc, orgPolicy) };
    case 'none':
      return { ...base, why: 'The From domain publishes no BIMI record.', fix: `Publish TXT at default._bimi.${domain}: "v=BIMI1; l=https://…/logo.svg; a=https://…/vmc.pem" (SVG Tiny PS logo).` };
    default:
      return { ...base, why: `BIMI ${verdict}${comment ? `: ${comment}` : ''}.`, fix: 'Check the BIMI record: l= must be an https URL of an SVG Tiny PS logo, a= an https URL of the VMC.' };
  }
}
