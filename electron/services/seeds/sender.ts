import type { Readable } from 'node:stream';
import nodemailer, { type SendMailOptions, type Transporter } from 'nodemailer';
import DKIM, { type DKIMOptions } from 'nodemailer/lib/dkim';
import type { LostAfterData, RecipientRecord, SendResult, SmtpTarget } from './run-store';
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
  const transport = nodemailer.createTransport({
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
  transport.use('stream', watchHandover);
  return transport;
}

/** What an attempt asks of the transport's stream stage, carried in the message options under this key. */
const ATTEMPT = 'mailbenchAttempt';
interface AttemptWatch {
  /** Called once the connection has read the whole message. */
  handedOver(): void;
  /** Signs the message as the last step before the watch, when a key was chosen. */
  dkim: DKIM | undefined;
}

/**
 * nodemailer buffers a message well before the server says 354, so the message's own
 * stream ends early; the last stage of it, though, is read only by the DATA stream,
 * which writes the final dot when it ends. The end of that stage is the moment the
 * whole message was handed to the connection. DKIM signs here, before the watch, since
 * a signer reads all of its input before writing anything and would hide that moment.
 */
function watchHandover(mail: { data: object; message: { processFunc(fn: (input: Readable) => Readable): void } }, done: (error?: Error | null) => void): void {
  const watch = (mail.data as { [ATTEMPT]?: AttemptWatch })[ATTEMPT];
  if (watch) {
    mail.message.processFunc((input) => {
      // No stage of our own: a readable ends only once its reader has taken everything.
      const last = watch.dkim ? watch.dkim.sign(input) : input;
      last.once('end', watch.handedOver);
      return last;
    });
  }
  done();
}

/**
 * What one attempt to send a row's message tells. The three cases are apart because
 * only one of them may be sent again: a message handed over in full may have been
 * stored even when no answer came, and a second copy is a defect of the test.
 */
export type Attempt =
  /** The server answered yes or no, or the failure is one that trying again cannot fix. */
  | { kind: 'final'; result: SendResult }
  /** Refused with 4xx, or failed before the whole message was handed over: certainly not accepted. */
  | { kind: 'retry'; failure: RetryableFailure }
  /** The connection was lost or timed out after the message was handed over and before the answer. */
  | { kind: 'unknown'; result: LostAfterData };

/** A failure that left the message certainly not accepted; the only kind a row is requeued for. */
export interface RetryableFailure {
  code?: number;
  response: string;
}

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
  /** The system or OpenSSL code nodemailer keeps when it sets its own `code` (ESOCKET, ETLS). */
  originalCode?: string;
}

/** What an SMTP answer means for this recipient: accepted, permanent refusal, or try again. */
export function classifyInfo(info: SmtpInfo, durationMs: number): Attempt {
  const rejected = info.rejectedErrors?.[0];
  if ((info.rejected?.length ?? 0) > 0 && rejected) return classifyError(rejected, durationMs, false);
  const response = info.response ?? '';
  const code = Number(/^(\d{3})/.exec(response)?.[1] ?? 250);
  const queueId = queueIdOf(response);
  return { kind: 'final', result: { status: 'accepted', code, response, durationMs, ...(queueId ? { queueId } : {}) } };
}

/**
 * What a failed attempt means. `handedOver` says whether the whole message had been
 * given to the connection: after that, silence (a drop, a timeout) is not a "no".
 */
export function classifyError(error: SmtpError, durationMs: number, handedOver: boolean): Attempt {
  const code = error.responseCode;
  const response = (error.response ?? error.message).slice(0, 1000);
  if (code !== undefined && code >= 500) return { kind: 'final', result: { status: 'rejected', code, response, durationMs } };
  // A 4xx is an answer, even after the data: the server says it did not take the message.
  if (code !== undefined) return { kind: 'retry', failure: { code, response } };
  const certificate = certificateProblem(error);
  if (certificate) return { kind: 'final', result: { status: 'failed', response: certificate, durationMs } };
  if (handedOver) {
    return {
      kind: 'unknown',
      result: {
        status: 'unknown',
        response: `No answer after the whole message was sent (${response}); the server may have stored it, so it is not sent again. The seed mailbox is checked for it.`.slice(0, 1000),
        durationMs,
      },
    };
  }
  return { kind: 'retry', failure: { response } };
}

