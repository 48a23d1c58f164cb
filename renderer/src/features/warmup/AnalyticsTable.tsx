import { useMemo, useState } from 'react';
import type { Analytics, RateName } from '../../../../shared/contract/warmup';
import { providers } from '../../../../shared/contract/warmup';
import { number, providerLabel, rateText } from './format';

const columns: Array<[RateName, string]> = [
  ['delivery', 'Delivery'], ['bounce', 'Hard bounce'], ['complaint', 'Complaint'], ['deferral', 'Deferral'], ['open', 'Open (all)'],
  ['humanOpen', 'Open (human)'], ['clickThrough', 'Click-through'], ['clickToOpen', 'Click-to-open'], ['conversion', 'Conversion'],
];

/** Days with results, one provider or IP at a time; every rate shows what it is out of. */
export function AnalyticsTable({ analytics }: { analytics: Analytics }) {
  const ips = useMemo(() => [...new Set(analytics.rows.filter((r) => r.ip !== 'all').map((r) => r.ip))], [analytics]);
  const [view, setView] = useState('provider:all');
  const [kind, value] = view.split(':') as ['provider' | 'ip', string];
  const rows = analytics.rows.filter((r) => (kind === 'provider' ? r.provider === value && r.ip === 'all' : r.ip === value) && r.rates.delivery.denominator + r.counts.deferral > 0);
  return (
    <section aria-labelledby="wu-analytics-title">
      <div className="wu-row">
        <h2 id="wu-analytics-title">Delivery and engagement</h2>
        <label>
          Show{' '}
          <select value={view} onChange={(e) => setView(e.target.value)}>
            {['all', ...providers].map((p) => <option key={p} value={`provider:${p}`}>{providerLabel[p]}</option>)}
            {ips.map((ip) => <option key={ip} value={`ip:${ip}`}>IP {ip}</option>)}
          </select>
        </label>
      </div>
      {rows.length === 0 ? <p>No results yet: import an ESP export or enter a day by hand.</p> : (
        <div className="wu-scroll">
          <table className="wu-table" aria-label="Rates per day">
            <thead><tr><th scope="col">Date</th><th scope="col">Planned</th>{columns.map(([, label]) => <th key={label} scope="col">{label}</th>)}</tr></thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.date}>
                  <th scope="row">{r.date}</th>
                  <td>{number(r.planned)}</td>
                  {columns.map(([name]) => <td key={name}>{rateText(r.rates[name])}</td>)}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
