import { useEffect, useState } from 'react';
import type { Plan, PlanSpecInput, Precheck, Profile, ProviderMix, ScheduleDay, Weekday } from '../../../../shared/contract/warmup';
import { profiles, providers, weekdays } from '../../../../shared/contract/warmup';
import { client } from '../../platform/index';
import { Button } from '../../ui/Button';
import { number, providerLabel } from './format';
import { dnsSource, dnsSourceWords, dnsStore } from '../../state/dns';
import { FieldError, issuesByField } from '../../ui/field-errors';

const defaultMix: ProviderMix = { gmail: 45, microsoft: 25, yahoo: 15, apple: 5, other: 10 };
const profileHelp: Record<Profile, string> = {
  conservative: 'each step held 3 sending days',
  moderate: '50, 100, 200 … one step a sending day',
  aggressive: 'starts at 200 a day',
  custom: 'your start, growth and hold',
};
const today = () => new Date().toISOString().slice(0, 10);

/** The plan wizard: what is being warmed up, how fast, to whom; a live preview of the ramp before it is stored. */
export function PlanWizard({ onCreated, onCancel }: { onCreated: (plan: Plan) => void; onCancel?: () => void }) {
  const [name, setName] = useState('');
  const [ips, setIps] = useState('1');
  const [domain, setDomain] = useState('');
  const [startDate, setStartDate] = useState(today());
  const [timeZone, setTimeZone] = useState(Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC');
  const [days, setDays] = useState<Weekday[]>(['mon', 'tue', 'wed', 'thu', 'fri']);
  const [target, setTarget] = useState('100000');
  const [profile, setProfile] = useState<Profile>('moderate');
  const [custom, setCustom] = useState({ start: 100, growth: 1.5, holdDays: 2 });
  const [mix, setMix] = useState<ProviderMix>(defaultMix);
  const [auth, setAuth] = useState({ spf: false, dkim: false, dmarc: false, oneClickUnsubscribe: false });
  const [selector, setSelector] = useState('');
  const [preview, setPreview] = useState<{ days: ScheduleDay[]; prechecks: Precheck[] } | { error: string }>();
  const [note, setNote] = useState('');
  const [fields, setFields] = useState<Map<string, string>>(new Map());

  const ipList = /^\d+$/.test(ips.trim()) ? Array.from({ length: Math.max(1, Math.min(64, Number(ips))) }, (_, i) => `ip-${i + 1}`) : ips.split(',').map((s) => s.trim()).filter(Boolean);
  const spec: PlanSpecInput = {
    name: name.trim() || 'preview', ips: ipList, domain: domain.trim(), startDate, timeZone, weekdays: days, target: Number(target) || 0, mix, profile,
    ...(profile === 'custom' ? { custom } : {}), auth,
  };
  const specKey = JSON.stringify(spec);
  // Checked here, on the field, before anything is sent: what a person typed wrong is said beside it.
  const local = new Map<string, string>();
  if (!/^\d+$/.test(ips.trim()) && ipList.some((ip) => !/^[\d.]+$|:/.test(ip))) local.set('ips', 'Sending IPs: give a count (2) or addresses separated by commas (192.0.2.10, 192.0.2.11).');
  if (!target || Number(target) < 1) local.set('target', 'Daily volume at full speed must be a whole number above 0.');
  const fieldMessage = (field: string) => local.get(field) ?? fields.get(field);
  const invalid = (field: string) => (fieldMessage(field) ? { 'aria-invalid': true as const, 'aria-describedby': `wu-${field}-error` } : {});

  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      client.call('warmup.preview', { spec }).then(
        (result) => {
          if (!live) return;
          setPreview(result);
          setFields(new Map());
        },
        (error: Error) => {
          if (!live) return;
          const byField = issuesByField(error);
          setFields(byField);
          // A refusal that names a field is shown at that field; the preview says only that there is one.
          setPreview({ error: byField.size > 0 ? 'Correct the marked fields to see the schedule.' : error.message });
        },
      );
    }, 200);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [specKey]);

  const mixTotal = providers.reduce((sum, p) => sum + mix[p], 0);

  async function mixFromFile(file: File) {
    const result = await client.call('warmup.mixFromRecipients', { text: await file.text() });
    setMix(result.mix);
    setNote(`Mix from ${number(result.counted)} recipients in ${file.name}${result.ignored ? ` (${result.ignored} lines were not addresses)` : ''}.`);
  }

  /** Checks against the DNS source chosen under Authentication (live DNS, a server or the offline zone), and says which. */
  async function checkDns() {
    const { choice, zoneText } = dnsStore.get();
    const from = dnsSourceWords(choice);
    setNote(`Checking ${from}…`);
    try {
      const report = await client.call('auth.auditDomain', { domain: domain.trim(), selectors: selector.trim() ? [selector.trim()] : [], dns: dnsSource(choice, zoneText) });
      // What cannot be known from this source (a name outside the offline zone) is "not checked", never "missing".
      const found = (id: string): boolean | undefined => {
        const status = report.sections.find((s) => s.id === id)?.status;
        return status === 'pass' || status === 'warning' ? true : status === 'error' ? false : undefined;
      };
      const words = (id: string) => ({ true: 'found', false: 'missing', undefined: 'not checked' })[String(found(id)) as 'true' | 'false' | 'undefined'];
      setAuth((a) => ({ ...a, spf: found('spf') ?? a.spf, dmarc: found('dmarc') ?? a.dmarc, dkim: selector.trim() ? (found('dkim') ?? a.dkim) : a.dkim }));
      setNote(`From ${from}: SPF ${words('spf')}, DMARC ${words('dmarc')}${selector.trim() ? `, DKIM ${words('dkim')}` : ' (give a DKIM selector to check DKIM)'}. One-click unsubscribe is a property of your messages: tick it yourself.`);
    } catch (error) {
      setNote(`The DNS check against ${from} failed: ${(error as Error).message}`);
    }
  }

  async function create() {
    try {
      onCreated(await client.call('warmup.create', { spec: { ...spec, name: name.trim() } }));
    } catch (error) {
      setFields(issuesByField(error));
      setNote((error as Error).message);
    }
  }

  return (
    <form className="wu-wizard" aria-label="New warm-up plan" onSubmit={(e) => { e.preventDefault(); void create(); }}>
      <fieldset>
        <legend>What you warm up</legend>
        <label>Plan name <input required value={name} onChange={(e) => setName(e.target.value)} placeholder="New IP pool, March" /></label>
        <label>Sending IPs <input value={ips} onChange={(e) => setIps(e.target.value)} aria-describedby="wu-ips-help" {...invalid('ips')} /></label>
        <small id="wu-ips-help">A count (2) or the addresses, comma-separated.</small>
        <FieldError id="wu-ips-error" message={fieldMessage('ips')} />
        <label>Sending domain <input value={domain} onChange={(e) => setDomain(e.target.value)} placeholder="mail.example.com" {...invalid('domain')} /></label>
        <FieldError id="wu-domain-error" message={fieldMessage('domain')} />
        <label>Daily volume at full speed <input inputMode="numeric" value={target} onChange={(e) => setTarget(e.target.value.replace(/[^\d]/g, ''))} {...invalid('target')} /></label>
        <FieldError id="wu-target-error" message={fieldMessage('target')} />
      </fieldset>
      <fieldset>
        <legend>When</legend>
        <label>Start date <input type="date" required value={startDate} onChange={(e) => setStartDate(e.target.value)} /></label>
        <label>Time zone <input value={timeZone} onChange={(e) => setTimeZone(e.target.value)} {...invalid('timeZone')} /></label>
        <FieldError id="wu-timeZone-error" message={fieldMessage('timeZone')} />
        <div role="group" aria-label="Sending weekdays" className="wu-days">
          {weekdays.map((d) => (
            <label key={d}><input type="checkbox" checked={days.includes(d)} onChange={(e) => setDays(e.target.checked ? weekdays.filter((w) => w === d || days.includes(w)) : days.filter((w) => w !== d))} /> {d}</label>
          ))}
        </div>
      </fieldset>
      <fieldset>
        <legend>Risk profile</legend>
        {profiles.map((p) => (
          <label key={p} className="wu-radio"><input type="radio" name="profile" checked={profile === p} onChange={() => setProfile(p)} /> {p} <small>{profileHelp[p]}</small></label>
        ))}
        {profile === 'custom' && (
          <div className="wu-inline">
            <label>Start <input type="number" min={10} value={custom.start} onChange={(e) => setCustom({ ...custom, start: Number(e.target.value) })} /></label>
            <label>Growth <input type="number" step={0.05} min={1.05} max={2} value={custom.growth} onChange={(e) => setCustom({ ...custom, growth: Number(e.target.value) })} /></label>
            <label>Hold days <input type="number" min={1} max={7} value={custom.holdDays} onChange={(e) => setCustom({ ...custom, holdDays: Number(e.target.value) })} /></label>
          </div>
        )}
      </fieldset>
      <fieldset>
        <legend>Provider mix (%)</legend>
        <div className="wu-inline">
          {providers.map((p) => (
            <label key={p}>{providerLabel[p]} <input type="number" min={0} max={100} value={mix[p]} onChange={(e) => setMix({ ...mix, [p]: Number(e.target.value) })} /></label>
          ))}
        </div>
        <p className={mixTotal === 100 ? '' : 'warning'}>Total {mixTotal}%{mixTotal === 100 ? '' : ': make it 100%'}</p>
        <label>Or compute it from a recipient list <input type="file" accept=".csv,.txt" onChange={(e) => e.target.files?.[0] && void mixFromFile(e.target.files[0])} /></label>
      </fieldset>
      <fieldset>
        <legend>Authentication of the domain</legend>
        {(['spf', 'dkim', 'dmarc', 'oneClickUnsubscribe'] as const).map((k) => (
          <label key={k} className="wu-radio"><input type="checkbox" checked={auth[k]} onChange={(e) => setAuth({ ...auth, [k]: e.target.checked })} /> {k === 'oneClickUnsubscribe' ? 'one-click unsubscribe' : k.toUpperCase()}</label>
        ))}
        <div className="wu-inline">
          <label>DKIM selector <input value={selector} onChange={(e) => setSelector(e.target.value)} placeholder="s1" /></label>
          <Button onClick={() => void checkDns()} disabled={!domain.trim()}>Check DNS</Button>
        </div>
      </fieldset>
      {note && <p role="status">{note}</p>}
      <section aria-label="Preview" className="wu-preview">
        {preview && 'error' in preview && <p role="alert">{preview.error}</p>}
        {preview && 'days' in preview && preview.days.length > 0 && (
          <>
            <p>Full volume ({number(preview.days.at(-1)!.total)}/day) on sending day {preview.days.length}, {preview.days.at(-1)!.date}. Day 1: {number(preview.days[0]!.total)}.</p>
            {preview.prechecks.map((c) => <p key={c.provider} className="warning">⚠ {c.message}</p>)}
          </>
        )}
      </section>
      <div className="wu-row">
        <Button type="submit" variant="primary" disabled={!name.trim() || mixTotal !== 100 || local.size > 0}>Create plan</Button>
        {onCancel && <Button variant="ghost" onClick={onCancel}>Cancel</Button>}
      </div>
    </form>
  );
}
