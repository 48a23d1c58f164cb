import { useMemo, useState } from 'react';
import type { LintSettings } from '../../../../shared/contract/lint';
import type { RuleSetting } from '../../../../shared/lint/config';
import { allRules, type RuleMeta } from '../../../../shared/lint/index';
import { clientLabel, defaultClients } from '../../../../shared/lint/rules/compatibility/policy';
import { client } from '../../platform/index';
import { documentStore } from '../../state/document';
import { useStore } from '../../state/store';
import { liveLinter, lintStore } from './live-lint';

const selectableClients = [...defaultClients, 'outlook.macos', 'outlook.ios', 'outlook.android', 'yahoo.ios', 'yahoo.android', 'samsung-email.android', 'thunderbird.macos', 'protonmail.desktop-webmail', 'fastmail.desktop-webmail'];
const familyLabels: Record<string, string> = {
  spam: 'Spam triggers',
  sender: 'Sender requirements',
  structure: 'Structure and size',
  links: 'Links and images',
  accessibility: 'Accessibility',
  compatibility: 'Client support (caniemail)',
};
const rules = allRules();

async function saveSettings(settings: LintSettings): Promise<void> {
  const saved = await client.call('lint.settings.set', { settings });
  lintStore.set({ settings: saved });
  liveLinter.relint();
}

/**
 * Every rule, by family, with what it checks and its setting; rules that fired on the open document or carry a
 * setting are marked and their family opens. A filter narrows the list by id or description.
 */
export function RuleSettings() {
  const settings = useStore(lintStore, (s) => s.settings);
  const findings = useStore(documentStore, (doc) => doc.findings);
  const [query, setQuery] = useState('');
  const chosen = settings.clients ?? defaultClients;
  const fired = useMemo(() => {
    const counts = new Map<string, number>();
    for (const f of findings) counts.set(f.rule, (counts.get(f.rule) ?? 0) + 1);
    return counts;
  }, [findings]);
  const families = useMemo(() => {
    const needle = query.trim().toLowerCase();
    const byFamily = new Map<string, RuleMeta[]>(Object.keys(familyLabels).map((f) => [f, []]));
    for (const rule of rules) {
      if (needle && !rule.id.toLowerCase().includes(needle) && !rule.message.toLowerCase().includes(needle)) continue;
      byFamily.get(rule.family)?.push(rule);
    }
    return [...byFamily.entries()].filter(([, list]) => list.length > 0);
  }, [query]);
  const setRule = (rule: string, value: RuleSetting | 'default') => {
    const next = { ...(settings.rules ?? {}) };
    if (value === 'default') delete next[rule];
    else next[rule] = value;
    void saveSettings({ ...settings, rules: next });
  };
  const toggleClient = (id: string, on: boolean) => {
    const next = on ? [...chosen, id] : chosen.filter((c) => c !== id);
    if (next.length > 0) void saveSettings({ ...settings, clients: next });
  };
  return (
    <section aria-labelledby="lint-settings-title">
      <h2 id="lint-settings-title">Lint settings</h2>
      <fieldset>
        <legend>Clients your audience uses</legend>
        <div className="lint-clients">
          {selectableClients.map((id) => (
            <label key={id}>
              <input type="checkbox" checked={chosen.includes(id)} onChange={(event) => toggleClient(id, event.target.checked)} /> {clientLabel(id)}
            </label>
          ))}
        </div>
      </fieldset>
      <label className="lint-rule-filter">
        Find a rule <input type="search" value={query} onChange={(event) => setQuery(event.target.value)} placeholder="id or description" />
      </label>
      {families.map(([family, list]) => {
        const active = list.filter((r) => fired.has(r.id) || settings.rules?.[r.id] !== undefined).length;
        return (
          <details key={family} className="lint-rule-family" open={query.trim() !== '' || active > 0}>
            <summary>
              {familyLabels[family] ?? family} ({list.length} rules{active > 0 ? `, ${active} fired or set` : ''})
            </summary>
            <table className="lint-table" aria-label={`Rule severities: ${familyLabels[family] ?? family}`}>
              <tbody>
                {list.map((rule) => (
                  <tr key={rule.id} className={fired.has(rule.id) ? 'lint-rule-fired' : undefined}>
                    <th scope="row" className="mono">
                      {rule.id}
                    </th>
                    <td title={`${rule.why} ${rule.fix}`}>
                      {rule.message}
                      {fired.has(rule.id) ? <span className="findings-count"> · {fired.get(rule.id)} in this document</span> : null}
                    </td>
                    <td>
                      <select aria-label={`Severity of ${rule.id}`} value={settings.rules?.[rule.id] ?? 'default'} onChange={(event) => setRule(rule.id, event.target.value as RuleSetting | 'default')}>
                        <option value="default">Default ({rule.family === 'compatibility' ? 'by audience share' : rule.severity})</option>
                        <option value="error">Error</option>
                        <option value="warning">Warning</option>
                        <option value="info">Info</option>
                        <option value="off">Off</option>
                      </select>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        );
      })}
    </section>
  );
}
