import { startSqliteThread } from '../../db/sqlite-thread';

/**
 * The writer thread's program (see startSqliteThread). It holds ONE write transaction for
 * the whole import, and answers each batch with a code per event: 0 duplicate, 1 new and
 * counted, 2 new but its open/click of that message was already counted. If the process
 * dies, the transaction dies with it: nothing is committed.
 */
const program = `
db.pragma('cache_size = -65536');
const insert = db.prepare('INSERT OR IGNORE INTO warmup_events (plan_id, event_id) VALUES (?, ?)');
const plan = workerData.planId;
db.exec('BEGIN IMMEDIATE');
parentPort.postMessage({ type: 'ready' });
parentPort.on('message', (message) => {
  try {
    if (message.type === 'rows') {
      const ids = message.ids.split('\u0000');
      const uniques = message.uniques.split('\u0000');
      if (ids.length !== message.count || uniques.length !== message.count) throw new Error('An event id contains a NUL character; the export is not one Mailbench can read.');
      const codes = new Uint8Array(ids.length);
      for (let i = 0; i < ids.length; i++) {
        if (insert.run(plan, ids[i]).changes === 0) continue;
        codes[i] = uniques[i] === '' || insert.run(plan, uniques[i]).changes === 1 ? 1 : 2;
      }
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
      if (db.inTransaction) db.exec('ROLLBACK');
      db.close();
      parentPort.postMessage({ type: 'aborted' });
    }
  } catch (error) {
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
  /** Inserts event ids (given without the ESP prefix) and per-message open/click keys ('' for none); resolves to a code per event. */
  write(ids: string[], uniques: string[]): Promise<Uint8Array>;
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
export async function startEventWriter(databaseFile: string, planId: number, idPrefix: string): Promise<EventWriter> {
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
  worker.on('error', fail);
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
    write(ids, uniques) {
      if (failure) return Promise.reject(failure);
      const id = seq++;
      return new Promise((resolve, reject) => {
        waiting.set(id, (codes) => (failure ? reject(failure) : resolve(codes)));
        // One joined string crosses threads far cheaper than thousands of small ones, and
        // prefixing while joining makes no string per id.
        worker.postMessage({ type: 'rows', seq: id, count: ids.length, ids: idPrefix + ids.join(`\u0000${idPrefix}`), uniques: uniques.join('\u0000') });
      });
    },
    async commit(statements) {
      const done = next();
      worker.postMessage({ type: 'finish', statements });
      const reply = checked(await done);
      await worker.terminate();
      return reply.type === 'committed' ? reply.lastId : 0;
    },
    async abort() {
      if (!failure) {
        const done = next();
        worker.postMessage({ type: 'abort' });
        await done;
      }
      await worker.terminate();
    },
  };
}
