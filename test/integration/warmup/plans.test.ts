import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlanSpecInput } from '../../../shared/contract/warmup';
import { PlanSpec } from '../../../shared/contract/warmup';
import { WarmupService } from '../../../electron/services/warmup/service';
import { testRuntime } from '../../support/runtime';

let env: ReturnType<typeof testRuntime>;
let service: WarmupService;
beforeAll(() => {
  env = testRuntime();
  service = new WarmupService(env.rt.db);
});
afterAll(() => env.cleanup());

const spec = (name: string, extra: Partial<PlanSpecInput> = {}) => PlanSpec.parse({
  name, ips: ['ip-1'], startDate: '2026-03-02', target: 200_000, mix: { gmail: 45, microsoft: 25, yahoo: 15, apple: 5, other: 10 }, ...extra,
});

/** Enters what the schedule planned for a day as sent and delivered, per provider, then applies changes. */
function sendAsPlanned(planId: number, date: string, changes: Record<string, Record<string, number>> = {}) {
  const day = service.get(planId).days.find((d) => d.date === date)!;
  for (const [provider, volume] of Object.entries(day.providers)) {
    const extra = changes[provider] ?? {};
    service.recordActuals(planId, date, provider as never, 'ip-1', { sent: volume, delivered: volume - (extra.hardBounce ?? 0), ...extra });
  }
}

