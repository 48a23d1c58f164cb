import { z } from 'zod';
import { Finding } from '../model/finding';
import { method } from './define';

const Domain = z
  .string()
  .trim()
  .min(1)
  .max(253)
  .regex(/^(?=.*[A-Za-z0-9])[A-Za-z0-9_.-]+\.?$/, 'Expected a domain name like example.com');
const IpAddress = z
  .string()
  .trim()
  .max(45)
  .regex(/^[0-9A-Fa-f:.]+$/, 'Expected an IPv4 or IPv6 address');
const ServerAddress = z.string().trim().min(2).max(60).describe('ip, ip:port or [ipv6]:port');
const ZoneText = z.string().max(1_000_000);
const RawMessage = z.string().min(1).max(10_000_000);
const Id = z.string().min(1).max(64);

/** Where the DNS answers of a check come from. */
export const DnsSource = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('system') }).strict(),
  z.object({ mode: z.literal('server'), server: ServerAddress }).strict(),
  /** Only the typed zone: names it does not hold do not exist. */
  z.object({ mode: z.literal('zone'), zone: ZoneText, origin: Domain.optional() }).strict(),
  /** The typed zone over real DNS (the given server, else the system's): what publishing it would change. */
  z.object({ mode: z.literal('layered'), zone: ZoneText, origin: Domain.optional(), server: ServerAddress.optional() }).strict(),
]);
export type DnsSource = z.infer<typeof DnsSource>;

/** One DNS question asked while checking and what came back: the trail under a verdict. */
export const DnsLookup = z.object({
  name: z.string(),
  type: z.string(),
  source: z.enum(['zone', 'server', 'system']),
  outcome: z.enum(['answer', 'nxdomain', 'nodata', 'timeout', 'error']),
  answers: z.array(z.string()),
  detail: z.string().optional(),
  ms: z.number(),
});
export type DnsLookup = z.infer<typeof DnsLookup>;

/** An SPF record and the records it pulls in, with what each costs against the limits. */
export interface SpfNode {
  domain: string;
  /** How this record was reached: the top record, include, or redirect. */
  via: 'top' | 'include' | 'redirect';
  record?: string;
  /** Why this record could not be used (none, several, syntax, loop). */
  problem?: string;
  /** The record could not be read (not in the offline zone, DNS did not answer): unknown, not broken. */
  notChecked?: boolean;
  /** DNS-querying terms in this record (include, a, mx, ptr, exists, redirect). */
  lookups: number;
  children: SpfNode[];
}
export const SpfNode: z.ZodType<SpfNode> = z.lazy(() =>
  z.object({
    domain: z.string(),
    via: z.enum(['top', 'include', 'redirect']),
    record: z.string().optional(),
    problem: z.string().optional(),
    notChecked: z.boolean().optional(),
    lookups: z.number().int(),
    children: z.array(SpfNode),
  }),
);

export const SpfResult = z.enum(['pass', 'fail', 'softfail', 'neutral', 'none', 'permerror', 'temperror']);

export const SpfReport = z.object({
  result: SpfResult,
  domain: z.string(),
  /** The identity checked: MAIL FROM, or HELO for a null sender. */
  identity: z.enum(['mailfrom', 'helo']),
  comment: z.string().optional(),
  explanation: z.string().optional(),
  /** DNS-querying terms evaluated (limit 10) and lookups that found nothing (limit 2). */
  lookups: z.object({ count: z.number().int(), limit: z.number().int(), void: z.number().int() }),
  tree: SpfNode.optional(),
  receivedSpf: z.string().optional(),
  why: z.string(),
  fix: z.string().optional(),
  trail: z.array(DnsLookup),
});
export type SpfReport = z.infer<typeof SpfReport>;

/**
 * Something mailauth noticed beyond the verdict (a warning of its lenient mode, a tag that
 * changed the outcome), with its meaning and what to do: a pass can still need a fix.
 */
export const AuthNote = z.object({ code: z.string(), message: z.string(), fix: z.string().optional() });
export type AuthNote = z.infer<typeof AuthNote>;

