import nodemailer from 'nodemailer';
import { AppError } from '../../../shared/contract/errors';
import type { EventName, PayloadOf } from '../../../shared/contract/index';
import { From, FROM_NOT_AN_ADDRESS, type MessageSpec, type RecipientRow, RUN_ROWS_FIRST_PAGE, RUN_ROWS_MAX_PAGE, type RunDetail, type RunRowsPage, type RunSummary } from '../../../shared/contract/seeds';
import type { Db } from '../../db/open';
import type { SecretStore } from '../secrets/store';
import { composeMessage, type DkimKey, messageIdFor, testIdFor } from './compose';
import { SeedLibrary, secretIds } from './library';
import { findCopies, type FoundCopy, type MailboxLogin } from './mailbox';
import { placementMatrix, reportCsv } from './report';
import { type NewRecipient, publicRow, type RecipientRecord, RunStore, type SmtpTarget } from './run-store';
import { type RowWriter, startRowWriter } from './row-writer';
import { createSmtpTransport, DEFAULT_RETRY, type RetryPolicy, runSends } from './sender';
import { assertTransportSecurity } from './smtp-security';
import { textPartOf } from '../../../shared/mail/text-part';

/** Placement is checked this long after sending ends: 1, 2, 5, 10, 15, 30 and 60 minutes. */
export const DEFAULT_SCHEDULE_MS = [1, 2, 5, 10, 15, 30, 60].map((minutes) => minutes * 60_000);

export interface SeedServiceDeps {
  db: Db;
  secrets: SecretStore;
  emit<E extends EventName>(name: E, payload: PayloadOf<E>): void;
}

export interface SeedServiceOptions {
  retry?: RetryPolicy;
  /** Offsets after the end of sending at which placement is polled; the last closes the window. */
  scheduleMs?: readonly number[];
  /** Looks up a stored DKIM signing key by id. */
  dkimKey?: (id: string) => DkimKey | Promise<DkimKey>;
  /** Where environment-variable passwords are read (the CLI's environment). */
  env?: NodeJS.ProcessEnv;
}

export const SMTP_PASSWORD_ENV = 'MAILBENCH_SMTP_PASSWORD';
export const IMAP_PASSWORD_ENV = 'MAILBENCH_IMAP_PASSWORD';

interface ActiveRun {
  abort: AbortController;
  done: Promise<void>;
}

/**
 * Seed tests end to end: lists and profiles, send runs that survive a crash, and
 * placement polls. One instance per process; the UI, the CLI and the tests use it.
 */
export class SeedService {
  readonly library: SeedLibrary;
  readonly runs: RunStore;
  private readonly active = new Map<string, ActiveRun>();
  /** The last run started for each seed list: one sends at a time per list. */
  private readonly listRuns = new Map<string, string>();
  private readonly pollers = new Map<string, ReturnType<typeof setTimeout>>();
  /** Started with the first run and kept: a thread costs tens of milliseconds to start. */
  private writer: Promise<RowWriter> | undefined;
  private readonly retry: RetryPolicy;
  private readonly schedule: readonly number[];
  private readonly env: NodeJS.ProcessEnv;

  constructor(
    private readonly deps: SeedServiceDeps,
    private readonly options: SeedServiceOptions = {},
  ) {
    this.library = new SeedLibrary(deps.db, deps.secrets);
    this.runs = new RunStore(deps.db);
    this.retry = options.retry ?? DEFAULT_RETRY;
    this.schedule = options.scheduleMs ?? DEFAULT_SCHEDULE_MS;
    this.env = options.env ?? process.env;
    this.markOrphans();
  }

  /** The raw MIME a seed would get, signed when a key is chosen, with a sample test id. */
  async preview(message: MessageSpec, to = 'seed@example.com'): Promise<{ raw: string; testId: string }> {
    const dkim = await this.dkimFor(message);
    const testId = testIdFor('000000000000', 0);
    const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
    const info = await transport.sendMail(composeMessage(withTextPart(message), { to, testId }, dkim));
    return { raw: (info.message as Buffer).toString('utf8'), testId };
  }

