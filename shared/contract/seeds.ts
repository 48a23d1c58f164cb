import { z } from 'zod';
import { MAILBOX_PROVIDERS, normalizeProviderWord } from '../model/mailbox-providers';
import { event, method } from './define';

const Id = z.string().min(1).max(64);
const Address = z.string().trim().max(320).regex(/^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/, 'Expected an email address like name@example.com');
const Host = z.string().trim().min(1).max(253).regex(/^[A-Za-z0-9.:[\]-]+$/, 'Expected a host name or IP address');
const Port = z.number().int().min(1).max(65535);

/** The provider names (one vocabulary with warm-up: `microsoft`, `apple`); `Provider` also takes common aliases such as `outlook`. */
export const ProviderName = z.enum(MAILBOX_PROVIDERS);
export const Provider = z.preprocess(normalizeProviderWord, ProviderName);
export type Provider = z.infer<typeof ProviderName>;

/** IMAP access to a seed mailbox; the password lives in the secret store or an environment variable. */
export const ImapAccess = z.object({
  host: Host,
  port: Port,
  tls: z.boolean(),
  user: z.string().min(1).max(320),
  /** Name of an environment variable holding the password (CLI, CI); never the password itself. */
  passwordEnv: z.string().regex(/^[A-Z_][A-Z0-9_]*$/).max(64).optional(),
});
export type ImapAccess = z.infer<typeof ImapAccess>;

export const Seed = z.object({
  address: Address,
  provider: Provider,
  imap: ImapAccess.optional(),
  tags: z.array(z.string().trim().min(1).max(40)).max(20),
  /** Whether a password for `imap` is stored (encrypted) for this seed. */
  hasPassword: z.boolean().optional(),
});
export type Seed = z.infer<typeof Seed>;

export const SeedList = z.object({ id: Id, name: z.string().min(1).max(120), seeds: z.array(Seed).max(5000), updatedAt: z.string() });
export type SeedList = z.infer<typeof SeedList>;

export const SmtpSecurity = z.enum(['tls', 'starttls', 'none']);
export const SmtpProfile = z.object({
  id: Id,
  name: z.string().min(1).max(120),
  host: Host,
  port: Port,
  /** Implicit TLS (465), STARTTLS required, or 'none': STARTTLS when the server offers it, else plain (loopback test servers). */
  security: SmtpSecurity,
  user: z.string().max(320).optional(),
  poolSize: z.number().int().min(1).max(50),
  /** Messages per second across the pool; 0 means as fast as the server answers. */
  ratePerSecond: z.number().min(0).max(1000),
  hasPassword: z.boolean(),
});
export type SmtpProfile = z.infer<typeof SmtpProfile>;

/** The address of a From like `News <news@example.com>` or `news@example.com`; undefined when it has none. */
export function fromAddress(from: string): string | undefined {
  const angle = /<([^<>]*)>\s*$/.exec(from);
  const address = (angle ? angle[1]! : from).trim();
  return /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/.test(address) ? address : undefined;
}
export const FROM_NOT_AN_ADDRESS = 'Enter an email address, like News <news@example.com> or news@example.com';
export const From = z.string().trim().min(1, FROM_NOT_AN_ADDRESS).max(400).refine((value) => fromAddress(value) !== undefined, FROM_NOT_AN_ADDRESS);

