import { useEffect } from 'react';
import { client } from '../../platform/index';
import { useLoad } from '../../platform/use-call';
import { Button } from '../../ui/Button';

/** What was opened or saved lately (the desktop app also lists these in File › Open Recent and the OS). */
export function RecentDocuments() {
  const [recent, reload] = useLoad(() => client.call('shell.recent.list', {}), []);
  useEffect(() => client.on('shell.recentChanged', reload), [reload]);
  if (recent.state === 'loading') return <p role="status">Reading recent documents…</p>;
  if (recent.state === 'failed') return <p role="alert">Could not read recent documents: {recent.error.message}</p>;
  if (recent.value.documents.length === 0) return <p className="muted">Nothing yet. Documents you open or save from disk appear here.</p>;
  return (
    <>
      <ul className="recent-list">
        {recent.value.documents.map((doc) => (
          <li key={doc.path} className="mono">
            {doc.path}
          </li>
        ))}
      </ul>
      <Button onClick={() => void client.call('shell.recent.clear', {}).then(reload)}>Clear the list</Button>
    </>
  );
}