  /** Starts sending to every seed of a list through a stored profile; returns at once. */
  async sendToList(input: { listId: string; profileId: string; message: MessageSpec; audience?: Record<string, number> | undefined }): Promise<string> {
    const list = this.library.list(input.listId);
    const profile = this.library.profile(input.profileId);
    if (list.seeds.length === 0) throw new AppError('invalid_input', `The seed list ${list.name} is empty.`, { hint: 'Add seed addresses or import a CSV first.' });
    const running = this.listRuns.get(list.id);
    // The stored state, not the pass in memory: it turns 'sent' before the event that tells the UI.
    if (running !== undefined && this.runs.run(running).state === 'sending') {
      throw new AppError('conflict', `Run ${running} is still sending to the seed list ${list.name}.`, { hint: 'Wait for it to finish or cancel it, then send again: two runs to the same seeds at once mix their copies.' });
    }
    const smtp: SmtpTarget = {
      host: profile.host,
      port: profile.port,
      security: profile.security,
      ...(profile.user ? { user: profile.user } : {}),
      poolSize: profile.poolSize,
      ratePerSecond: profile.ratePerSecond,
      password: profile.user ? { kind: 'secret', id: secretIds.smtp(profile.id) } : { kind: 'none' },
    };
    const recipients: NewRecipient[] = list.seeds.map((seed) => ({
      address: seed.address,
      provider: seed.provider,
      ...(seed.imap ? { imap: { ...seed.imap, ...(seed.hasPassword ? { secretId: secretIds.imap(list.id, seed.address) } : {}) } } : {}),
    }));
    const runId = await this.startRun({ smtp, message: input.message, recipients, audience: input.audience });
    this.listRuns.set(list.id, runId);
    return runId;
  }

  /** Creates a run and starts sending in the background; bad settings fail here, before anything is written. */
  async startRun(input: { smtp: SmtpTarget; message: MessageSpec; recipients: NewRecipient[]; audience?: Record<string, number> | undefined }): Promise<string> {
    assertTransportSecurity(input.smtp);
    assertFrom(input.message.from);
    const password = this.smtpPassword(input.smtp);
    const dkim = await this.dkimFor(input.message);
    const writes = await this.rowWriter();
    const { id: runId, rows } = this.runs.createRun({ ...input, message: withTextPart(input.message) });
    this.execute(runId, password, dkim, writes, rows);
    return runId;
  }

  /**
   * Continues a run that was cancelled or whose process died. Rows left 'sending' have an
   * unknown outcome: the seed mailbox is asked for the test id; found means accepted (not
   * sent again), absent from a mailbox we could read means resend, and without IMAP access
   * the row becomes 'unknown' and is only resent when the user says so (`resendUnknown`).
   * Rows already 'unknown' (their answer was lost after the whole message went out) are
   * looked up the same way: found means accepted; absent they stay unknown, as the copy
   * may still be on its way, unless the user asks to resend them.
   */
  async resume(runId: string, resendUnknown = false): Promise<string> {
    const run = this.runs.run(runId);
    if (this.active.has(runId) || (run.state === 'sending' && run.ownerPid !== undefined && run.ownerPid !== process.pid && isAlive(run.ownerPid))) {
      throw new AppError('conflict', `Run ${runId} is still being sent by process ${run.ownerPid ?? process.pid}.`, { hint: 'Wait for it to finish or cancel it first.' });
    }
    const password = this.smtpPassword(run.smtp);
    const dkim = await this.dkimFor(run.message);
    assertTransportSecurity(run.smtp);
    const lost = this.runs.recipients(runId, ['sending', 'unknown']);
    const found = await this.lookUp(lost);
    for (const row of lost) {
      const outcome = found.get(row.testId);
      if (row.status === 'unknown') {
        // Its message went out in full and no answer came: found means delivered; absent may still be on its way.
        if (outcome && outcome !== 'unreadable') this.runs.resolveLost(runId, row.seq, 'accepted', `Found in ${outcome.folder} after the lost answer, so it was delivered; not sent again.`);
      } else if (outcome === 'unreadable') {
        this.runs.resolveLost(runId, row.seq, 'unknown', 'Interrupted while sending; the mailbox could not be checked, so it is not resent without your say.');
      } else if (outcome) {
        this.runs.resolveLost(runId, row.seq, 'accepted', `Interrupted while sending; found in ${outcome.folder}, so not sent again.`);
      } else {
        this.runs.resolveLost(runId, row.seq, 'queued', 'Interrupted while sending and not in the mailbox; sending again.');
      }
    }
    if (resendUnknown) for (const row of this.runs.recipients(runId, ['unknown'])) this.runs.resolveLost(runId, row.seq, 'queued', 'Outcome unknown; resent at your request.');
    this.execute(runId, password, dkim, await this.rowWriter(), this.runs.recipients(runId));
    return runId;
  }

