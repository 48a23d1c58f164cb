import type { OutputOf } from '../../../../shared/contract/index';
import { client } from '../../platform/index';
import { useLoad } from '../../platform/use-call';
import { Button } from '../../ui/Button';
import { EmptyState } from '../../ui/EmptyState';
import { Failure, useAction } from './parts';

export type Rerun = OutputOf<'auth.rerun'>;

const KIND_LABEL = { message: 'Message', spf: 'SPF', domain: 'Domain audit', bulk: 'Bulk sender' } as const;

/** Past checks, newest first; re-running one shows its new result in its own tab. */
export function History({ onRerun }: { onRerun(result: Rerun): void }) {
  const [entries, reload] = useLoad(() => client.call('auth.history', { limit: 100 }), []);
  const [rerun, runRerun] = useAction(async (id: number) => {
    const result = await client.call('auth.rerun', { id });
    reload();
    onRerun(result);
    return result;
  });
  if (entries.state === 'loading') return <p role="status">Reading history…</p>;
  if (entries.state === 'failed') return <Failure error={entries.error} />;
  if (entries.value.length === 0) {
    return <EmptyState title="No checks yet">Every message check, SPF check and domain audit is kept here so you can run it again after a DNS change.</EmptyState>;
  }
  return (
    <div className="auth-tab">
      {rerun.state === 'failed' && <Failure error={rerun.error} />}
      <table className="auth-history">
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Check</th>
            <th scope="col">Subject</th>
            <th scope="col">Result</th>
            <th scope="col"><span className="visually-hidden">Actions</span></th>
          </tr>
        </thead>
        <tbody>
          {entries.value.map((entry) => (
            <tr key={entry.id}>
              <td>{new Date(entry.createdAt).toLocaleString()}</td>
              <td>{KIND_LABEL[entry.kind]}</td>
              <td>{entry.title}</td>
              <td className="mono">{entry.summary}</td>
              <td>
                <Button disabled={rerun.state === 'running'} onClick={() => void runRerun(entry.id)} aria-label={`Run again: ${entry.title}`}>
                  Run again
                </Button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
