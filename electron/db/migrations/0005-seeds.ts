import type { Migration } from './index';

/**
 * Seed lists, SMTP profiles, send runs and one row per recipient. Passwords are never
 * columns here: they live in `secrets` under `seeds:smtp:<profile>` and `seeds:imap:<seed>`.
 * A recipient row is written before and after each send, so a crash leaves the truth:
 * 'sending' means "handed to the server, outcome unknown".
 */
export const seeds: Migration = {
  version: 5,
  name: 'seeds',
  up(db) {
    db.exec(`
      CREATE TABLE seed_lists (
        id         TEXT PRIMARY KEY,
        name       TEXT NOT NULL,
        updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
      ) STRICT;

      CREATE TABLE seeds (
        id           TEXT PRIMARY KEY,
        list_id      TEXT NOT NULL REFERENCES seed_lists(id) ON DELETE CASCADE,
        position     INTEGER NOT NULL,
        address      TEXT NOT NULL,
        provider     TEXT NOT NULL,
        imap_json    TEXT,
        tags_json    TEXT NOT NULL DEFAULT '[]',
        UNIQUE (list_id, address)
      ) STRICT;

      CREATE TABLE smtp_profiles (
        id              TEXT PRIMARY KEY,
        name            TEXT NOT NULL,
        host            TEXT NOT NULL,
        port            INTEGER NOT NULL,
        security        TEXT NOT NULL CHECK (security IN ('tls', 'starttls', 'none')),
        user            TEXT,
        pool_size       INTEGER NOT NULL,
        rate_per_second REAL NOT NULL
      ) STRICT;

      CREATE TABLE seed_runs (
        id            TEXT PRIMARY KEY,
        created_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
        state         TEXT NOT NULL CHECK (state IN ('sending', 'sent', 'cancelled', 'interrupted')),
        -- host, port, security, user, pool, rate and where the password comes from; never the password
        smtp_json     TEXT NOT NULL,
        message_json  TEXT NOT NULL,
        audience_json TEXT,
        -- the process sending it, so a second process never resumes a run that is still alive
        owner_pid     INTEGER,
        finished_at   TEXT
      ) STRICT;

      CREATE TABLE seed_recipients (
        run_id       TEXT NOT NULL REFERENCES seed_runs(id) ON DELETE CASCADE,
        seq          INTEGER NOT NULL,
        seed_id      TEXT,
        address      TEXT NOT NULL,
        provider     TEXT NOT NULL,
        imap_json    TEXT,
        test_id      TEXT NOT NULL UNIQUE,
        status       TEXT NOT NULL CHECK (status IN ('queued', 'sending', 'accepted', 'rejected', 'deferred', 'failed', 'unknown')),
        attempts     INTEGER NOT NULL DEFAULT 0,
        code         INTEGER,
        response     TEXT,
        queue_id     TEXT,
        sent_at      TEXT,
        duration_ms  REAL,
        placement    TEXT NOT NULL DEFAULT 'unchecked',
        folder       TEXT,
        tab          TEXT,
        arrival_delay_sec REAL,
        late         INTEGER,
        copies       INTEGER,
        auth_json    TEXT,
        check_error  TEXT,
        checked_at   TEXT,
        PRIMARY KEY (run_id, seq)
      ) STRICT;
    `);
  },
};
