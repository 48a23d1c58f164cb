import { useCallback, useState } from 'react';
import type { AuthNote, DnsLookup } from '../../../../shared/contract/auth';
import type { AppError } from '../../../../shared/contract/errors';

export type Tone = 'pass' | 'fail' | 'warn' | 'info' | 'none';

const PASSING = new Set(['pass']);
const FAILING = new Set(['fail', 'permerror', 'policy', 'error']);
// temperror is "could not be checked" (DNS did not answer, a name outside the zone), not a verdict against the sender
const WARNING = new Set(['softfail', 'neutral', 'warning', 'skipped', 'temperror']);

/** Colour and shape of a verdict: never colour alone (the glyph differs too). */
export function toneOf(result: string): Tone {
  if (PASSING.has(result)) return 'pass';
  if (FAILING.has(result)) return 'fail';
  if (WARNING.has(result)) return 'warn';
  if (result === 'info') return 'info';
  return 'none';
}
const GLYPH: Record<Tone, string> = { pass: '✓', fail: '✗', warn: '!', info: 'i', none: '–' };

export function Badge({ result }: { result: string }) {
  const tone = toneOf(result);
  return (
    <span className={`auth-badge auth-${tone}`}>
      <span aria-hidden="true">{GLYPH[tone]}</span> {result}
    </span>
  );
}

/** The DNS questions behind a verdict, folded until asked for. */
export function Trail({ lookups, label = 'DNS trail' }: { lookups: readonly DnsLookup[]; label?: string }) {
  if (lookups.length === 0) return null;
  return (
    <details className="auth-trail">
      <summary>
        {label} ({lookups.length} {lookups.length === 1 ? 'lookup' : 'lookups'})
      </summary>
      <table>
        <thead>
          <tr>
            <th scope="col">Type</th>
            <th scope="col">Name</th>
            <th scope="col">From</th>
            <th scope="col">Answer</th>
          </tr>
        </thead>
        <tbody>
          {lookups.map((lookup, index) => (
            <tr key={index}>
              <td className="mono">{lookup.type}</td>
              <td className="mono">{lookup.name}</td>
              <td>{lookup.source}</td>
              <td className="mono">
                {lookup.outcome === 'answer' ? lookup.answers.join('\n') : lookup.outcome.toUpperCase()}
                {lookup.detail ? ` (${lookup.detail})` : ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

export interface VerdictProps {
  title: string;
  result: string;
  why: string;
  fix?: string | undefined;
  /** What mailauth noticed beyond the verdict, each with its meaning and fix. */
  notes?: readonly AuthNote[];
  facts?: Array<[string, string]>;
  trail: readonly DnsLookup[];
  children?: React.ReactNode;
}

/** One verdict: result, one sentence why, one sentence what to do, facts, and the DNS behind it. */
export function Verdict({ title, result, why, fix, notes = [], facts = [], trail, children }: VerdictProps) {
  return (
    <section className="auth-verdict" aria-label={`${title}: ${result}`}>
      <header>
        <h3>{title}</h3>
        <Badge result={result} />
      </header>
      <p className="auth-why">{why}</p>
      {fix && (
        <p className="auth-fix">
          <strong>Fix:</strong> {fix}
        </p>
      )}
      {notes.length > 0 && (
        <ul className="auth-notes" aria-label={`${title} notes`}>
          {notes.map((note) => (
            <li key={note.code}>
              <span className="auth-note">⚠ {note.message}</span>
              {note.fix && (
                <span className="auth-fix">
                  {' '}
                  <strong>Fix:</strong> {note.fix}
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
      {facts.length > 0 && (
        <dl className="facts auth-facts">
          {facts.map(([term, value]) => (
            <div key={term} className="fact-row">
              <dt>{term}</dt>
              <dd className="mono">{value}</dd>
            </div>
          ))}
        </dl>
      )}
      {children}
      <Trail lookups={trail} />
    </section>
  );
}

export type Action<T> = { state: 'idle' } | { state: 'running' } | { state: 'done'; value: T } | { state: 'failed'; error: AppError };

/** A contract call started by a button: its state, and a function that starts it. */
export function useAction<A extends unknown[], T>(run: (...args: A) => Promise<T>): [Action<T>, (...args: A) => Promise<void>, (value: T) => void] {
  const [action, setAction] = useState<Action<T>>({ state: 'idle' });
  const start = useCallback(
    async (...args: A) => {
      setAction({ state: 'running' });
      try {
        setAction({ state: 'done', value: await run(...args) });
      } catch (error) {
        setAction({ state: 'failed', error: error as AppError });
      }
    },
    [run],
  );
  return [action, start, (value: T) => setAction({ state: 'done', value })];
}

export function Failure({ error }: { error: AppError }) {
  return (
    <div role="alert" className="auth-error">
      <p>
        {error.message}
        {error.details?.line ? ` (line ${error.details.line})` : ''}
      </p>
      {error.details?.hint && <p className="auth-fix">{error.details.hint}</p>}
      {error.details?.issues?.map((issue) => (
        <p key={issue.path} className="mono">
          {issue.path}: {issue.message}
        </p>
      ))}
    </div>
  );
}

export const splitList = (text: string): string[] => text.split(/[\s,]+/).map((item) => item.trim()).filter(Boolean);
