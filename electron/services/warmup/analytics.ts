import type { Analytics, AnalyticsRow, Metrics, Plan, ScheduleDay } from '../../../shared/contract/warmup';
import { providers } from '../../../shared/contract/warmup';
import { thresholds } from './health';
import { addMetrics, emptyMetrics, ratesOf } from './metrics';
import type { ActualsRow } from './store';

/**
 * Planned against actual, per day: a row per provider, a row for all providers and,
 * when the plan has several IPs, a row per IP (its planned volume is an even share,
 * since the ramp is per IP). Every rate carries its numerator and denominator.
 */
export function analytics(plan: Plan, schedule: readonly ScheduleDay[], actuals: readonly ActualsRow[]): Analytics {
  const planned = new Map(schedule.map((day) => [day.date, day]));
  const byKey = new Map<string, Metrics>();
  const ips = new Set<string>();
  const add = (key: string, m: Metrics) => {
    let into = byKey.get(key);
    if (!into) byKey.set(key, (into = emptyMetrics()));
    addMetrics(into, m);
  };
  for (const row of actuals) {
    add(`${row.date}|${row.provider}|all`, row.metrics);
    add(`${row.date}|all|all`, row.metrics);
    add(`${row.date}|all|${row.ip}`, row.metrics);
    ips.add(row.ip);
  }
  const dates = [...new Set([...planned.keys(), ...actuals.map((row) => row.date)])].sort();
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
