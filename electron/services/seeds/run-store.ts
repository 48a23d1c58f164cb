import { randomBytes } from 'node:crypto';
import { AppError } from '../../../shared/contract/errors';
import {
  type ImapAccess,
  type MessageSpec,
  type Placement,
  type Provider,
  type RecipientRow,
  type RecipientStatus,
  RecipientStatus as RecipientStatusSchema,
  type RunSummary,
} from '../../../shared/contract/seeds';
import type { Db } from '../../db/open';
import { providerNamed } from '../../../shared/model/mailbox-providers';
import { testIdFor } from './compose';

/** Where a run's SMTP password comes from: never stored with the run. */
export type PasswordSource = { kind: 'secret'; id: string } | { kind: 'env'; name: string } | { kind: 'none' };

export interface SmtpTarget {
  host: string;
  port: number;
  security: 'tls' | 'starttls' | 'none';
  user?: string;
  poolSize: number;
  ratePerSecond: number;
  password: PasswordSource;
}

/** IMAP access copied into the run, so editing the list later does not change what a run checks. */
export type RecipientImap = ImapAccess & { secretId?: string };

export interface NewRecipient {
  address: string;
  provider: Provider;
  seedId?: string;
  imap?: RecipientImap;
}

/**
 * A run's state as stored: 'sent' means sending ended. Whether it ended 'sent' or
 * 'failed' follows from its rows (see `summary`), so the two can never disagree.
 */
export type StoredRunState = Exclude<RunSummary['state'], 'failed'>;

export interface StoredRun {
  id: string;
  createdAt: string;
  state: StoredRunState;
  smtp: SmtpTarget;
  message: MessageSpec;
  audience?: Record<string, number>;
  ownerPid?: number;
  finishedAt?: string;
}

/** A send's final outcome: the server answered, or failed in a way that retrying cannot fix. */
export interface SendResult {
  status: Exclude<RecipientStatus, 'queued' | 'sending' | 'unknown'>;
  code?: number;
  response?: string;
  queueId?: string;
  durationMs: number;
}

/**
 * The connection was lost or timed out after the whole message was handed over, before
 * the server's answer: the row is 'unknown', never sent again by itself, and becomes
 * accepted when its copy turns up in the seed mailbox.
 */
export interface LostAfterData {
  status: 'unknown';
  response: string;
  durationMs: number;
  code?: never;
  queueId?: never;
}

export interface PlacementResult {
  placement: Placement;
  folder?: string;
  tab?: string;
  arrivalDelaySec?: number;
  late?: boolean;
  copies?: number;
  auth?: { spf?: string; dkim?: string; dmarc?: string };
  checkError?: string;
}

interface RecipientDbRow {
  // rows written before one vocabulary may say `outlook` or `icloud`: read through the aliases
  run_id: string; seq: number; address: string; provider: string; imap_json: string | null; test_id: string; status: RecipientStatus;
  attempts: number; code: number | null; response: string | null; queue_id: string | null; sent_at: string | null; duration_ms: number | null;
  placement: Placement; folder: string | null; tab: string | null; arrival_delay_sec: number | null; late: number | null; copies: number | null;
  auth_json: string | null; check_error: string | null;
}

/** How many of a run's rows a provider has in one placement: what the matrix is built from. */
export interface PlacementCount {
  provider: Provider;
  placement: Placement;
  count: number;
}

export interface RecipientRecord extends RecipientRow {
  imap?: RecipientImap;
}

/**
 * Runs and their recipient rows. Every state change is one small write, made before the
 * next step starts, so a killed process leaves rows that tell the truth. The writes of a
 * send in progress go through the RowWriter's thread instead.
 */
export class RunStore {
  private readonly recipientRow;
  private readonly pageRows;
  private readonly tally;

  constructor(private readonly db: Db) {
    this.recipientRow = db.prepare('SELECT * FROM seed_recipients WHERE run_id = ? AND seq = ?');
    // The primary key (run_id, seq) orders the rows and seeks to the cursor: a page costs its own rows, wherever it starts.
    this.pageRows = db.prepare('SELECT * FROM seed_recipients WHERE run_id = ? AND seq > ? ORDER BY seq LIMIT ?');
    // One pass over the run's rows for the status counts and the placement matrix, reading three columns, building no row objects.
    this.tally = db.prepare('SELECT status, provider, placement, COUNT(*) AS n, SUM(MAX(attempts - 1, 0)) AS retries FROM seed_recipients WHERE run_id = ? GROUP BY status, provider, placement');
  }

