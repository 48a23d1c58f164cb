import type { Db } from '../../db/open';
import { AppError } from '../../../shared/contract/errors';
import {
  type Metrics, metricNames, type Plan, PlanSpec, type Provider, type ProviderVolumes, providers, type ScheduleDay,
} from '../../../shared/contract/warmup';

/** Column of each metric in warmup_actuals. */
export const metricColumns: Readonly<Record<keyof Metrics, string>> = {
  sent: 'sent', delivered: 'delivered', hardBounce: 'hard_bounce', block: 'block', deferral: 'deferral', complaint: 'complaint',
  openMachine: 'open_machine', openHuman: 'open_human', click: 'click', unsubscribe: 'unsubscribe', conversion: 'conversion',
};

interface PlanRow { id: number; name: string; spec_json: string; created_at: string; replanned_at: string | null }

/** Actuals of one day summed over a provider (`key` is the provider) or over an IP (`key` is the IP). */
export interface DayTotal { date: string; key: string; metrics: Metrics }

/** Plans, schedules and actuals in SQLite: the only module here that writes SQL. */
export class WarmupStore {
  constructor(private readonly db: Db) {}

  createPlan(spec: PlanSpec, days: readonly ScheduleDay[]): Plan {
    return this.db.transaction(() => {
      if (this.db.prepare('SELECT 1 FROM warmup_plans WHERE name = ?').get(spec.name)) {
        throw new AppError('conflict', `A warm-up plan called ${JSON.stringify(spec.name)} already exists.`, { hint: 'Pick another name, or delete the old plan first.' });
      }
      const { lastInsertRowid } = this.db.prepare('INSERT INTO warmup_plans (name, spec_json) VALUES (?, ?)').run(spec.name, JSON.stringify(spec));
      const id = Number(lastInsertRowid);
      this.insertDays(id, days);
      return this.plan(id);
    })();
  }

  listPlans(): Plan[] {
    return (this.db.prepare('SELECT * FROM warmup_plans ORDER BY created_at DESC, id DESC').all() as PlanRow[]).map(toPlan);
  }

  plan(id: number): Plan {
    const row = this.db.prepare('SELECT * FROM warmup_plans WHERE id = ?').get(id) as PlanRow | undefined;
    if (!row) throw new AppError('not_found', `There is no warm-up plan with id ${id}.`, { hint: 'List plans with `mailbench warmup status` or open the Warmup panel.' });
    return toPlan(row);
  }

  /** A plan by id ("3") or by name, as the CLI takes it. */
  planByRef(ref: string): Plan {
    const row = (/^\d+$/.test(ref) ? this.db.prepare('SELECT * FROM warmup_plans WHERE id = ?').get(Number(ref)) : undefined)
      ?? this.db.prepare('SELECT * FROM warmup_plans WHERE name = ?').get(ref);
    if (!row) {
      const names = this.listPlans().map((p) => p.name);
      throw new AppError('not_found', `There is no warm-up plan called ${JSON.stringify(ref)}.`, {
        hint: names.length ? `Known plans: ${names.slice(0, 10).join(', ')}.` : 'Create one with `mailbench warmup plan --name NAME --target N --start YYYY-MM-DD`.',
      });
    }
    return toPlan(row as PlanRow);
  }

  deletePlan(id: number): boolean {
    return this.db.transaction(() => {
      this.db.prepare('DELETE FROM warmup_events WHERE plan_id = ?').run(id);
      return this.db.prepare('DELETE FROM warmup_plans WHERE id = ?').run(id).changes > 0;
    })();
  }

  schedule(planId: number): ScheduleDay[] {
    const rows = this.db.prepare('SELECT date, sending_day, provider, volume FROM warmup_schedule WHERE plan_id = ? ORDER BY date').all(planId) as Array<{ date: string; sending_day: number; provider: Provider; volume: number }>;
    const byDate = new Map<string, ScheduleDay>();
    for (const row of rows) {
      let day = byDate.get(row.date);
      if (!day) {
        day = { date: row.date, sendingDay: row.sending_day, total: 0, providers: emptyVolumes() };
        byDate.set(row.date, day);
      }
      day.providers[row.provider] = row.volume;
      day.total += row.volume;
    }
    return [...byDate.values()];
  }

  /** Replaces the schedule after `afterDate` (exclusive): earlier days are history and stay. */
  replaceScheduleAfter(planId: number, afterDate: string, days: readonly ScheduleDay[]): void {
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM warmup_schedule WHERE plan_id = ? AND date > ?').run(planId, afterDate);
      this.insertDays(planId, days.filter((day) => day.date > afterDate));
      this.db.prepare("UPDATE warmup_plans SET replanned_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?").run(planId);
    })();
  }

  /**
   * Actuals summed by SQLite per day and provider, or per day and IP, in date order (only days up to
   * `upTo` when given). A day, provider and IP entered by hand replaces what imports said for it: the
   * person typed the figures they trust. Summed in SQL, so a decision or a chart costs one pass over
   * the rows and JavaScript sees one row per group, not per stored row.
   */
  dayTotals(planId: number, by: 'provider' | 'ip', upTo?: string): DayTotal[] {
    const sums = metricNames.map((m) => `SUM(${metricColumns[m]}) AS ${metricColumns[m]}`).join(', ');
    const group = by === 'provider' ? 'provider' : 'ip';
    const rows = this.db.prepare(`
      SELECT date, ${group} AS key, ${sums} FROM warmup_actuals a
      WHERE plan_id = ?${upTo === undefined ? '' : ' AND date <= ?'} AND (source = 'manual' OR NOT EXISTS (
        SELECT 1 FROM warmup_actuals m WHERE m.plan_id = a.plan_id AND m.date = a.date AND m.provider = a.provider AND m.ip = a.ip AND m.source = 'manual'))
      GROUP BY date, ${group} ORDER BY date, ${group}`).all(...(upTo === undefined ? [planId] : [planId, upTo])) as Array<Record<string, string | number>>;
    return rows.map((row) => ({
      date: row.date as string,
      key: row.key as string,
      metrics: Object.fromEntries(metricNames.map((m) => [m, row[metricColumns[m]] as number])) as Metrics,
    }));
  }

  recordManual(planId: number, date: string, provider: Provider, ip: string, counts: Partial<Metrics>): void {
    this.plan(planId);
    const names = metricNames.map((m) => metricColumns[m]);
    this.db.prepare(`INSERT OR REPLACE INTO warmup_actuals (plan_id, date, provider, ip, source, ${names.join(', ')})
      VALUES (?, ?, ?, ?, 'manual', ${names.map(() => '?').join(', ')})`)
      .run(planId, date, provider, ip, ...metricNames.map((m) => counts[m] ?? 0));
  }

  private insertDays(planId: number, days: readonly ScheduleDay[]): void {
    const insert = this.db.prepare('INSERT INTO warmup_schedule (plan_id, date, sending_day, provider, volume) VALUES (?, ?, ?, ?, ?)');
    for (const day of days) for (const p of providers) insert.run(planId, day.date, day.sendingDay, p, day.providers[p]);
  }
}

export const emptyVolumes = (): ProviderVolumes => ({ gmail: 0, microsoft: 0, yahoo: 0, apple: 0, other: 0 });

function toPlan(row: PlanRow): Plan {
  return { ...PlanSpec.parse(JSON.parse(row.spec_json)), id: row.id, createdAt: row.created_at, replannedAt: row.replanned_at };
}
