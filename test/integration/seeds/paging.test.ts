import { afterEach, describe, expect, it } from 'vitest';
import { type Placement, type RecipientRow, type RecipientStatus, RUN_ROWS_FIRST_PAGE, RUN_ROWS_MAX_PAGE, type RunDetail, type RunRowsPage } from '../../../shared/contract/seeds';
import { placementMatrix } from '../../../electron/services/seeds/report';
import { RunStore } from '../../../electron/services/seeds/run-store';
import type { Runtime } from '../../../electron/services/runtime';
import { testRuntime } from '../../support/runtime';
import { message } from './helpers';

/** Issue #16: a run's detail is a summary aggregated in SQL plus a first page; the rest comes page by page. */

const ROWS = 2345;
const statuses: RecipientStatus[] = ['accepted', 'accepted', 'accepted', 'rejected', 'deferred', 'failed', 'unknown', 'queued'];
const placements: Placement[] = ['inbox', 'inbox', 'tab', 'spam', 'missing', 'pending', 'not_sent', 'unchecked', 'inbox'];
// `outlook` is how rows written before the one provider vocabulary name Microsoft.
const storedProviders = ['gmail', 'outlook', 'microsoft', 'yahoo', 'other'];

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** A finished run of ROWS rows with every status, placement and provider mixed in, written as the send and polls would. */
function bigRun(): { rt: Runtime; runId: string } {
  const { rt, cleanup } = testRuntime();
  cleanups.push(cleanup);
  const store = new RunStore(rt.db);
  const { id } = store.createRun({
    smtp: { host: '127.0.0.1', port: 25, security: 'none', poolSize: 1, ratePerSecond: 0, password: { kind: 'none' } },
    message: message(),
    audience: { gmail: 50, outlook: 30, yahoo: 20 },
    recipients: Array.from({ length: ROWS }, (_, i) => ({ address: `seed${i}@seeds.example`, provider: 'other' })),
  });
  const update = rt.db.prepare('UPDATE seed_recipients SET status = ?, attempts = ?, provider = ?, placement = ? WHERE run_id = ? AND seq = ?');
  rt.db.transaction(() => {
    for (let seq = 0; seq < ROWS; seq++) update.run(statuses[seq % statuses.length], 1 + (seq % 3), storedProviders[seq % storedProviders.length], placements[seq % placements.length], id, seq);
  })();
  store.setState(id, 'sent', null);
  return { rt, runId: id };
}

async function call<T>(rt: Runtime, name: 'seeds.run' | 'seeds.rows', input: object): Promise<T> {
  const result = await rt.dispatcher.call(name, input);
  if (!result.ok) throw new Error(`${name}: ${result.error.code} ${result.error.message}`);
  return result.value as T;
}

describe('a run of more rows than one page', () => {
  it('gives the first page with a summary and matrix over every row, and every row exactly once, in seq order, page by page', async () => {
    const { rt, runId } = bigRun();
    const detail = await call<RunDetail>(rt, 'seeds.run', { runId });
    expect(detail.recipients.map((row) => row.seq)).toEqual(Array.from({ length: RUN_ROWS_FIRST_PAGE }, (_, i) => i));
    expect(detail.next).toBe(RUN_ROWS_FIRST_PAGE - 1);

    const all: RecipientRow[] = [...detail.recipients];
    let after = detail.next;
    let pages = 0;
    while (after !== undefined && pages++ < 10) {
      const page = await call<RunRowsPage>(rt, 'seeds.rows', { runId, after });
      expect(page.rows.length).toBeLessThanOrEqual(RUN_ROWS_MAX_PAGE);
      all.push(...page.rows);
      after = page.next;
    }
    expect(pages).toBe(3);
    expect(all.map((row) => row.seq)).toEqual(Array.from({ length: ROWS }, (_, i) => i));

    // The summary's counts and the matrix agree with the rows themselves, counted one by one.
    const counted = new Map<string, number>();
    for (const row of all) counted.set(row.status, (counted.get(row.status) ?? 0) + 1);
    expect(detail.run.total).toBe(ROWS);
    for (const status of Object.keys(detail.run.counts) as RecipientStatus[]) expect(detail.run.counts[status]).toBe(counted.get(status) ?? 0);
    expect(detail.run.retries).toBe(all.reduce((sum, row) => sum + Math.max(row.attempts - 1, 0), 0));
    const fromRows = placementMatrix(all.map((row) => ({ provider: row.provider, placement: row.placement, count: 1 })), { gmail: 50, outlook: 30, yahoo: 20 });
    expect(detail.matrix).toEqual(fromRows);
    // Rows stored as `outlook` are Microsoft's, in the rows and in one matrix row.
    expect(detail.matrix.rows.map((row) => row.provider)).toEqual(['gmail', 'microsoft', 'other', 'yahoo']);
    const microsoft = Array.from({ length: ROWS }, (_, seq) => storedProviders[seq % storedProviders.length]).filter((word) => word === 'outlook' || word === 'microsoft').length;
    expect(all.filter((row) => row.provider === 'microsoft')).toHaveLength(microsoft);
    expect(detail.matrix.rows.find((row) => row.provider === 'microsoft')!.total).toBe(all.filter((row) => row.provider === 'microsoft' && row.placement !== 'unchecked').length);
  });

  it('pages with a chosen size, from the start without a cursor, and ends with no cursor', async () => {
    const { rt, runId } = bigRun();
    const first = await call<RunRowsPage>(rt, 'seeds.rows', { runId, limit: 7 });
    expect(first.rows.map((row) => row.seq)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(first.next).toBe(6);
    const last = await call<RunRowsPage>(rt, 'seeds.rows', { runId, after: ROWS - 3, limit: 7 });
    expect(last.rows.map((row) => row.seq)).toEqual([ROWS - 2, ROWS - 1]);
    expect(last.next).toBeUndefined();
    const exact = await call<RunRowsPage>(rt, 'seeds.rows', { runId, after: ROWS - 3, limit: 2 });
    expect(exact.next).toBeUndefined();
    const detail = await call<RunDetail>(rt, 'seeds.run', { runId, limit: RUN_ROWS_MAX_PAGE });
    expect(detail.recipients).toHaveLength(RUN_ROWS_MAX_PAGE);
  });

  it(`refuses a page over ${RUN_ROWS_MAX_PAGE} rows and an unknown run, saying which`, async () => {
    const { rt, runId } = bigRun();
    const tooBig = await rt.dispatcher.call('seeds.rows', { runId, limit: RUN_ROWS_MAX_PAGE + 1 });
    expect(tooBig.ok).toBe(false);
    expect(!tooBig.ok && tooBig.error.code).toBe('invalid_input');
    const tooBigFirst = await rt.dispatcher.call('seeds.run', { runId, limit: RUN_ROWS_MAX_PAGE + 1 });
    expect(!tooBigFirst.ok && tooBigFirst.error.code).toBe('invalid_input');
    const unknown = await rt.dispatcher.call('seeds.rows', { runId: 'feedfeedfeed' });
    expect(!unknown.ok && unknown.error.code).toBe('not_found');
  });
});
