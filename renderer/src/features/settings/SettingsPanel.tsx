import type { ThemeChoice } from '../../../../shared/shell/commands';
import { client } from '../../platform/index';
import { useLoad } from '../../platform/use-call';
import { appearanceStore } from '../../state/appearance';
import { runCommand } from '../../state/commands';
import { useStore } from '../../state/store';
import { Button } from '../../ui/Button';
import { ChoiceGroup } from '../../ui/ChoiceGroup';
import { RecentDocuments } from './RecentDocuments';

const themes = [
  { value: 'system', label: 'Follow the system', description: 'Light or dark as your operating system is set, switching when it does.' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
] as const;

/** Settings, and what this installation is: version, data folder, engines, secret storage. */
export default function SettingsPanel() {
  const [info] = useLoad(() => client.call('app.info', {}), []);
  const theme = useStore(appearanceStore, (appearance) => appearance.choice);
  return (
    <section className="panel" aria-labelledby="settings-title">
      <h1 id="settings-title">Settings</h1>
      <h2>Appearance</h2>
      <ChoiceGroup<ThemeChoice> label="Theme" value={theme} choices={themes} onChange={(choice) => runCommand(`theme.${choice}`)} />
      <h2>Recent documents</h2>
      <RecentDocuments />
      <h2>Getting started</h2>
      <p>
        <Button onClick={() => runCommand('help.welcome')}>Show the welcome screen</Button>{' '}
        <Button onClick={() => runCommand('help.shortcuts')}>Keyboard shortcuts</Button>
      </p>
      <h2>About this installation</h2>
      {info.state === 'loading' && <p role="status">Reading installation details…</p>}
      {info.state === 'failed' && <p role="alert">Could not read installation details: {info.error.message}</p>}
      {info.state === 'ready' && (
        <dl className="facts" aria-label="Installation">
          <dt>Version</dt>
          <dd data-testid="app-version">{info.value.version}</dd>
          <dt>Data folder</dt>
          <dd className="mono">{info.value.dataDir}</dd>
          <dt>Database</dt>
          <dd className="mono">
            {info.value.databaseFile} (schema {info.value.schemaVersion})
          </dd>
          <dt>Running as</dt>
          <dd>{info.value.transport === 'electron' ? 'Desktop app' : 'Browser mode'} on {info.value.platform}, Node {info.value.node}</dd>
          <dt>Secret storage</dt>
          <dd>
            {info.value.secretStorage.kind}
            {info.value.secretStorage.warning && <p className="warning">{info.value.secretStorage.warning}</p>}
          </dd>
          {info.value.engines.map((engine) => (
            <div key={engine.id} className="fact-row">
              <dt>{engine.id}</dt>
              <dd>{engine.present ? `installed${engine.version ? ` (${engine.version})` : ''}` : 'not installed'}</dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}
