import { useCallback, useEffect, useState } from 'react';
import type { AppError } from '../../../../shared/contract/errors';
import { type Matrix, type RecipientRow, RUN_ROWS_FIRST_PAGE, type RunDetail, type RunSummary } from '../../../../shared/contract/seeds';
import { client } from '../../platform/index';
import { Button } from '../../ui/Button';
import { download, ErrorNote, number } from './parts';

const STATUS_MARK: Record<RecipientRow['status'], string> = { queued: '·', sending: '…', accepted: '✓', rejected: '✕', deferred: '↻', failed: '!', unknown: '?' };
const PLACEMENT_MARK: Record<RecipientRow['placement'], string> = { inbox: '✓', tab: '◧', spam: '⚠', missing: '✕', not_sent: '–', pending: '…', unchecked: '–' };
const PLACEMENT_LABEL: Record<RecipientRow['placement'], string> = { inbox: 'inbox', tab: 'tab', spam: 'spam', missing: 'missing', not_sent: 'not sent', pending: 'pending', unchecked: 'unchecked' };
/** Rows fetched per "Show more". */
const MORE_ROWS = 500;
/** While a run sends, its counts are read again at most this often (each read aggregates every row). */
const COUNTS_EVERY_MS = 1000;

/**
 * What the view holds: the summary and matrix (counts over every row, from the main process)
 * and the rows loaded so far, a prefix of the run in seq order; `next` is the cursor after them.
 */
interface Loaded {
  run: RunSummary;
  matrix: Matrix;
  rows: RecipientRow[];
  next?: number | undefined;
}

/**
 * A fresh detail replaces the summary, the matrix and the first page; rows loaded beyond the
 * first page stay (row events keep them current), so a refresh never shrinks what is shown.
 */
function withDetail(current: Loaded | undefined, detail: RunDetail): Loaded {
  const fresh: Loaded = { run: detail.run, matrix: detail.matrix, rows: detail.recipients, next: detail.next };
  if (!current || current.run.id !== detail.run.id || detail.next === undefined) return fresh;
  const beyond = current.rows.filter((row) => row.seq > detail.next!);
  return beyond.length === 0 ? fresh : { ...fresh, rows: [...detail.recipients, ...beyond], next: current.next };
}

