import { useEffect, useState } from 'react';
import type { AppError } from '../../../../shared/contract/errors';
import type { Matrix, RecipientRow, RunDetail } from '../../../../shared/contract/seeds';
import { client } from '../../platform/index';
import { Button } from '../../ui/Button';
import { download, ErrorNote } from './parts';

const STATUS_MARK: Record<RecipientRow['status'], string> = { queued: '·', sending: '…', accepted: '✓', rejected: '✕', deferred: '↻', failed: '!', unknown: '?' };
const PLACEMENT_MARK: Record<RecipientRow['placement'], string> = { inbox: '✓', tab: '◧', spam: '⚠', missing: '✕', not_sent: '–', pending: '…', unchecked: '–' };
const PLACEMENT_LABEL: Record<RecipientRow['placement'], string> = { inbox: 'inbox', tab: 'tab', spam: 'spam', missing: 'missing', not_sent: 'not sent', pending: 'pending', unchecked: 'unchecked' };

/** One run: rows fill in as the server answers, the matrix updates as placement polls come back. */
export function RunView({ runId }: { runId: string }) {
  const [detail, setDetail] = useState<RunDetail>();
  const [error, setError] = useState<AppError>();
  const [checking, setChecking] = useState(false);

  useEffect(() => {
    let live = true;
    const refresh = () => void client.call('seeds.run', { runId }).then((value) => live && setDetail(value), (failure: AppError) => live && setError(failure));
    refresh();
    const offRow = client.on('seeds.row', (row) => {
      if (row.runId !== runId) return;
      setDetail((current) => current && { ...current, recipients: current.recipients.map((existing) => (existing.seq === row.seq ? row : existing)) });
    });
    // A run event comes with each state change and after each placement poll: take the fresh matrix.
    const offRun = client.on('seeds.run', (summary) => summary.id === runId && refresh());
    return () => {
      live = false;
      offRow();
      offRun();
    };
  }, [runId]);

  if (!detail) return error ? <ErrorNote error={error} /> : <p role="status">Loading run {runId}…</p>;
  const { run, recipients, matrix } = detail;
  const act = (work: () => Promise<unknown>) => {
    setError(undefined);
    work().catch((failure: AppError) => setError(failure));
  };
  return (
    <section className="seeds-run" aria-label={`Run ${run.id}`}>
      <h2>
        Run <span className="mono">{run.id}</span>: <span data-testid="run-state">{run.state}</span>
      </h2>
      <p role="status" aria-live="polite" data-testid="run-counts">
        {run.counts.accepted} accepted · {run.counts.rejected} rejected · {run.counts.deferred} deferred · {run.counts.failed} failed
        {run.counts.unknown > 0 ? ` · ${run.counts.unknown} unknown (looked for in the mailboxes)` : ''}
        {run.counts.queued + run.counts.sending > 0 ? ` · ${run.counts.queued + run.counts.sending} to go` : ''} · {run.retries} retries
      </p>
      <div className="seeds-toolbar">
        {run.state === 'sending' && <Button onClick={() => act(() => client.call('seeds.cancel', { runId }))}>Cancel</Button>}
        {(run.state === 'cancelled' || run.state === 'interrupted') && <Button onClick={() => act(() => client.call('seeds.resume', { runId }))}>Resume</Button>}
        <Button
          disabled={checking || run.state === 'sending'}
          onClick={() => {
            setChecking(true);
            act(() => client.call('seeds.checkNow', { runId }).then(setDetail).finally(() => setChecking(false)));
          }}
        >
          {checking ? 'Checking mailboxes…' : 'Check placement now'}
        </Button>
        <Button onClick={() => act(() => client.call('seeds.exportReport', { runId }).then(({ csv }) => download(`seed-run-${runId}.csv`, csv, 'text/csv')))}>Export CSV</Button>
      </div>
      <ErrorNote error={error} />
      {run.state === 'failed' && <p role="alert" className="seeds-error">The server accepted no message, so there is no placement to check: see each seed's answer below, fix the SMTP profile or server, and send again.</p>}
      <MatrixTable matrix={matrix} />
      <table className="seeds-table" aria-label="Recipients">
        <thead>
          <tr><th>Seed</th><th>Provider</th><th>SMTP</th><th>Answer</th><th>Placement</th><th>Folder</th><th>Delay</th><th>SPF</th><th>DKIM</th><th>DMARC</th></tr>
        </thead>
        <tbody>
          {recipients.map((row) => (
            <tr key={row.seq} data-status={row.status} data-placement={row.placement}>
              <td className="mono">{row.address}</td>
              <td>{row.provider}</td>
              <td><span aria-hidden="true">{STATUS_MARK[row.status]} </span>{row.status}{row.attempts > 1 ? ` (${row.attempts} tries)` : ''}</td>
              <td className="seeds-response">{row.response ?? row.code ?? ''}</td>
              <td><span aria-hidden="true">{PLACEMENT_MARK[row.placement]} </span>{PLACEMENT_LABEL[row.placement]}{row.late ? ' (late)' : ''}{row.checkError ? ` — ${row.checkError}` : ''}</td>
              <td>{row.folder ?? ''}{row.tab ? ` / ${row.tab}` : ''}</td>
              <td>{row.arrivalDelaySec !== undefined ? `${row.arrivalDelaySec} s` : ''}</td>
              <td>{row.auth?.spf ?? ''}</td>
              <td>{row.auth?.dkim ?? ''}</td>
              <td>{row.auth?.dmarc ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function MatrixTable({ matrix }: { matrix: Matrix }) {
  if (matrix.rows.length === 0) return <p className="seeds-hint">Placement shows here once seeds with IMAP access are checked (1, 2, 5, 10, 15, 30 and 60 minutes after sending, or now).</p>;
  const cell = (c: { count: number; percent: number }) => `${c.count} (${c.percent}%)`;
  return (
    <table className="seeds-table seeds-matrix" aria-label="Placement by provider">
      <thead>
        <tr><th>Provider</th><th>Seeds</th><th>Inbox</th><th>Tab</th><th>Spam</th><th>Missing</th><th>Pending</th><th>Not sent</th></tr>
      </thead>
      <tbody>
        {[...matrix.rows, matrix.overall].map((row) => (
          <tr key={row.provider} className={row.provider === 'all' ? 'seeds-total' : undefined}>
            <th scope="row">{row.provider}</th>
            <td>{row.total}</td>
            <td>{cell(row.inbox)}</td>
            <td>{cell(row.tab)}</td>
            <td>{cell(row.spam)}</td>
            <td>{cell(row.missing)}</td>
            <td>{row.pending}</td>
            <td>{row.notSent}</td>
          </tr>
        ))}
        {matrix.weighted && (
          <tr className="seeds-total">
            <th scope="row">weighted by audience</th>
            <td />
            <td>{matrix.weighted.inbox}%</td>
            <td>{matrix.weighted.tab}%</td>
            <td>{matrix.weighted.spam}%</td>
            <td>{matrix.weighted.missing}%</td>
            <td />
            <td />
          </tr>
        )}
      </tbody>
    </table>
  );
}
