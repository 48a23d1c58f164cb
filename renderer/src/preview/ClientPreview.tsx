import { useMemo } from 'react';
import { applyClient, type ClientId, clientIds, type ClientPreview as Approximation, clientProfiles, isClientId } from '../../../shared/clients/index';
import { isAppError } from '../../../shared/contract/errors';
import { EmailFrame } from './EmailFrame';
import { previewStore } from './preview-state';
import './clients.css';

export const defaultCompare: ClientId[] = ['gmail-web', 'outlook-windows', 'apple-mail'];

interface Props {
  html: string;
  /** The clients to show: one (a client picked) or several side by side (comparing). */
  clients: readonly ClientId[];
  comparing: boolean;
  width: number | 'full';
  dark: boolean;
  remoteImages: boolean;
  imagesOff: boolean;
  onLink(href: string): void;
}

type Outcome = { ok: true; preview: Approximation } | { ok: false; client: ClientId; message: string };

function approximate(html: string, client: ClientId, dark: boolean): Outcome {
  try {
    return { ok: true, preview: applyClient(html, client, { dark }) };
  } catch (error) {
    if (!isAppError(error)) throw error;
    return { ok: false, client, message: `${error.message} ${error.details.hint ?? ''}`.trim() };
  }
}

/**
 * The email as chosen clients would show it, approximated from the caniemail data (`shared/clients`): one frame
 * per client at one width, each labelled with how faithful it is, and the list of what the client changed, by line.
 * Dark mode is the client's own behaviour (its media query, or partial inversion), not the browser emulation.
 */
export function ClientPreviews({ html, clients, comparing, width, dark, remoteImages, imagesOff, onLink }: Props) {
  // Keyed by the ids, not the array: the parent builds a new array each render.
  const key = clients.join(' ');
  const outcomes = useMemo(() => key.split(' ').filter(isClientId).map((client) => approximate(html, client, dark)), [html, key, dark]);
  const frameWidth = comparing && width === 'full' ? 600 : width;
  return (
    <div className="client-previews">
      {comparing && (
        <fieldset className="client-compare-picker">
          <legend>Compare</legend>
          {clientIds.map((id) => (
            <label key={id}>
              <input
                type="checkbox"
                checked={clients.includes(id)}
                onChange={(event) => {
                  const next = event.target.checked ? clientIds.filter((c) => c === id || clients.includes(c)) : clients.filter((c) => c !== id);
                  if (next.length > 0) previewStore.set({ compare: next });
                }}
              />{' '}
              {clientProfiles[id].label}
            </label>
          ))}
        </fieldset>
      )}
      <div className={comparing ? 'client-columns client-columns-compare' : 'client-columns'}>
        {outcomes.map((outcome) => {
          const id = outcome.ok ? outcome.preview.client : outcome.client;
          const profile = clientProfiles[id];
          return (
            <section key={id} className="client-column" aria-label={`${profile.label} preview`}>
              <header className="client-header">
                <strong>{profile.label}</strong>{' '}
                <span className={`client-fidelity client-fidelity-${profile.fidelity.level}`} title={`${profile.variant} ${profile.fidelity.note}`}>
                  fidelity {profile.fidelity.level}
                </span>
              </header>
              {outcome.ok ? (
                <>
                  <EmailFrame html={outcome.preview.html} width={frameWidth} remoteImages={remoteImages} dark="off" imagesOff={imagesOff} onLink={onLink} title={`Email preview: ${profile.label}`} />
                  <ChangeList preview={outcome.preview} />
                </>
              ) : (
                <p role="alert">{outcome.message}</p>
              )}
            </section>
          );
        })}
      </div>
    </div>
  );
}

function ChangeList({ preview }: { preview: Approximation }) {
  const profile = clientProfiles[preview.client];
  return (
    <details className="client-changes" open={preview.changes.length > 0 && preview.changes.length <= 12}>
      <summary>
        {preview.changes.length === 0 ? 'No changes' : `${preview.changes.length} change${preview.changes.length === 1 ? '' : 's'}`} · {profile.variant}
      </summary>
      <p className="client-fidelity-note">{profile.fidelity.note}</p>
      <ul aria-label={`Changes by ${profile.label}`}>
        {preview.changes.map((change, i) => (
          <li key={i} className={`client-change client-change-${change.kind}`}>
            <span className="mono">line {change.line}</span> {change.summary}
          </li>
        ))}
      </ul>
    </details>
  );
}
