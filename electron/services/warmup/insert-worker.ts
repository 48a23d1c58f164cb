import { startSqliteThread } from '../../db/sqlite-thread';
import type { EventRows } from './event-rows';

/** Rows per multi-row INSERT: one call into SQLite instead of 64 (a call per row cost about as much as its insert). */
const BLOCK = 64;

/**
 * The writer thread's program (see startSqliteThread). It holds ONE write transaction for
 * the whole import, and answers each batch with a code per event: 0 duplicate, 1 new and
 * counted, 2 new but its open/click of that message was already counted. If the process
 * dies, the transaction dies with it: nothing is committed.
 *
 * Keys go in blocks of BLOCK under a savepoint: when all of a block is new (an import of
 * fresh events), one statement stored it; when not, the block is rolled back and stored row
 * by row, which tells which ones were there already. Event ids (ESP prefix) and per-message
 * keys ("u:") never collide, so storing a batch's ids before its keys changes no outcome.
 */
const program = `
db.pragma('cache_size = -65536');
const plan = workerData.planId;
if (!Number.isSafeInteger(plan)) throw new Error('The plan id is not an integer.');
const BLOCK = ${BLOCK};
const insertOne = db.prepare(\`INSERT OR IGNORE INTO warmup_events (plan_id, event_id) VALUES (\${plan}, ?)\`);
const insertBlock = db.prepare(\`INSERT OR IGNORE INTO warmup_events (plan_id, event_id) VALUES \${Array(BLOCK).fill(\`(\${plan}, ?)\`).join(', ')}\`);
const savepoint = db.prepare('SAVEPOINT block');
const release = db.prepare('RELEASE block');
const undo = db.prepare('ROLLBACK TO block');
const block = new Array(BLOCK);

/** Stores keys[0..count) in order; fresh[i] is 1 when keys[i] was not there before. */
function store(keys, count) {
  const fresh = new Uint8Array(count);
  let i = 0;
  for (; i + BLOCK <= count; i += BLOCK) {
    for (let k = 0; k < BLOCK; k++) block[k] = keys[i + k];
    savepoint.run();
    if (insertBlock.run(block).changes === BLOCK) {
      release.run();
      fresh.fill(1, i, i + BLOCK);
      continue;
    }
    undo.run();
    release.run();
    for (let k = i; k < i + BLOCK; k++) fresh[k] = insertOne.run(keys[k]).changes;
  }
  for (; i < count; i++) fresh[i] = insertOne.run(keys[i]).changes;
  return fresh;
}

db.exec('BEGIN IMMEDIATE');
parentPort.postMessage({ type: 'ready' });
let failed = false;
parentPort.on('message', (message) => {
  // After a failure the transaction is rolled back: batches already on their way must not be
  // written (outside any transaction, each would commit on its own), only an abort is taken.
  if (failed && message.type !== 'abort') return;
  try {
    if (message.type === 'rows') {
      // Per event: its id, NUL, its once-per-message key ('' for none), NUL (see event-rows.ts).
      const { rows, count } = message;
      const fields = Buffer.from(rows.buffer, rows.byteOffset, rows.byteLength).toString('utf8').split('\u0000');
      if (fields.length !== 2 * count + 1) throw new Error('An event id contains a NUL character; the export is not one Mailbench can read.');
      const ids = new Array(count);
      for (let i = 0; i < count; i++) ids[i] = fields[2 * i];
      const codes = store(ids, count);
      // Of the new events, those that count once per message: new keys count (1), known ones not (2).
      const keyed = [];
      const keys = [];
      for (let i = 0; i < count; i++) {
        if (codes[i] === 1 && fields[2 * i + 1] !== '') {
          keyed.push(i);
          keys.push(fields[2 * i + 1]);
        }
      }
      const freshKeys = store(keys, keys.length);
      for (let k = 0; k < keyed.length; k++) if (freshKeys[k] === 0) codes[keyed[k]] = 2;
      parentPort.postMessage({ type: 'codes', seq: message.seq, codes }, [codes.buffer]);
    } else if (message.type === 'finish') {
      let lastId = 0;
      for (const [sql, rows] of message.statements) {
        const statement = db.prepare(sql);
        for (const params of rows) lastId = Number(statement.run(...params).lastInsertRowid);
      }
      db.exec('COMMIT');
      db.close();
      parentPort.postMessage({ type: 'committed', lastId });
    } else if (message.type === 'abort') {
      if (db.open && db.inTransaction) db.exec('ROLLBACK');
      if (db.open) db.close();
      parentPort.postMessage({ type: 'aborted' });
    }
  } catch (error) {
    failed = true;
    if (db.open && db.inTransaction) db.exec('ROLLBACK');
    parentPort.postMessage({ type: 'failed', message: error && error.message ? error.message : String(error) });
  }
});
`;