  /** What makes this run's copies differ from a real bulk send, said before the results are read. */
  warnings(message: MessageSpec): string[] {
    return unsubscribeWarning(message) ?? [];
  }

  cancel(runId: string): boolean {
    const active = this.active.get(runId);
    active?.abort.abort();
    return active !== undefined;
  }

  /** Resolves when the run's current sending pass ends (at once if none is active). */
  async finished(runId: string): Promise<void> {
    await this.active.get(runId)?.done;
  }

  /**
   * A run's summary and matrix, aggregated in SQL over all its rows, and the first `limit`
   * rows; `next` pages on with `rows`. Read in one snapshot, so the counts and the rows agree.
   */
  detail(runId: string, limit = RUN_ROWS_FIRST_PAGE): RunDetail {
    return this.runs.snapshot(() => {
      const run = this.runs.run(runId);
      const { summary, placements } = this.runs.aggregate(run);
      const page = this.rows(runId, undefined, limit);
      const detail: RunDetail = { run: summary, recipients: page.rows, matrix: placementMatrix(placements, run.audience) };
      if (page.next !== undefined) detail.next = page.next;
      return detail;
    });
  }

  /** A page of a run's rows in seq order, after the row `after` (see RunRowsPage). */
  rows(runId: string, after?: number, limit = RUN_ROWS_MAX_PAGE): RunRowsPage {
    const page = this.runs.page(runId, after, Math.min(limit, RUN_ROWS_MAX_PAGE));
    return page.next === undefined ? { rows: page.rows.map(publicRow) } : { rows: page.rows.map(publicRow), next: page.next };
  }

  /** Every row of a run, a page at a time: for a CLI that prints them all without holding them all. */
  *allRows(runId: string): Generator<RecipientRow> {
    let after: number | undefined;
    do {
      const page = this.rows(runId, after);
      yield* page.rows;
      after = page.next;
    } while (after !== undefined);
  }

  history(limit: number): RunSummary[] {
    return this.runs.runIds(limit).map((id) => this.runs.summary(id));
  }

  exportReport(runId: string): string {
    return reportCsv(this.runs.recipients(runId).map(publicRow));
  }

