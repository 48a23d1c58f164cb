import type { Plan, ScheduleDay } from '../../../shared/contract/warmup';
import { providers } from '../../../shared/contract/warmup';
import { neutralizeCsvCell } from '../../fs/csv-cell';
import { addDays } from './calendar';

/** One CSV row; every cell goes through the formula neutraliser like every CSV export's. */
const csvRow = (cells: ReadonlyArray<string | number>) => cells.map((cell) => neutralizeCsvCell(String(cell))).join(',');

/** The schedule as CSV: one row per sending day, a column per provider. */
export function scheduleCsv(days: readonly ScheduleDay[]): string {
  const lines = [csvRow(['date', 'sending_day', 'total', ...providers])];
  for (const day of days) lines.push(csvRow([day.date, day.sendingDay, day.total, ...providers.map((p) => day.providers[p])]));
  return `${lines.join('\r\n')}\r\n`;
}

/** RFC 5545 TEXT escaping. */
const escapeText = (text: string) => text.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');

/** RFC 5545 3.1: lines longer than 75 octets continue on the next line after a space. */
function fold(line: string): string {
  const bytes = Buffer.from(line, 'utf8');
  if (bytes.length <= 75) return line;
  const parts: string[] = [];
  let start = 0;
  while (start < bytes.length) {
    let end = Math.min(bytes.length, start + (start === 0 ? 75 : 74));
    while (end < bytes.length && (bytes[end]! & 0xc0) === 0x80) end--; // never split a UTF-8 sequence
    parts.push(bytes.subarray(start, end).toString('utf8'));
    start = end;
  }
  return parts.join('\r\n ');
}

const stamp = (date: Date) => date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

/**
 * The schedule as an ICS calendar: one all-day event per sending day with the day's
 * volume per provider, so the ramp sits in the calendar of whoever sends it.
 */
export function scheduleIcs(plan: Plan, days: readonly ScheduleDay[], now = new Date()): string {
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Mailbench//Warmup planner//EN', 'CALSCALE:GREGORIAN', `X-WR-CALNAME:${escapeText(`Warmup: ${plan.name}`)}`];
  for (const day of days) {
    const detail = providers.filter((p) => day.providers[p] > 0).map((p) => `${p}: ${day.providers[p]}`).join('\n');
    lines.push(
      'BEGIN:VEVENT',
      `UID:warmup-${plan.id}-${day.date}@mailbench.local`,
      `DTSTAMP:${stamp(now)}`,
      `DTSTART;VALUE=DATE:${day.date.replace(/-/g, '')}`,
      `DTEND;VALUE=DATE:${addDays(day.date, 1).replace(/-/g, '')}`,
      `SUMMARY:${escapeText(`Warmup ${plan.name} day ${day.sendingDay}: send ${day.total.toLocaleString('en-US')}`)}`,
      `DESCRIPTION:${escapeText(detail)}`,
      'TRANSP:TRANSPARENT',
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return `${lines.map(fold).join('\r\n')}\r\n`;
}