type Reply =
  | { type: 'ready' | 'aborted' }
  | { type: 'codes'; seq: number; codes: Uint8Array }
  | { type: 'committed'; lastId: number }
  | { type: 'failed'; message: string };

/** Statements to run at the end, inside the same transaction: SQL and one parameter list per run. */
export type FinalStatements = Array<[sql: string, rows: unknown[][]]>;

export interface EventWriter {
  /** Inserts a batch's event ids and per-message open/click keys (the bytes are transferred); resolves to a code per event. */
  write(rows: EventRows): Promise<Uint8Array>;
  /** Runs the final statements and commits; resolves to the last inserted row id. */
  commit(statements: FinalStatements): Promise<number>;
  /** Rolls back and stops. */
  abort(): Promise<void>;
}

/**
 * Starts the writer thread for one import. Parsing stays on the calling thread, SQLite
 * writes run here in parallel, so an import costs about the larger of the two instead
 * of their sum, and the calling thread never blocks on a long COMMIT.
 */
export async function startEventWriter(databaseFile: string, planId: number): Promise<EventWriter> {
  const worker = startSqliteThread(databaseFile, program, { planId });
  const waiting = new Map<number, (codes: Uint8Array) => void>();
  let settle: ((reply: Reply) => void) | undefined;
  let failure: Error | undefined;
  let seq = 0;
  const fail = (error: Error) => {
    failure ??= error;
    for (const resolve of waiting.values()) resolve(new Uint8Array(0));
    waiting.clear();
    settle?.({ type: 'failed', message: error.message });
  };
  // A thread that died answers nothing more; one that reported a failure still takes the abort.
  let dead = false;
  worker.on('error', (error) => {
    dead = true;
    fail(error);
  });
  worker.on('message', (reply: Reply) => {
    if (reply.type === 'codes') {
      waiting.get(reply.seq)?.(reply.codes);
      waiting.delete(reply.seq);
    } else if (reply.type === 'failed') fail(new Error(reply.message));
    else settle?.(reply);
  });
  const next = () => new Promise<Reply>((resolve) => (settle = resolve));
  const checked = (reply: Reply) => {
    if (failure) throw failure;
    return reply;
  };
  checked(await next());

  return {
    write(rows) {
      const codes = failure ? Promise.reject(failure) : new Promise<Uint8Array>((resolve, reject) => {
        const id = seq++;
        waiting.set(id, (answer) => (failure ? reject(failure) : resolve(answer)));
        // One buffer of all the rows crosses threads by transfer: no copy, no string per row.
        const bytes = rows.take();
        worker.postMessage({ type: 'rows', seq: id, count: rows.count, rows: bytes }, [bytes.buffer as ArrayBuffer]);
      });
      // The caller awaits a batch's codes only a few batches later: a failure meanwhile must not count as
      // an unhandled rejection (which ends the process). The caller still sees it when it awaits.
      codes.catch(() => {});
      return codes;
    },
    async commit(statements) {
      if (failure) throw failure;
      const done = next();
      worker.postMessage({ type: 'finish', statements });
      const reply = checked(await done);
      await worker.terminate();
      return reply.type === 'committed' ? reply.lastId : 0;
    },
    async abort() {
      if (!dead) {
        const done = next();
        worker.postMessage({ type: 'abort' });
        await done;
      }
      await worker.terminate();
    },
  };
}
