import { stringify } from 'csv-stringify/sync';
import { neutralizingCast } from '../../fs/csv-cell';
import type { Matrix, MatrixRow, Placement, RecipientRow } from '../../../shared/contract/seeds';
import type { PlacementCount } from './run-store';
import { providerNamed } from '../../../shared/model/mailbox-providers';

type Outcome = 'inbox' | 'tab' | 'spam' | 'missing';

/**
 * Provider x placement: counts and percentages of the copies whose placement is known
 * (pending, unchecked and never-sent seeds are not in the percentages: a server that
 * refused the message says nothing about where a copy would land), plus an overall row
 * and, when the user gave an audience mix, the overall placement weighted by it.
 * Built from per-provider counts (RunStore.aggregate, a GROUP BY): never from the rows.
 */
export function placementMatrix(counts: readonly PlacementCount[], audience?: Record<string, number>): Matrix {
  const checked = counts.filter((entry) => entry.placement !== 'unchecked');
  const providers = [...new Set(checked.map((entry) => entry.provider))].sort();
  const matrixRows = providers.map((provider) => matrixRow(provider, checked.filter((entry) => entry.provider === provider)));
  const matrix: Matrix = { rows: matrixRows, overall: matrixRow('all', checked) };
  const weighted = audience ? weigh(matrixRows, audience) : undefined;
  return weighted ? { ...matrix, weighted } : matrix;
}

function matrixRow(provider: string, counts: readonly PlacementCount[]): MatrixRow {
  const countOf = (placement: Placement) => counts.reduce((sum, entry) => (entry.placement === placement ? sum + entry.count : sum), 0);
  const total = counts.reduce((sum, entry) => sum + entry.count, 0);
  const pending = countOf('pending');
  const notSent = countOf('not_sent');
  const decided = total - pending - notSent;
  const cell = (placement: Outcome) => {
    const count = countOf(placement);
    return { count, percent: decided === 0 ? 0 : round((100 * count) / decided) };
  };
  return { provider, total, inbox: cell('inbox'), tab: cell('tab'), spam: cell('spam'), missing: cell('missing'), pending, notSent };
}

const decidedOf = (row: MatrixRow) => row.total - row.pending - row.notSent;

function weigh(rows: readonly MatrixRow[], audience: Record<string, number>): Matrix['weighted'] {
  // The user's words for providers (`outlook 30`) in the seeds' vocabulary (`microsoft`).
  const mix = new Map<string, number>();
  for (const [word, percent] of Object.entries(audience)) {
    const provider = providerNamed(word) ?? word.toLowerCase();
    mix.set(provider, (mix.get(provider) ?? 0) + percent);
  }
  const weightOf = (row: MatrixRow) => mix.get(row.provider) ?? 0;
  const usable = rows.filter((row) => weightOf(row) > 0 && decidedOf(row) > 0);
  const total = usable.reduce((sum, row) => sum + weightOf(row), 0);
  if (total === 0) return undefined;
  const share = (placement: Outcome) => round(usable.reduce((sum, row) => sum + weightOf(row) * row[placement].percent, 0) / total);
  return { inbox: share('inbox'), tab: share('tab'), spam: share('spam'), missing: share('missing') };
}

const round = (value: number) => Math.round(value * 10) / 10;

export const REPORT_COLUMNS = [
  'address', 'provider', 'test_id', 'status', 'attempts', 'code', 'response', 'queue_id', 'sent_at',
  'placement', 'folder', 'tab', 'arrival_delay_sec', 'late', 'copies', 'spf', 'dkim', 'dmarc',
] as const;

/** Per-seed results as CSV; carries nothing secret (no passwords, no IMAP logins). */
export function reportCsv(rows: readonly RecipientRow[]): string {
  return stringify(
    rows.map((row) => [
      row.address, row.provider, row.testId, row.status, row.attempts, row.code ?? '', row.response ?? '', row.queueId ?? '', row.sentAt ?? '',
      row.placement, row.folder ?? '', row.tab ?? '', row.arrivalDelaySec ?? '', row.late === undefined ? '' : row.late ? 'yes' : 'no', row.copies ?? '',
      row.auth?.spf ?? '', row.auth?.dkim ?? '', row.auth?.dmarc ?? '',
    ]),
    // An SMTP reply and an IMAP folder name are the receiver's text: no cell may start a spreadsheet formula.
    { header: true, columns: [...REPORT_COLUMNS], cast: neutralizingCast },
  );
}
