import { useState } from 'react';
import type { Metrics, Plan, Provider } from '../../../../shared/contract/warmup';
import { metricNames, providers } from '../../../../shared/contract/warmup';
import { client } from '../../platform/index';
import { Button } from '../../ui/Button';
import { providerLabel } from './format';

const metricLabel: Record<keyof Metrics, string> = {
  sent: 'Sent', delivered: 'Delivered', hardBounce: 'Hard bounces', block: 'Blocks', deferral: 'Deferrals', complaint: 'Complaints',
  openMachine: 'Machine opens', openHuman: 'Human opens', click: 'Clicks', unsubscribe: 'Unsubscribes', conversion: 'Conversions',
};

/** A day's figures for one provider typed by hand; they replace imported figures for that day, provider and IP. */
export function ManualEntry({ plan, date, onSaved }: { plan: Plan; date: string; onSaved: () => void }) {
  const [day, setDay] = useState(date);
  const [provider, setProvider] = useState<Provider>('gmail');
  const [ip, setIp] = useState(plan.ips[0] ?? 'all');
  const [counts, setCounts] = useState<Partial<Metrics>>({});
  const [message, setMessage] = useState('');
  async function save() {
    try {
      await client.call('warmup.recordActuals', { planId: plan.id, date: day, provider, ip, counts });
      setMessage(`Saved ${providerLabel[provider]} for ${day}.`);
      onSaved();
    } catch (error) {
      setMessage((error as Error).message);
    }
  }
  return (
    <details className="wu-manual">
      <summary>Enter a day by hand</summary>
      <form aria-label="Enter a day by hand" onSubmit={(e) => { e.preventDefault(); void save(); }}>
        <div className="wu-inline">
          <label>Date <input type="date" value={day} onChange={(e) => setDay(e.target.value)} /></label>
          <label>Provider <select value={provider} onChange={(e) => setProvider(e.target.value as Provider)}>{providers.map((p) => <option key={p} value={p}>{providerLabel[p]}</option>)}</select></label>
          <label>IP <select value={ip} onChange={(e) => setIp(e.target.value)}>{plan.ips.map((i) => <option key={i}>{i}</option>)}</select></label>
        </div>
        <div className="wu-inline">
          {metricNames.map((m) => (
            <label key={m}>{metricLabel[m]} <input type="number" min={0} value={counts[m] ?? ''} onChange={(e) => setCounts({ ...counts, [m]: e.target.value === '' ? undefined : Number(e.target.value) })} /></label>
          ))}
        </div>
        <Button type="submit">Save day</Button> {message && <span role="status">{message}</span>}
      </form>
    </details>
  );
}
