import { isDmarcRecord, needsExternalAuthorization, organizationalDomain, parseDmarcRecord, type ParsedDmarc } from '../dmarc-record';
import type { AuditRun, SectionOutcome } from './run';

const FAMILY = 'dmarc';

/** DMARC of the domain (or the organizational domain it inherits from), its tags, and who may receive its reports. */
export async function auditDmarc(run: AuditRun): Promise<{ outcome: SectionOutcome; policy?: ParsedDmarc }> {
  let at = `_dmarc.${run.domain}`;
  let txt = await run.txt(at);
  const orgDomain = organizationalDomain(run.domain);
  let records = txt.ok ? txt.records.filter(isDmarcRecord) : [];
  if (records.length === 0 && orgDomain !== run.domain && (txt.ok || txt.missing)) {
    at = `_dmarc.${orgDomain}`;
    txt = await run.txt(at);
    records = txt.ok ? txt.records.filter(isDmarcRecord) : [];
  }
  if (!txt.ok && !txt.missing) return { outcome: { status: 'not-checked', summary: `not checked: DNS error ${txt.code}` } };
  if (records.length === 0) {
    run.find(FAMILY, 'dmarc-missing', 'error', `${run.domain} publishes no DMARC record.`, 'Anyone can send mail with your domain in From; Gmail and Yahoo require DMARC (at least p=none) from bulk senders.', `Publish TXT at _dmarc.${run.domain}: "v=DMARC1; p=none; rua=mailto:dmarc-reports@${run.domain}".`);
    return { outcome: { status: 'error', summary: 'No DMARC record.' } };
  }
  if (records.length > 1) {
    run.find(FAMILY, 'dmarc-multiple', 'error', `${at} holds ${records.length} DMARC records.`, 'Receivers ignore all of them when there is more than one.', 'Keep exactly one v=DMARC1 record.');
    return { outcome: { status: 'error', summary: `${records.length} DMARC records (ignored).`, records } };
  }
  const parsed = parseDmarcRecord(records[0]!, run.domain);
  for (const issue of parsed.issues) run.find(FAMILY, issue.rule, issue.severity, issue.message, issue.why, issue.fix);
  for (const destination of parsed.destinations) {
    if (!needsExternalAuthorization(run.domain, destination.domain)) continue;
    const authorization = await run.txt(`${orgDomain}._report._dmarc.${destination.domain}`);
    if (authorization.ok && authorization.records.some((record) => /^v=DMARC1/i.test(record))) continue;
    run.find(
      FAMILY,
      'dmarc-external-unauthorized',
      authorization.ok || authorization.missing ? 'error' : 'warning',
      `${destination.tag}= sends reports to ${destination.address}, but ${destination.domain} has not agreed to receive them for ${orgDomain}.`,
      'Receivers drop reports to an outside domain that does not publish the authorization record.',
      `Ask ${destination.domain} to publish TXT "v=DMARC1" at ${orgDomain}._report._dmarc.${destination.domain}.`,
    );
  }
  const inherited = at !== `_dmarc.${run.domain}` ? ` (inherited from ${orgDomain})` : '';
  return {
    outcome: { status: run.statusOf(FAMILY), summary: `p=${parsed.policy ?? 'missing'}${inherited}, ${parsed.destinations.length} report destination(s).`, records: [`${at}: ${records[0]}`] },
    policy: parsed,
  };
}
