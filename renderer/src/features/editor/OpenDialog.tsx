import { type FormEvent, useState } from 'react';
import { client } from '../../platform/index';
import { useLoad } from '../../platform/use-call';
import { pickFile } from '../../shell/documents';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { openPath } from './actions';

/** Browser mode's Open: a path on this computer (the host reads it), a file from the browser's picker, or a recent file. */
export function OpenDialog({ open, onOpenChange }: { open: boolean; onOpenChange(open: boolean): void }) {
  const [path, setPath] = useState('');
  const [recent] = useLoad(() => (open ? client.call('shell.recent.list', {}) : Promise.resolve({ documents: [] })), [open]);
  const templates = recent.state === 'ready' ? recent.value.documents.filter((doc) => doc.kind === 'template') : [];

  const openAt = async (target: string) => {
    if (await openPath(target)) onOpenChange(false);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (path.trim()) void openAt(path.trim());
  };

  return (
    <Dialog open={open} onOpenChange={onOpenChange} title="Open a template" description="Open an .mjml or .html file by its full path, or choose one.">
      <form className="dialog-form" onSubmit={submit}>
        <label>
          File path
          <input className="mono" type="text" value={path} onChange={(event) => setPath(event.target.value)} placeholder="/home/you/emails/newsletter.mjml" autoFocus />
        </label>
        <div className="dialog-actions">
          <Button variant="primary" type="submit" disabled={!path.trim()}>
            Open
          </Button>
          <Button
            onClick={() => {
              onOpenChange(false);
              pickFile();
            }}
          >
            Choose a file…
          </Button>
        </div>
      </form>
      {templates.length > 0 && (
        <>
          <h3 className="dialog-subtitle">Recent</h3>
          <ul className="recent-list">
            {templates.map((doc) => (
              <li key={doc.path}>
                <button type="button" className="btn btn-ghost" onClick={() => void openAt(doc.path)} title={doc.path}>
                  {doc.name} <span className="mono recent-path">{doc.path}</span>
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </Dialog>
  );
}
