import { useMemo, useState } from 'react';
import type { Analytics } from '../../../../shared/contract/warmup';
import { providers } from '../../../../shared/contract/warmup';
import { Chart, type ChartSeries } from './Chart';
import { providerLabel } from './format';

const volumeAxes = { y: 'messages' };
const rateAxes = { pct: 'bounces, deferrals %', cpct: 'complaints %' };
const colors: Record<string, string> = { gmail: '#d93025', microsoft: '#0a66c2', yahoo: '#6001d2', apple: '#555f6d', other: '#1f7a3a' };

/** Planned against actual volume, and the health rates against their thresholds, for one provider or all. */
export function Charts({ analytics }: { analytics: Analytics }) {
  const [provider, setProvider] = useState<string>('all');
  const { dates } = analytics;
  const byKey = useMemo(() => new Map(analytics.rows.filter((r) => r.ip === 'all').map((r) => [`${r.date}|${r.provider}`, r])), [analytics]);

  const volume = useMemo<ChartSeries[]>(() => {
    const planned = dates.map((d) => byKey.get(`${d}|${provider}`)?.planned ?? null);
    const sent = (p: string) => dates.map((d) => {
      const row = byKey.get(`${d}|${p}`);
      return row && row.rates.delivery.denominator > 0 ? row.rates.delivery.denominator : null;
    });
    const out: ChartSeries[] = [
      { label: 'Planned', values: planned, color: '#8a93a3', dash: [6, 4] },
      { label: 'Sent', values: sent(provider), color: '#2459c9' },
    ];
    if (provider === 'all') for (const p of providers) out.push({ label: `Sent: ${providerLabel[p]}`, values: sent(p), color: colors[p]! });
    return out;
  }, [dates, byKey, provider]);

  const rates = useMemo<ChartSeries[]>(() => {
    const pct = (pick: (key: string) => number | null) => dates.map((d) => pick(`${d}|${provider}`));
    const value = (name: 'bounce' | 'deferral' | 'complaint') => pct((key) => {
      const v = byKey.get(key)?.rates[name].value;
      return v === null || v === undefined ? null : v * 100;
    });
    const line = (v: number) => dates.map(() => v * 100);
    const t = analytics.thresholds;
    return [
      { label: 'Hard bounces %', values: value('bounce'), color: '#b3261e' },
      { label: `Hard bounce limit ${t.hardBounce * 100}%`, values: line(t.hardBounce), color: '#b3261e', dash: [4, 4] },
      { label: 'Deferrals %', values: value('deferral'), color: '#8a5a00' },
      { label: `Deferral limit ${t.deferral * 100}%`, values: line(t.deferral), color: '#8a5a00', dash: [4, 4] },
      { label: 'Complaints %', values: value('complaint'), color: '#6001d2', scale: 'cpct' },
      { label: `Complaint limit ${t.complaint * 100}%`, values: line(t.complaint), color: '#6001d2', dash: [4, 4], scale: 'cpct' },
    ];
  }, [dates, byKey, provider, analytics.thresholds]);

  return (
    <section aria-labelledby="wu-charts-title">
      <div className="wu-row">
        <h2 id="wu-charts-title">Planned vs actual</h2>
        <label>
          Provider{' '}
          <select value={provider} onChange={(e) => setProvider(e.target.value)}>
            {['all', ...providers].map((p) => <option key={p} value={p}>{providerLabel[p]}</option>)}
          </select>
        </label>
      </div>
      {dates.length === 0 ? <p>No days to chart yet.</p> : (
        <>
          <Chart title="Volume: planned vs sent" dates={dates} series={volume} axes={volumeAxes} />
          <Chart title="Rates against their thresholds" dates={dates} series={rates} axes={rateAxes} />
        </>
      )}
    </section>
  );
}