/** One run: rows fill in as the server answers, the matrix updates as placement polls come back; rows load a page at a time. */
export function RunView({ runId }: { runId: string }) {
  const [view, setView] = useState<Loaded>();
  const [error, setError] = useState<AppError>();
  const [checking, setChecking] = useState(false);
  const [loadingMore, setLoadingMore] = useState(false);
  const apply = useCallback((detail: RunDetail) => setView((current) => withDetail(current, detail)), []);

  useEffect(() => {
    let live = true;
    let lastCounts = 0;
    const refresh = () => {
      lastCounts = Date.now();
      void client.call('seeds.run', { runId }).then((value) => live && apply(value), (failure: AppError) => live && setError(failure));
    };
    setView(undefined);
    refresh();
    // Row events come once per send and placement: applied in batches, each a single pass over the loaded rows.
    const changed = new Map<number, RecipientRow>();
    let flush: ReturnType<typeof setTimeout> | undefined;
    const offRow = client.on('seeds.row', (row) => {
      if (row.runId !== runId) return;
      changed.set(row.seq, row);
      flush ??= setTimeout(() => {
        flush = undefined;
        const batch = new Map(changed);
        changed.clear();
        setView((current) => current && { ...current, rows: current.rows.map((existing) => batch.get(existing.seq) ?? existing) });
      }, 100);
    });
    // The counts on screen are the summary's: read again while the run sends, and after each state change or poll.
    const offProgress = client.on('job.progress', (progress) => progress.jobId === runId && Date.now() - lastCounts >= COUNTS_EVERY_MS && refresh());
    const offRun = client.on('seeds.run', (summary) => summary.id === runId && refresh());
    return () => {
      live = false;
      clearTimeout(flush);
      offRow();
      offProgress();
      offRun();
    };
  }, [runId, apply]);

  if (!view) return error ? <ErrorNote error={error} /> : <p role="status">Loading run {runId}…</p>;
  const { run, rows, matrix, next } = view;
  const act = (work: () => Promise<unknown>) => {
    setError(undefined);
    work().catch((failure: AppError) => setError(failure));
  };
  const showMore = () => {
    if (next === undefined) return;
    setLoadingMore(true);
    act(() =>
      client
        .call('seeds.rows', { runId, after: next, limit: MORE_ROWS })
        .then((page) =>
          setView((current) => {
            if (!current || current.next !== next) return current;
            return { ...current, rows: [...current.rows, ...page.rows], next: page.next };
          }),
        )
        .finally(() => setLoadingMore(false)),
    );
  };
  return (
    <section className="seeds-run" aria-label={`Run ${run.id}`}>
      <h2>
        Run <span className="mono">{run.id}</span>: <span data-testid="run-state">{run.state}</span>
      </h2>
      <p role="status" aria-live="polite" data-testid="run-counts">
        {number(run.counts.accepted)} accepted · {number(run.counts.rejected)} rejected · {number(run.counts.deferred)} deferred · {number(run.counts.failed)} failed
        {run.counts.unknown > 0 ? ` · ${number(run.counts.unknown)} unknown (looked for in the mailboxes)` : ''}
        {run.counts.queued + run.counts.sending > 0 ? ` · ${number(run.counts.queued + run.counts.sending)} to go` : ''} · {number(run.retries)} retries
      </p>
      <div className="seeds-toolbar">
        {run.state === 'sending' && <Button onClick={() => act(() => client.call('seeds.cancel', { runId }))}>Cancel</Button>}
        {(run.state === 'cancelled' || run.state === 'interrupted') && <Button onClick={() => act(() => client.call('seeds.resume', { runId }))}>Resume</Button>}
        <Button
          disabled={checking || run.state === 'sending'}
          onClick={() => {
            setChecking(true);
            act(() => client.call('seeds.checkNow', { runId }).then(apply).finally(() => setChecking(false)));
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
          {rows.map((row) => (
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
      {run.total > RUN_ROWS_FIRST_PAGE && (
        <div className="seeds-toolbar">
          <span data-testid="rows-shown">{next === undefined ? `All ${number(run.total)} seeds shown.` : `Showing the first ${number(rows.length)} of ${number(run.total)} seeds.`}</span>
          {next !== undefined && (
            <Button disabled={loadingMore} onClick={showMore}>
              {loadingMore ? 'Loading seeds…' : `Show ${number(Math.min(MORE_ROWS, Math.max(1, run.total - rows.length)))} more`}
            </Button>
          )}
        </div>
      )}
    </section>
  );
}

function MatrixTable({ matrix }: { matrix: Matrix }) {
  if (matrix.rows.length === 0) return <p className="seeds-hint">Placement shows here once seeds with IMAP access are checked (1, 2, 5, 10, 15, 30 and 60 minutes after sending, or now).</p>;
  const cell = (c: { count: number; percent: number }) => `${number(c.count)} (${c.percent}%)`;
  return (
    <table className="seeds-table seeds-matrix" aria-label="Placement by provider">
      <thead>
        <tr><th>Provider</th><th>Seeds</th><th>Inbox</th><th>Tab</th><th>Spam</th><th>Missing</th><th>Pending</th><th>Not sent</th></tr>
      </thead>
      <tbody>
        {[...matrix.rows, matrix.overall].map((row) => (
          <tr key={row.provider} className={row.provider === 'all' ? 'seeds-total' : undefined}>
            <th scope="row">{row.provider}</th>
            <td>{number(row.total)}</td>
            <td>{cell(row.inbox)}</td>
            <td>{cell(row.tab)}</td>
            <td>{cell(row.spam)}</td>
            <td>{cell(row.missing)}</td>
            <td>{number(row.pending)}</td>
            <td>{number(row.notSent)}</td>
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
