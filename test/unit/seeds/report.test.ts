import { describe, expect, it } from 'vitest';
import type { Placement, Provider, RecipientRow } from '../../../shared/contract/seeds';
import { placementMatrix as matrixOfCounts, reportCsv } from '../../../electron/services/seeds/report';

let seq = 0;
const row = (provider: Provider, placement: Placement, extra: Partial<RecipientRow> = {}): RecipientRow => ({
  runId: 'abcdef012345', seq: seq++, address: `s${seq}@${provider}.example`, provider, testId: `mb-abcdef012345-${String(seq).padStart(5, '0')}`,
  status: 'accepted', attempts: 1, placement, ...extra,
});

/** The matrix is built from (provider, placement, count) groups; a row is a group of one, and groups may repeat. */
const placementMatrix = (rows: readonly RecipientRow[], audience?: Record<string, number>) =>
  matrixOfCounts(rows.map((r) => ({ provider: r.provider, placement: r.placement, count: 1 })), audience);

describe('placement matrix', () => {
  const rows = [
    row('gmail', 'inbox'), row('gmail', 'tab', { tab: 'promotions' }), row('gmail', 'spam'), row('gmail', 'pending'),
    row('microsoft', 'inbox'), row('microsoft', 'missing'),
    row('yahoo', 'unchecked'),
  ];

  it('counts each provider, with percentages of the copies whose placement is known', () => {
    const matrix = placementMatrix(rows);
    expect(matrix.rows.map((r) => r.provider)).toEqual(['gmail', 'microsoft']);
    expect(matrix.rows[0]).toEqual({
      provider: 'gmail', total: 4, pending: 1, notSent: 0,
      inbox: { count: 1, percent: 33.3 }, tab: { count: 1, percent: 33.3 }, spam: { count: 1, percent: 33.3 }, missing: { count: 0, percent: 0 },
    });
    expect(matrix.overall).toMatchObject({ total: 6, pending: 1, inbox: { count: 2, percent: 40 }, missing: { count: 1, percent: 20 } });
    expect(matrix.weighted).toBeUndefined();
  });

  it('keeps seeds the server never accepted out of the percentages: nothing sent is not "Missing 100%"', () => {
    const refused = [row('gmail', 'not_sent', { status: 'failed' }), row('gmail', 'not_sent', { status: 'rejected' })];
    expect(placementMatrix(refused).overall).toEqual({
      provider: 'all', total: 2, pending: 0, notSent: 2,
      inbox: { count: 0, percent: 0 }, tab: { count: 0, percent: 0 }, spam: { count: 0, percent: 0 }, missing: { count: 0, percent: 0 },
    });
    const mixed = placementMatrix([...refused, row('gmail', 'missing'), row('gmail', 'inbox')], { gmail: 100 });
    expect(mixed.overall).toMatchObject({ total: 4, notSent: 2, missing: { count: 1, percent: 50 }, inbox: { count: 1, percent: 50 } });
    expect(mixed.weighted).toEqual({ inbox: 50, tab: 0, spam: 0, missing: 50 });
  });

  it('weights the overall placement by the audience mix, over the providers it has results for', () => {
    // `outlook` is the user's word for microsoft: the mix reads it through the aliases
    const matrix = placementMatrix(rows, { gmail: 60, outlook: 20, yahoo: 20 });
    // (60 * 33.3 + 20 * 50) / 80 for inbox; yahoo has no checked seeds and drops out.
    expect(matrix.weighted).toEqual({ inbox: 37.5, tab: 25, spam: 25, missing: 12.5 });
    expect(placementMatrix(rows, { aol: 100 }).weighted).toBeUndefined();
  });

  it('exports one CSV line per seed, quoting what needs it', () => {
    const csv = reportCsv([row('gmail', 'spam', { code: 250, response: '250 Ok: queued as A1, thanks', auth: { spf: 'pass', dkim: 'fail' }, copies: 1, late: false })]);
    const [header, line] = csv.trim().split('\n');
    expect(header).toBe('address,provider,test_id,status,attempts,code,response,queue_id,sent_at,placement,folder,tab,arrival_delay_sec,late,copies,spf,dkim,dmarc');
    expect(line).toMatch(/^s\d+@gmail\.example,gmail,mb-abcdef012345-\d{5},accepted,1,250,"250 Ok: queued as A1, thanks",,,spam,,,,no,1,pass,fail,$/);
  });
});
