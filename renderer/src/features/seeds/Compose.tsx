import { useState } from 'react';
import type { AppError } from '../../../../shared/contract/errors';
import { FROM_NOT_AN_ADDRESS, fromAddress, type MessageSpec, type SeedList, type SmtpProfile } from '../../../../shared/contract/seeds';
import { client } from '../../platform/index';
import { useLoad } from '../../platform/use-call';
import { documentStore } from '../../state/document';
import { useStore } from '../../state/store';
import { Button } from '../../ui/Button';
import { ErrorNote } from './parts';

type Headers = Omit<MessageSpec, 'html' | 'text'>;

/** "gmail 60, microsoft 30" → { gmail: 60, microsoft: 30 } (aliases like outlook are read by the main process); empty → no weighting. */
export function parseAudience(text: string): Record<string, number> | undefined {
  const pairs = text.split(',').map((part) => part.trim().split(/\s+/)).filter((pair) => pair.length === 2 && Number.isFinite(Number(pair[1])));
  return pairs.length === 0 ? undefined : Object.fromEntries(pairs.map(([provider, share]) => [provider!.toLowerCase(), Number(share)]));
}

/**
 * The message a run sends: the editor's compiled template (or an HTML file), headers, and
 * the raw MIME shown before anything leaves.
 */
export function Compose({ lists, profiles, sending, onStarted }: { lists: SeedList[]; profiles: SmtpProfile[]; sending: boolean; onStarted: (runId: string) => void }) {
  const doc = { html: useStore(documentStore, (state) => state.compiledHtml), text: useStore(documentStore, (state) => state.textPart), title: useStore(documentStore, (state) => state.title) };
  const [file, setFile] = useState<{ name: string; html: string }>();
  const [headers, setHeaders] = useState<Headers>({ from: '', subject: doc.title === 'Untitled' ? '' : doc.title });
  const [listId, setListId] = useState(lists[0]?.id ?? '');
  const [profileId, setProfileId] = useState(profiles[0]?.id ?? '');
  const [audience, setAudience] = useState('');
  const [raw, setRaw] = useState('');
  const [error, setError] = useState<AppError>();
  const [busy, setBusy] = useState(false);
  const [warnings, setWarnings] = useState<string[]>([]);
  // Checked as typed, with the contract's own rule, so the field says what is wrong before anything is sent.
  const fromProblem = headers.from.trim() !== '' && fromAddress(headers.from) === undefined ? FROM_NOT_AN_ADDRESS : undefined;
  // Keys generated under Authentication; private parts stay in the main process.
  const [keys] = useLoad(() => client.call('auth.dkimList', {}), []);

  const source = file ?? (doc.html ? { name: `${doc.title} (from the editor)`, html: doc.html } : undefined);
  const set = (patch: Partial<Headers>) => setHeaders((value) => ({ ...value, ...patch }));
  const message = (): MessageSpec => {
    const clean = Object.fromEntries(Object.entries(headers).filter(([, value]) => value !== '')) as Headers;
    return { ...clean, html: source!.html, text: file ? '' : doc.text };
  };
  const act = async (work: () => Promise<void>) => {
    setError(undefined);
    setBusy(true);
    try {
      await work();
    } catch (failure) {
      setError(failure as AppError);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="seeds-section">
      <p>
        Template: <strong>{source ? source.name : 'none yet'}</strong>{' '}
        <label className="btn">
          Use an HTML file…
          <input type="file" accept=".html,.htm,text/html" className="visually-hidden" onChange={(event) => { const picked = event.target.files?.[0]; if (picked) void picked.text().then((html) => setFile({ name: picked.name, html })); }} />
        </label>
      </p>
      {!source && <p className="seeds-hint">Write or open a template in the Editor, or pick an HTML file, then come back here.</p>}
      <div className="seeds-form">
        <div className="seeds-field">
          <label>
            From{' '}
            <input value={headers.from} placeholder="News <news@example.com>" aria-invalid={fromProblem ? true : undefined} aria-describedby={fromProblem ? 'seeds-from-problem' : undefined} onChange={(event) => set({ from: event.target.value })} />
          </label>
          {fromProblem && <span id="seeds-from-problem" className="seeds-error">{fromProblem}.</span>}
        </div>
        <label>Reply-To <input value={headers.replyTo ?? ''} onChange={(event) => set({ replyTo: event.target.value })} /></label>
        <label>Subject <input value={headers.subject} onChange={(event) => set({ subject: event.target.value })} /></label>
        <label>Unsubscribe (mailto:) <input value={headers.unsubscribeMailto ?? ''} placeholder="mailto:unsubscribe@example.com" onChange={(event) => set({ unsubscribeMailto: event.target.value })} /></label>
        <label>One-click unsubscribe (https://) <input value={headers.unsubscribeUrl ?? ''} placeholder="https://example.com/u/…" onChange={(event) => set({ unsubscribeUrl: event.target.value })} /></label>
        <label>
          DKIM signature{' '}
          <select value={headers.dkimKeyId ?? ''} onChange={(event) => set({ dkimKeyId: event.target.value })}>
            <option value="">Not signed by Mailbench (your server may sign)</option>
            {(keys.state === 'ready' ? keys.value : []).map((key) => (
              <option key={key.id} value={key.id} disabled={key.algorithm !== 'rsa-sha256'}>
                {key.dnsName}{key.algorithm !== 'rsa-sha256' ? ' (Ed25519: not for sending)' : ''}
              </option>
            ))}
          </select>
        </label>
        <label>
          Seed list{' '}
          <select value={listId} onChange={(event) => setListId(event.target.value)}>
            <option value="">Choose…</option>
            {lists.map((list) => <option key={list.id} value={list.id}>{list.name} ({list.seeds.length})</option>)}
          </select>
        </label>
        <label>
          SMTP profile{' '}
          <select value={profileId} onChange={(event) => setProfileId(event.target.value)}>
            <option value="">Choose…</option>
            {profiles.map((profile) => <option key={profile.id} value={profile.id}>{profile.name}</option>)}
          </select>
        </label>
        <label>Audience mix (optional) <input value={audience} placeholder="gmail 60, microsoft 30, yahoo 10" onChange={(event) => setAudience(event.target.value)} /></label>
      </div>
      <ErrorNote error={error} />
      <div className="seeds-toolbar">
        <Button disabled={!source || busy} onClick={() => void act(async () => setRaw((await client.call('seeds.preview', { message: message() })).raw))}>Show raw MIME</Button>
        <Button
          variant="primary"
          disabled={!source || !listId || !profileId || !headers.from.trim() || fromProblem !== undefined || busy || sending}
          title={sending ? 'A run is sending: wait for it to finish or cancel it.' : undefined}
          onClick={() => void act(async () => {
            const mix = parseAudience(audience);
            const started = await client.call('seeds.send', { listId, profileId, message: message(), ...(mix ? { audience: mix } : {}) });
            setWarnings(started.warnings);
            onStarted(started.runId);
          })}
        >
          Send to seeds
        </Button>
        {sending && <span className="seeds-hint">A run is sending; the next can start when it ends.</span>}
      </div>
      {warnings.map((warning) => <p key={warning} role="status" className="seeds-warning">Warning: {warning}</p>)}
      {raw && (
        <details open className="seeds-raw">
          <summary>Raw MIME of one copy (sample test id)</summary>
          <pre className="mono" aria-label="Raw MIME">{raw}</pre>
        </details>
      )}
    </div>
  );
}
