import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { providers, weekdays, type PlanSpec } from '../../../shared/contract/warmup';
import { isSendingDate } from '../../../electron/services/warmup/calendar';
import { moderateStep, moderateTable } from '../../../electron/services/warmup/ramp';
import { fullVolume, generateSchedule } from '../../../electron/services/warmup/schedule';

const defaultMix = { gmail: 45, microsoft: 25, yahoo: 15, apple: 5, other: 10 };
const base = {
  ips: ['ip-1'], startDate: '2026-03-02', weekdays: ['mon', 'tue', 'wed', 'thu', 'fri'], target: 200_000, mix: defaultMix, profile: 'moderate',
} satisfies Partial<PlanSpec>;

const mixArb = fc.tuple(fc.nat(100), fc.nat(100), fc.nat(100), fc.nat(100)).map(([a, b, c, d]) => {
  const cuts = [a, b, c, d].sort((x, y) => x - y);
  return { gmail: cuts[0]!, microsoft: cuts[1]! - cuts[0]!, yahoo: cuts[2]! - cuts[1]!, apple: cuts[3]! - cuts[2]!, other: 100 - cuts[3]! };
});
const specArb = fc.record({
  ips: fc.integer({ min: 1, max: 6 }).map((n) => Array.from({ length: n }, (_, i) => `ip-${i + 1}`)),
  startDate: fc.constantFrom('2026-01-01', '2026-03-02', '2026-12-28'),
  weekdays: fc.subarray([...weekdays], { minLength: 1 }),
  target: fc.integer({ min: 100, max: 3_000_000 }),
  mix: mixArb,
  profile: fc.constantFrom('conservative', 'moderate', 'aggressive', 'custom') as fc.Arbitrary<PlanSpec['profile']>,
  custom: fc.record({ start: fc.integer({ min: 10, max: 50_000 }), growth: fc.double({ min: 1.05, max: 2, noNaN: true }), holdDays: fc.integer({ min: 1, max: 4 }) }),
});

describe('the schedule generator', () => {
  it('keeps the published moderate steps and the growth rule after them', () => {
    expect(moderateTable.map((_, k) => moderateStep(k))).toEqual([50, 100, 200, 400, 800, 1500, 3000, 6000, 10000, 20000, 30000, 45000, 65000, 95000, 125000]);
    for (let k = 15; k < 60; k++) {
      const [prev, next] = [moderateStep(k - 1), moderateStep(k)];
      const growth = next / prev;
      expect(growth).toBeGreaterThan(1);
      expect(growth).toBeLessThanOrEqual(prev < 1_000_000 ? 1.3 : 1.2);
    }
  });

  it('never more than doubles, is monotone until the target, sums providers to the total, respects weekdays and the Microsoft cap', () => {
    fc.assert(
      fc.property(specArb, (spec) => {
        const days = generateSchedule(spec);
        expect(days.length).toBeGreaterThan(0);
        days.forEach((day, i) => {
          expect(day.sendingDay).toBe(i + 1);
          expect(isSendingDate(day.date, spec.weekdays)).toBe(true);
          expect(providers.reduce((sum, p) => sum + day.providers[p], 0)).toBe(day.total);
          if (day.sendingDay <= 7) expect(day.providers.microsoft).toBeLessThanOrEqual(20_000 * spec.ips.length);
          for (const p of providers) expect(day.providers[p]).toBeLessThanOrEqual(fullVolume(spec, p));
          if (i === 0) return;
          const prev = days[i - 1]!;
          expect(day.date > prev.date).toBe(true);
          for (const p of providers) {
            expect(day.providers[p]).toBeGreaterThanOrEqual(prev.providers[p]);
            if (prev.providers[p] > 0) expect(day.providers[p]).toBeLessThanOrEqual(2 * prev.providers[p]);
          }
          expect(day.total).toBeLessThanOrEqual(2 * prev.total);
        });
      }),
      { numRuns: 150 },
    );
  });

  it('caps Microsoft at 20k per IP in the first 7 sending days when the ramp would give it more', () => {
    const days = generateSchedule({ ...base, target: 2_000_000, mix: { gmail: 0, microsoft: 100, yahoo: 0, apple: 0, other: 0 }, profile: 'custom', custom: { start: 40_000, growth: 1.5, holdDays: 1 }, ips: ['a', 'b'] });
    expect(days.slice(0, 7).map((d) => d.providers.microsoft)).toEqual(Array(7).fill(40_000));
    expect(days[7]!.providers.microsoft).toBeGreaterThan(40_000);
    expect(days[7]!.providers.microsoft).toBeLessThanOrEqual(80_000);
  });

  it('brings a 200k/day moderate plan with the default mix to full volume in 14 to 45 sending days', () => {
    const days = generateSchedule(base);
    expect(days.at(-1)!.total).toBe(200_000);
    expect(days.at(-1)!.providers).toEqual({ gmail: 90_000, microsoft: 50_000, yahoo: 30_000, apple: 10_000, other: 20_000 });
    expect(days.length).toBeGreaterThanOrEqual(14);
    expect(days.length).toBeLessThanOrEqual(45);
    expect(days.findIndex((d) => d.total === 200_000)).toBe(days.length - 1);
  });

  it('counts sending days, not calendar days, and orders profiles by speed', () => {
    const weekdaysOnly = generateSchedule(base);
    expect(weekdaysOnly.slice(0, 6).map((d) => d.date)).toEqual(['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06', '2026-03-09']);
    const conservative = generateSchedule({ ...base, profile: 'conservative' });
    const aggressive = generateSchedule({ ...base, profile: 'aggressive' });
    expect(conservative.slice(0, 3).map((d) => d.total)).toEqual([40, 40, 40]);
    expect(aggressive[0]!.providers.gmail).toBe(90); // 200 x 45% x pace 1.0
    expect(aggressive.length).toBeLessThan(weekdaysOnly.length);
    expect(conservative.length).toBeGreaterThan(weekdaysOnly.length);
  });

  it('refuses a mix that does not add up to 100%', () => {
    expect(() => generateSchedule({ ...base, mix: { ...defaultMix, other: 30 } })).toThrow(/adds up to 120%/);
  });
});
