import fc from 'fast-check';
import { readReportFile } from '../../../electron/services/dmarc/read';
import { anyText, mutated } from '../mutate';
import type { FuzzTarget } from '../target';
import { assertReport, dmarcSamples } from './dmarc-samples';

const samples = dmarcSamples('failure/dmarc_ruf_report_linkedin.eml', 'failure/exim_plain_text_only_no_arf_part.eml', 'aggregate/twilight.eml', 'tls/google.com_smtp_tls_report.eml');

const field = fc.constantFrom('Feedback-Type', 'Source-IP', 'Arrival-Date', 'Reported-Domain', 'Auth-Failure', 'Original-Mail-From', 'Authentication-Results', 'Sender IP Address', '__proto__');
const structured = fc.tuple(
  fc.constantFrom('DMARC Failure report for example.com', 'Forensic DMARC report', 'hello'),
  fc.array(fc.tuple(field, fc.string({ maxLength: 40 })), { maxLength: 8 }),
  fc.constantFrom('message/rfc822', 'text/rfc822-headers', 'text/plain', 'application/gzip'),
  fc.constantFrom('7bit', 'base64', 'quoted-printable'),
  fc.string({ maxLength: 200 }),
  fc.constantFrom('\r\n', '\n'),
).map(([subject, fields, type, encoding, body, eol]) => [
  `Subject: ${subject}`, 'From: reporter@example.net', 'Content-Type: multipart/report; report-type=feedback-report; boundary="b"', '',
  '--b', 'Content-Type: message/feedback-report', '', ...fields.map(([k, v]) => `${k}: ${v}`), '',
  '--b', `Content-Type: ${type}; name="x.xml.gz"`, `Content-Transfer-Encoding: ${encoding}`, '', body, '--b--', '',
].join(eol));

/** Failure reports (ARF, RFC 6591, and plain text) and report mail (electron/services/dmarc/mime.ts, failure.ts). */
export const dmarcArfTarget: FuzzTarget = {
  name: 'dmarc-arf',
  summary: 'DMARC failure reports and report mail (electron/services/dmarc/failure.ts, mime.ts)',
  input: fc.oneof({ weight: 3, arbitrary: mutated(samples, 8) }, { weight: 3, arbitrary: structured }, { weight: 1, arbitrary: anyText.map((t) => `Subject: x\n\n${t}`) }),
  runs: 10_000,
  run(input) {
    for (const report of readReportFile('fuzz.eml', Buffer.from(input, 'latin1'))) assertReport(report);
  },
};
