import { useEffect, useState } from 'react';
import type { EspFormat, ImportSummary } from '../../../../shared/contract/warmup';
import { espFormats } from '../../../../shared/contract/warmup';
import { client } from '../../platform/index';
import { number } from './format';

const labels: Record<EspFormat, string> = { sendgrid: 'SendGrid', mailgun: 'Mailgun', postmark: 'Postmark', ses: 'Amazon SES', sparkpost: 'SparkPost' };

/** Import of an ESP event export: a progress bar while it runs, then what was read, skipped and why. */
export function ImportBox({ planId, onImported }: { planId: number; onImported: () => void }) {
  const [format, setFormat] = useState<EspFormat>('sendgrid');
  const [progress, setProgress] = useState<{ done: number; total: number; message: string }>();
  const [summary, setSummary] = useState<ImportSummary>();
  const [error, setError] = useState('');
  const [jobId, setJobId] = useState('');

  useEffect(() => client.on('job.progress', (p) => {
    if (p.jobId === jobId) setProgress({ done: p.done, total: p.total ?? 0, message: p.message ?? '' });
  }), [jobId]);

  async function run(file: File) {
    const id = `warmup-import-${Date.now()}`;
    setJobId(id);
    setSummary(undefined);
    setError('');
    setProgress({ done: 0, total: file.size, message: `Reading ${file.name}…` });
    try {
      const result = await client.call('warmup.import', { planId, format, text: await file.text(), fileName: file.name, jobId: id });
      setSummary(result);
      onImported();
    } catch (e) {
      setError((e as Error).message);
    } finally {
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
