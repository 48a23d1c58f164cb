import { startSqliteThread } from '../../db/sqlite-thread';
import type { EveryField, LostAfterData, RecipientRecord, SendResult } from './run-store';
import type { RetryableFailure } from './sender';

/**
 * The row writes of a send run, on a SQLite thread of their own (see startSqliteThread).
 * A request is answered only once committed: a row is 'sending' on disk before its
 * message leaves, and its outcome is on disk before anyone is told of it.
 */
const program = `
const claim = db.prepare("UPDATE seed_recipients SET status = 'sending', attempts = attempts + 1 WHERE run_id = ? AND seq = ? AND status = 'queued'");
// Only the attempt count comes back: the rest of the row is known to the caller.
const settle = db.prepare('UPDATE seed_recipients SET status = ?, code = ?, response = ?, queue_id = ?, sent_at = ?, duration_ms = ? WHERE run_id = ? AND seq = ? RETURNING attempts');
const requeue = db.prepare("UPDATE seed_recipients SET status = 'queued', code = ?, response = ? WHERE run_id = ? AND seq = ? RETURNING attempts");
function step(request) {
  const reply = { id: request.id };
  if (request.settle) reply.attempts = settle.get(...request.settle).attempts;
  if (request.requeue) reply.attempts = requeue.get(...request.requeue).attempts;
  if (request.claim) reply.claimed = claim.run(...request.claim).changes === 1;
  return reply;
}
const one = db.transaction(step);
const many = db.transaction((requests) => requests.map(step));
// Group commit: requests that arrive while a commit runs share the next one. Each is
// still answered only after its commit, so nothing changes for the caller but the cost.
const queue = [];
function flush() {
  const requests = queue.splice(0);
  if (requests.length === 0) return;
  let replies;
  try {
    replies = many(requests);
  } catch {
    // one bad request must not fail the others: run each on its own
    replies = requests.map((request) => {
      try {
        return one(request);
      } catch (error) {
        return { id: request.id, error: error && error.message ? error.message : String(error) };
      }
    });
  }
  parentPort.postMessage(replies);
}
parentPort.on('message', (request) => {
  if (request === 'close') {
    flush();
    db.close();
    parentPort.close();
    return;
  }
  if (queue.push(request) === 1) setImmediate(flush);
});
`;

type Key = [runId: string, seq: number];
interface Request {
  id: number;
  settle?: [status: string, code: number | null, response: string | null, queueId: string | null, sentAt: string, durationMs: number, ...Key];
  requeue?: [code: number | null, response: string, ...Key];
  claim?: Key;
}
interface Reply {
  id: number;
  attempts?: number;
  claimed?: boolean;
  error?: string;
}

/** A sent row's outcome, to be written: the row as it was claimed and what the server said. */
export interface SentRow {
  row: RecipientRecord;
  result: SendResult | LostAfterData;
}

export interface RowWriter {
  /**
   * In one commit: writes a sent row's outcome and claims the next row (queued → sending;
   * `claimed` is false when another worker or process has it). Either may be left out.
   */
  settleAndClaim(sent: SentRow | undefined, next: RecipientRecord | undefined): Promise<{ settled: RecipientRecord | undefined; claimed: boolean }>;
  /**
   * Back to queued, for a failure that left the message certainly not accepted (4xx, or
   * lost before the whole message went out). Only such a failure has this type: a row
   * whose message was handed over is settled 'unknown' instead, never requeued.
   */
  requeue(row: RecipientRecord, failure: RetryableFailure): Promise<RecipientRecord>;
  /** False once the thread has stopped, closed or failed. */
  readonly open: boolean;
  close(): Promise<void>;
}

/** Starts the writer thread of a database file; resolves once it is ready to take requests. */
export async function startRowWriter(databaseFile: string): Promise<RowWriter> {
  const worker = startSqliteThread(databaseFile, `${program}\nparentPort.postMessage([{ id: -1 }]);`);
  const waiting = new Map<number, { resolve: (reply: Reply) => void; reject: (error: Error) => void }>();
  let failure: Error | undefined;
  let closing = false;
  let next = 0;
  const failAll = (error: Error) => {
    failure ??= error;
    for (const { reject } of waiting.values()) reject(failure);
    waiting.clear();
  };
  worker.on('error', failAll);
  worker.on('exit', () => failAll(new Error('The database writer thread stopped.')));
  // Replies come in batches, one per commit.
  worker.on('message', (replies: Reply[]) => {
    for (const reply of replies) {
      const pending = waiting.get(reply.id);
      if (!pending) continue;
      waiting.delete(reply.id);
      if (reply.error !== undefined) pending.reject(new Error(`Could not record a seed row: ${reply.error}`));
      else pending.resolve(reply);
    }
    // Idle, the thread must not keep the process alive; a request in flight, or closing, must.
    if (waiting.size === 0 && !closing) worker.unref();
  });
  const send = (request: Omit<Request, 'id'>): Promise<Reply> => {
    if (failure) return Promise.reject(failure);
    const id = next++;
    worker.ref();
    return new Promise((resolve, reject) => {
      waiting.set(id, { resolve, reject });
      worker.postMessage(Object.assign(request, { id }));
    });
  };
  await new Promise<void>((resolve, reject) => {
    waiting.set(-1, { resolve: () => resolve(), reject });
  });

  return {
    get open() {
      return failure === undefined;
    },
    async settleAndClaim(sent, row) {
      const sentAt = new Date().toISOString();
      const request: Omit<Request, 'id'> = {};
      if (sent) request.settle = [sent.result.status, sent.result.code ?? null, sent.result.response ?? null, sent.result.queueId ?? null, sentAt, sent.result.durationMs, sent.row.runId, sent.row.seq];
      if (row) request.claim = [row.runId, row.seq];
      const reply = await send(request);
      return { claimed: reply.claimed === true, settled: sent && settledRow(sent, sentAt, reply.attempts!) };
    },
    async requeue(row, { code, response }) {
      const reply = await send({ requeue: [code ?? null, response, row.runId, row.seq] });
      return { ...row, status: 'queued', attempts: reply.attempts!, code, response };
    },
    async close() {
      if (failure) return;
      const exited = new Promise((resolve) => worker.once('exit', resolve));
      closing = true;
      worker.ref();
      worker.postMessage('close');
      await exited;
    },
  };
}

/**
 * The row after its final write. That write sets every field a send changes, so the row
 * is the claimed one with those fields (undefined where the server gave none) and the
 * attempt count, and needs no reading back.
 */
function settledRow({ row: r, result }: SentRow, sentAt: string, attempts: number): RecipientRecord {
  return {
    runId: r.runId, seq: r.seq, address: r.address, provider: r.provider, testId: r.testId, status: result.status, attempts,
    code: result.code, response: result.response, queueId: result.queueId, sentAt, durationMs: result.durationMs, placement: r.placement,
    folder: r.folder, tab: r.tab, arrivalDelaySec: r.arrivalDelaySec, late: r.late, copies: r.copies, auth: r.auth, checkError: r.checkError, imap: r.imap,
  } satisfies EveryField<RecipientRecord>;
}