/** What is sent: the template's output plus the headers a bulk sender needs. */
export const MessageSpec = z.object({
  from: From,
  replyTo: z.string().max(400).optional(),
  subject: z.string().min(1).max(998),
  html: z.string().max(5_000_000),
  text: z.string().max(2_000_000),
  unsubscribeMailto: z.string().max(400).regex(/^mailto:/i, 'Starts with mailto:').optional(),
  unsubscribeUrl: z.string().max(2000).regex(/^https:\/\//i, 'Starts with https://').optional(),
  /** Id of a stored DKIM key (domain, selector, private key); the signature covers List-Unsubscribe-Post. */
  dkimKeyId: Id.optional(),
});
export type MessageSpec = z.infer<typeof MessageSpec>;

export const RecipientStatus = z.enum(['queued', 'sending', 'accepted', 'rejected', 'deferred', 'failed', 'unknown']);
export type RecipientStatus = z.infer<typeof RecipientStatus>;
/**
 * Where a copy landed. `missing` is a verdict on a copy the server accepted; `not_sent`
 * is a seed whose message the server never took (refused, deferred, failed), which says
 * nothing about placement and is kept out of the percentages.
 */
export const Placement = z.enum(['inbox', 'tab', 'spam', 'missing', 'not_sent', 'pending', 'unchecked']);
export type Placement = z.infer<typeof Placement>;
export const AuthVerdicts = z.object({ spf: z.string().optional(), dkim: z.string().optional(), dmarc: z.string().optional() });

export const RecipientRow = z.object({
  runId: Id,
  seq: z.number().int().nonnegative(),
  address: z.string(),
  provider: Provider,
  testId: z.string(),
  status: RecipientStatus,
  attempts: z.number().int().nonnegative(),
  code: z.number().int().optional(),
  response: z.string().optional(),
  queueId: z.string().optional(),
  sentAt: z.string().optional(),
  durationMs: z.number().optional(),
  placement: Placement,
  folder: z.string().optional(),
  tab: z.string().optional(),
  /** Seconds between the server's acceptance and the copy's arrival in the mailbox. */
  arrivalDelaySec: z.number().optional(),
  late: z.boolean().optional(),
  copies: z.number().int().nonnegative().optional(),
  auth: AuthVerdicts.optional(),
  checkError: z.string().optional(),
});
export type RecipientRow = z.infer<typeof RecipientRow>;

/** `failed`: sending ended and no message was accepted (nor possibly delivered: none `unknown`). */
export const RunState = z.enum(['sending', 'sent', 'failed', 'cancelled', 'interrupted']);
export const RunSummary = z
  .object({
    id: Id,
    createdAt: z.string(),
    subject: z.string(),
    from: z.string(),
    smtp: z.string(),
    state: RunState,
    total: z.number().int(),
    counts: z.record(RecipientStatus, z.number().int()),
    retries: z.number().int(),
  })
  .refine((run) => run.state !== 'sent' || run.counts.accepted + run.counts.unknown > 0, { message: "A run with nothing accepted is 'failed', not 'sent'.", path: ['state'] });
export type RunSummary = z.infer<typeof RunSummary>;

const Cell = z.object({ count: z.number().int(), percent: z.number() });
export const MatrixRow = z.object({
  provider: z.string(),
  total: z.number().int(),
  inbox: Cell,
  tab: Cell,
  spam: Cell,
  missing: Cell,
  pending: z.number().int(),
  /** Seeds whose message the server never accepted: not in the percentages. */
  notSent: z.number().int(),
});
export type MatrixRow = z.infer<typeof MatrixRow>;
export const Matrix = z.object({
  rows: z.array(MatrixRow),
  overall: MatrixRow,
  /** Placement percentages weighted by the audience mix, when one was given and overlaps the seeds. */
  weighted: z.object({ inbox: z.number(), tab: z.number(), spam: z.number(), missing: z.number() }).optional(),
});
export type Matrix = z.infer<typeof Matrix>;

/**
 * A run's rows come in pages in `seq` order (stable: rows are never added to or removed from
 * a run). `seeds.run` carries the first page beside the summary; `seeds.rows` gives the rest,
 * after the cursor `next` of the page before. Counts are always the summary's, never a page's length.
 */
export const RUN_ROWS_FIRST_PAGE = 100;
/** The most rows one page may hold: a page is one message over the bridge, kept small enough to not stall it. */
export const RUN_ROWS_MAX_PAGE = 1000;
const PageLimit = z.number().int().min(1).max(RUN_ROWS_MAX_PAGE);
/** The `seq` of the last row given: pass it as `after` for the next page; absent when no rows follow. */
const NextCursor = z.number().int().nonnegative().optional();

export const RunRowsPage = z.object({ rows: z.array(RecipientRow), next: NextCursor });
export type RunRowsPage = z.infer<typeof RunRowsPage>;

/** A run's summary and matrix (aggregated over all its rows) and the first page of its rows (`recipients`). */
export const RunDetail = z.object({ run: RunSummary, recipients: z.array(RecipientRow), matrix: Matrix, next: NextCursor });
export type RunDetail = z.infer<typeof RunDetail>;

export const AudienceMix = z.record(z.string().max(20), z.number().min(0).max(100));

export const seedsMethods = {
  'seeds.lists': method({
    summary: 'All seed lists with their seeds.',
    input: z.object({}).strict(),
    output: z.array(SeedList),
  }),
  'seeds.saveList': method({
    summary: 'Create or replace a seed list; IMAP passwords given here go to the secret store.',
    input: z
      .object({
        id: Id.optional(),
        name: z.string().trim().min(1).max(120),
        seeds: z.array(Seed.extend({ imapPassword: z.string().max(1000).optional() }).strict()).max(5000),
      })
      .strict(),
    output: SeedList,
  }),
  'seeds.deleteList': method({ summary: 'Delete a seed list and its stored passwords.', input: z.object({ id: Id }).strict(), output: z.object({ deleted: z.boolean() }) }),
  'seeds.importCsv': method({
    summary: 'Parse a seed CSV (address, provider, imap_host, imap_port, imap_tls, imap_user, imap_password_env, tags) into a new list.',
    input: z.object({ name: z.string().trim().min(1).max(120), csv: z.string().max(5_000_000), file: z.string().max(500).optional() }).strict(),
    output: SeedList,
  }),
  'seeds.exportCsv': method({ summary: 'A seed list as CSV (no passwords).', input: z.object({ id: Id }).strict(), output: z.object({ csv: z.string() }) }),
  'seeds.profiles': method({ summary: 'All SMTP profiles (never their passwords).', input: z.object({}).strict(), output: z.array(SmtpProfile) }),
  'seeds.saveProfile': method({
    summary: 'Create or update an SMTP profile; a password given here is stored encrypted.',
    input: SmtpProfile.omit({ id: true, hasPassword: true })
      .extend({ id: Id.optional(), password: z.string().max(1000).optional() })
      .strict(),
    output: SmtpProfile,
  }),
  'seeds.deleteProfile': method({ summary: 'Delete an SMTP profile and its password.', input: z.object({ id: Id }).strict(), output: z.object({ deleted: z.boolean() }) }),
  'seeds.preview': method({
    summary: 'The raw MIME of the message one seed would get (with a sample test id), DKIM-signed when a key is chosen.',
    input: z.object({ message: MessageSpec, to: Address.optional() }).strict(),
    output: z.object({ raw: z.string(), testId: z.string() }),
  }),
  'seeds.send': method({
    summary: 'Start a send run of the message to every seed of a list through an SMTP profile; rows fill in as it goes.',
    input: z.object({ listId: Id, profileId: Id, message: MessageSpec, audience: AudienceMix.optional() }).strict(),
    /** `warnings`: what makes the copies differ from a real bulk send (no List-Unsubscribe, …). */
    output: z.object({ runId: Id, warnings: z.array(z.string()) }),
  }),
  'seeds.cancel': method({ summary: 'Stop a send run; rows not yet sent stay queued.', input: z.object({ runId: Id }).strict(), output: z.object({ cancelled: z.boolean() }) }),
  'seeds.resume': method({
    summary: 'Continue an interrupted or cancelled run: nothing accepted is sent again.',
    input: z.object({ runId: Id, resendUnknown: z.boolean().default(false) }).strict(),
    output: z.object({ runId: Id }),
  }),
  'seeds.runs': method({ summary: 'History of send runs, newest first.', input: z.object({ limit: z.number().int().min(1).max(500).default(50) }).strict(), output: z.array(RunSummary) }),
  'seeds.run': method({
    summary: `One run: its summary and placement matrix over every row, and the first page of its rows (${RUN_ROWS_FIRST_PAGE} unless \`limit\` says, at most ${RUN_ROWS_MAX_PAGE}); \`next\` pages on with seeds.rows.`,
    input: z.object({ runId: Id, limit: PageLimit.default(RUN_ROWS_FIRST_PAGE) }).strict(),
    output: RunDetail,
  }),
  'seeds.rows': method({
    summary: `A page of a run's rows in seq order, after the cursor \`after\` (the \`next\` of the page before; from the start without it), at most ${RUN_ROWS_MAX_PAGE}.`,
    input: z.object({ runId: Id, after: z.number().int().nonnegative().optional(), limit: PageLimit.default(RUN_ROWS_MAX_PAGE) }).strict(),
    output: RunRowsPage,
  }),
  'seeds.checkNow': method({ summary: 'Look for every copy of a run in the seed mailboxes now (read-only); answers as seeds.run does.', input: z.object({ runId: Id }).strict(), output: RunDetail }),
  'seeds.exportReport': method({ summary: 'Per-seed results of a run as CSV.', input: z.object({ runId: Id }).strict(), output: z.object({ csv: z.string() }) }),
};

export const seedsEvents = {
  'seeds.row': event({ summary: 'A recipient row of a run changed (send outcome or placement).', payload: RecipientRow }),
  'seeds.run': event({ summary: 'A run changed state or finished a placement poll.', payload: RunSummary }),
};
