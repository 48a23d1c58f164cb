import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate, openDatabase, schemaVersion } from '../../../electron/db/open';
import { migrations } from '../../../electron/db/migrations/index';
import { tempDir } from '../../support/temp';

const dirs: Array<() => void> = [];
afterEach(() => dirs.splice(0).forEach((cleanup) => cleanup()));

function tempFile(): string {
  const { dir, cleanup } = tempDir();
  dirs.push(cleanup);
  return join(dir, 'test.db');
}

describe('database', () => {
  it('opens in WAL mode with foreign keys and every migration applied', () => {
    const db = openDatabase(tempFile());
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(schemaVersion(db)).toBe(migrations.at(-1)!.version);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });

  it('is idempotent across reopenings', () => {
    const file = tempFile();
    openDatabase(file).close();
    const db = openDatabase(file);
    expect(schemaVersion(db)).toBe(migrations.at(-1)!.version);
    db.close();
  });

  it('rolls a failing migration back whole and keeps the old version', () => {
    const file = tempFile();
    const db = new Database(file);
    const broken = [
      ...migrations,
      {
        version: migrations.at(-1)!.version + 1,
        name: 'broken',
        up(target: Database.Database) {
          target.exec('CREATE TABLE half_done (id INTEGER)');
          throw new Error('disk on fire');
        },
      },
    ];
    expect(() => migrate(db, broken)).toThrow('disk on fire');
    expect(schemaVersion(db)).toBe(migrations.at(-1)!.version);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'half_done'").get()).toBeUndefined();
    db.close();
  });

  it('refuses a database from a newer Mailbench with advice', () => {
    const file = tempFile();
    const db = new Database(file);
    db.pragma('user_version = 999');
    expect(() => migrate(db, migrations)).toThrow(/newer than this Mailbench knows.*MAILBENCH_DATA_DIR/);
    db.close();
  });

  it('refuses migrations out of order', () => {
    const db = new Database(':memory:');
    expect(() => migrate(db, [{ version: 2, name: 'b', up() {} }, { version: 1, name: 'a', up() {} }])).toThrow(/increasing order/);
    db.close();
  });
});
