import type { Analytics, AnalyticsRow, Metrics, Plan, ScheduleDay } from '../../../shared/contract/warmup';
import { providers } from '../../../shared/contract/warmup';
import { thresholds } from './health';
import { addMetrics, emptyMetrics, ratesOf } from './metrics';
import type { DayTotal } from './store';

/**
 * Planned against actual, per day: a row per provider, a row for all providers and,
 * when the plan has several IPs, a row per IP (its planned volume is an even share,
 * since the ramp is per IP). Every rate carries its numerator and denominator. The
 * actuals arrive summed by SQLite per day and provider and per day and IP
 * (`WarmupStore.dayTotals`): the total of a day is the sum of its five providers.
 */
export function analytics(plan: Plan, schedule: readonly ScheduleDay[], byProvider: readonly DayTotal[], byIp: readonly DayTotal[]): Analytics {
  const planned = new Map(schedule.map((day) => [day.date, day]));
  const byKey = new Map<string, Metrics>();
  const ips = new Set<string>();
  for (const row of byProvider) {
    byKey.set(`${row.date}|${row.key}|all`, row.metrics);
    const allKey = `${row.date}|all|all`;
    const all = byKey.get(allKey);
    if (all) addMetrics(all, row.metrics);
    else byKey.set(allKey, addMetrics(emptyMetrics(), row.metrics));
  }
  for (const row of byIp) {
    byKey.set(`${row.date}|all|${row.key}`, row.metrics);
    ips.add(row.key);
  }
  const dates = [...new Set([...planned.keys(), ...byProvider.map((row) => row.date)])].sort();
  const perIp = ips.size > 1 || plan.ips.length > 1;
  const rows: AnalyticsRow[] = [];
  const row = (date: string, provider: AnalyticsRow['provider'], ip: string, plannedVolume: number): AnalyticsRow => {
    const counts = byKey.get(`${date}|${provider}|${ip}`) ?? emptyMetrics();
    return { date, provider, ip, planned: plannedVolume, counts, rates: ratesOf(counts) };
  };
  for (const date of dates) {
    const day = planned.get(date);
    for (const p of providers) rows.push(row(date, p, 'all', day?.providers[p] ?? 0));
    rows.push(row(date, 'all', 'all', day?.total ?? 0));
    if (perIp) {
      for (const ip of new Set([...plan.ips, ...ips])) rows.push(row(date, 'all', ip, plan.ips.includes(ip) ? Math.round((day?.total ?? 0) / plan.ips.length) : 0));
    }
  }
  return {
    planId: plan.id,
    dates,
    rows,
    thresholds: {
      hardBounce: thresholds.hardBounce.holdUpTo,
      complaint: thresholds.complaint.stepBackAbove,
      deferral: thresholds.deferral.stepBackAbove,
      delivery: thresholds.delivery.stepBackBelow,
    },
  };
}
