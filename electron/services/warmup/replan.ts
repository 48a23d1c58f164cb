import { AppError } from '../../../shared/contract/errors';
import { type Plan, type Provider, type ProviderStatus, type ProviderVolumes, providers, type ScheduleChange, type ScheduleDay } from '../../../shared/contract/warmup';
import { addDays, parseDate, sendingDates } from './calendar';
import { thresholds } from './health';
import { microsoftFirstWeek } from './ramp';
import { fullVolume, limitGrowth, MAX_SENDING_DAYS, providerCeiling } from './schedule';
import { providerDecision, type ProviderDays } from './status';

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
 * Mailbox providers judge a sender on recent mail: after about a month without sending, an IP
 * or domain is treated as new again (SendGrid's and SparkPost's warm-up guides: re-warm after
 * 30 days idle). A replan from a level reached longer ago would ramp from a reputation that
 * no longer holds, which is how a March plan replanned in December grew a second ramp at
 * "day 201" after nine empty months.
 */
export const IDLE_DAYS_LIMIT = 30;

const daysBetween = (from: string, to: string) => Math.round((parseDate(to) - parseDate(from)) / 86_400_000);

/** Refuses an as-of date whose level is too old to build on, saying what to do instead. */
function assertRecentBasis(schedule: readonly ScheduleDay[], actuals: ProviderDays, asOf: string): void {
  let lastResult: string | undefined;
  for (const days of actuals.values()) for (const date of days.keys()) if (date <= asOf && (lastResult === undefined || date > lastResult)) lastResult = date;
  const first = schedule[0]?.date;
  const basis = lastResult ?? (first !== undefined && first <= asOf ? first : undefined);
  if (basis === undefined || daysBetween(basis, asOf) <= IDLE_DAYS_LIMIT) return;
  const what = lastResult ? `The last results are from ${lastResult}` : `No results were recorded, and the plan started on ${basis}`;
  throw new AppError('conflict', `${what}, ${daysBetween(basis, asOf)} days before ${asOf}: after ${IDLE_DAYS_LIMIT} days without mail, providers treat the sender as new, so there is no level to replan from.`, {
    hint: `Replan as of a date within ${IDLE_DAYS_LIMIT} days of the last results, or create a new plan that starts when you resume sending.`,
  });
}

/**
 * A new schedule for the sending days after `asOf`, starting from each provider's actual
 * position; it runs until every provider is at its full share again. Its days continue the
 * plan's numbering from the last planned day up to `asOf`.
 */
export function replan(plan: Plan, schedule: readonly ScheduleDay[], actuals: ProviderDays, asOf: string): { days: ScheduleDay[]; decisions: ProviderStatus[] } {
  assertRecentBasis(schedule, actuals, asOf);
  const next = sendingDates(addDays(asOf, 1), plan.weekdays, MAX_SENDING_DAYS);
  const lastPlanned = [...schedule].reverse().find((day) => day.date <= asOf);
  const firstDay = (lastPlanned?.sendingDay ?? 0) + 1;
  const decisions: ProviderStatus[] = [];
  const series = {} as Record<Provider, number[]>;
  const horizon = MAX_SENDING_DAYS;
  for (const p of providers) {
    const basis = providerDecision(p, schedule, actuals, asOf);
    decisions.push(basis.status);
    const level = basis.lastDate ? basis.lastSent : (lastPlanned?.providers[p] ?? schedule.find((day) => day.date > asOf)?.providers[p] ?? 0);
    series[p] = plan.mix[p] > 0 ? continuation(plan, p, basis.status.decision, level, firstDay, horizon) : new Array<number>(horizon).fill(0);
  }
  const days: ScheduleDay[] = [];
  for (let k = 0; k < horizon; k++) {
    const volumes = Object.fromEntries(providers.map((p) => [p, series[p][k]!])) as ProviderVolumes;
    days.push({ date: next[k]!, sendingDay: firstDay + k, total: providers.reduce((s, p) => s + volumes[p], 0), providers: volumes });
    if (providers.every((p) => volumes[p] >= fullVolume(plan, p))) break;
  }
  return { days, decisions: decisions.filter((d) => plan.mix[d.provider] > 0) };
}

/** What a replan changes, date by date: the planned total before and after (null: not a sending day then). */
export function scheduleChanges(before: readonly ScheduleDay[], after: readonly ScheduleDay[], asOf: string): ScheduleChange[] {
  const old = new Map(before.filter((day) => day.date > asOf).map((day) => [day.date, day.total]));
  const now = new Map(after.filter((day) => day.date > asOf).map((day) => [day.date, day.total]));
  const dates = [...new Set([...old.keys(), ...now.keys()])].sort();
  return dates
    .map((date) => ({ date, before: old.get(date) ?? null, after: now.get(date) ?? null }))
    .filter((change) => change.before !== change.after);
}