export const DkimReport = z.object({
  result: z.string(),
  domain: z.string(),
  selector: z.string(),
  algorithm: z.string(),
  keyBits: z.number().int().optional(),
  /** Which part broke: the body hash (body changed) or the signature (headers or key). */
  failure: z.enum(['body-hash', 'signature', 'key', 'policy', 'other']).optional(),
  signedHeaders: z.array(z.string()),
  coversListUnsubscribePost: z.boolean(),
  aligned: z.boolean(),
  comment: z.string().optional(),
  why: z.string(),
  fix: z.string().optional(),
  notes: z.array(AuthNote),
  trail: z.array(DnsLookup),
});
export type DkimReport = z.infer<typeof DkimReport>;

const Alignment = z.object({ result: z.string(), domain: z.string().optional(), strict: z.boolean() });
export const DmarcReport = z.object({
  result: z.string(),
  /** The From (author) domain the verdict is about. */
  domain: z.string().optional(),
  /** Its organizational domain (RFC 9989 tree walk), when it differs or matters for alignment. */
  orgDomain: z.string().optional(),
  /** Where the applied record was published: the From domain, its organizational domain or a PSD. */
  policyDomain: z.string().optional(),
  /** The policy receivers apply, after sp/np and t=y. */
  policy: z.string().optional(),
  /** Which tag gave that policy: p (own record), sp (an existing subdomain), np (a subdomain that does not exist). */
  appliedTag: z.enum(['p', 'sp', 'np']).optional(),
  /** t=y: the record is in test mode and receivers apply the next weaker policy. */
  testMode: z.boolean().optional(),
  notes: z.array(AuthNote),
  record: z.string().optional(),
  alignment: z.object({ spf: Alignment, dkim: Alignment }),
  why: z.string(),
  fix: z.string().optional(),
  trail: z.array(DnsLookup),
});
export const ArcReport = z.object({
  result: z.string(),
  instances: z.number().int(),
  comment: z.string().optional(),
  why: z.string(),
  fix: z.string().optional(),
  trail: z.array(DnsLookup),
});
export const BimiReport = z.object({
  result: z.string(),
  location: z.string().optional(),
  authority: z.string().optional(),
  comment: z.string().optional(),
  why: z.string(),
  fix: z.string().optional(),
  trail: z.array(DnsLookup),
});

export const MessageReport = z.object({
  historyId: z.number().int().optional(),
  strict: z.boolean(),
  envelope: z.object({ ip: z.string().optional(), helo: z.string().optional(), mailFrom: z.string().optional(), from: z.string().optional() }),
  spf: SpfReport,
  dkim: z.array(DkimReport),
  dmarc: DmarcReport,
  arc: ArcReport,
  bimi: BimiReport,
  /** The header Mailbench would stamp on receipt. */
  authenticationResults: z.string(),
  trail: z.array(DnsLookup),
});
export type MessageReport = z.infer<typeof MessageReport>;

export const Envelope = {
  ip: IpAddress.optional(),
  helo: z.string().trim().max(255).optional(),
  mailFrom: z.string().trim().max(320).optional(),
  /** Take missing IP, HELO and MAIL FROM from the top Received header and Return-Path. */
  useReceived: z.boolean().default(false),
};

/** One section of the domain audit (SPF, DMARC, DKIM, MX…), with its records and DNS trail. */
export const AuditSection = z.object({
  id: z.string(),
  title: z.string(),
  status: z.enum(['pass', 'warning', 'error', 'info', 'not-checked']),
  summary: z.string(),
  records: z.array(z.string()),
  trail: z.array(DnsLookup),
});
export type AuditSection = z.infer<typeof AuditSection>;

export const AuditReport = z.object({
  historyId: z.number().int().optional(),
  domain: z.string(),
  sections: z.array(AuditSection),
  findings: z.array(Finding),
  spfTree: SpfNode.optional(),
});
export type AuditReport = z.infer<typeof AuditReport>;

export const Blocklist = z.object({
  zone: Domain,
  name: z.string().min(1).max(80),
  kind: z.enum(['ip', 'domain']),
});
export type Blocklist = z.infer<typeof Blocklist>;
/** A blocklist Mailbench knows, with what each of its answers means. */
export const KnownBlocklist = Blocklist.extend({ codes: z.record(z.string(), z.string()) });

