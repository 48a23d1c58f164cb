import { Tabs } from 'radix-ui';
import { useEffect, useRef, useState } from 'react';
import { client } from '../../platform/index';
import { type Loadable, useLoad } from '../../platform/use-call';
import { Compose } from './Compose';
import { Lists } from './Lists';
import { Profiles } from './Profiles';
import { number } from './parts';
import { RunView } from './RunView';
import './seeds.css';

/** Seed tests: send the open template to your own seed mailboxes and see where each copy landed. */
export default function SeedsPanel() {
  const [listsLoad, reloadLists] = useLoad(() => client.call('seeds.lists', {}), []);
  const [profilesLoad, reloadProfiles] = useLoad(() => client.call('seeds.profiles', {}), []);
  const [runsLoad, reloadRuns] = useLoad(() => client.call('seeds.runs', {}), []);
  const lists = useLatest(listsLoad);
  const profiles = useLatest(profilesLoad);
  const runs = useLatest(runsLoad);
  const [runId, setRunId] = useState<string>();
  const [tab, setTab] = useState('send');
  // History follows every run: a state change or a finished poll reloads it.
  useEffect(() => client.on('seeds.run', () => reloadRuns()), [reloadRuns]);
  const sending = runs?.some((run) => run.state === 'sending') ?? false;

  return (
    <section className="panel seeds-panel" aria-labelledby="seeds-title">
      <h1 id="seeds-title">Seed tests</h1>
      <Tabs.Root value={tab} onValueChange={setTab}>
        <Tabs.List className="seeds-tabs" aria-label="Seed tests">
          <Tabs.Trigger value="send">Send</Tabs.Trigger>
          <Tabs.Trigger value="lists">Seed lists</Tabs.Trigger>
          <Tabs.Trigger value="profiles">SMTP profiles</Tabs.Trigger>
          <Tabs.Trigger value="history">History</Tabs.Trigger>
        </Tabs.List>
        <Tabs.Content value="send">
          {lists && profiles && (
            <Compose
              lists={lists}
              profiles={profiles}
              sending={sending}
              onStarted={(id) => {
                setRunId(id);
                reloadRuns();
              }}
            />
          )}
          {runId && <RunView runId={runId} />}
        </Tabs.Content>
        <Tabs.Content value="lists">{lists && <Lists lists={lists} reload={reloadLists} />}</Tabs.Content>
        <Tabs.Content value="profiles">{profiles && <Profiles profiles={profiles} reload={reloadProfiles} />}</Tabs.Content>
        <Tabs.Content value="history">
          {runs?.length === 0 && <p>No runs yet: send the template to a seed list from the Send tab.</p>}
          {runs && runs.length > 0 && (
            <table className="seeds-table" aria-label="Runs">
              <thead>
                <tr><th>When</th><th>Subject</th><th>Server</th><th>State</th><th>Accepted</th><th /></tr>
              </thead>
              <tbody>
                {runs.map((run) => (
                  <tr key={run.id}>
                    <td>{new Date(run.createdAt).toLocaleString()}</td>
                    <td>{run.subject}</td>
                    <td className="mono">{run.smtp}</td>
                    <td data-testid="history-state">{run.state}</td>
                    <td>{number(run.counts.accepted)} / {number(run.total)}</td>
                    <td>
                      <button type="button" className="btn btn-ghost" onClick={() => { setRunId(run.id); setTab('send'); }}>Open</button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Tabs.Content>
      </Tabs.Root>
    </section>
  );
}

/** The last loaded value, kept while a reload runs, so forms and their messages stay on screen. */
function useLatest<T>(loadable: Loadable<T>): T | undefined {
  const latest = useRef<T | undefined>(undefined);
  if (loadable.state === 'ready') latest.current = loadable.value;
  return latest.current;
}
