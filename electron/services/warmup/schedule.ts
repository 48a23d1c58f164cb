import { AppError } from '../../../shared/contract/errors';
import { type PlanSpec, type Provider, type ProviderVolumes, providers, type ScheduleDay } from '../../../shared/contract/warmup';
import { sendingDates } from './calendar';
import { microsoftFirstWeek, providerPace, rampVolume } from './ramp';

/** A plan that never reaches its target (a custom ramp that crawls) stops after a year of sending days. */
export const MAX_SENDING_DAYS = 365;

export type ScheduleInput = Pick<PlanSpec, 'ips' | 'startDate' | 'weekdays' | 'target' | 'mix' | 'profile' | 'custom'>;

export function assertMix(mix: PlanSpec['mix']): void {
  const sum = providers.reduce((total, p) => total + mix[p], 0);
  if (Math.abs(sum - 100) > 0.5) {
    throw new AppError('invalid_input', `The provider mix adds up to ${sum}%, not 100%.`, {
      hint: 'Adjust the percentages (for example gmail=45,microsoft=25,yahoo=15,apple=5,other=10) or compute them from a recipient list.',
    });
  }
}

/** Full daily volume of a provider: its share of the target. */
export const fullVolume = (spec: ScheduleInput, p: Provider): number => Math.floor((spec.mix[p] / 100) * spec.target);

/**
 * What a provider may get on sending day index i before the day-to-day limits:
 * min(share x target, pace x share x ramp x IPs), and Microsoft's first-week cap per IP.
 */
export function providerCeiling(spec: ScheduleInput, p: Provider, i: number): number {
  const share = spec.mix[p] / 100;
  let volume = Math.min(fullVolume(spec, p), Math.floor(providerPace[p] * share * rampVolume(spec.profile, i, spec.custom) * spec.ips.length));
  if (p === 'microsoft' && i < microsoftFirstWeek.sendingDays) volume = Math.min(volume, microsoftFirstWeek.perIp * spec.ips.length);
  return volume;
}

/** Never more than double yesterday's volume (a provider that had none starts at its ceiling). */
export const limitGrowth = (volume: number, previous: number): number => (previous > 0 ? Math.min(volume, 2 * previous) : volume);

const sum = (v: ProviderVolumes) => providers.reduce((total, p) => total + v[p], 0);

/**
 * A provider whose share rounded to nothing on earlier days starts later; its first
 * volume is trimmed so that the day's total still does not more than double.
 */
function limitNewcomers(day: ProviderVolumes, previous: ProviderVolumes): void {
  const before = sum(previous);
  let excess = before > 0 ? sum(day) - 2 * before : 0;
  for (const p of providers) {
    if (excess <= 0) return;
    if (previous[p] > 0) continue;
    const cut = Math.min(day[p], excess);
    day[p] -= cut;
    excess -= cut;
  }
}

/**
 * The schedule from sending day 1 until every provider sends its full share (the
 * target), one entry per sending day. The day's total is the sum of its providers.
 */
export function generateSchedule(spec: ScheduleInput): ScheduleDay[] {
  assertMix(spec.mix);
  const volumes: ProviderVolumes[] = [];
  let previous: ProviderVolumes | undefined;
  for (let i = 0; i < MAX_SENDING_DAYS; i++) {
    const day = Object.fromEntries(providers.map((p) => [p, limitGrowth(providerCeiling(spec, p, i), previous?.[p] ?? 0)])) as ProviderVolumes;
    if (previous) limitNewcomers(day, previous);
    volumes.push(day);
    previous = day;
    if (providers.every((p) => day[p] >= fullVolume(spec, p))) break;
  }
  const dates = sendingDates(spec.startDate, spec.weekdays, volumes.length);
  return volumes.map((day, i) => ({ date: dates[i]!, sendingDay: i + 1, total: providers.reduce((sum, p) => sum + day[p], 0), providers: day }));
}