  /**
   * One placement poll: looks for every copy not found yet (read-only). Copies are
   * 'pending' until the window closes, then 'missing'; a copy found after that is still
   * recorded, marked late.
   */
  async checkPlacement(runId: string, now = new Date()): Promise<RunDetail> {
    const run = this.runs.run(runId);
    const windowEnd = Date.parse(run.finishedAt ?? run.createdAt) + this.schedule.at(-1)!;
    const rows = this.runs.recipients(runId);
    const open = rows.filter((row) => row.imap && !['inbox', 'tab', 'spam', 'not_sent'].includes(row.placement));
    // Never accepted: no copy to look for, and no verdict on placement either.
    for (const row of open.filter((candidate) => ['rejected', 'deferred', 'failed'].includes(candidate.status))) {
      this.savePlacement(row, { placement: 'not_sent' });
    }
    const expected = open.filter((row) => row.status === 'accepted' || row.status === 'unknown');
    for (const [login, group] of this.byMailbox(expected)) {
      if (!login) {
        for (const row of group) this.savePlacement(row, { placement: 'unchecked', checkError: `No IMAP password: store one with the seed list, or set ${row.imap?.passwordEnv ?? IMAP_PASSWORD_ENV}.` });
        continue;
      }
      let found: Map<string, FoundCopy>;
      try {
        found = await findCopies(login, group.map((row) => ({ testId: row.testId, messageId: messageIdFor(row.testId, run.message.from) })));
      } catch (error) {
        for (const row of group) this.savePlacement(row, { placement: row.placement, checkError: `IMAP ${login.host}:${login.port}: ${(error as Error).message}` });
        continue;
      }
      for (const row of group) {
        const copy = found.get(row.testId);
        if (!copy) {
          this.savePlacement(row, { placement: now.getTime() >= windowEnd ? 'missing' : 'pending' });
          continue;
        }
        if (row.status === 'unknown') this.runs.resolveLost(row.runId, row.seq, 'accepted', `No answer came after the message was sent; found in ${copy.folder}, so it was delivered (not sent again).`);
        const delay = row.sentAt ? Math.max(0, (copy.arrivedAt.getTime() - Date.parse(row.sentAt)) / 1000) : undefined;
        this.savePlacement(row, {
          placement: copy.kind === 'spam' ? 'spam' : copy.tab && copy.tab !== 'primary' ? 'tab' : 'inbox',
          folder: copy.folder,
          copies: copy.copies,
          late: now.getTime() > windowEnd,
          ...(copy.tab ? { tab: copy.tab } : {}),
          ...(delay !== undefined ? { arrivalDelaySec: Math.round(delay) } : {}),
          ...(copy.auth ? { auth: copy.auth } : {}),
        });
      }
    }
    this.deps.emit('seeds.run', this.runs.summary(runId));
    return this.detail(runId);
  }

  /** Polls placement on the schedule after sending ends, until every copy is placed or the window closes. */
  schedulePlacement(runId: string): void {
    this.stopPolling(runId);
    const run = this.runs.run(runId);
    const start = Date.parse(run.finishedAt ?? run.createdAt);
    const next = (index: number) => {
      const offset = this.schedule[index];
      if (offset === undefined) return this.pollers.delete(runId);
      const timer = setTimeout(() => {
        // The poll is the one due at `offset`: timers may fire a millisecond early, and the
        // last poll must still see its window closed.
        void this.checkPlacement(runId, new Date(Math.max(Date.now(), start + offset))).then(
          (detail) => (detail.matrix.overall.pending > 0 ? next(index + 1) : this.pollers.delete(runId)),
          () => next(index + 1),
        );
      }, Math.max(0, start + offset - Date.now()));
      timer.unref?.();
      this.pollers.set(runId, timer);
      return true;
    };
    next(0);
  }

  stopPolling(runId: string): void {
    clearTimeout(this.pollers.get(runId));
    this.pollers.delete(runId);
  }

  /** Cancels running sends and polls; rows not yet sent stay queued for a resume. */
  async close(): Promise<void> {
    for (const runId of [...this.pollers.keys()]) this.stopPolling(runId);
    for (const active of this.active.values()) active.abort.abort();
    await Promise.all([...this.active.values()].map((active) => active.done));
    const writer = this.writer;
    this.writer = undefined;
    await (await writer?.catch(() => undefined))?.close();
  }

