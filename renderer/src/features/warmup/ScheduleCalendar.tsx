import type { Analytics, ScheduleDay } from '../../../../shared/contract/warmup';
import { providers, volumeLimits } from '../../../../shared/contract/warmup';
import { number, providerLabel } from './format';

const DAY = 86_400_000;
const weekdayIndex = (date: string) => (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The schedule as weeks (Monday first): each sending day with its volume, and what was sent once known. */
export function ScheduleCalendar({ days, analytics, today }: { days: readonly ScheduleDay[]; analytics?: Analytics; today: string }) {
  if (days.length === 0) return <p>No sending days.</p>;
  const byDate = new Map(days.map((d) => [d.date, d]));
  const sent = new Map((analytics?.rows ?? []).filter((r) => r.provider === 'all' && r.ip === 'all').map((r) => [r.date, r.rates.delivery.denominator]));
  const first = Date.parse(`${days[0]!.date}T00:00:00Z`) - weekdayIndex(days[0]!.date) * DAY;
  const last = Date.parse(`${days.at(-1)!.date}T00:00:00Z`);
  const weeks: string[][] = [];
  for (let ms = first; ms <= last; ms += 7 * DAY) weeks.push(Array.from({ length: 7 }, (_, i) => iso(ms + i * DAY)));
  return (
    <table className="wu-calendar" aria-label="Schedule calendar">
      <thead>
        <tr>{['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].map((d) => <th key={d} scope="col">{d}</th>)}</tr>
      </thead>
      <tbody>
        {weeks.map((week) => (
          <tr key={week[0]}>
            {week.map((date) => {
              const day = byDate.get(date);
              const actual = sent.get(date);
              return (
                <td key={date} className={[day ? 'wu-send' : 'wu-rest', date === today ? 'wu-today' : ''].join(' ')}
                  title={day ? providers.map((p) => `${providerLabel[p]}: ${number(day.providers[p])}`).join('\n') : undefined}>
                  <span className="wu-date">{date.slice(5)}</span>
                  {day && <span className="wu-volume" data-testid={`plan-${date}`}>day {day.sendingDay}: {number(day.total)}</span>}
                  {actual !== undefined && actual > 0 && <ActualSent actual={actual} planned={day?.total ?? 0} />}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * What went out beside what was planned, judged by the same limits as the decisions: green
 * only within them, so 250 sent on a day planned for 83 is not shown as a success.
 */
function ActualSent({ actual, planned }: { actual: number; planned: number }) {
  const ratio = planned > 0 ? actual / planned : Infinity;
  const look = ratio > volumeLimits.holdAbove ? 'wu-over-plan' : ratio < volumeLimits.advanceAtLeast ? 'wu-under-plan' : 'wu-on-plan';
  const words = planned === 0 ? 'on a rest day' : look === 'wu-over-plan' ? `${ratio.toFixed(1)}× the plan` : look === 'wu-under-plan' ? 'under the plan' : '';
  return (
    <span className={`wu-actual ${look}`} data-testid="actual-sent">
      {look === 'wu-over-plan' && <span aria-hidden="true">⚠ </span>}sent {number(actual)}{words && ` (${words})`}
    </span>
  );
}
