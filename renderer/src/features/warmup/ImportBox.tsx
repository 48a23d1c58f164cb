import { useEffect, useRef, useState } from 'react';
import type { EspFormat, ImportSummary } from '../../../../shared/contract/warmup';
import { espFormats } from '../../../../shared/contract/warmup';
import { client } from '../../platform/index';
import { Button } from '../../ui/Button';
import { number } from './format';

/** Browser mode's host takes request bodies up to 64 MB. */
const MAX_UPLOAD = 60 * 1024 * 1024;
const labels: Record<EspFormat, string> = { sendgrid: 'SendGrid', mailgun: 'Mailgun', postmark: 'Postmark', ses: 'Amazon SES', sparkpost: 'SparkPost' };

/** Import of an ESP event export: a progress bar while it runs, then what was read, skipped and why. */
export function ImportBox({ planId, onImported }: { planId: number; onImported: () => void }) {
  const [format, setFormat] = useState<EspFormat>('sendgrid');
  const [progress, setProgress] = useState<{ done: number; total: number; message: string }>();
  const [summary, setSummary] = useState<ImportSummary>();
  const [error, setError] = useState('');
  // A ref, not state: progress events travel apart from the call's answer and may arrive after
  // it; once the import has answered, its late events must not bring the progress bar back.
  const activeJob = useRef<string>(undefined);

  useEffect(() => client.on('job.progress', (p) => {
    if (p.jobId === activeJob.current) setProgress({ done: p.done, total: p.total ?? 0, message: p.message ?? '' });
  }), []);

  const [path, setPath] = useState('');

  /** Small files travel as text; a large export is read by the main process from its path (the page cannot send hundreds of MB). */
  async function run(source: File | string) {
    if (typeof source !== 'string' && source.size > MAX_UPLOAD) {
      setError(`${source.name} is ${Math.round(source.size / 1048576)} MB: type its path below instead, and Mailbench reads it from disk.`);
      return;
    }
    const id = `warmup-import-${Date.now()}`;
    activeJob.current = id;
    setSummary(undefined);
    setError('');
    setProgress({ done: 0, total: typeof source === 'string' ? 0 : source.size, message: `Reading ${typeof source === 'string' ? source : source.name}…` });
    try {
      const input = typeof source === 'string' ? { path: source } : { text: await source.text(), fileName: source.name };
      const result = await client.call('warmup.import', { planId, format, ...input, jobId: id });
      setSummary(result);
      onImported();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      activeJob.current = undefined;
      setProgress(undefined);
    }
  }

  return (
    <section aria-labelledby="wu-import-title">
      <h2 id="wu-import-title">Import results</h2>
      <div className="wu-inline">
        <label>
          Export from{' '}
          <select value={format} onChange={(e) => setFormat(e.target.value as EspFormat)}>
            {espFormats.map((f) => <option key={f} value={f}>{labels[f]}</option>)}
          </select>
        </label>
        <label>
          Event export file (JSON, NDJSON or CSV){' '}
          <input type="file" accept=".json,.ndjson,.jsonl,.csv,.txt" disabled={progress !== undefined} onChange={(e) => e.target.files?.[0] && void run(e.target.files[0])} />
        </label>
        <form className="wu-inline" aria-label="Import from a path" onSubmit={(e) => { e.preventDefault(); if (path.trim()) void run(path.trim()); }}>
          <label>or its path on this computer <input value={path} onChange={(e) => setPath(e.target.value)} placeholder="/home/me/events.ndjson" /></label>
          <Button type="submit" disabled={!path.trim() || progress !== undefined}>Import</Button>
        </form>
      </div>
      {progress && (
        <div role="status">
          <progress max={progress.total || 1} value={progress.done} aria-label="Import progress" /> {progress.message}
        </div>
      )}
      {error && <p role="alert">Import failed: {error}</p>}
      {summary && (
        <div className="wu-summary" role="status" aria-label="Import summary">
          <p>
            {summary.file}: read <strong>{number(summary.read)}</strong>, imported <strong>{number(summary.imported)}</strong>, duplicates{' '}
            <strong>{number(summary.duplicates)}</strong>, skipped <strong>{number(summary.skipped)}</strong> ({summary.seconds.toFixed(1)} s).
          </p>
          {summary.outsidePlan.length > 0 && (
            <p className="warning" data-testid="outside-plan">
              ⚠ {summary.outsidePlan.length} day{summary.outsidePlan.length > 1 ? 's' : ''} of these events fall outside this plan&apos;s dates
              ({summary.outsidePlan.slice(0, 3).join(', ')}{summary.outsidePlan.length > 3 ? ', …' : ''}): they are stored, but no planned volume
              compares with them. Was this export meant for another plan?
            </p>
          )}
          {summary.skippedReasons.length > 0 && (
            <ul>
              {summary.skippedReasons.map((r) => (
                <li key={r.reason}>{r.count} × {r.reason} — line{r.lines.length > 1 ? 's' : ''} {r.lines.join(', ')}{r.count > r.lines.length ? ', …' : ''}</li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}