  /** The writer thread; a new one when there is none yet or the last one failed (concurrent callers share it). */
  private rowWriter(): Promise<RowWriter> {
    const current = this.writer;
    const fresh = () => (this.writer === current ? (this.writer = startRowWriter(this.deps.db.name)) : this.writer!);
    if (!current) return fresh();
    return current.then((writer) => (writer.open ? writer : fresh()), fresh);
  }

  /** Sends the queued ones of `all`, the run's rows as they are now. */
  private execute(runId: string, password: string | undefined, dkim: DkimKey | undefined, writes: RowWriter, all: readonly RecipientRecord[]): void {
    const run = this.runs.run(runId);
    const rows = all.filter((row) => row.status === 'queued');
    const total = all.length;
    let settled = total - rows.length;
    let lastProgress = 0;
    const abort = new AbortController();
    const transport = createSmtpTransport(run.smtp, password);
    this.runs.setState(runId, 'sending', process.pid);
    this.deps.emit('seeds.run', this.runs.summary(runId));
    const done = runSends({
      rows,
      transport,
      writes,
      retry: this.retry,
      concurrency: run.smtp.poolSize,
      signal: abort.signal,
      build: (row) => composeMessage(run.message, { to: row.address, testId: row.testId }, dkim),
      onRow: (row) => {
        if (row.status !== 'queued' && row.status !== 'sending') settled++;
        this.deps.emit('seeds.row', publicRow(row));
        // Counts at most ten times a second: the rows already carry every detail.
        if (Date.now() - lastProgress >= 100 || settled === total) {
          lastProgress = Date.now();
          this.deps.emit('job.progress', { jobId: runId, kind: 'seeds.send', done: settled, total, state: 'running' });
        }
      },
    })
      .finally(() => transport.close())
      .then(() => {
        this.runs.setState(runId, abort.signal.aborted ? 'cancelled' : 'sent', null);
        const summary = this.runs.summary(runId);
        this.deps.emit('job.progress', { jobId: runId, kind: 'seeds.send', done: settled, total, state: summary.state === 'sent' ? 'finished' : summary.state === 'failed' ? 'failed' : 'cancelled' });
        this.deps.emit('seeds.run', summary);
        if (summary.state === 'sent') this.schedulePlacement(runId);
      })
      .finally(() => this.active.delete(runId));
    this.active.set(runId, { abort, done });
  }

  /** Runs whose sending process is gone are 'interrupted' until resumed. */
  private markOrphans(): void {
    const stale = this.deps.db.prepare("SELECT id, owner_pid FROM seed_runs WHERE state = 'sending'").all() as Array<{ id: string; owner_pid: number | null }>;
    for (const run of stale) {
      if (run.owner_pid === null || !isAlive(run.owner_pid)) this.runs.setState(run.id, 'interrupted', null);
    }
  }

  private smtpPassword(smtp: SmtpTarget): string | undefined {
    const source = smtp.password;
    if (source.kind === 'none') return undefined;
    const password = source.kind === 'secret' ? this.deps.secrets.get(source.id) : this.env[source.name];
    if (password === undefined || password === '') {
      throw new AppError('invalid_input', source.kind === 'env' ? `${source.name} is not set: the SMTP password is read from it.` : 'The SMTP profile has no stored password.', {
        hint: source.kind === 'env' ? `Set ${source.name} in the environment (never on the command line) and run again.` : 'Edit the SMTP profile and enter its password.',
      });
    }
    return password;
  }

  private async dkimFor(message: MessageSpec): Promise<DkimKey | undefined> {
    if (!message.dkimKeyId) return undefined;
    if (!this.options.dkimKey) {
      throw new AppError('unavailable', 'DKIM signing keys are not available in this build.', { hint: 'Send without a DKIM key, or add the key in the Authentication panel first.' });
    }
    return this.options.dkimKey(message.dkimKeyId);
  }

