import type { HistoryEntry } from '../../../shared/contract/auth';
import { AppError } from '../../../shared/contract/errors';
import type { Db } from '../../db/open';

export type HistoryKind = HistoryEntry['kind'];

interface Row {
  id: number;
  kind: HistoryKind;
  title: string;
  summary: string;
  input_json: string;
  result_json: string;
  created_at: string;
}

/** Past checks with the input that produced them, so any can be run again against today's DNS. */
export class CheckHistory {
  constructor(private readonly db: Db) {}

  record(kind: HistoryKind, title: string, summary: string, input: unknown, result: unknown): number {
    const info = this.db
      .prepare('INSERT INTO auth_checks (kind, title, summary, input_json, result_json) VALUES (?, ?, ?, ?, ?)')
      .run(kind, title.slice(0, 200), summary.slice(0, 400), JSON.stringify(input), JSON.stringify(result));
    return Number(info.lastInsertRowid);
  }

  list(limit: number): HistoryEntry[] {
    const rows = this.db.prepare('SELECT id, kind, title, summary, created_at FROM auth_checks ORDER BY id DESC LIMIT ?').all(limit) as Row[];
    return rows.map((row) => ({ id: row.id, kind: row.kind, title: row.title, summary: row.summary, createdAt: row.created_at }));
  }

  input(id: number): { kind: HistoryKind; input: unknown } {
    const row = this.db.prepare('SELECT kind, input_json FROM auth_checks WHERE id = ?').get(id) as Pick<Row, 'kind' | 'input_json'> | undefined;
    if (!row) throw new AppError('not_found', `There is no past check with id ${id}.`, { hint: 'Pick a check from the history list.' });
    return { kind: row.kind, input: JSON.parse(row.input_json) };
  }
}
