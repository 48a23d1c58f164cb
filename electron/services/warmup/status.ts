import type { Metrics, Plan, PlanStatus, Provider, ProviderStatus, ScheduleDay } from '../../../shared/contract/warmup';
import { providers } from '../../../shared/contract/warmup';
import { decide, thresholds } from './health';
import { addMetrics, effectiveSent, emptyMetrics } from './metrics';
import type { DayTotal } from './store';

/** Actuals of each provider summed over IPs, by date (from `WarmupStore.dayTotals(planId, 'provider')`). */
export type ProviderDays = ReadonlyMap<Provider, ReadonlyMap<string, Metrics>>;

export function providerDays(totals: readonly DayTotal[]): ProviderDays {
  const byProvider = new Map<Provider, Map<string, Metrics>>(providers.map((p) => [p, new Map()]));
  for (const row of totals) byProvider.get(row.key as Provider)?.set(row.date, row.metrics);
  return byProvider;
}

export interface ProviderBasis {
  status: ProviderStatus;
  /** The last day with results, when there is one, and what went out that day. */
  lastDate?: string;
  lastSent: number;
}

/**
 * The decision for one provider as of `date`: from the latest day with results on or
 * before it; when that day delivered fewer than 100, from its last 3 days with results.
 */
export function providerDecision(provider: Provider, schedule: readonly ScheduleDay[], actuals: ProviderDays, date: string): ProviderBasis {
  const days = actuals.get(provider) ?? new Map<string, Metrics>();
  const dated = [...days.keys()].filter((d) => d <= date && effectiveSent(days.get(d)!) + days.get(d)!.deferral > 0).sort();
  const planned = new Map(schedule.map((day) => [day.date, day.providers[provider]]));
  if (dated.length === 0) {
    const first = schedule[0];
    const starting = !first || date <= first.date;
    const reason = starting
      ? `Not started: the plan's first sending day is ${first?.date ?? date}; send the planned ${first?.providers[provider] ?? 0} then and import the results.`
      : `No results recorded for ${provider} up to ${date}: import the ESP's events or enter the day's figures by hand.`;
    const rates = { delivery: null, hardBounce: null, complaint: null, deferral: null, volume: null };
    // Before the first sending day there is nothing to advance from: saying "advance" there read as a verdict on results that do not exist.
    return { status: { provider, decision: starting ? 'not-started' : 'hold', reasons: [reason], rates }, lastSent: 0 };
  }
  const last = dated.at(-1)!;
  let window = [last];
  if (days.get(last)!.delivered < thresholds.minDelivered) window = dated.slice(-thresholds.rollingDays);
  const metrics = window.reduce((sum, d) => addMetrics(sum, days.get(d)!), emptyMetrics());
  const plannedSum = window.reduce((sum, d) => sum + (planned.get(d) ?? 0), 0);
  const label = window.length === 1 ? last : `the ${window.length} days ${window[0]} to ${last} (fewer than ${thresholds.minDelivered} delivered on ${last})`;
  const verdict = decide({ metrics, planned: plannedSum, window: label });
  return { status: { provider, ...verdict }, lastDate: last, lastSent: effectiveSent(days.get(last)!) };
}

/** Today's decision per provider that has a share of the mix. */
export function planStatus(plan: Plan, schedule: readonly ScheduleDay[], actuals: ProviderDays, date: string): PlanStatus {
  return {
    plan: plan.name,
    date,
    providers: providers.filter((p) => plan.mix[p] > 0).map((p) => providerDecision(p, schedule, actuals, date).status),
  };
}