  private imapPassword(row: RecipientRecord): string | undefined {
    const imap = row.imap;
    if (!imap) return undefined;
    if (imap.secretId) {
      const stored = this.deps.secrets.get(imap.secretId);
      if (stored) return stored;
    }
    return (imap.passwordEnv ? this.env[imap.passwordEnv] : undefined) ?? this.env[IMAP_PASSWORD_ENV];
  }

  /** Rows grouped by mailbox login (one IMAP connection each); `undefined` holds rows without a password. */
  private byMailbox(rows: readonly RecipientRecord[]): Map<MailboxLogin | undefined, RecipientRecord[]> {
    const logins = new Map<string, MailboxLogin>();
    const groups = new Map<MailboxLogin | undefined, RecipientRecord[]>();
    for (const row of rows) {
      const password = this.imapPassword(row);
      let login: MailboxLogin | undefined;
      if (row.imap && password) {
        const key = `${row.imap.host}\n${row.imap.port}\n${row.imap.user}`;
        login = logins.get(key) ?? { host: row.imap.host, port: row.imap.port, tls: row.imap.tls, user: row.imap.user, password };
        logins.set(key, login);
      }
      groups.set(login, [...(groups.get(login) ?? []), row]);
    }
    return groups;
  }

  /** For resume: which lost rows are in their mailbox ('unreadable' when we cannot tell). */
  private async lookUp(rows: readonly RecipientRecord[]): Promise<Map<string, FoundCopy | 'unreadable'>> {
    const result = new Map<string, FoundCopy | 'unreadable'>();
    const from = rows[0] ? this.runs.run(rows[0].runId).message.from : '';
    for (const [login, group] of this.byMailbox(rows)) {
      let found: Map<string, FoundCopy> | undefined;
      if (login) {
        try {
          found = await findCopies(login, group.map((row) => ({ testId: row.testId, messageId: messageIdFor(row.testId, from) })));
        } catch {
          found = undefined;
        }
      }
      for (const row of group) {
        const copy = found?.get(row.testId);
        if (!found) result.set(row.testId, 'unreadable');
        else if (copy) result.set(row.testId, copy);
      }
    }
    return result;
  }

  private savePlacement(row: RecipientRecord, result: Parameters<RunStore['setPlacement']>[2]): void {
    this.runs.setPlacement(row.runId, row.seq, result);
    this.deps.emit('seeds.row', publicRow(this.runs.recipient(row.runId, row.seq)));
  }
}

/** The From must carry an address: without one nodemailer sends no From header and an invalid Message-ID. */
function assertFrom(from: string): void {
  const check = From.safeParse(from);
  if (!check.success) {
    throw new AppError('invalid_input', `From ${JSON.stringify(from.slice(0, 80))} holds no email address.`, {
      hint: 'Enter the address your real campaign sends from.',
      issues: [{ path: 'message.from', message: FROM_NOT_AN_ADDRESS }],
    });
  }
}

/** Gmail and Yahoo ask bulk senders for one-click unsubscribe (RFC 8058); a test without it is not the real message. */
function unsubscribeWarning(message: MessageSpec): string[] | undefined {
  if (message.unsubscribeUrl) return undefined;
  if (message.unsubscribeMailto) {
    return ['The copies carry List-Unsubscribe with a mailto: only, without one-click (https) unsubscribe: Gmail and Yahoo expect one-click from bulk senders, so placement may be worse than your real campaign\'s. Add an unsubscribe URL to test the real headers.'];
  }
  return ['The copies carry no List-Unsubscribe header: Gmail and Yahoo expect one-click unsubscribe from bulk senders, so placement may be worse than your real campaign\'s. Add an unsubscribe URL (and mailto:) to test the real headers.'];
}

/** A message without a text part gets the generated one: a missing text/plain part is a spam signal. */
function withTextPart(message: MessageSpec): MessageSpec {
  return message.text.trim() ? message : { ...message, text: textPartOf(message.html) };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

