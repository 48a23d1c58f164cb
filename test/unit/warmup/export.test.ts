import { describe, expect, it } from 'vitest';
import type { Plan } from '../../../shared/contract/warmup';
import { scheduleCsv, scheduleIcs } from '../../../electron/services/warmup/export';
import { generateSchedule } from '../../../electron/services/warmup/schedule';

const plan: Plan = {
  id: 7, name: 'Launch; new IP, "pool"', ips: ['ip-1'], domain: 'mail.example.com', startDate: '2026-03-02', timeZone: 'UTC', weekdays: ['mon', 'wed', 'fri'],
  target: 5_000, mix: { gmail: 45, microsoft: 25, yahoo: 15, apple: 5, other: 10 }, profile: 'moderate',
  auth: { spf: true, dkim: true, dmarc: true, oneClickUnsubscribe: true }, createdAt: '2026-03-01T00:00:00Z', replannedAt: null,
};
const days = generateSchedule(plan);

describe('schedule exports', () => {
  it('writes CSV with one row per sending day and a column per provider', () => {
    const lines = scheduleCsv(days).trimEnd().split('\r\n');
    expect(lines[0]).toBe('date,sending_day,total,gmail,microsoft,yahoo,apple,other');
    expect(lines).toHaveLength(days.length + 1);
    expect(lines[1]).toBe(`2026-03-02,1,${days[0]!.total},22,9,3,1,5`);
  });

  it('writes an RFC 5545 calendar: all-day events, escaped text, folded lines, CRLF', () => {
    const ics = scheduleIcs(plan, days, new Date('2026-03-01T08:00:00Z'));
    expect(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
    expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(days.length);
    expect(ics).toContain('DTSTART;VALUE=DATE:20260302\r\nDTEND;VALUE=DATE:20260303');
    expect(ics).toContain('DTSTART;VALUE=DATE:20260304'); // Wednesday: the next sending day
    expect(ics).toContain('X-WR-CALNAME:Warmup: Launch\\; new IP\\, "pool"');
    expect(ics).toContain('DTSTAMP:20260301T080000Z');
    for (const line of ics.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
  });
});
