import type { Draft, DocumentLanguage } from '../../../shared/contract/editor';
import type { Db } from '../../db/open';

interface DraftRow {
  id: string;
  title: string;
  language: DocumentLanguage;
  path: string | null;
  source: string;
  updated_at: string;
}

/**
 * Unsaved buffers in SQLite. Each save is one upsert (its own transaction), so a killed
 * process keeps the last draft that was written; WAL makes the writes cheap enough to
 * run on every debounced keystroke.
 */
export class DraftStore {
  constructor(private readonly db: Db) {}

  save(draft: Omit<Draft, 'updatedAt'>): { updatedAt: string } {
    const updatedAt = new Date().toISOString();
    this.db
      .prepare(
        `INSERT INTO drafts (id, title, language, path, source, updated_at) VALUES (@id, @title, @language, @path, @source, @updatedAt)
         ON CONFLICT (id) DO UPDATE SET title = excluded.title, language = excluded.language, path = excluded.path,
           source = excluded.source, updated_at = excluded.updated_at`,
      )
      .run({ ...draft, path: draft.path ?? null, updatedAt });
    return { updatedAt };
  }

  list(): Draft[] {
    const rows = this.db.prepare('SELECT * FROM drafts ORDER BY updated_at DESC').all() as DraftRow[];
    return rows.map((row) => ({
      id: row.id,
      title: row.title,
      language: row.language,
      ...(row.path === null ? {} : { path: row.path }),
      source: row.source,
      updatedAt: row.updated_at,
    }));
  }

  discard(id: string): boolean {
    return this.db.prepare('DELETE FROM drafts WHERE id = ?').run(id).changes > 0;
  }
}
