import { type Plan, type Provider, type ProviderStatus, type ProviderVolumes, providers, type ScheduleDay } from '../../../shared/contract/warmup';
import { sendingDates } from './calendar';
import { thresholds } from './health';
import { microsoftFirstWeek } from './ramp';
import { fullVolume, limitGrowth, MAX_SENDING_DAYS, providerCeiling } from './schedule';
import { providerDecision } from './status';
import type { ActualsRow } from './store';

/**
 * The next volumes of one provider from where it actually is. `level` is what it sent
 * on its last day with results; the decision moves it: advance to the next ramp value
 * above it, hold it, step back to 60% of it, or pause one sending day and resume at
 * half of it. From there it follows the plan's ramp again, never more than doubling.
 */
function continuation(plan: Plan, p: Provider, decision: ProviderStatus['decision'], level: number, firstDay: number, count: number): number[] {
  const full = fullVolume(plan, p);
  const curve: number[] = [];
  for (let i = 0; i < MAX_SENDING_DAYS; i++) curve.push(providerCeiling(plan, p, i));
  const above = (v: number) => Math.min(full, curve.find((c) => c > v) ?? full, v > 0 ? 2 * v : Infinity);
  const capped = (v: number, sendingDay: number) =>
    (p === 'microsoft' && sendingDay <= microsoftFirstWeek.sendingDays ? Math.min(v, microsoftFirstWeek.perIp * plan.ips.length) : v);

  const out: number[] = [];
  let pausedFrom = -1;
  if (decision === 'pause') {
    out.push(0);
    pausedFrom = Math.floor(level * thresholds.resumeFactor);
  }
  for (let k = out.length; k < count; k++) {
    const sendingDay = firstDay + k;
    let v: number;
    if (pausedFrom >= 0) {
      v = pausedFrom;
      pausedFrom = -1;
    } else if (k === 0) {
      v = decision === 'advance' ? above(level) : decision === 'hold' ? level : Math.floor(level * thresholds.stepBackFactor);
    } else {
      v = limitGrowth(above(out[k - 1]!), out[k - 1]!);
    }
    out.push(Math.min(full, capped(v, sendingDay)));
  }
  return out;
}

/**
 * A new schedule for the sending days after `asOf`, starting from each provider's
 * actual position; it runs until every provider is at its full share again.
 */
export function replan(plan: Plan, schedule: readonly ScheduleDay[], actuals: readonly ActualsRow[], asOf: string): { days: ScheduleDay[]; decisions: ProviderStatus[] } {
  const all = sendingDates(plan.startDate, plan.weekdays, MAX_SENDING_DAYS * 2);
  const firstIndex = all.findIndex((d) => d > asOf);
  const planned = new Map(schedule.map((day) => [day.date, day]));
  const lastPlanned = [...schedule].reverse().find((day) => day.date <= asOf);
  const decisions: ProviderStatus[] = [];
  const series = {} as Record<Provider, number[]>;
  const horizon = MAX_SENDING_DAYS;
  for (const p of providers) {
    const basis = providerDecision(p, schedule, actuals, asOf);
    decisions.push(basis.status);
    const level = basis.lastDate ? basis.lastSent : (lastPlanned?.providers[p] ?? planned.get(all[firstIndex]!)?.providers[p] ?? 0);
    series[p] = plan.mix[p] > 0 ? continuation(plan, p, basis.status.decision, level, firstIndex + 1, horizon) : new Array<number>(horizon).fill(0);
  }
  const days: ScheduleDay[] = [];
  for (let k = 0; k < horizon; k++) {
    const volumes = Object.fromEntries(providers.map((p) => [p, series[p][k]!])) as ProviderVolumes;
    days.push({ date: all[firstIndex + k]!, sendingDay: firstIndex + k + 1, total: providers.reduce((s, p) => s + volumes[p], 0), providers: volumes });
    if (providers.every((p) => volumes[p] >= fullVolume(plan, p))) break;
  }
  return { days, decisions: decisions.filter((d) => plan.mix[d.provider] > 0) };
}
