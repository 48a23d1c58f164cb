import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { metricNames, type EspFormat, type Metrics } from '../../../shared/contract/warmup';
import { importPlanSpec, useWarmupService } from '../../support/warmup';

const fixture = (name: string) => fileURLToPath(new URL(`../../fixtures/warmup/${name}`, import.meta.url));
interface Expected { file: string; read: number; imported: number; duplicates: number; skipped: number; malformedLines: number[]; ignoredReasons: Record<string, number>; metrics: Metrics }
const expectedOf = (file: string) => JSON.parse(readFileSync(fixture(`${file}.expected.json`), 'utf8')) as Expected;

const cases: Array<[EspFormat, string]> = [
  ['sendgrid', 'sendgrid-events.json'],
  ['mailgun', 'mailgun-events.ndjson'],
  ['postmark', 'postmark-webhooks.json'],
  ['ses', 'ses-events.ndjson'],
  ['sparkpost', 'sparkpost-events.json'],
];

const warmup = useWarmupService();
const spec = (name: string) => importPlanSpec(name, ['192.0.2.10', '192.0.2.11']);

describe.each(cases)('importing a %s export', (format, file) => {
  const expected = expectedOf(file);

  it('counts what it read, imported, found twice and skipped, with the line of every malformed record', async () => {
    const plan = warmup.service.create(spec(`import-${format}`));
    const summary = await warmup.service.import(plan.id, format, { path: fixture(file) });
    expect({ read: summary.read, imported: summary.imported, duplicates: summary.duplicates, skipped: summary.skipped })
      .toEqual({ read: expected.read, imported: expected.imported, duplicates: expected.duplicates, skipped: expected.skipped });
    const skippedLines = summary.skippedReasons.flatMap((reason) => reason.lines);
    for (const line of expected.malformedLines) expect(skippedLines).toContain(line);
    for (const [words, count] of Object.entries(expected.ignoredReasons)) {
      const matching = summary.skippedReasons.filter((reason) => reason.reason.includes(words));
      expect(matching.reduce((sum, reason) => sum + reason.count, 0), words).toBe(count);
    }
    expect(summary.days).toEqual(['2026-03-02', '2026-03-03', '2026-03-04']);

    // The actuals hold each metric once per event (opens and clicks once per message), machine opens apart.
    const totals = Object.fromEntries(metricNames.map((m) => [m, 0])) as Metrics;
    for (const row of warmup.service.analytics(plan.id).rows.filter((r) => r.provider === 'all' && r.ip === 'all')) {
      for (const m of metricNames) totals[m] += row.counts[m];
    }
    expect(totals).toEqual(expected.metrics);
    expect(totals.openMachine).toBeGreaterThan(0);
  });

  it('imports nothing twice when the same file comes again', async () => {
    const plan = warmup.service.plan(`import-${format}`);
    const before = warmup.service.analytics(plan.id).rows;
    const again = await warmup.service.import(plan.id, format, { path: fixture(file) });
    expect(again.imported).toBe(0);
    expect(again.duplicates).toBe(expected.imported + expected.duplicates);
    expect(warmup.service.analytics(plan.id).rows).toEqual(before);
  });
});

describe('import input errors', () => {
  it('says which file is missing', async () => {
    const plan = warmup.service.create(spec('missing-file'));
    await expect(warmup.service.import(plan.id, 'ses', { path: '/nonexistent/events.ndjson' })).rejects.toMatchObject({ code: 'not_found', details: { file: '/nonexistent/events.ndjson' } });
  });

  it('reads a CSV export with dotted column names and reports a broken row by line', async () => {
    const plan = warmup.service.create(spec('csv'));
    const csv = [
      'event,email,timestamp,sg_event_id,sg_message_id,ip,type,sg_machine_open,useragent',
      'processed,a@gmail.com,1772460000,e1,m1.f,192.0.2.10,,,',
      'delivered,a@gmail.com,1772460005,e2,m1.f,192.0.2.10,,,',
      'open,a@gmail.com,1772460100,e3,m1.f,17.58.1.2,,true,Mozilla/5.0',
      'bounce,b@yahoo.com,1772460006,e4,m2.f,192.0.2.10,blocked,,',
      '"unterminated,b@yahoo.com,1772460006,e5',
    ].join('\n');
    const summary = await warmup.service.import(plan.id, 'sendgrid', { text: csv, name: 'activity.csv' });
    expect(summary).toMatchObject({ read: 5, imported: 4, skipped: 1 });
    expect(summary.skippedReasons[0]!.lines).toEqual([6]);
    const all = warmup.service.analytics(plan.id).rows.find((r) => r.provider === 'all' && r.ip === 'all' && r.date === '2026-03-02')!;
    expect(all.counts).toMatchObject({ sent: 1, delivered: 1, openMachine: 1, openHuman: 0, block: 1 });
  });

  it('reads a pretty-printed Mailgun events API page', async () => {
    const plan = warmup.service.create(spec('mailgun-page'));
    const page = JSON.stringify({
      items: [
        { id: 'a1', event: 'accepted', timestamp: 1772460000.1, recipient: 'a@gmail.com', envelope: { 'sending-ip': '192.0.2.10' } },
        { id: 'a2', event: 'failed', severity: 'temporary', reason: 'generic', timestamp: 1772460001.1, recipient: 'a@gmail.com', envelope: { 'sending-ip': '192.0.2.10' } },
      ],
      paging: { next: 'https://api.mailgun.net/v3/example.com/events/W3siYSI6IGZhbHNlfV0=' },
    }, null, 2);
    const summary = await warmup.service.import(plan.id, 'mailgun', { text: page, name: 'page.json' });
    expect(summary).toMatchObject({ read: 2, imported: 2, skipped: 0 });
  });
});
