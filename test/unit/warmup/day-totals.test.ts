import { describe, expect, it } from 'vitest';
import { DayTotals } from '../../../electron/services/warmup/day-totals';
import { emptyMetrics } from '../../../electron/services/warmup/metrics';

describe('import totals per day, provider and IP', () => {
  it('adds up only the events it is told to count, each in its own day, provider and IP', () => {
    const totals = new DayTotals();
    const sent = totals.code('2026-03-02', 'gmail', '192.0.2.10', 'sent');
    const delivered = totals.code('2026-03-02', 'gmail', '192.0.2.10', 'delivered');
    const otherIp = totals.code('2026-03-02', 'gmail', '192.0.2.11', 'sent');
    const nextDay = totals.code('2026-03-03', 'yahoo', '192.0.2.10', 'click');
    // a duplicate's code is made but never counted: its slot must not show up
    totals.code('2026-03-04', 'apple', '192.0.2.10', 'sent');
    for (const code of [sent, sent, delivered, otherIp, nextDay]) totals.count(code);
    expect(totals.counted()).toEqual([
      { day: '2026-03-02', provider: 'gmail', ip: '192.0.2.10', metrics: { ...emptyMetrics(), sent: 2, delivered: 1 } },
      { day: '2026-03-02', provider: 'gmail', ip: '192.0.2.11', metrics: { ...emptyMetrics(), sent: 1 } },
      { day: '2026-03-03', provider: 'yahoo', ip: '192.0.2.10', metrics: { ...emptyMetrics(), click: 1 } },
    ]);
  });
});
