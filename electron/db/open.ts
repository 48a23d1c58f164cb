import { chmodSync, closeSync, openSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { migrations, type Migration } from './migrations/index';

export type Db = Database.Database;

/**
 * Opens (or creates) the Mailbench database and brings its schema up to date.
 * WAL keeps readers off the writer's back and, with synchronous=NORMAL, a crash
 * loses at most the last transaction, never the file.
 */
export function openDatabase(file: string, list: readonly Migration[] = migrations): Db {
  if (file !== ':memory:') makePrivate(file);
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db, list);
  return db;
}

/**
 * The database is created 0600 and an existing one tightened to it: it holds plans, seed lists and
 * secrets' ciphertext. SQLite gives its -wal and -shm files the database file's mode; ones left
 * looser by an older Mailbench are tightened too.
 */
function makePrivate(file: string): void {
  closeSync(openSync(file, 'a', 0o600));
  if (process.platform === 'win32') return;
  for (const path of [file, `${file}-wal`, `${file}-shm`]) {
    let mode: number;
    try {
      mode = statSync(path).mode & 0o777;
    } catch {
      continue; // no -wal or -shm yet
    }
    if (mode & 0o077) chmodSync(path, mode & 0o700);
  }
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Applies each migration newer than the file's user_version in its own transaction. */
export function migrate(db: Db, list: readonly Migration[]): void {
  assertOrdered(list);
  const current = schemaVersion(db);
  const latest = list.at(-1)?.version ?? 0;
  if (current > latest) {
    throw new Error(
      `The database has schema version ${current}, newer than this Mailbench knows (${latest}). Use a newer Mailbench or point MAILBENCH_DATA_DIR at another folder.`,
    );
  }
  for (const migration of list) {
    if (migration.version <= current) continue;
    db.transaction(() => {
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
}

function assertOrdered(list: readonly Migration[]): void {
  list.forEach((migration, index) => {
    const previous = index === 0 ? 0 : list[index - 1]!.version;
    if (!Number.isInteger(migration.version) || migration.version <= previous) {
      throw new Error(`Migration ${migration.name} has version ${migration.version}; versions must be whole numbers in increasing order.`);
    }
  });
}
