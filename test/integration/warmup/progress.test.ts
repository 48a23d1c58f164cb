import { afterAll, describe, expect, it } from 'vitest';
import type { JobProgress } from '../../../shared/contract/jobs';
import { testRuntime } from '../../support/runtime';

const env = testRuntime();
afterAll(() => env.cleanup());

describe('warmup.import through the contract', () => {
  it('emits job.progress while a long import runs, then finished with the counts', async () => {
    const { rt } = env;
    const created = await rt.dispatcher.call('warmup.create', {
      spec: { name: 'progress', ips: ['192.0.2.10'], startDate: '2026-03-02', target: 10_000, mix: { gmail: 45, microsoft: 25, yahoo: 15, apple: 5, other: 10 } },
    });
    if (!created.ok) throw new Error(created.error.message);
    const planId = (created.value as { id: number }).id;
    const lines: string[] = [];
    for (let i = 0; i < 150_000; i++) {
      lines.push(JSON.stringify({ 'event-data': { id: `p${i}`, event: i % 2 ? 'delivered' : 'accepted', timestamp: 1772460000 + i / 10, recipient: `u${i >> 1}@gmail.com`, envelope: { 'sending-ip': '192.0.2.10' } } }));
    }
    const events: JobProgress[] = [];
    const unsubscribe = rt.dispatcher.subscribe((name, payload) => {
      if (name === 'job.progress') events.push(payload as JobProgress);
    });
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    const result = await rt.dispatcher.call('warmup.import', { planId, format: 'mailgun', text: lines.join('\n'), fileName: 'big.ndjson', jobId: 'job-1' });
    clearInterval(timer);
    unsubscribe();
    expect(result).toMatchObject({ ok: true, value: { read: 150_000, imported: 150_000, skipped: 0 } });
    const mine = events.filter((e) => e.jobId === 'job-1' && e.kind === 'warmup.import');
    expect(mine.filter((e) => e.state === 'running').length).toBeGreaterThan(1);
    expect(mine.at(-1)).toMatchObject({ state: 'finished', message: '150000 imported, 0 duplicates, 0 skipped' });
    const running = mine.filter((e) => e.state === 'running');
    expect(running.at(-1)!.done).toBeGreaterThan(running[0]!.done);
    // Timers kept firing during the import: the event loop was never held for the whole of it.
    expect(ticks).toBeGreaterThan(1);
  });

  it('refuses an import with neither a path nor text', async () => {
    const result = await env.rt.dispatcher.call('warmup.import', { planId: 1, format: 'ses' });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/path of the export file or its text/) } });
  });
});
