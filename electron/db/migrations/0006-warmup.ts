import type { Migration } from './index';

/**
 * Warm-up plans, their schedule (kept as history once sent: replanning rewrites only
 * later dates), the ids of imported events (for dedupe) and the day totals per provider
 * and IP. Events are not kept whole: a million-line export becomes a few hundred rows.
 */
export const warmup: Migration = {
  version: 6,
  name: 'warmup',
  up(db) {
    db.exec(`
      CREATE TABLE warmup_plans (
        id           INTEGER PRIMARY KEY,
        name         TEXT NOT NULL UNIQUE,
        spec_json    TEXT NOT NULL,
        created_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
        replanned_at TEXT
      ) STRICT;

      CREATE TABLE warmup_schedule (
        plan_id     INTEGER NOT NULL REFERENCES warmup_plans(id) ON DELETE CASCADE,
        date        TEXT NOT NULL,
        sending_day INTEGER NOT NULL,
        provider    TEXT NOT NULL CHECK (provider IN ('gmail', 'microsoft', 'yahoo', 'apple', 'other')),
        volume      INTEGER NOT NULL CHECK (volume >= 0),
        PRIMARY KEY (plan_id, date, provider)
      ) STRICT, WITHOUT ROWID;

      -- One row per imported event id, and per unique open/click of a message
      -- (ids prefixed "u:"): the primary key is the dedupe. No foreign key, so a
      -- million inserts do not each look the plan up; deletePlan clears these.
      CREATE TABLE warmup_events (
        plan_id  INTEGER NOT NULL,
        event_id TEXT NOT NULL,
        PRIMARY KEY (plan_id, event_id)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE warmup_actuals (
        plan_id      INTEGER NOT NULL REFERENCES warmup_plans(id) ON DELETE CASCADE,
        date         TEXT NOT NULL,
        provider     TEXT NOT NULL CHECK (provider IN ('gmail', 'microsoft', 'yahoo', 'apple', 'other')),
        ip           TEXT NOT NULL,
        source       TEXT NOT NULL CHECK (source IN ('import', 'manual')),
        sent         INTEGER NOT NULL DEFAULT 0,
        delivered    INTEGER NOT NULL DEFAULT 0,
        hard_bounce  INTEGER NOT NULL DEFAULT 0,
        block        INTEGER NOT NULL DEFAULT 0,
        deferral     INTEGER NOT NULL DEFAULT 0,
        complaint    INTEGER NOT NULL DEFAULT 0,
        open_machine INTEGER NOT NULL DEFAULT 0,
        open_human   INTEGER NOT NULL DEFAULT 0,
        click        INTEGER NOT NULL DEFAULT 0,
        unsubscribe  INTEGER NOT NULL DEFAULT 0,
        conversion   INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (plan_id, date, provider, ip, source)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE warmup_imports (
        id           INTEGER PRIMARY KEY,
        plan_id      INTEGER NOT NULL REFERENCES warmup_plans(id) ON DELETE CASCADE,
        format       TEXT NOT NULL,
        file         TEXT NOT NULL,
        read         INTEGER NOT NULL,
        imported     INTEGER NOT NULL,
        duplicates   INTEGER NOT NULL,
        skipped      INTEGER NOT NULL,
        skipped_json TEXT NOT NULL,
        seconds      REAL NOT NULL,
        finished_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
      ) STRICT;
    `);
  },
};
