import { useEffect, useRef, useState } from 'react';
import type { ImportResult } from '../../../../shared/contract/dmarc';
import { client } from '../../platform/index';
import { Button } from '../../ui/Button';

/** One file's bytes as base64 (the contract carries bytes that way; reports are gzip and zip as often as text). */
function base64Of(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error(`Cannot read ${file.name}.`));
    reader.readAsDataURL(file);
  });
}

/** Files above this travel by path instead (the main process reads them from disk). */
const MAX_FILE = 32 * 1024 * 1024;
/** Files sent per call, so the browser-mode host's 64 MB body limit is never near. */
const BATCH_BYTES = 24 * 1024 * 1024;

/** Import of report files: pick or drop files (sent as bytes), or type a file or folder path (read from disk). */
export function ImportBox({ onImported }: { onImported: (result: ImportResult) => void }) {
  const [progress, setProgress] = useState<string>();
  const [error, setError] = useState('');
  const [path, setPath] = useState('');
  const [over, setOver] = useState(false);
  const activeJob = useRef<string>(undefined);

  useEffect(() => client.on('job.progress', (p) => {
    if (p.jobId === activeJob.current && p.state === 'running') setProgress(p.message ?? '');
  }), []);

  async function run(calls: Array<() => Promise<ImportResult>>) {
    setError('');
    const total: ImportResult = { imported: [], duplicates: [], refused: [] };
    try {
      for (const [i, call] of calls.entries()) {
        setProgress(`Importing ${calls.length > 1 ? `batch ${i + 1} of ${calls.length}` : ''}…`);
        const result = await call();
        total.imported.push(...result.imported);
        total.duplicates.push(...result.duplicates);
        total.refused.push(...result.refused);
      }
      onImported(total);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      activeJob.current = undefined;
      setProgress(undefined);
    }
  }

  function upload(list: FileList | File[]) {
    const files = [...list];
    const tooLarge = files.filter((f) => f.size > MAX_FILE);
    if (tooLarge.length) {
      setError(`${tooLarge.map((f) => f.name).join(', ')}: above 32 MB; type the path below and Mailbench reads it from disk.`);
      return;
    }
    const batches: File[][] = [[]];
    let bytes = 0;
    for (const file of files) {
      if (bytes + file.size > BATCH_BYTES && batches.at(-1)!.length > 0) {
        batches.push([]);
        bytes = 0;
      }
      batches.at(-1)!.push(file);
      bytes += file.size;
    }
    void run(batches.map((batch) => async () => {
      const id = `dmarc-import-${Date.now()}`;
      activeJob.current = id;
      const encoded = await Promise.all(batch.map(async (f) => ({ name: f.name, base64: await base64Of(f) })));
      return client.call('dmarc.import', { files: encoded, jobId: id });
    }));
  }

  return (
    <section aria-labelledby="dm-import-title">
      <h2 id="dm-import-title">Import reports</h2>
      <div
        className={`dm-drop${over ? ' dm-over' : ''}`}
        onDragOver={(e) => { e.preventDefault(); setOver(true); }}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => { e.preventDefault(); setOver(false); if (e.dataTransfer.files.length) upload(e.dataTransfer.files); }}
      >
        <label>
          Report files (.xml, .xml.gz, .zip, .json, .json.gz, .eml) — or drop them here{' '}
          <input type="file" multiple accept=".xml,.gz,.zip,.json,.eml,.txt" disabled={progress !== undefined} onChange={(e) => { if (e.target.files?.length) upload(e.target.files); e.target.value = ''; }} />
        </label>
        <form className="dm-row" aria-label="Import from a path" onSubmit={(e) => {
          e.preventDefault();
          const typed = path.trim();
          if (!typed) return;
          void run([() => {
            const id = `dmarc-import-${Date.now()}`;
            activeJob.current = id;
            return client.call('dmarc.import', { paths: [typed], jobId: id });
          }]);
        }}>
          <label>or a file or folder on this computer <input value={path} onChange={(e) => setPath(e.target.value)} placeholder="/home/me/dmarc-reports" /></label>
          <Button type="submit" disabled={!path.trim() || progress !== undefined}>Import</Button>
        </form>
      </div>
      {progress !== undefined && <p role="status"><progress aria-label="Import progress" /> {progress}</p>}
      {error && <p role="alert">Import failed: {error}</p>}
    </section>
  );
}

/** What the last import did: counts, then each refused file with its reason and each repair. */
export function ImportSummary({ result }: { result: ImportResult }) {
  const repaired = result.imported.filter((r) => r.warnings.length > 0);
  return (
    <div className="dm-box" role="status" aria-label="Import summary">
      <p>
        Imported <strong>{result.imported.length}</strong> report{result.imported.length === 1 ? '' : 's'},{' '}
        <strong>{result.duplicates.length}</strong> already imported, <strong>{result.refused.length}</strong> refused.
      </p>
      {result.refused.length > 0 && (
        <ul className="dm-list" aria-label="Refused files">
          {result.refused.map((r) => <li key={r.file}><strong>{r.file}</strong>: {r.reason}</li>)}
        </ul>
      )}
      {repaired.length > 0 && (
        <ul className="dm-list" aria-label="Repairs">
          {repaired.map((r) => <li key={`${r.file}:${r.reportId}`}>{r.file}: {r.warnings.join(' ')}</li>)}
        </ul>
      )}
    </div>
  );
}
