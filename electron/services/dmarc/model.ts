/** What the parsers read from a report, before it is stored. Times are Unix seconds (UTC). */

export interface PolicyPublished {
  domain: string;
  adkim: string;
  aspf: string;
  p: string;
  sp: string;
  /** DMARCbis: policy for non-existent subdomains. */
  np: string;
  pct: string;
  fo: string;
  /** DMARCbis: t=y, the policy is being tested. */
  testing: string;
  /** DMARCbis: psl or treewalk. */
  discoveryMethod: string;
}

export interface PolicyOverride {
  type: string;
  comment: string;
}

export interface DkimResult {
  domain: string;
  selector: string;
  result: string;
}

export interface SpfResult {
  domain: string;
  scope: string;
  result: string;
}

export interface AggregateRecord {
  sourceIp: string;
  count: number;
  disposition: string;
  /** policy_evaluated: the aligned DKIM and SPF results DMARC used. */
  dkim: string;
  spf: string;
  reasons: PolicyOverride[];
  headerFrom: string;
  envelopeFrom: string;
  envelopeTo: string;
  dkimResults: DkimResult[];
  spfResults: SpfResult[];
}

export interface AggregateReport {
  kind: 'aggregate';
  orgName: string;
  email: string;
  reportId: string;
  begin: number;
  end: number;
  policy: PolicyPublished;
  records: AggregateRecord[];
  warnings: string[];
}

export interface FailureReport {
  kind: 'failure';
  orgName: string;
  reportId: string;
  domain: string;
  /** When the failing message arrived (or the report was sent, if that is all there is). */
  arrival: number;
  sourceIp: string;
  feedbackType: string;
  authFailure: string;
  deliveryResult: string;
  originalMailFrom: string;
  originalRcptTo: string;
  subject: string;
  authResults: string;
  /** Headers of the failing message as the reporter included them (bounded). */
  headers: string;
  /** Whether the report had a machine-readable ARF part (RFC 6591); false for plain-text ones. */
  arf: boolean;
  warnings: string[];
}

export interface TlsFailure {
  resultType: string;
  sendingMtaIp: string;
  receivingMx: string;
  receivingIp: string;
  count: number;
  reasonCode: string;
}

export interface TlsPolicy {
  policyType: string;
  policyDomain: string;
  mxHost: string;
  successful: number;
  failed: number;
  failures: TlsFailure[];
}

export interface TlsReport {
  kind: 'tls';
  orgName: string;
  reportId: string;
  contact: string;
  begin: number;
  end: number;
  policies: TlsPolicy[];
  warnings: string[];
}

export type Report = AggregateReport | FailureReport | TlsReport;
export type ReportKind = Report['kind'];

/** The domain a report is about, as the import summary names it. */
export function reportDomain(report: Report): string {
  if (report.kind === 'aggregate') return report.policy.domain;
  if (report.kind === 'failure') return report.domain;
  return report.policies[0]?.policyDomain ?? '';
}

export function reportMessages(report: Report): number {
  if (report.kind === 'aggregate') return report.records.reduce((sum, r) => sum + r.count, 0);
  if (report.kind === 'failure') return 1;
  return report.policies.reduce((sum, p) => sum + p.successful + p.failed, 0);
}

export function reportRecords(report: Report): number {
  if (report.kind === 'aggregate') return report.records.length;
  if (report.kind === 'failure') return 1;
  return report.policies.length;
}

export const reportBegin = (report: Report): number => (report.kind === 'failure' ? report.arrival : report.begin);
export const reportEnd = (report: Report): number => (report.kind === 'failure' ? report.arrival : report.end);
