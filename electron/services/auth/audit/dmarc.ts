import type { MxAnswer } from '../../dns/resolver';
import { isDmarcRecord, parseDmarcRecord, type ParsedDmarc } from '../dmarc-record';
import { OrgDomains } from '../org-domain';
import type { AuditRun, SectionOutcome } from './run';

const FAMILY = 'dmarc';

export interface DmarcAudit {
  outcome: SectionOutcome;
  policy?: ParsedDmarc;
  /** The domain whose record applies (the audited domain, its organizational domain or a PSD). */
  recordDomain?: string;
}

/**
 * DMARC of the domain, or the record it inherits by the RFC 9989 tree walk (the rule the
 * message check uses), its tags, and who may receive its reports.
 */
export async function auditDmarc(run: AuditRun): Promise<DmarcAudit> {
  const own = await run.txt(`_dmarc.${run.domain}`);
  if (!own.ok && !own.missing) return { outcome: { status: 'not-checked', summary: `not checked: DNS error ${own.code}` } };
  const ownRecords = own.ok ? own.records.filter(isDmarcRecord) : [];
  if (ownRecords.length > 1) {
    run.find(FAMILY, 'dmarc-multiple', 'error', `_dmarc.${run.domain} holds ${ownRecords.length} DMARC records.`, 'Receivers ignore all of them when there is more than one.', 'Keep exactly one v=DMARC1 record.');
    return { outcome: { status: 'error', summary: `${ownRecords.length} DMARC records (ignored).`, records: ownRecords } };
  }
  const walker = new OrgDomains(run.dns.resolve);
  let recordDomain = run.domain;
  let record = ownRecords[0];
  if (record === undefined) {
    try {
      const found = await walker.policyOf(run.domain);
      if (found.record !== undefined && found.recordDomain) {
        record = found.record;
        recordDomain = found.recordDomain;
      }
    } catch (error) {
      return { outcome: { status: 'not-checked', summary: `not checked: DNS error ${(error as { code?: string }).code ?? String(error)} while walking up the tree` } };
    }
  }
  if (record === undefined) {
    run.find(FAMILY, 'dmarc-missing', 'error', `${run.domain} publishes no DMARC record, and no domain above it does.`, 'Anyone can send mail with your domain in From; Gmail and Yahoo require DMARC (at least p=none) from bulk senders.', `Publish TXT at _dmarc.${run.domain}: "v=DMARC1; p=none; rua=mailto:dmarc-reports@${run.domain}".`);
    return { outcome: { status: 'error', summary: 'No DMARC record.' } };
  }
  const parsed = parseDmarcRecord(record, recordDomain);
  for (const issue of parsed.issues) run.find(FAMILY, issue.rule, issue.severity, issue.message, issue.why, issue.fix);
  await checkReportAuthorizations(run, walker, recordDomain, parsed);
  await checkReportDelivery(run, parsed);
  const inherited = recordDomain !== run.domain ? ` (inherited from ${recordDomain})` : '';
  return {
    outcome: { status: run.statusOf(FAMILY), summary: `p=${parsed.policy ?? 'missing'}${inherited}, ${parsed.destinations.length} report destination(s).`, records: [`_dmarc.${recordDomain}: ${record}`] },
    policy: parsed,
    recordDomain,
  };
}

/** Each rua/ruf destination must accept mail: an MX (not a null MX), or at least an address (RFC 5321 5.1). */
async function checkReportDelivery(run: AuditRun, parsed: ParsedDmarc): Promise<void> {
  for (const domain of new Set(parsed.destinations.map((destination) => destination.domain))) {
    const address = parsed.destinations.find((destination) => destination.domain === domain)!.address;
    let verdict: 'ok' | 'null-mx' | 'none' | 'unknown' = 'unknown';
    try {
      const mx = (await run.dns.resolve(domain, 'MX')) as MxAnswer[];
      verdict = mx.length === 1 && (mx[0]!.exchange === '' || mx[0]!.exchange === '.') ? 'null-mx' : 'ok';
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === 'ENOTFOUND') verdict = 'none';
      else if (code === 'ENODATA') verdict = (await run.resolveOrEmpty<string>(domain, 'A')).length || (await run.resolveOrEmpty<string>(domain, 'AAAA')).length ? 'ok' : 'none';
    }
    if (verdict === 'null-mx') run.find(FAMILY, 'dmarc-rua-null-mx', 'error', `Reports go to ${address}, but ${domain} publishes a null MX: it receives no mail.`, 'Every aggregate report bounces, so you see nothing of who sends as your domain.', `Send reports to an address at a domain that receives mail, or remove the null MX of ${domain}.`);
    if (verdict === 'none') run.find(FAMILY, 'dmarc-rua-no-mx', 'error', `Reports go to ${address}, but ${domain} has no MX and no address: no report can be delivered.`, 'Receivers cannot deliver aggregate reports, so you see nothing of who sends as your domain.', `Publish an MX for ${domain}, or send reports to a mailbox that exists.`);
  }
}

/**
 * RFC 7489 section 7.1: a destination outside the policy's organizational domain agrees to
 * receive its reports at `<policy domain>._report._dmarc.<destination>`, where the policy
 * domain is the one the record was published at (a subdomain's own record names itself).
 */
async function checkReportAuthorizations(run: AuditRun, walker: OrgDomains, recordDomain: string, parsed: ParsedDmarc): Promise<void> {
  let ourOrg: string;
  try {
    ourOrg = await walker.orgDomainOf(recordDomain);
  } catch {
    return;
  }
  for (const destination of parsed.destinations) {
    let theirOrg: string;
    try {
      theirOrg = await walker.orgDomainOf(destination.domain);
    } catch (error) {
      run.find(FAMILY, 'dmarc-external-not-checked', 'info', `Whether ${destination.domain} accepts reports for ${recordDomain} was not checked.`, `DNS did not answer (${(error as { code?: string }).code ?? String(error)}).`, 'Run the audit again when DNS answers.');
      continue;
    }
    if (theirOrg === ourOrg) continue;
    const name = `${recordDomain}._report._dmarc.${destination.domain}`;
    const authorization = await run.txt(name);
    if (authorization.ok && authorization.records.some((text) => /^v=DMARC1/i.test(text))) continue;
    run.find(
      FAMILY,
      'dmarc-external-unauthorized',
      authorization.ok || authorization.missing ? 'error' : 'warning',
      `${destination.tag}= sends reports to ${destination.address}, but ${destination.domain} has not agreed to receive them for ${recordDomain}.`,
      'Receivers drop reports to an outside domain that does not publish the authorization record (RFC 7489 7.1).',
      `Ask ${destination.domain} to publish TXT "v=DMARC1" at ${name}.`,
    );
  }
}
