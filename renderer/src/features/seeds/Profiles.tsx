import { useEffect, useState } from 'react';
import type { AppError } from '../../../../shared/contract/errors';
import type { SmtpProfile } from '../../../../shared/contract/seeds';
import { isLoopbackHost } from '../../../../shared/model/loopback';
import { client } from '../../platform/index';
import { Button } from '../../ui/Button';
import { FieldError, issuesByField } from '../../ui/field-errors';
import { ErrorNote } from './parts';

type Draft = Omit<SmtpProfile, 'id' | 'hasPassword'> & { password: string };
const blank: Draft = { name: '', host: '', port: 587, security: 'starttls', user: '', poolSize: 5, ratePerSecond: 5, password: '' };

/** SMTP profiles: where runs are sent from. The password is written to the secret store and never shown again. */
export function Profiles({ profiles, reload }: { profiles: SmtpProfile[]; reload: () => void }) {
  const [selected, setSelected] = useState(profiles[0]?.id ?? '');
  const current = profiles.find((profile) => profile.id === selected);
  const [draft, setDraft] = useState<Draft>(blank);
  const [error, setError] = useState<AppError>();
  const [saved, setSaved] = useState('');

  useEffect(() => {
    setDraft(current ? { ...current, user: current.user ?? '', password: '' } : blank);
  }, [current]);

  const set = (patch: Partial<Draft>) => setDraft((value) => ({ ...value, ...patch }));
  // The service refuses this too; saying it on the field first keeps the person from finding out on Save.
  const securityProblem = draft.security === 'none' && draft.host.trim() !== '' && !isLoopbackHost(draft.host) ? 'No TLS is only for a server on this machine (localhost, 127.x.x.x, ::1): choose STARTTLS or TLS' : undefined;
  // Limits said in the form's own words before anything is sent; what the service still refuses is marked on its field.
  const local = new Map<string, string>();
  if (!Number.isInteger(draft.port) || draft.port < 1 || draft.port > 65535) local.set('port', 'Port must be a whole number from 1 to 65535.');
  if (!Number.isInteger(draft.poolSize) || draft.poolSize < 1 || draft.poolSize > 50) local.set('poolSize', 'Connections must be a whole number from 1 to 50.');
  if (!(draft.ratePerSecond >= 0)) local.set('ratePerSecond', 'Messages per second must be 0 (no limit) or more.');
  const refused = issuesByField(error);
  const problem = (field: string) => local.get(field) ?? refused.get(field);
  const invalid = (field: string) => (problem(field) ? { 'aria-invalid': true as const, 'aria-describedby': `seeds-${field}-error` } : {});
  const save = async () => {
    setError(undefined);
    try {
      const { password, user, ...rest } = draft;
      const profile = await client.call('seeds.saveProfile', { ...rest, ...(current ? { id: current.id } : {}), ...(user ? { user } : {}), ...(password ? { password } : {}) });
      setSelected(profile.id);
      setSaved(`Saved ${profile.name}${profile.hasPassword ? ' (password stored encrypted)' : ''}.`);
      reload();
    } catch (failure) {
      setError(failure as AppError);
    }
  };

  return (
    <div className="seeds-section">
      <div className="seeds-toolbar">
        <label>
          SMTP profile{' '}
          <select value={selected} onChange={(event) => setSelected(event.target.value)}>
            <option value="">New profile…</option>
            {profiles.map((profile) => <option key={profile.id} value={profile.id}>{profile.name}</option>)}
          </select>
        </label>
        {current && <Button variant="ghost" onClick={() => void client.call('seeds.deleteProfile', { id: current.id }).then(() => { setSelected(''); reload(); })}>Delete profile</Button>}
      </div>
      <div className="seeds-form">
        <label>Name <input value={draft.name} onChange={(event) => set({ name: event.target.value })} {...invalid('name')} /></label>
        <FieldError id="seeds-name-error" message={problem('name')} />
        <label>Host <input value={draft.host} onChange={(event) => set({ host: event.target.value })} {...invalid('host')} /></label>
        <FieldError id="seeds-host-error" message={problem('host')} />
        <label>Port <input type="number" value={draft.port} onChange={(event) => set({ port: Number(event.target.value) })} {...invalid('port')} /></label>
        <FieldError id="seeds-port-error" message={problem('port')} />
        <div className="seeds-field">
          <label>
            Security{' '}
            <select value={draft.security} aria-invalid={securityProblem ? true : undefined} aria-describedby={securityProblem ? 'seeds-security-problem' : undefined} onChange={(event) => set({ security: event.target.value as Draft['security'] })}>
              <option value="starttls">STARTTLS (587)</option>
              <option value="tls">Implicit TLS (465)</option>
              <option value="none">STARTTLS if offered (this machine only)</option>
            </select>
          </label>
          {securityProblem && <span id="seeds-security-problem" className="seeds-error">{securityProblem}.</span>}
        </div>
        <label>User <input value={draft.user ?? ''} autoComplete="off" onChange={(event) => set({ user: event.target.value })} /></label>
        <label>Password <input type="password" autoComplete="new-password" placeholder={current?.hasPassword ? 'stored — type to replace' : ''} value={draft.password} onChange={(event) => set({ password: event.target.value })} /></label>
        <label>Connections <input type="number" min={1} max={50} value={draft.poolSize} onChange={(event) => set({ poolSize: Number(event.target.value) })} {...invalid('poolSize')} /></label>
        <FieldError id="seeds-poolSize-error" message={problem('poolSize')} />
        <label>Messages per second (0: no limit) <input type="number" min={0} value={draft.ratePerSecond} onChange={(event) => set({ ratePerSecond: Number(event.target.value) })} {...invalid('ratePerSecond')} /></label>
        <FieldError id="seeds-ratePerSecond-error" message={problem('ratePerSecond')} />
      </div>
      <ErrorNote error={error} />
      {saved && <p role="status">{saved}</p>}
      <Button variant="primary" onClick={() => void save()} disabled={!draft.name || !draft.host || securityProblem !== undefined || local.size > 0}>Save profile</Button>
    </div>
  );
}
