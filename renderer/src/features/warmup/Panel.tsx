import { useCallback, useEffect, useState } from 'react';
import type { Analytics, Plan, PlanStatus, Precheck, ScheduleDay } from '../../../../shared/contract/warmup';
import { client } from '../../platform/index';
import { Button } from '../../ui/Button';
import { EmptyState } from '../../ui/EmptyState';
import { AnalyticsTable } from './AnalyticsTable';
import { Charts } from './Charts';
import { Decisions } from './Decisions';
import { download } from './format';
import { ImportBox } from './ImportBox';
import { ManualEntry } from './ManualEntry';
import { PlanWizard } from './PlanWizard';
import { ReplanDialog } from './ReplanDialog';
import { ScheduleCalendar } from './ScheduleCalendar';
import './warmup.css';

interface Loaded { plan: Plan; days: ScheduleDay[]; prechecks: Precheck[]; status: PlanStatus; analytics: Analytics }

/** Warmup: plan a ramp per provider, import what the ESP saw, and decide each day. */
export default function WarmupPanel() {
  const [plans, setPlans] = useState<Plan[]>();
  const [selected, setSelected] = useState<number>();
  const [wizard, setWizard] = useState(false);
  const [loaded, setLoaded] = useState<Loaded>();
  const [error, setError] = useState('');
  const [replanning, setReplanning] = useState(false);

  const refreshList = useCallback(async () => {
    const list = await client.call('warmup.list', {});
    setPlans(list);
    setSelected((current) => (current !== undefined && list.some((p) => p.id === current) ? current : list[0]?.id));
  }, []);

  const load = useCallback(async (planId: number) => {
    try {
      const [got, status, analytics] = await Promise.all([
        client.call('warmup.get', { planId }),
        client.call('warmup.status', { planId }),
        client.call('warmup.analytics', { planId }),
      ]);
      setLoaded({ ...got, status, analytics });
      setError('');
    } catch (e) {
      setError((e as Error).message);
    }
  }, []);

  useEffect(() => {
    refreshList().catch((e: Error) => setError(e.message));
  }, [refreshList]);
  useEffect(() => {
    if (selected !== undefined) void load(selected);
    else setLoaded(undefined);
  }, [selected, load]);


  async function exportAs(kind: 'csv' | 'ics') {
    if (!loaded) return;
    const file = await client.call('warmup.export', { planId: loaded.plan.id, kind });
    download(file.fileName, file.mediaType, file.text);
  }

  async function remove() {
    if (!loaded || !window.confirm(`Delete the plan "${loaded.plan.name}" with its results?`)) return;
    await client.call('warmup.delete', { planId: loaded.plan.id });
    await refreshList();
  }

  return (
    <section className="panel wu-panel" aria-labelledby="warmup-title">
      <div className="wu-row">
        <h1 id="warmup-title">Warmup</h1>
        {plans && plans.length > 0 && (
          <label>
            Plan{' '}
            <select value={selected} onChange={(e) => setSelected(Number(e.target.value))}>
              {plans.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
            </select>
          </label>
        )}
        {plans && plans.length > 0 && !wizard && <Button onClick={() => setWizard(true)}>New plan</Button>}
      </div>
      {error && <p role="alert">{error}</p>}
      {plans === undefined && <p role="status">Loading plans…</p>}
      {wizard || plans?.length === 0 ? (
        wizard ? (
          <PlanWizard
            onCancel={plans?.length ? () => setWizard(false) : undefined}
            onCreated={(plan) => {
              setWizard(false);
              void refreshList().then(() => setSelected(plan.id));
            }}
          />
        ) : (
          <EmptyState title="No warm-up plan yet" action={<Button variant="primary" onClick={() => setWizard(true)}>Plan a warm-up</Button>}>
            Plan the ramp of a new IP or domain per mailbox provider, then import your ESP&apos;s events to decide each day whether to advance.
          </EmptyState>
        )
      ) : loaded && (
        <>
          <p className="wu-facts">
            {loaded.plan.ips.length} IP{loaded.plan.ips.length > 1 ? 's' : ''} · {loaded.plan.domain || 'no domain set'} · {loaded.plan.profile} ·{' '}
            {loaded.plan.target.toLocaleString('en-US')}/day from {loaded.plan.startDate} ({loaded.plan.timeZone})
            {loaded.plan.replannedAt && ` · replanned ${loaded.plan.replannedAt.slice(0, 10)}`}
          </p>
          {loaded.prechecks.map((c) => <p key={c.provider} className="warning">⚠ {c.message}</p>)}
          <section aria-labelledby="wu-today-title">
            <div className="wu-row">
              <h2 id="wu-today-title">Decisions for {loaded.status.date}</h2>
              <Button onClick={() => setReplanning(true)}>Replan from actuals…</Button>
            </div>
            <Decisions status={loaded.status} />
            {replanning && (
              <ReplanDialog plan={loaded.plan} defaultDate={loaded.status.date} onClose={() => setReplanning(false)}
                onApplied={() => {
                  setReplanning(false);
                  void load(loaded.plan.id);
                }} />
            )}
          </section>
          <section aria-labelledby="wu-schedule-title">
            <div className="wu-row">
              <h2 id="wu-schedule-title">Schedule</h2>
              <Button onClick={() => void exportAs('csv')}>Export CSV</Button>
              <Button onClick={() => void exportAs('ics')}>Export calendar (ICS)</Button>
              <Button variant="ghost" onClick={() => void remove()}>Delete plan</Button>
            </div>
            <ScheduleCalendar days={loaded.days} analytics={loaded.analytics} today={loaded.status.date} />
          </section>
          <ImportBox planId={loaded.plan.id} onImported={() => void load(loaded.plan.id)} />
          <ManualEntry plan={loaded.plan} date={loaded.status.date} onSaved={() => void load(loaded.plan.id)} />
          <Charts analytics={loaded.analytics} />
          <AnalyticsTable analytics={loaded.analytics} />
        </>
      )}
    </section>
  );
}
