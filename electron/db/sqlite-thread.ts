import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * What every SQLite thread starts with: `parentPort`, `workerData`, and `db`, its own
 * connection to the database file, set up as `openDatabase` sets up the app's (the file
 * is already in WAL mode and migrated by then).
 */
const prelude = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 5000');
db.pragma('synchronous = NORMAL');
db.pragma('foreign_keys = ON');
`;

/**
 * Runs `program` on a thread of its own with a connection to `databaseFile`, so that a
 * stream of writes costs the calling thread a message each instead of the write. The
 * program is plain JavaScript evaluated from a string because the app ships as single
 * bundles (dist/cli.mjs, dist/electron/main.mjs): a worker file of its own would not
 * exist next to them. `data` reaches the program as `workerData`.
 */
export function startSqliteThread(databaseFile: string, program: string, data: Record<string, unknown> = {}): Worker {
  if (databaseFile === '' || databaseFile === ':memory:') throw new Error('A SQLite thread needs a database file: an in-memory database cannot be shared between threads.');
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  return new Worker(`${prelude}\n${program}`, { eval: true, workerData: { ...data, driver, file: databaseFile } });
}
