import type { BulkSenderReport, MessageReport } from '../../../shared/contract/auth';
import type { CheckDns } from '../dns/source';
import { auditDmarc } from './audit/dmarc';
import { auditPtr } from './audit/mail-servers';
import { AuditRun } from './audit/run';
import { readHeaders } from './message-headers';
import { rfc5322Problems } from './message-format';
import { bodyUnsubscribeLinks } from './unsubscribe-links';

type Requirement = BulkSenderReport['providers'][number]['requirements'][number];
type Check = Omit<Requirement, 'id' | 'requirement'>;

/** A line no single message can decide: said as such, with why, never as a pass or a fail. */
const unknowable = (why: string, fix?: string): Check => ({ status: 'unknowable', why, ...(fix ? { fix } : {}) });

/**
 * What Gmail, Yahoo (both since February 2024) and Microsoft (Outlook.com, since May 2025)
 * require from senders of more than 5,000 messages a day, checked against one message and
 * its domain. What happens after sending (spam rates, unsubscribes honoured in time) cannot be
 * known from a message, and each such line says so.
 */
export async function bulkSenderVerdicts(dns: CheckDns, message: Buffer, report: MessageReport, domainOverride?: string): Promise<BulkSenderReport> {
  const domain = (domainOverride ?? report.dmarc.domain ?? report.envelope.from?.split('@').pop() ?? '').toLowerCase().replace(/[>\s]/g, '');
  const run = new AuditRun(domain, dns, { timeoutMs: 3000, smtpPort: 25 });
  const dmarc = domain ? (await auditDmarc(run)).policy : undefined;
  if (report.envelope.ip) await auditPtr(run, [report.envelope.ip]);
  const headers = readHeaders(message.toString('latin1'));
  const passingDkim = report.dkim.filter((row) => row.result === 'pass');

  const spf: Check = report.spf.result === 'pass' ? { status: 'pass', why: `SPF passes for ${report.spf.domain}.` } : { status: 'fail', why: report.spf.why, ...(report.spf.fix ? { fix: report.spf.fix } : {}) };
  const dkim: Check = passingDkim.length
    ? { status: 'pass', why: `DKIM passes (${passingDkim.map((row) => `d=${row.domain}`).join(', ')}).` }
    : { status: 'fail', why: report.dkim[0]?.why ?? 'The message has no valid DKIM signature.', fix: report.dkim[0]?.fix ?? 'Sign with DKIM using your From domain.' };
  const dmarcRecord: Check = dmarc?.policy
    ? { status: 'pass', why: `${domain} has DMARC p=${dmarc.policy}${report.dmarc.policyDomain && report.dmarc.policyDomain !== domain ? ` (from the record of ${report.dmarc.policyDomain})` : ''}.` }
    : { status: 'fail', why: `${domain || 'The From domain'} has no valid DMARC record, and no domain above it does.`, fix: `Publish TXT at _dmarc.${report.dmarc.orgDomain ?? domain}: "v=DMARC1; p=none; rua=mailto:dmarc-reports@${report.dmarc.orgDomain ?? domain}".` };
  const alignment: Check = report.dmarc.result === 'pass'
    ? { status: 'pass', why: report.dmarc.why }
    : { status: 'fail', why: `The From domain is not aligned with a passing SPF or DKIM domain (DMARC ${report.dmarc.result}).`, fix: report.dmarc.fix ?? `Sign with d=${domain} or use a MAIL FROM under ${domain}.` };
  const ptrFindings = run.findings.filter((finding) => finding.family === 'ptr' && finding.severity === 'error');
  const ptr: Check = !report.envelope.ip
    ? unknowable('No connecting IP was given or found in a Received header, so its reverse DNS cannot be looked up.', 'Give the sending IP (--ip) to check its PTR record.')
    : ptrFindings.length
      ? { status: 'fail', why: ptrFindings.map((finding) => finding.message).join(' '), fix: ptrFindings[0]!.fix }
      : { status: 'pass', why: `${report.envelope.ip} has a PTR record that resolves back to it.` };
  const received = headers.get('received')?.[0] ?? '';
  const tls: Check = /\bESMTPS\b|\bESMTPSA\b|\bTLS(v1|1)/i.test(received)
    ? { status: 'pass', why: 'The top Received header shows the message arrived over TLS.' }
    : /\bwith\s+E?SMTPA?\b/i.test(received)
      ? { status: 'fail', why: 'The top Received header says the message arrived without TLS (ESMTP, not ESMTPS).', fix: 'Send over STARTTLS or implicit TLS.' }
      : unknowable(received ? 'The top Received header does not say how the message was transmitted.' : 'The message has no Received header, so how it was transmitted cannot be seen.', 'Check a copy as delivered: its top Received header should say ESMTPS.');
  const formatProblems = rfc5322Problems(message);
  const format: Check = formatProblems.length
    ? { status: 'fail', why: formatProblems.map((problem) => problem.message).join(' '), fix: 'Send exactly one From and Date, a Message-ID, and header lines of "name: value" under 998 characters (RFC 5322).' }
    : { status: 'pass', why: 'The header follows RFC 5322: one From and Date, a Message-ID, well-formed fields.' };
  const unsubscribe = headers.get('list-unsubscribe')?.[0] ?? '';
  const oneClickHeader = /^List-Unsubscribe=One-Click$/i.test(headers.get('list-unsubscribe-post')?.[0] ?? '');
  const httpsUrl = /<https:\/\/[^>]+>/i.test(unsubscribe);
  const signedOneClick = passingDkim.some((row) => row.coversListUnsubscribePost && row.signedHeaders.some((name) => name.toLowerCase() === 'list-unsubscribe'));
  const oneClick: Check = !unsubscribe
    ? { status: 'fail', why: 'The message has no List-Unsubscribe header.', fix: 'Add List-Unsubscribe: <https://…/unsubscribe?u=…> and List-Unsubscribe-Post: List-Unsubscribe=One-Click (RFC 8058).' }
    : !httpsUrl || !oneClickHeader
      ? { status: 'fail', why: !httpsUrl ? 'List-Unsubscribe has no https: URL, which one-click needs.' : 'List-Unsubscribe-Post: List-Unsubscribe=One-Click is missing.', fix: 'Send both headers: an https unsubscribe URL that accepts a POST, and List-Unsubscribe-Post: List-Unsubscribe=One-Click.' }
      : signedOneClick
        ? { status: 'pass', why: 'One-click unsubscribe headers are present and covered by a passing DKIM signature.' }
        : { status: 'fail', why: 'The one-click headers are not covered by a passing DKIM signature (RFC 8058 requires it).', fix: 'Add List-Unsubscribe and List-Unsubscribe-Post to the signed headers (h=) of your DKIM signature.' };
  const bodyLinks = bodyUnsubscribeLinks(message);
  const anyUnsubscribe: Check = unsubscribe
    ? { status: 'pass', why: 'The message has a List-Unsubscribe header.' }
    : bodyLinks.length
      ? { status: 'pass', why: `The body has an unsubscribe link (${bodyLinks[0]}); Microsoft accepts a visible link.` }
      : { status: 'fail', why: 'The message has neither a List-Unsubscribe header nor an unsubscribe link in its body.', fix: 'Add a visible unsubscribe link to the body, and List-Unsubscribe headers for one-click.' };
  const honoured = unknowable('Whether unsubscribes are honoured within 2 days happens after sending; no header can show it.', 'Process one-click POSTs and link clicks at once, and suppress the address in every list.');
  const spamRate = (limit: string, tool: string): Check => unknowable(`The complaint rate (keep it below ${limit}) is measured over all your mail, not one message.`, `Watch it in ${tool} and stop mailing unengaged recipients.`);

  const item = (id: string, requirement: string, check: Check): Requirement => ({ id, requirement, ...check });
  const provider = (key: 'gmail' | 'yahoo' | 'microsoft', label: string, requirements: Requirement[]) => ({
    provider: key,
    label,
    passed: requirements.every((requirement) => requirement.status !== 'fail'),
    requirements,
  });
  const both: Check = spf.status === 'pass' && dkim.status === 'pass' ? { status: 'pass', why: 'Both SPF and DKIM pass.' } : { status: 'fail', why: `Bulk senders need both: SPF ${report.spf.result}, DKIM ${dkim.status === 'pass' ? 'pass' : 'not passing'}.`, ...((spf.status !== 'pass' ? spf.fix : dkim.fix) ? { fix: (spf.status !== 'pass' ? spf.fix : dkim.fix)! } : {}) };
  return {
    domain,
    providers: [
      provider('gmail', 'Gmail (5,000+ messages a day)', [
        item('spf-dkim', 'SPF and DKIM both pass', both),
        item('dmarc', 'DMARC record, at least p=none', dmarcRecord),
        item('alignment', 'From domain aligned with SPF or DKIM', alignment),
        item('ptr', 'Sending IP has forward and reverse DNS', ptr),
        item('tls', 'Transmitted over TLS', tls),
        item('rfc5322', 'Formatted according to RFC 5322', format),
        item('one-click', 'One-click unsubscribe (RFC 8058), DKIM-signed', oneClick),
        item('spam-rate', 'Spam rate under 0.3% (Postmaster Tools)', spamRate('0.1% (never reach 0.3%)', 'Google Postmaster Tools')),
      ]),
      provider('yahoo', 'Yahoo and AOL (bulk senders)', [
        item('spf-dkim', 'SPF and DKIM both pass', both),
        item('dmarc', 'DMARC record, at least p=none', dmarcRecord),
        item('alignment', 'From domain aligned with SPF or DKIM', alignment),
        item('ptr', 'Sending IP has forward and reverse DNS', ptr),
        item('rfc5322', 'Formatted according to RFC 5322', format),
        item('one-click', 'One-click unsubscribe (RFC 8058)', oneClick),
        item('unsubscribe-honoured', 'Unsubscribes honoured within 2 days', honoured),
        item('spam-rate', 'Spam rate under 0.3%', spamRate('0.3%', 'Yahoo Sender Hub')),
      ]),
      provider('microsoft', 'Outlook.com, Hotmail, Live (5,000+ a day)', [
        item('spf', 'SPF passes', spf),
        item('dkim', 'DKIM passes', dkim),
        item('dmarc', 'DMARC record, at least p=none, aligned with SPF or DKIM', dmarcRecord.status === 'pass' ? alignment : dmarcRecord),
        item('rfc5322', 'Valid From and Reply-To, RFC 5322 headers', format),
        item('unsubscribe', 'A working unsubscribe link', anyUnsubscribe),
        item('spam-rate', 'Low complaint rate', spamRate('0.3%', 'Microsoft SNDS and JMRP')),
      ]),
    ],
  };
}
