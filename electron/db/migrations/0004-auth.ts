import type { Migration } from './index';

/**
 * DKIM keys (public parts only: the private key is in `secrets`, encrypted) and the history
 * of authentication checks with the input needed to run each again.
 */
export const auth: Migration = {
  version: 4,
  name: 'auth',
  up(db) {
    db.exec(`
      CREATE TABLE auth_dkim_keys (
        id          TEXT PRIMARY KEY,
        domain      TEXT NOT NULL,
        selector    TEXT NOT NULL,
        algorithm   TEXT NOT NULL CHECK (algorithm IN ('rsa-sha256', 'ed25519-sha256')),
        bits        INTEGER NOT NULL,
        public_key  TEXT NOT NULL,
        created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
        UNIQUE (domain, selector)
      ) STRICT;

      CREATE TABLE auth_checks (
        id          INTEGER PRIMARY KEY,
        kind        TEXT NOT NULL CHECK (kind IN ('message', 'domain', 'spf', 'bulk')),
        title       TEXT NOT NULL,
        summary     TEXT NOT NULL,
        input_json  TEXT NOT NULL,
        result_json TEXT NOT NULL,
        created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
      ) STRICT;
      CREATE INDEX auth_checks_created ON auth_checks (created_at DESC, id DESC);
    `);
  },
};
