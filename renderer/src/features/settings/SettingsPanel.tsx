import { client } from '../../platform/index';
import { useLoad } from '../../platform/use-call';

/** Settings, and what this installation is: version, data folder, engines, secret storage. */
export default function SettingsPanel() {
  const [info] = useLoad(() => client.call('app.info', {}), []);
  return (
    <section className="panel" aria-labelledby="settings-title">
      <h1 id="settings-title">Settings</h1>
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
