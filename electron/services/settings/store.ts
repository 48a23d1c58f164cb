import type { z } from 'zod';
import type { Db } from '../../db/open';

/** Settings as JSON values under a key, each read through the schema its feature owns. */
export class SettingsStore {
  constructor(private readonly db: Db) {}

  get<S extends z.ZodType>(key: string, schema: S, fallback: z.output<S>): z.output<S> {
    const row = this.db.prepare('SELECT value_json FROM settings WHERE key = ?').get(key) as { value_json: string } | undefined;
    if (!row) return fallback;
    const parsed = schema.safeParse(JSON.parse(row.value_json));
    // A value written by an older version that no longer fits falls back instead of breaking the app.
    return parsed.success ? parsed.data : fallback;
  }

  set<S extends z.ZodType>(key: string, schema: S, value: z.input<S>): z.output<S> {
    const parsed = schema.parse(value);
    this.db
      .prepare(
        `INSERT INTO settings (key, value_json) VALUES (?, ?)
         ON CONFLICT(key) DO UPDATE SET value_json = excluded.value_json, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`,
      )
      .run(key, JSON.stringify(parsed));
    return parsed;
  }
}