/** OpenSSL's verdicts on a certificate, in words, and what the user can do about each. */
const CERTIFICATE_PROBLEMS: ReadonlyMap<string, string> = new Map([
  ['DEPTH_ZERO_SELF_SIGNED_CERT', 'is self-signed'],
  ['SELF_SIGNED_CERT_IN_CHAIN', 'chains to a self-signed root that is not trusted'],
  ['CERT_HAS_EXPIRED', 'has expired'],
  ['CERT_NOT_YET_VALID', 'is not valid yet (check this computer\'s clock too)'],
  ['ERR_TLS_CERT_ALTNAME_INVALID', 'does not name the host you connect to (hostname mismatch)'],
  ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'is signed by an unknown certificate authority'],
  ['UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'is signed by an unknown certificate authority'],
  ['UNABLE_TO_GET_ISSUER_CERT', 'is signed by an unknown certificate authority'],
  ['CERT_UNTRUSTED', 'is not trusted'],
  ['CERT_REJECTED', 'is rejected'],
  ['CERT_REVOKED', 'has been revoked'],
  ['CERT_SIGNATURE_FAILURE', 'has a signature that does not verify'],
  ['INVALID_CA', 'chains through a certificate that is not a valid CA'],
]);

/**
 * A certificate the connection refused: the same certificate comes back on every retry,
 * so it is a final failure that says what failed and what to do, not a transient one.
 */
export function certificateProblem(error: SmtpError): string | undefined {
  const code = [error.originalCode, error.code].find((candidate) => candidate !== undefined && CERTIFICATE_PROBLEMS.has(candidate));
  if (!code) return undefined;
  return `TLS certificate check failed: the server's certificate ${CERTIFICATE_PROBLEMS.get(code)!} (${code}). Not retried: the same certificate would come back. Fix the server's certificate (a certificate from a public CA for the exact host name), or use the host name the certificate names.`;
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

/**
 * Sends a row already marked 'sending', retrying only failures that left the message
 * certainly not accepted, with backoff; returns its outcome to write, or nothing if
 * cancelled while waiting.
 */
async function sendClaimed(job: SendJob, row: RecipientRecord): Promise<SentRow | undefined> {
  let message: SendMailOptions;
  let dkim: DKIM | undefined;
  try {
    const { dkim: signing, ...rest } = job.build(row);
    message = rest;
    dkim = signing ? new DKIM(signing as DKIMOptions) : undefined;
  } catch (error) {
    // Nothing left this machine, and the same message would fail the same way again.
    return { row, result: { status: 'failed', response: `The message could not be built: ${(error as Error).message}`.slice(0, 1000), durationMs: 0 } };
  }
  for (let attempt = 1; ; attempt++) {
    if (attempt > 1 && !(await job.writes.settleAndClaim(undefined, row)).claimed) return undefined;
    const started = performance.now();
    let handedOver = false;
    const watch: AttemptWatch = { handedOver: () => (handedOver = true), dkim };
    let outcome: Attempt;
    try {
      outcome = classifyInfo((await job.transport.sendMail({ ...message, [ATTEMPT]: watch } as SendMailOptions)) as SmtpInfo, performance.now() - started);
    } catch (error) {
      outcome = classifyError(error as SmtpError, performance.now() - started, handedOver);
    }
    if (outcome.kind !== 'retry') return { row, result: outcome.result };
    const { failure } = outcome;
    if (attempt >= job.retry.maxAttempts) {
      return { row, result: { status: failure.code !== undefined ? 'deferred' : 'failed', response: failure.response, durationMs: performance.now() - started, ...(failure.code !== undefined ? { code: failure.code } : {}) } };
    }
    job.onRow(await job.writes.requeue(row, failure));
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
