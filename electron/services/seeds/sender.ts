import nodemailer, { type SendMailOptions, type Transporter } from 'nodemailer';
import type { RecipientRecord, SendResult, SmtpTarget } from './run-store';
import type { RowWriter, SentRow } from './row-writer';

export interface RetryPolicy {
  /** Attempts per recipient, the first included. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

/** 2 s, 4 s, 8 s, 16 s: a greylisting or busy MX usually takes one of these. */
export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 5, baseDelayMs: 2000, maxDelayMs: 60_000 };

/** One pooled nodemailer transport for a run: the profile's connections and rate. */
export function createSmtpTransport(target: SmtpTarget, password: string | undefined): Transporter {
  return nodemailer.createTransport({
    host: target.host,
    port: target.port,
    secure: target.security === 'tls',
    requireTLS: target.security === 'starttls',
    ...(target.user ? { auth: { user: target.user, pass: password ?? '' } } : {}),
    pool: true,
    maxConnections: target.poolSize,
    maxMessages: Infinity,
    ...(target.ratePerSecond > 0 ? { rateDelta: 1000, rateLimit: target.ratePerSecond } : {}),
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 120_000,
  });
}

type Outcome = (SendResult & { transient?: never }) | { transient: true; code?: number; response: string };

interface SmtpInfo {
  response?: string;
  rejected?: unknown[];
  rejectedErrors?: Array<{ responseCode?: number; response?: string; message: string }>;
}
interface SmtpError {
  responseCode?: number;
  response?: string;
  message: string;
  code?: string;
}

/** What an SMTP answer means for this recipient: accepted, permanent refusal, or try again. */
export function classifyInfo(info: SmtpInfo, durationMs: number): Outcome {
  const rejected = info.rejectedErrors?.[0];
  if ((info.rejected?.length ?? 0) > 0 && rejected) return classifyError(rejected, durationMs);
  const response = info.response ?? '';
  const code = Number(/^(\d{3})/.exec(response)?.[1] ?? 250);
  const queueId = queueIdOf(response);
  return { status: 'accepted', code, response, durationMs, ...(queueId ? { queueId } : {}) };
}

export function classifyError(error: SmtpError, durationMs: number): Outcome {
  const code = error.responseCode;
  const response = (error.response ?? error.message).slice(0, 1000);
  if (code !== undefined && code >= 500) return { status: 'rejected', code, response, durationMs };
  // 4xx, and connections that dropped or timed out before an answer: the message was not accepted.
  return { transient: true, response, ...(code !== undefined ? { code } : {}) };
}

/** The server's queue id from a 250 reply, in the forms Postfix, Exim, Sendmail, Gmail and Microsoft use. */
export function queueIdOf(response: string): string | undefined {
  const patterns = [/queued as ([\w.-]+)/i, /\bid=([\w.-]+)/i, /^250 2\.0\.0 OK\s+\d+\s+(\S+)/, /^250 2\.6\.0 <[^>]+> \[InternalId=(\d+)/, /^250 (?:2\.0\.0 )?([A-Za-z0-9]{8,}) Message accepted/];
  for (const pattern of patterns) {
    const match = pattern.exec(response);
    if (match) return match[1];
  }
  return undefined;
}

export function backoffMs(attempt: number, policy: RetryPolicy): number {
  const base = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(base * (0.8 + Math.random() * 0.4));
}

export interface SendJob {
  /** The queued rows, as read before the run starts. */
  rows: readonly RecipientRecord[];
  transport: Pick<Transporter, 'sendMail'>;
  build(row: RecipientRecord): SendMailOptions;
  writes: RowWriter;
  retry: RetryPolicy;
  concurrency: number;
  signal: AbortSignal;
  /** A row got an outcome or a retry (not called for 'sending': that write is for crash safety, not news). */
  onRow(row: RecipientRecord): void;
}

/**
 * Sends each queued row through the pooled transport with `concurrency` workers. Each
 * row is written 'sending' before the message leaves and its outcome right after, so
 * nothing accepted is marked queued and nothing unsent is marked accepted. A worker
 * writes one row's outcome and claims its next row in the same commit: the two happen at
 * the same instant anyway. The writes run on the writer's thread, so while one worker
 * waits for its commit the others keep this thread busy with SMTP.
 */
export async function runSends(job: SendJob): Promise<void> {
  let next = 0;
  const worker = async () => {
    let sent: SentRow | undefined;
    for (;;) {
      const row = job.signal.aborted ? undefined : job.rows[next++];
      if (!sent && !row) return;
      const { settled, claimed } = await job.writes.settleAndClaim(sent, row);
      if (settled) job.onRow(settled);
      sent = undefined;
      if (!row) return;
      if (claimed) sent = await sendClaimed(job, row);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, job.concurrency) }, worker));
}

/** Sends a row already marked 'sending', retrying 4xx with backoff; returns its outcome to write, or nothing if cancelled while waiting. */
async function sendClaimed(job: SendJob, row: RecipientRecord): Promise<SentRow | undefined> {
  for (let attempt = 1; ; attempt++) {
    if (attempt > 1 && !(await job.writes.settleAndClaim(undefined, row)).claimed) return undefined;
    const started = performance.now();
    let outcome: Outcome;
    try {
      outcome = classifyInfo((await job.transport.sendMail(job.build(row))) as SmtpInfo, performance.now() - started);
    } catch (error) {
      outcome = classifyError(error as SmtpError, performance.now() - started);
    }
    if (!outcome.transient) return { row, result: outcome };
    if (attempt >= job.retry.maxAttempts) {
      return { row, result: { status: outcome.code !== undefined ? 'deferred' : 'failed', response: outcome.response, durationMs: performance.now() - started, ...(outcome.code !== undefined ? { code: outcome.code } : {}) } };
    }
    job.onRow(await job.writes.requeue(row, outcome.code, outcome.response));
    if (!(await sleep(backoffMs(attempt, job.retry), job.signal))) return undefined;
  }
}

/** Resolves true after `ms`, or false as soon as the signal aborts. */
function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
