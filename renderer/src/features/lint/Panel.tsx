import { useState } from 'react';
import type { SpamCheckResult } from '../../../../shared/contract/lint';
import type { AppError } from '../../../../shared/contract/errors';
import { caniemailDataDate, SPAM_THRESHOLD } from '../../../../shared/lint/index';
import { client } from '../../platform/index';
import { documentStore } from '../../state/document';
import { useStore } from '../../state/store';
import { Button } from '../../ui/Button';
import { FindingsList } from './FindingsList';
import { lintStore } from './live-lint';
import { RuleSettings } from './RuleSettings';
import './lint.css';

function ClientSummaryTable() {
  const clients = useStore(lintStore, (s) => s.clients);
  if (clients.length === 0) return null;
  return (
    <table className="lint-table" aria-label="Client support">
      <thead>
        <tr>
          <th scope="col">Client</th>
          <th scope="col">Share of opens</th>
          <th scope="col">Unsupported features</th>
          <th scope="col">Partly supported</th>
        </tr>
      </thead>
      <tbody>
        {clients.map((row) => (
          <tr key={row.client}>
            <th scope="row">{row.label}</th>
            <td className="num">{Math.round(row.share * 100)} %</td>
            <td className="num">{row.unsupported === 0 ? '✓ 0' : `! ${row.unsupported}`}</td>
            <td className="num">{row.partial}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Points as SpamAssassin writes them: informational rules score 0.001, which one decimal would show as 0.0. */
const points = (score: number) => (Math.abs(score) < 0.05 ? score.toFixed(3) : score.toFixed(1));

/** SpamAssassin rule hits with their points, what they mean and one column of their own (the offline breakdown's "Finding", spamd's "Line"). */
function RuleHitsTable<Hit extends { rule: string; score: number; description: string }>(props: { label: string; hits: readonly Hit[]; last: { heading: string; numeric?: boolean; cell: (hit: Hit) => string | number } }) {
  const { label, hits, last } = props;
  return (
    <table className="lint-table" aria-label={label}>
      <thead>
        <tr>
          <th scope="col">Points</th>
          <th scope="col">Rule</th>
          <th scope="col">What</th>
          <th scope="col">{last.heading}</th>
        </tr>
      </thead>
      <tbody>
        {hits.map((hit) => (
          <tr key={hit.rule}>
            <td className="num">{points(hit.score)}</td>
            <td className="mono">{hit.rule}</td>
            <td>{hit.description}</td>
            <td className={last.numeric ? 'num' : undefined}>{last.cell(hit)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Lint-level notes: one line each under the summary (the score's offline caveat is not a finding, but it is the truth about the score). */
function LintNotes() {
  const notes = useStore(lintStore, (s) => s.notes);
  if (notes.length === 0) return null;
  return (
    <ul className="lint-notes" aria-label="Notes">
      {notes.map((note) => (
        <li key={note.id}>{note.message}</li>
      ))}
    </ul>
  );
}

/** Every spam rule the offline engine hit with its points, including SpamAssassin's informational ones that are no finding. */
function SpamBreakdown() {
  const hits = useStore(lintStore, (s) => s.spamHits);
  if (hits.length === 0) return null;
  return (
    <details className="lint-breakdown">
      <summary>
        Score breakdown ({hits.length} {hits.length === 1 ? 'rule' : 'rules'} hit)
      </summary>
      <RuleHitsTable label="Spam score breakdown" hits={hits} last={{ heading: 'Finding', cell: (hit) => (hit.finding ? 'yes' : 'no (informational)') }} />
    </details>
  );
}

type SpamCheckState = { kind: 'idle' } | { kind: 'running' } | { kind: 'done'; result: SpamCheckResult } | { kind: 'failed'; error: AppError };

function SpamAssassinCheck() {
  // Each outcome remembers the source it judged: once the document changes, a real SpamAssassin result about an
  // older text is not shown beside live findings about the new one (nor is a late answer about it).
  const [state, setState] = useState<{ source: string; check: SpamCheckState }>({ source: '', check: { kind: 'idle' } });
  const current = useStore(documentStore, (doc) => doc.source);
  const shown: SpamCheckState = state.source === current ? state.check : { kind: 'idle' };
  const run = () => {
    const doc = documentStore.get();
    const judged = doc.source;
    setState({ source: judged, check: { kind: 'running' } });
    client.call('lint.spamcheck', { language: doc.language, source: doc.source, compiledHtml: doc.compiledHtml, subject: doc.title }).then(
      (result) => setState({ source: judged, check: { kind: 'done', result } }),
      (error: AppError) => setState({ source: judged, check: { kind: 'failed', error } }),
    );
  };
  return (
    <section aria-labelledby="spamassassin-title">
      <h2 id="spamassassin-title">SpamAssassin</h2>
      <Button onClick={run} disabled={shown.kind === 'running'}>
        {shown.kind === 'running' ? 'Running SpamAssassin…' : 'Run SpamAssassin'}
      </Button>
      {shown.kind === 'failed' && (
        <p role="alert">
          {shown.error.message} {shown.error.details.hint}
        </p>
      )}
      {shown.kind === 'done' && (
        <>
          <p role="status">
            {shown.result.score.toFixed(1)} points ({shown.result.threshold.toFixed(1)} required): {shown.result.isSpam ? 'spam' : 'not spam'}, by {shown.result.answeredBy} in{' '}
            {(shown.result.elapsedMs / 1000).toFixed(1)} s
          </p>
          <RuleHitsTable label="SpamAssassin rules hit" hits={shown.result.hits} last={{ heading: 'Line', numeric: true, cell: (hit) => hit.line ?? '' }} />
        </>
      )}
    </section>
  );
}

/** The lint report: spam score, client support, SpamAssassin on demand, settings and every finding. */
export default function LintPanel() {
  const spamScore = useStore(documentStore, (doc) => doc.spamScore);
  const bytes = useStore(documentStore, (doc) => new TextEncoder().encode(doc.compiledHtml).length);
  const { running, ms, error } = useStore(lintStore, (s) => s);
  return (
    <section className="panel lint-panel" aria-labelledby="lint-title">
      <h1 id="lint-title">Lint report</h1>
      <div className="lint-summary">
        <span>
          Spam score{' '}
          <span className={`lint-score ${(spamScore ?? 0) >= SPAM_THRESHOLD ? 'lint-score-over' : ''}`} data-testid="lint-spam-score">
            {spamScore === undefined ? '–' : spamScore.toFixed(1)}
          </span>{' '}
          of {SPAM_THRESHOLD.toFixed(1)}
        </span>
        <span>HTML {(bytes / 1024).toFixed(1)} KB of 102 KB</span>
        <span role="status">{running ? 'Linting…' : ms !== undefined ? `Linted in ${ms.toFixed(0)} ms` : ''}</span>
        {error && <span role="alert">{error}</span>}
      </div>
      <LintNotes />
      <SpamBreakdown />
      <FindingsList />
      <h2>Client support</h2>
      <p className="muted">caniemail data of {caniemailDataDate.slice(0, 10)}, weighted by your audience.</p>
      <ClientSummaryTable />
      <SpamAssassinCheck />
      <RuleSettings />
    </section>
  );
}
