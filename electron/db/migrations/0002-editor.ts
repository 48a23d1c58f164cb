import type { Migration } from './index';

/** Unsaved editor buffers, one row per open document, rewritten while the person types. */
export const editor: Migration = {
  version: 2,
  name: 'editor',
  up(db) {
    db.exec(`
      CREATE TABLE drafts (
        id         TEXT PRIMARY KEY,
        title      TEXT NOT NULL,
        language   TEXT NOT NULL CHECK (language IN ('mjml', 'html')),
        path       TEXT,
        source     TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX drafts_by_time ON drafts (updated_at DESC);
    `);
  },
};
