import { z } from 'zod';
import { method } from './define';

const reportKinds = ['aggregate', 'failure', 'tls'] as const;
export const ReportKind = z.enum(reportKinds);

const IsoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');

/** One report stored by an import (`mailbench dmarc import --json` prints these). begin and end are ISO 8601 UTC. */
export const ImportedReport = z.object({
  file: z.string(),
  kind: ReportKind,
  reportId: z.string(),
  orgName: z.string(),
  domain: z.string(),
  begin: z.string(),
  end: z.string(),
  records: z.number().int(),
  messages: z.number().int(),
  /** What was repaired or skipped to read it. */
  warnings: z.array(z.string()),
});
export type ImportedReport = z.infer<typeof ImportedReport>;

export const ImportResult = z.object({
  imported: z.array(ImportedReport),
  duplicates: z.array(z.object({ file: z.string(), reportId: z.string(), kind: ReportKind, orgName: z.string() })),
  refused: z.array(z.object({ file: z.string(), reason: z.string() })),
});
export type ImportResult = z.infer<typeof ImportResult>;

export const PolicyApplied = z.object({
  none: z.number().int(),
  quarantine: z.number().int(),
  reject: z.number().int(),
  /** Local policy overrides the receivers reported (RFC 7489 PolicyOverrideReason), with their messages. */
  overrides: z.array(z.object({ type: z.string(), comment: z.string(), messages: z.number().int() })),
  /** The p= (and sp=, np=, testing) the domain published in its latest report. */
  published: z.object({ p: z.string(), sp: z.string(), np: z.string(), pct: z.string(), testing: z.string() }).nullable(),
});

export const SourceSummary = z.object({
  ip: z.string(),
  /** PTR name when a report or an allowed lookup gave one; null offline. */
  ptr: z.string().nullable(),
  /** The sending service from Mailbench's table of ESP ranges and PTR patterns, or null. */
  service: z.string().nullable(),
  messages: z.number().int(),
  dmarcPass: z.number().int(),
  dkimAligned: z.number().int(),
  spfAligned: z.number().int(),
  /** known: seen in an auth check in this database; unknown: never checked here. */
  known: z.enum(['known', 'unknown']),
  dispositions: z.object({ none: z.number().int(), quarantine: z.number().int(), reject: z.number().int() }),
});
export type SourceSummary = z.infer<typeof SourceSummary>;

export const DaySummary = z.object({
  day: z.string(),
  messages: z.number().int(),
  dmarcPass: z.number().int(),
  dkimAligned: z.number().int(),
  spfAligned: z.number().int(),
  quarantine: z.number().int(),
  reject: z.number().int(),
});
export type DaySummary = z.infer<typeof DaySummary>;

/** Counts are messages; rates are dmarcPass / messages. */
export const DomainSummary = z.object({
  domain: z.string(),
  messages: z.number().int(),
  dmarcPass: z.number().int(),
  dkimAligned: z.number().int(),
  spfAligned: z.number().int(),
  dmarcPassRate: z.number(),
  policyApplied: PolicyApplied,
  sources: z.array(SourceSummary),
  days: z.array(DaySummary),
  reports: z.number().int(),
});
export type DomainSummary = z.infer<typeof DomainSummary>;

export const Summary = z.object({ domains: z.array(DomainSummary) });
export type Summary = z.infer<typeof Summary>;

export const SummaryQuery = z.object({
  domain: z.string().trim().toLowerCase().max(253).optional(),
  since: IsoDay.optional(),
  until: IsoDay.optional(),
}).strict();
export type SummaryQuery = z.infer<typeof SummaryQuery>;

const whatIfPolicies = ['quarantine', 'reject'] as const;

