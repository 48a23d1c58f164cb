import { useEffect, useState } from 'react';
import type { Plan, ReplanResult } from '../../../../shared/contract/warmup';
import { client } from '../../platform/index';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { decisionLook, number, providerLabel } from './format';

/**
 * Replanning rewrites every planned day after a date, so it asks which date, shows each day
 * that would change (a dry run) and stores nothing until the person applies it.
 */
export function ReplanDialog({ plan, defaultDate, onClose, onApplied }: { plan: Plan; defaultDate: string; onClose(): void; onApplied(): void }) {
  const [date, setDate] = useState(defaultDate);
  const [preview, setPreview] = useState<ReplanResult>();
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    setPreview(undefined);
    setError('');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return;
    client.call('warmup.replan', { planId: plan.id, date, dryRun: true })
      .then((result) => live && setPreview(result))
      .catch((e: Error) => live && setError(e.message));
    return () => {
      live = false;
    };
  }, [plan.id, date]);

  async function apply() {
    setBusy(true);
    try {
      await client.call('warmup.replan', { planId: plan.id, date });
      onApplied();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog open onOpenChange={(open) => !open && onClose()} title="Replan from actuals" wide
      description="The days up to this date stay as they were; every planned day after it is recomputed from what each provider actually took.">
      <label>
        Results up to{' '}
        <input type="date" value={date} min={plan.startDate} onChange={(e) => setDate(e.target.value)} aria-label="Replan as of" />
      </label>
      {error && <p role="alert" className="warning">{error}</p>}
      {!error && !preview && <p role="status">Working out what would change…</p>}
      {preview && (
        <div role="status" aria-label="Replan preview">
          <ul className="wu-decisions">
            {preview.decisions.map((d) => <li key={d.provider}><strong>{providerLabel[d.provider]}</strong> ({decisionLook[d.decision].label}) {d.reasons[0]}</li>)}
          </ul>
          {preview.changes.length === 0 ? (
            <p>Nothing changes: the plan already matches the actuals.</p>
          ) : (
            <div className="wu-changes">
              <table className="wu-table" aria-label="Days that change">
                <thead><tr><th scope="col">Date</th><th scope="col">Planned now</th><th scope="col">After replanning</th></tr></thead>
                <tbody>
                  {preview.changes.map((c) => (
                    <tr key={c.date}>
                      <th scope="row">{c.date}</th>
                      <td>{c.before === null ? 'rest' : number(c.before)}</td>
                      <td>{c.after === null ? 'rest' : number(c.after)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </div>
      )}
      <div className="wu-row">
        <Button onClick={onClose}>Cancel</Button>
        <Button variant="primary" disabled={!preview || busy || preview.changes.length === 0} onClick={() => void apply()}>
          Apply {preview ? `${preview.changes.length} change${preview.changes.length === 1 ? '' : 's'}` : ''}
        </Button>
      </div>
    </Dialog>
  );
}