describe('plans, decisions and replanning', () => {
  it('stores a plan with its schedule and refuses a second plan of the same name', () => {
    const plan = service.create(spec('store'));
    const { days } = service.get(plan.id);
    expect(days).toEqual(service.preview(spec('store')).days);
    expect(() => service.create(spec('store'))).toThrow(/already exists/);
    expect(service.list().map((p) => p.name)).toContain('store');
  });

  it('says to start on day one, and to hold when a planned day has no results', () => {
    const plan = service.create(spec('no-data'));
    // Before the first sending day nothing can advance: the state says so instead of a green "Advance".
    const early = service.status(plan.id, '2026-03-01');
    expect(early.providers.map((p) => p.decision)).toEqual(['not-started', 'not-started', 'not-started', 'not-started', 'not-started']);
    expect(early.providers[0]!.reasons[0]).toMatch(/^Not started: the plan's first sending day is 2026-03-02; send the planned 22 then/);
    const later = service.status(plan.id, '2026-03-04');
    expect(later.providers.map((p) => p.decision)).toEqual(['hold', 'hold', 'hold', 'hold', 'hold']);
    expect(later.providers[0]!.reasons[0]).toMatch(/No results recorded for gmail/);
  });

  it('decides per provider from the day, or from 3 days when fewer than 100 were delivered', () => {
    const plan = service.create(spec('rolling'));
    for (const date of ['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05']) sendAsPlanned(plan.id, date);
    const status = service.status(plan.id, '2026-03-05');
    const gmail = status.providers.find((p) => p.provider === 'gmail')!;
    const yahoo = status.providers.find((p) => p.provider === 'yahoo')!;
    expect(gmail).toMatchObject({ decision: 'advance', rates: { delivery: 1, hardBounce: 0, volume: 1 } });
    expect(gmail.reasons[0]).toMatch(/in 2026-03-05 \(176 sent/);
    expect(yahoo.reasons[0]).toMatch(/the 3 days 2026-03-03 to 2026-03-05 \(fewer than 100 delivered/);
  });

  it('pauses a provider over its complaint limit, and replanning restarts it at half while keeping the history', () => {
    const plan = service.create(spec('pause'));
    for (const date of ['2026-03-02', '2026-03-03', '2026-03-04']) sendAsPlanned(plan.id, date);
    sendAsPlanned(plan.id, '2026-03-05', { gmail: { complaint: 1 } });
    const before = service.get(plan.id).days;
    const status = service.status(plan.id, '2026-03-05');
    expect(status.providers[0]).toMatchObject({ provider: 'gmail', decision: 'pause' });
    expect(status.providers[0]!.reasons[0]).toMatch(/^Pause: complaints 0\.57% \(1 of 176 delivered\)/);

    const { days, decisions } = service.replan(plan.id, '2026-03-05');
    expect(decisions.find((d) => d.provider === 'gmail')!.decision).toBe('pause');
    expect(days.filter((d) => d.date <= '2026-03-05')).toEqual(before.filter((d) => d.date <= '2026-03-05'));
    const [friday, monday, tuesday] = days.filter((d) => d.date > '2026-03-05');
    expect(friday).toMatchObject({ date: '2026-03-06', sendingDay: 5 });
    expect(friday!.providers.gmail).toBe(0);
    expect(monday).toMatchObject({ date: '2026-03-09', sendingDay: 6 });
    expect(monday!.providers.gmail).toBe(88); // resumes at 50% of the 176 it sent
    expect(tuesday!.providers.gmail).toBeGreaterThan(88);
    expect(tuesday!.providers.gmail).toBeLessThanOrEqual(176);
    // The other providers advance from what they actually sent.
    expect(friday!.providers.microsoft).toBeGreaterThan(72);
    expect(friday!.providers.microsoft).toBeLessThanOrEqual(144);
    expect(days.at(-1)!.total).toBe(200_000);
    expect(service.get(plan.id).plan.replannedAt).not.toBeNull();
  });

  it('steps back to 60% and holds at the last volume', () => {
    const plan = service.create(spec('step'));
    for (const date of ['2026-03-02', '2026-03-03', '2026-03-04']) sendAsPlanned(plan.id, date);
    sendAsPlanned(plan.id, '2026-03-05', { gmail: { hardBounce: 7 } });
    const { days } = service.replan(plan.id, '2026-03-05');
    const friday = days.find((d) => d.date === '2026-03-06')!;
    expect(friday.providers.gmail).toBe(Math.floor(176 * 0.6)); // 7 of 176 = 3.98% hard bounces: step back
  });

  it('holds a provider that sent far over the plan instead of showing it as healthy', () => {
    const plan = service.create(spec('over'));
    for (const date of ['2026-03-02', '2026-03-03']) sendAsPlanned(plan.id, date);
    const planned = service.get(plan.id).days.find((d) => d.date === '2026-03-04')!.providers.gmail;
    service.recordActuals(plan.id, '2026-03-04', 'gmail', 'ip-1', { sent: planned * 3, delivered: planned * 3 });
    const gmail = service.status(plan.id, '2026-03-04').providers.find((p) => p.provider === 'gmail')!;
    expect(gmail.decision).toBe('hold');
    expect(gmail.reasons[0]).toMatch(new RegExp(`^Hold: ${planned * 3} went out in 2026-03-04 where ${planned} were planned \\(300\\.0%\\); sending over the plan skips steps`));
  });

  it('previews a replan without storing it, listing each day that changes', () => {
    const plan = service.create(spec('preview'));
    for (const date of ['2026-03-02', '2026-03-03', '2026-03-04']) sendAsPlanned(plan.id, date);
    sendAsPlanned(plan.id, '2026-03-05', { gmail: { hardBounce: 7 } });
    const before = service.get(plan.id).days;
    const preview = service.replan(plan.id, '2026-03-05', true);
    expect(preview).toMatchObject({ asOf: '2026-03-05', applied: false });
    expect(service.get(plan.id).days).toEqual(before);
    expect(service.get(plan.id).plan.replannedAt).toBeNull();
    const friday = preview.changes.find((c) => c.date === '2026-03-06')!;
    expect(friday.before).toBe(before.find((d) => d.date === '2026-03-06')!.total);
    expect(friday.after).toBe(preview.days.find((d) => d.date === '2026-03-06')!.total);
    expect(preview.changes.every((c) => c.date > '2026-03-05' && c.before !== c.after)).toBe(true);
    const applied = service.replan(plan.id, '2026-03-05');
    expect(applied.applied).toBe(true);
    expect(applied.changes).toEqual(preview.changes);
    expect(service.get(plan.id).days).toEqual(applied.days);
  });

  it('never grows a second ramp months after the last results: it refuses and says why', () => {
    const plan = service.create(spec('months-old'));
    for (const date of ['2026-03-02', '2026-03-03']) sendAsPlanned(plan.id, date);
    const before = service.get(plan.id).days;
    expect(() => service.replan(plan.id, '2026-12-07')).toThrow(/last results are from 2026-03-03, 279 days before 2026-12-07: after 30 days without mail/);
    expect(service.get(plan.id).days).toEqual(before);
    // Within the limit, the new days continue the plan's own numbering: no "day 201".
    const { days } = service.replan(plan.id, '2026-03-20');
    const next = days.find((d) => d.date > '2026-03-20')!;
    expect(next).toMatchObject({ date: '2026-03-23' });
    expect(next.sendingDay).toBe(before.filter((d) => d.date <= '2026-03-20').at(-1)!.sendingDay + 1);
  });

  it('names the imported days that fall outside the plan', async () => {
    const plan = service.create(spec('outside', { ips: ['192.0.2.10'] }));
    const send = (id: string, at: string) => ({ eventType: 'Send', mail: { messageId: id, timestamp: at, destination: ['a@gmail.com'] } });
    const ndjson = [send('early', '2025-11-03T10:00:00Z'), send('inside', '2026-03-03T10:00:00Z')].map((e) => JSON.stringify(e)).join('\n');
    const summary = await service.import(plan.id, 'ses', { text: ndjson, name: 'events.ndjson' });
    expect(summary.days).toEqual(['2025-11-03', '2026-03-03']);
    expect(summary.outsidePlan).toEqual(['2025-11-03']);
  });

  it('lets a hand-entered day replace what an import said for it', async () => {
    const plan = service.create(spec('manual', { ips: ['192.0.2.10'] }));
    const ndjson = [
      { eventType: 'Send', mail: { messageId: 'm1', timestamp: '2026-03-02T10:00:00Z', destination: ['a@gmail.com'] } },
      { eventType: 'Delivery', mail: { messageId: 'm1', timestamp: '2026-03-02T10:00:00Z', destination: ['a@gmail.com'] }, delivery: { timestamp: '2026-03-02T10:00:02Z', recipients: ['a@gmail.com'] } },
    ].map((e) => JSON.stringify(e)).join('\n');
    await service.import(plan.id, 'ses', { text: ndjson, name: 'events.ndjson' });
    const row = () => service.analytics(plan.id).rows.find((r) => r.date === '2026-03-02' && r.provider === 'gmail')!;
    expect(row().counts).toMatchObject({ sent: 1, delivered: 1 });
    expect(row().rates.delivery).toEqual({ value: 1, numerator: 1, denominator: 1, of: 'sent' });
    service.recordActuals(plan.id, '2026-03-02', 'gmail', '192.0.2.10', { sent: 20, delivered: 19, conversion: 2 });
    expect(row().counts).toMatchObject({ sent: 20, delivered: 19, conversion: 2 });
    expect(row().rates.conversion).toEqual({ value: 2 / 19, numerator: 2, denominator: 19, of: 'delivered' });
  });

  it('exports the stored schedule as CSV and ICS and deletes a plan with everything it has', () => {
    const plan = service.create(spec('export'));
    const csv = service.export(plan.id, 'csv');
    expect(csv.fileName).toBe('warmup-export.csv');
    expect(csv.text.split('\r\n')[1]).toMatch(/^2026-03-02,1,40,22,9,3,1,5$/);
    expect(service.export(plan.id, 'ics').text).toContain('BEGIN:VEVENT');
    expect(service.delete(plan.id)).toBe(true);
    expect(() => service.get(plan.id)).toThrow(/no warm-up plan with id/);
  });
});