export const AuditInput = z
  .object({
    domain: Domain,
    dns: DnsSource.default({ mode: 'system' }),
    selectors: z.array(z.string().trim().min(1).max(63)).max(50).default([]),
    ips: z.array(IpAddress).max(20).default([]),
    /** An MTA-STS policy text to check instead of fetching https://mta-sts.<domain>/.well-known/mta-sts.txt. */
    mtaStsPolicy: z.string().max(64_000).optional(),
    /** DNS blocklists to ask; the known ones when absent. */
    blocklists: z.array(Blocklist).max(30).optional(),
  })
  .strict();
export type AuditInput = z.input<typeof AuditInput>;

export const Requirement = z.object({
  id: z.string(),
  requirement: z.string(),
  /** unknowable: one message cannot decide it (spam rate, unsubscribes honoured in time); `why` says why. */
  status: z.enum(['pass', 'fail', 'unknowable']),
  why: z.string(),
  fix: z.string().optional(),
});
export const ProviderVerdict = z.object({
  provider: z.enum(['gmail', 'yahoo', 'microsoft']),
  label: z.string(),
  passed: z.boolean(),
  requirements: z.array(Requirement),
});
export const BulkSenderReport = z.object({ domain: z.string(), providers: z.array(ProviderVerdict) });
export type BulkSenderReport = z.infer<typeof BulkSenderReport>;

export const DkimAlgorithm = z.enum(['rsa-sha256', 'ed25519-sha256']);
export type DkimAlgorithm = z.infer<typeof DkimAlgorithm>;
/** A generated DKIM key as the UI sees it: never the private key. */
export const DkimKeyView = z.object({
  id: Id,
  domain: z.string(),
  selector: z.string(),
  algorithm: DkimAlgorithm,
  bits: z.number().int(),
  dnsName: z.string(),
  /** The TXT record to publish, split into 255-byte strings. */
  dnsRecord: z.string(),
  zoneLine: z.string(),
  createdAt: z.string(),
});
export type DkimKeyView = z.infer<typeof DkimKeyView>;

export const BuiltRecord = z.object({ name: z.string(), record: z.string(), findings: z.array(Finding) });
export type BuiltRecord = z.infer<typeof BuiltRecord>;

export const HistoryKind = z.enum(['message', 'domain', 'spf', 'bulk']);
export const HistoryEntry = z.object({ id: z.number().int(), kind: HistoryKind, title: z.string(), summary: z.string(), createdAt: z.string() });
export type HistoryEntry = z.infer<typeof HistoryEntry>;

export const ZoneRecordView = z.object({ line: z.number().int().optional(), name: z.string(), ttl: z.number().int(), type: z.string(), data: z.string() });

/**
 * How the message string stands for the message's bytes: `text` is typed or pasted text (sent as
 * UTF-8), `latin1` is a file read as bytes, one character per octet (0-255), so an 8-bit body
 * reaches DKIM exactly as it was signed.
 */
export const MessageEncoding = z.enum(['text', 'latin1']);
const MessageInput = z
  .object({ message: RawMessage, messageEncoding: MessageEncoding.default('text'), dns: DnsSource.default({ mode: 'system' }), strict: z.boolean().default(false), ...Envelope })
  .strict();
export const SpfInput = z
  .object({ ip: IpAddress, helo: z.string().trim().min(1).max(255), mailFrom: z.string().trim().max(320).default(''), dns: DnsSource.default({ mode: 'system' }), strict: z.boolean().default(false) })
  .strict();

