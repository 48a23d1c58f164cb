import { describe, expect, it } from 'vitest';
import type { Metrics } from '../../../shared/contract/warmup';
import { decide } from '../../../electron/services/warmup/health';
import { emptyMetrics } from '../../../electron/services/warmup/metrics';

/** A day with `sent` messages, everything delivered except what is given. */
function day(sent: number, changes: Partial<Metrics> = {}): Metrics {
  const m = { ...emptyMetrics(), sent, ...changes };
  if (changes.delivered === undefined) m.delivered = sent - m.hardBounce - m.block;
  return m;
}
const verdict = (metrics: Metrics, planned = metrics.sent) => decide({ metrics, planned, window: '2026-03-04' });

describe('health rules', () => {
  it('advances when every rate is within limits and the planned volume went out', () => {
    const v = verdict(day(10_000, { hardBounce: 100, complaint: 5, deferral: 500 }));
    expect(v.decision).toBe('advance');
    expect(v.reasons[0]).toMatch(/within limits/);
  });

  it.each([
    ['hard bounces under 2%', { hardBounce: 199 }, 'advance'],
    ['hard bounces at 2%', { hardBounce: 200 }, 'hold'],
    ['hard bounces at 3%', { hardBounce: 300 }, 'hold'],
    ['hard bounces over 3%', { hardBounce: 301 }, 'step-back'],
    ['hard bounces at 8%', { hardBounce: 800 }, 'pause'],
    ['complaints at 0.08%', { complaint: 8 }, 'hold'],
    ['complaints at 0.1%', { complaint: 10 }, 'hold'],
    ['complaints over 0.1%', { complaint: 11 }, 'step-back'],
    ['complaints at 0.3%', { complaint: 30 }, 'pause'],
    ['deferrals at 10%', { deferral: 1_000 }, 'advance'],
    ['deferrals over 10%', { deferral: 1_001 }, 'step-back'],
    ['deferrals at 25%', { deferral: 2_500 }, 'pause'],
  ] as const)('%s: %s', (_label, changes, expected) => {
    // Complaints are out of delivered: keep delivered at exactly 10,000 for those cases.
    const metrics = 'complaint' in changes ? day(10_000, { ...changes, delivered: 10_000 }) : day(10_000, changes);
    const v = verdict(metrics);
    expect(v.decision).toBe(expected);
    if (expected !== 'advance') expect(v.reasons[0]).toMatch(new RegExp(`^${expected === 'step-back' ? 'Step back' : expected === 'hold' ? 'Hold' : 'Pause'}:`));
  });

  it('steps back when fewer than 90% are delivered, naming the counts', () => {
    const v = verdict(day(1_000, { delivered: 890 }));
    expect(v.decision).toBe('step-back');
    expect(v.reasons.join(' ')).toMatch(/delivery rate 89\.0% \(890 of 1000 sent\)/);
  });

  it('never advances unless 90% of the planned volume went out', () => {
    expect(verdict(day(899), 1_000).decision).toBe('hold');
    expect(verdict(day(899), 1_000).reasons[0]).toMatch(/899 of 1000 planned/);
    expect(verdict(day(900), 1_000).decision).toBe('advance');
  });

  it('takes the most severe decision and lists every reason', () => {
    const v = verdict(day(1_000, { hardBounce: 25, complaint: 4, delivered: 975 }));
    expect(v.decision).toBe('pause');
    expect(v.reasons).toHaveLength(2);
    expect(v.reasons[0]).toMatch(/^Pause: complaints/);
    expect(v.reasons[1]).toMatch(/^Hold: hard bounces 2\.5%/);
    expect(v.rates.complaint).toBeCloseTo(4 / 975);
  });

  it('holds when nothing was sent', () => {
    expect(verdict(emptyMetrics(), 500)).toMatchObject({ decision: 'hold', rates: { delivery: null } });
  });
});
