import { AppError } from '../../../shared/contract/errors';
import { type Weekday, weekdays } from '../../../shared/contract/warmup';

/** Calendar dates are plain YYYY-MM-DD strings; arithmetic runs at UTC noon-free midnight, never in local time. */
const DAY_MS = 86_400_000;

export function parseDate(date: string): number {
  const ms = Date.parse(`${date}T00:00:00Z`);
  if (!Number.isFinite(ms) || new Date(ms).toISOString().slice(0, 10) !== date) {
    throw new AppError('invalid_input', `${JSON.stringify(date)} is not a calendar date.`, { hint: 'Write dates as YYYY-MM-DD, for example 2026-03-02.' });
  }
  return ms;
}

export const formatDate = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
export const addDays = (date: string, days: number): string => formatDate(parseDate(date) + days * DAY_MS);

/** Monday is 0, as in `weekdays`. */
const weekdayOf = (ms: number): Weekday => weekdays[(new Date(ms).getUTCDay() + 6) % 7]!;

/**
 * The dates of sending days 1..count from `start` (inclusive), skipping weekdays the
 * plan does not send on: the ramp counts sending days, not calendar days.
 */
export function sendingDates(start: string, days: readonly Weekday[], count: number): string[] {
  const allowed = new Set(days);
  const out: string[] = [];
  for (let ms = parseDate(start); out.length < count; ms += DAY_MS) {
    if (allowed.has(weekdayOf(ms))) out.push(formatDate(ms));
  }
  return out;
}

export function isSendingDate(date: string, days: readonly Weekday[]): boolean {
  return days.includes(weekdayOf(parseDate(date)));
}

/** Throws a clear error for a time zone the platform does not know. */
export function assertTimeZone(timeZone: string): void {
  try {
    new Intl.DateTimeFormat('en-CA', { timeZone });
  } catch {
    throw new AppError('invalid_input', `${JSON.stringify(timeZone)} is not a time zone this system knows.`, {
      hint: 'Use an IANA name such as UTC, Europe/Berlin or America/New_York.',
    });
  }
}

/** Today's date in a time zone. */
export function todayIn(timeZone: string, now = Date.now()): string {
  return dayInZone(timeZone)(now);
}

/**
 * Epoch milliseconds to the calendar date in a time zone. Intl formatting costs
 * microseconds, too much for a million events, so answers are cached per quarter
 * hour: every zone offset in use is a multiple of 15 minutes.
 */
export function dayInZone(timeZone: string): (ms: number) => string {
  const format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  const cache = new Map<number, string>();
  return (ms) => {
    const bucket = Math.floor(ms / 900_000);
    let day = cache.get(bucket);
    if (day === undefined) {
      day = format.format(bucket * 900_000);
      cache.set(bucket, day);
    }
    return day;
  };
}