  /** A new run and its rows, all queued; the rows come back as written, for the send to start from. */
  createRun(input: { smtp: SmtpTarget; message: MessageSpec; audience?: Record<string, number> | undefined; recipients: NewRecipient[] }): { id: string; rows: RecipientRecord[] } {
    const id = randomBytes(6).toString('hex');
    const rows = input.recipients.map((recipient, seq): RecipientRecord => ({
      runId: id, seq, address: recipient.address, provider: recipient.provider, testId: testIdFor(id, seq), status: 'queued', attempts: 0, placement: 'unchecked',
      ...(recipient.imap ? { imap: recipient.imap } : {}),
    }));
    this.db.transaction(() => {
      this.db
        .prepare("INSERT INTO seed_runs (id, state, smtp_json, message_json, audience_json, owner_pid) VALUES (?, 'sending', ?, ?, ?, ?)")
        .run(id, JSON.stringify(input.smtp), JSON.stringify(input.message), input.audience ? JSON.stringify(input.audience) : null, process.pid);
      const insert = this.db.prepare('INSERT INTO seed_recipients (run_id, seq, seed_id, address, provider, imap_json, test_id, status, attempts, placement) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
      for (const row of rows) {
        insert.run(id, row.seq, input.recipients[row.seq]!.seedId ?? null, row.address, row.provider, row.imap ? JSON.stringify(row.imap) : null, row.testId, row.status, row.attempts, row.placement);
      }
    })();
    return { id, rows };
  }

  run(id: string): StoredRun {
    const row = this.db.prepare('SELECT * FROM seed_runs WHERE id = ?').get(id) as
      | { id: string; created_at: string; state: StoredRun['state']; smtp_json: string; message_json: string; audience_json: string | null; owner_pid: number | null; finished_at: string | null }
      | undefined;
    if (!row) throw new AppError('not_found', `There is no seed run with id ${id}.`, { hint: 'List runs with the Seed tests panel history or `mailbench seed send --json` output.' });
    return {
      id: row.id,
      createdAt: row.created_at,
      state: row.state,
      smtp: JSON.parse(row.smtp_json) as SmtpTarget,
      message: JSON.parse(row.message_json) as MessageSpec,
      ...(row.audience_json ? { audience: JSON.parse(row.audience_json) as Record<string, number> } : {}),
      ...(row.owner_pid !== null ? { ownerPid: row.owner_pid } : {}),
      ...(row.finished_at ? { finishedAt: row.finished_at } : {}),
    };
  }

  setState(id: string, state: StoredRun['state'], ownerPid: number | null): void {
    this.db
      .prepare("UPDATE seed_runs SET state = ?, owner_pid = ?, finished_at = CASE WHEN ? = 'sending' THEN NULL ELSE strftime('%Y-%m-%dT%H:%M:%fZ', 'now') END WHERE id = ?")
      .run(state, ownerPid, state, id);
  }

  /** Resolves a row whose send outcome was lost (crash while 'sending'). */
  resolveLost(runId: string, seq: number, status: 'accepted' | 'queued' | 'unknown', response: string): void {
    this.db
      .prepare("UPDATE seed_recipients SET status = ?, response = ?, sent_at = CASE WHEN ? = 'accepted' THEN COALESCE(sent_at, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) ELSE sent_at END WHERE run_id = ? AND seq = ? AND status IN ('sending', 'unknown')")
      .run(status, response, status, runId, seq);
  }

  setPlacement(runId: string, seq: number, result: PlacementResult): void {
    this.db
      .prepare(
        "UPDATE seed_recipients SET placement = ?, folder = ?, tab = ?, arrival_delay_sec = ?, late = ?, copies = ?, auth_json = ?, check_error = ?, checked_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE run_id = ? AND seq = ?",
      )
      .run(
        result.placement, result.folder ?? null, result.tab ?? null, result.arrivalDelaySec ?? null, result.late === undefined ? null : Number(result.late),
        result.copies ?? null, result.auth ? JSON.stringify(result.auth) : null, result.checkError ?? null, runId, seq,
      );
  }

  recipient(runId: string, seq: number): RecipientRecord {
    return toRecord(this.recipientRow.get(runId, seq) as RecipientDbRow);
  }

  recipients(runId: string, status?: RecipientStatus[]): RecipientRecord[] {
    const rows = this.db.prepare('SELECT * FROM seed_recipients WHERE run_id = ? ORDER BY seq').all(runId) as RecipientDbRow[];
    return rows.filter((row) => !status || status.includes(row.status)).map(toRecord);
  }

  /**
   * Up to `limit` rows after the row `after` (from the first without it), in seq order, and
   * the cursor for the next page when more rows follow. Unknown runs are not_found.
   */
  page(runId: string, after: number | undefined, limit: number): { rows: RecipientRecord[]; next?: number } {
    // One row more than asked says whether a next page exists without counting the rest.
    const rows = this.pageRows.all(runId, after ?? -1, limit + 1) as RecipientDbRow[];
    if (rows.length === 0) this.run(runId);
    const more = rows.length > limit;
    const page = (more ? rows.slice(0, limit) : rows).map(toRecord);
    return more ? { rows: page, next: page.at(-1)!.seq } : { rows: page };
  }

  summary(id: string): RunSummary {
    return this.aggregate(this.run(id)).summary;
  }

  /**
   * A run's summary and its placement counts per provider, from one GROUP BY pass in SQL:
   * the cost grows with the rows SQLite scans, not with JavaScript objects per row.
   */
  aggregate(run: StoredRun): { summary: RunSummary; placements: PlacementCount[] } {
    const counts = Object.fromEntries(RecipientStatusSchema.options.map((status) => [status, 0])) as Record<RecipientStatus, number>;
    const groups = this.tally.all(run.id) as Array<{ status: RecipientStatus; provider: string; placement: Placement; n: number; retries: number }>;
    // Rows written before one vocabulary may say `outlook`: their groups merge into `microsoft`.
    const placements = new Map<string, PlacementCount>();
    let total = 0;
    let retries = 0;
    for (const group of groups) {
      counts[group.status] += group.n;
      total += group.n;
      retries += group.retries;
      const provider = providerNamed(group.provider) ?? 'other';
      const key = `${provider} ${group.placement}`;
      const known = placements.get(key);
      if (known) known.count += group.n;
      else placements.set(key, { provider, placement: group.placement, count: group.n });
    }
    const smtp = `${run.smtp.security === 'tls' ? 'smtps' : 'smtp'}://${run.smtp.user ? `${run.smtp.user}@` : ''}${run.smtp.host}:${run.smtp.port}`;
    const summary: RunSummary = { id: run.id, createdAt: run.createdAt, subject: run.message.subject, from: run.message.from, smtp, state: endState(run.state, counts), total, counts, retries };
    return { summary, placements: [...placements.values()] };
  }

  /** Reads in one snapshot: the row-writer thread commits between statements, so counts and rows read apart could disagree. */
  snapshot<T>(read: () => T): T {
    return this.db.transaction(read)();
  }

  runIds(limit: number): string[] {
    return (this.db.prepare('SELECT id FROM seed_runs ORDER BY created_at DESC, rowid DESC LIMIT ?').all(limit) as Array<{ id: string }>).map((row) => row.id);
  }
}

/** A run whose sending ended with nothing accepted (and nothing that may have been: no 'unknown') failed. */
function endState(state: StoredRunState, counts: Record<RecipientStatus, number>): RunSummary['state'] {
  return state === 'sent' && counts.accepted + counts.unknown === 0 ? 'failed' : state;
}

/** Built field by field, not from a dozen conditional spreads: a run reads all its rows at once. */
function toRecord(row: RecipientDbRow): RecipientRecord {
  const record: RecipientRecord = {
    runId: row.run_id, seq: row.seq, address: row.address, provider: providerNamed(row.provider) ?? 'other', testId: row.test_id, status: row.status, attempts: row.attempts, placement: row.placement,
  };
  if (row.code !== null) record.code = row.code;
  if (row.response !== null) record.response = row.response;
  if (row.queue_id !== null) record.queueId = row.queue_id;
  if (row.sent_at !== null) record.sentAt = row.sent_at;
  if (row.duration_ms !== null) record.durationMs = row.duration_ms;
  if (row.folder !== null) record.folder = row.folder;
  if (row.tab !== null) record.tab = row.tab;
  if (row.arrival_delay_sec !== null) record.arrivalDelaySec = row.arrival_delay_sec;
  if (row.late !== null) record.late = row.late === 1;
  if (row.copies !== null) record.copies = row.copies;
  if (row.auth_json !== null) record.auth = JSON.parse(row.auth_json) as RecipientRow['auth'];
  if (row.check_error !== null) record.checkError = row.check_error;
  if (row.imap_json !== null) record.imap = JSON.parse(row.imap_json) as RecipientImap;
  return record;
}

/**
 * Every field of T, optional ones included (as undefined when absent). Rows built per
 * message are written out field by field, which V8 makes far faster than spreads and
 * rest patterns; this type makes a field added to the contract fail to compile there
 * until it is carried.
 */
export type EveryField<T> = { [K in keyof Required<T>]: T[K] };

/** A recipient row as the contract shows it (without IMAP details). */
export function publicRow(r: RecipientRecord): RecipientRow {
  return {
    runId: r.runId, seq: r.seq, address: r.address, provider: r.provider, testId: r.testId, status: r.status, attempts: r.attempts,
    code: r.code, response: r.response, queueId: r.queueId, sentAt: r.sentAt, durationMs: r.durationMs, placement: r.placement,
    folder: r.folder, tab: r.tab, arrivalDelaySec: r.arrivalDelaySec, late: r.late, copies: r.copies, auth: r.auth, checkError: r.checkError,
  } satisfies EveryField<RecipientRow>;
}
