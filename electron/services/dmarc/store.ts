import type { Statement } from 'better-sqlite3';
import type { Db } from '../../db/open';
import { type Report, reportBegin, reportDomain, reportEnd, reportMessages, reportRecords } from './model';

export type StoreOutcome = { report: Report; status: 'imported' | 'duplicate' };

export const isoOf = (seconds: number): string => new Date(seconds * 1000).toISOString();
export const dayOf = (seconds: number): string => isoOf(seconds).slice(0, 10);

/**
 * Writes reports. `insertFile` stores every report of one file in one transaction: a file is
 * in the database whole or not at all. A report already stored (same kind, reporter and id)
 * is a duplicate and writes nothing.
 */
export class DmarcStore {
  private readonly insertReport: Statement;
  private readonly insertRecord: Statement;
  private readonly insertFailure: Statement;
  private readonly insertPolicy: Statement;
  private readonly insertTlsFailure: Statement;
  readonly insertFile: (file: string, reports: readonly Report[]) => StoreOutcome[];

  constructor(readonly db: Db) {
    this.insertReport = db.prepare(`INSERT INTO dmarc_reports (kind, org_name, report_id, domain, begin_at, end_at, email, policy_json, file, records, messages, warnings_json)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (kind, org_name, report_id) DO NOTHING`);
    this.insertRecord = db.prepare(`INSERT INTO dmarc_records (report_id, seq, domain, day, source_ip, count, disposition, dkim_aligned, spf_aligned, header_from, envelope_from, envelope_to, reasons_json, auth_json)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    this.insertFailure = db.prepare(`INSERT INTO dmarc_failures (report_id, source_ip, feedback_type, auth_failure, delivery_result, original_mail_from, original_rcpt_to, subject, auth_results, headers, arf)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    this.insertPolicy = db.prepare('INSERT INTO dmarc_tls_policies (report_id, seq, policy_type, policy_domain, mx_host, successful, failed) VALUES (?, ?, ?, ?, ?, ?, ?)');
    this.insertTlsFailure = db.prepare(`INSERT INTO dmarc_tls_failures (report_id, policy_seq, seq, result_type, sending_mta_ip, receiving_mx, receiving_ip, count, reason_code)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    this.insertFile = db.transaction((file: string, reports: readonly Report[]) => reports.map((report) => this.insert(file, report)));
  }

  private insert(file: string, report: Report): StoreOutcome {
    const policy = report.kind === 'aggregate' ? JSON.stringify(report.policy) : null;
    const result = this.insertReport.run(report.kind, report.orgName, report.reportId, reportDomain(report), reportBegin(report), reportEnd(report),
      report.kind === 'aggregate' ? report.email : report.kind === 'tls' ? report.contact : '', policy, file, reportRecords(report), reportMessages(report),
      JSON.stringify(report.warnings));
    if (result.changes === 0) return { report, status: 'duplicate' };
    const id = Number(result.lastInsertRowid);
    if (report.kind === 'aggregate') {
      const day = dayOf(report.begin);
      const domain = report.policy.domain;
      report.records.forEach((r, seq) => {
        const auth = r.dkimResults.length || r.spfResults.length ? JSON.stringify({ dkim: r.dkimResults, spf: r.spfResults }) : null;
        this.insertRecord.run(id, seq, domain, day, r.sourceIp, r.count, r.disposition, r.dkim === 'pass' ? 1 : 0, r.spf === 'pass' ? 1 : 0,
          r.headerFrom, r.envelopeFrom, r.envelopeTo, r.reasons.length ? JSON.stringify(r.reasons) : null, auth);
      });
    } else if (report.kind === 'failure') {
      this.insertFailure.run(id, report.sourceIp, report.feedbackType, report.authFailure, report.deliveryResult, report.originalMailFrom,
        report.originalRcptTo, report.subject, report.authResults, report.headers, report.arf ? 1 : 0);
    } else {
      report.policies.forEach((p, seq) => {
        this.insertPolicy.run(id, seq, p.policyType, p.policyDomain, p.mxHost, p.successful, p.failed);
        p.failures.forEach((f, fseq) => this.insertTlsFailure.run(id, seq, fseq, f.resultType, f.sendingMtaIp, f.receivingMx, f.receivingIp, f.count, f.reasonCode));
      });
    }
    return { report, status: 'imported' };
  }
}