export const WhatIf = z.object({
  domain: z.string(),
  policy: z.enum(whatIfPolicies),
  messages: z.number().int(),
  /** Messages that fail DMARC and would be quarantined or rejected. */
  affected: z.number().int(),
  affectedShare: z.number(),
  /** Of those, messages from known sending services or sources checked here: likely legitimate mail. */
  legitimateAffected: z.number().int(),
  legitimateShare: z.number(),
  sources: z.array(z.object({
    ip: z.string(),
    service: z.string().nullable(),
    known: z.enum(['known', 'unknown']),
    messages: z.number().int(),
    failing: z.number().int(),
    likelyLegitimate: z.boolean(),
    why: z.string(),
  })),
  notes: z.array(z.string()),
});
export type WhatIf = z.infer<typeof WhatIf>;

export const FailureItem = z.object({
  id: z.number().int(),
  orgName: z.string(),
  domain: z.string(),
  arrival: z.string(),
  sourceIp: z.string(),
  feedbackType: z.string(),
  authFailure: z.string(),
  deliveryResult: z.string(),
  originalMailFrom: z.string(),
  originalRcptTo: z.string(),
  subject: z.string(),
  authResults: z.string(),
  headers: z.string(),
  arf: z.boolean(),
});
export type FailureItem = z.infer<typeof FailureItem>;

export const TlsItem = z.object({
  policyDomain: z.string(),
  policyType: z.string(),
  successful: z.number().int(),
  failed: z.number().int(),
  reports: z.number().int(),
  failures: z.array(z.object({ resultType: z.string(), receivingMx: z.string(), count: z.number().int() })),
});
export type TlsItem = z.infer<typeof TlsItem>;

/** Seed-test mail of the same domain: what the seed mailboxes' Authentication-Results said, and where it landed. */
export const SeedJoin = z.object({
  domain: z.string(),
  note: z.string(),
  rows: z.array(z.object({ runId: z.string(), provider: z.string(), placement: z.string(), spf: z.string(), dkim: z.string(), dmarc: z.string(), messages: z.number().int() })),
});
export type SeedJoin = z.infer<typeof SeedJoin>;

const UploadedFile = z.object({ name: z.string().min(1).max(255), base64: z.string().max(45_000_000) }).strict();

export const dmarcMethods = {
  'dmarc.import': method({
    summary: 'Import DMARC aggregate, failure and SMTP TLS reports from files or folders on disk, or from uploaded bytes; emits job.progress.',
    input: z.object({
      paths: z.array(z.string().max(4096)).max(1000).default([]),
      files: z.array(UploadedFile).max(500).default([]),
      jobId: z.string().max(64).optional(),
    }).strict(),
    output: ImportResult,
  }),
  'dmarc.summary': method({
    summary: 'Per domain: messages, DMARC pass, DKIM and SPF alignment, policy applied, per source and per day.',
    /** lookUpPtr asks DNS for the sources' PTR names: it uses the network, so it is off unless the person turns it on. */
    input: SummaryQuery.extend({ lookUpPtr: z.boolean().default(false) }),
    output: Summary,
  }),
  'dmarc.whatIf': method({
    summary: 'Which sources and what share of mail a stricter policy would affect, from the stored reports.',
    input: z.object({ domain: z.string().trim().toLowerCase().min(1).max(253), policy: z.enum(whatIfPolicies) }).strict(),
    output: WhatIf,
  }),
  'dmarc.failures': method({
    summary: 'Stored failure reports, newest first, with the original headers.',
    input: z.object({ domain: z.string().trim().toLowerCase().max(253).optional(), limit: z.number().int().min(1).max(500).default(100) }).strict(),
    output: z.object({ failures: z.array(FailureItem) }),
  }),
  'dmarc.tls': method({
    summary: 'SMTP TLS report totals per receiving (policy) domain and failure type.',
    input: z.object({ since: IsoDay.optional(), until: IsoDay.optional() }).strict(),
    output: z.object({ domains: z.array(TlsItem) }),
  }),
  'dmarc.seedJoin': method({
    summary: 'Seed-test results recorded for mail from the same domain, to set beside its DMARC reports.',
    input: z.object({ domain: z.string().trim().toLowerCase().min(1).max(253) }).strict(),
    output: SeedJoin,
  }),
};