export const authMethods = {
  'auth.verifyMessage': method({
    summary: 'SPF, DKIM, DMARC, ARC and BIMI of a raw message, with the DNS trail and a fix for each failure; saved to history.',
    input: MessageInput,
    output: MessageReport,
  }),
  'auth.checkSpf': method({
    summary: 'SPF for an IP, HELO and MAIL FROM: result, lookup and void counts, include tree; saved to history.',
    input: SpfInput,
    output: SpfReport.extend({ historyId: z.number().int().optional() }),
  }),
  'auth.auditDomain': method({
    summary: "A domain's SPF, DMARC, DKIM, MX, PTR, MTA-STS, TLS-RPT, BIMI, STARTTLS and blocklist checks as findings; saved to history.",
    input: AuditInput,
    output: AuditReport,
  }),
  'auth.bulkSender': method({
    summary: "Pass/fail against Gmail's, Yahoo's and Microsoft's bulk-sender requirements, from a message and its domain.",
    input: MessageInput.extend({ domain: Domain.optional() }).strict(),
    output: BulkSenderReport,
  }),
  'auth.blocklists': method({
    summary: 'The DNS blocklists the domain audit asks by default, with the meaning of their return codes.',
    input: z.object({}).strict(),
    output: z.array(KnownBlocklist),
  }),
  'auth.parseZone': method({
    summary: 'Reads an RFC 1035 zone (what BIND and NSD read); errors carry their line.',
    input: z.object({ text: ZoneText, origin: Domain.optional() }).strict(),
    output: z.object({ records: z.array(ZoneRecordView) }),
  }),
  'auth.dkimGenerate': method({
    summary: 'Creates a DKIM key (RSA 2048 or Ed25519); the private key is stored encrypted, the TXT record is returned.',
    input: z.object({ domain: Domain, selector: z.string().trim().min(1).max(63).regex(/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/, 'Expected a selector like s1 or mail-2026'), algorithm: DkimAlgorithm }).strict(),
    output: DkimKeyView,
  }),
  'auth.dkimList': method({ summary: 'The DKIM keys Mailbench holds (public parts only).', input: z.object({}).strict(), output: z.array(DkimKeyView) }),
  'auth.dkimDelete': method({ summary: 'Deletes a DKIM key and its encrypted private key.', input: z.object({ id: Id }).strict(), output: z.object({ deleted: z.boolean() }) }),
  'auth.dkimRoundTrip': method({
    summary: 'Signs a sample message with a stored key and verifies it against the key record in an offline zone.',
    input: z.object({ id: Id }).strict(),
    output: z.object({ result: z.string(), coversListUnsubscribePost: z.boolean(), authenticationResults: z.string() }),
  }),
  'auth.buildSpf': method({
    summary: 'Builds an SPF record from its parts and checks it (lookups, size, qualifiers).',
    input: z
      .object({
        domain: Domain,
        ip4: z.array(z.string().trim().max(18)).max(50).default([]),
        ip6: z.array(z.string().trim().max(43)).max(50).default([]),
        includes: z.array(Domain).max(20).default([]),
        mx: z.boolean().default(false),
        a: z.boolean().default(false),
        all: z.enum(['-all', '~all', '?all', '+all']).default('~all'),
      })
      .strict(),
    output: BuiltRecord,
  }),
  'auth.buildDmarc': method({
    summary: 'Builds a DMARC record from its tags and checks it.',
    input: z
      .object({
        domain: Domain,
        p: z.enum(['none', 'quarantine', 'reject']),
        sp: z.enum(['none', 'quarantine', 'reject']).optional(),
        np: z.enum(['none', 'quarantine', 'reject']).optional(),
        adkim: z.enum(['r', 's']).default('r'),
        aspf: z.enum(['r', 's']).default('r'),
        rua: z.array(z.string().trim().max(320)).max(5).default([]),
        ruf: z.array(z.string().trim().max(320)).max(5).default([]),
        fo: z.string().trim().max(10).optional(),
        t: z.boolean().optional(),
      })
      .strict(),
    output: BuiltRecord,
  }),
  'auth.history': method({
    summary: 'Past checks, newest first.',
    input: z.object({ limit: z.number().int().min(1).max(500).default(50) }).strict(),
    output: z.array(HistoryEntry),
  }),
  'auth.rerun': method({
    summary: 'Runs a past check again with the same input (today’s DNS); the new run is saved too.',
    input: z.object({ id: z.number().int() }).strict(),
    output: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('message'), report: MessageReport }),
      z.object({ kind: z.literal('spf'), report: SpfReport.extend({ historyId: z.number().int().optional() }) }),
      z.object({ kind: z.literal('domain'), report: AuditReport }),
      z.object({ kind: z.literal('bulk'), report: BulkSenderReport }),
    ]),
  }),
};
