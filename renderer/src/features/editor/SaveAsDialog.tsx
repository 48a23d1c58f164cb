import { type FormEvent, useEffect, useState } from 'react';
import { nameFor } from '../../../../shared/editor/language';
import { documentStore } from '../../state/document';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { saveTo } from './actions';

/** Browser mode's Save as: the full path to write (atomically) on this computer. */
export function SaveAsDialog({ open, onOpenChange }: { open: boolean; onOpenChange(open: boolean): void }) {
  const [path, setPath] = useState('');
  useEffect(() => {
    if (!open) return;
    // A document that now holds the other language is offered a name whose extension matches it.
    const doc = documentStore.get();
    setPath(doc.path ? nameFor(doc.path, doc.language) : '');
  }, [open]);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (path.trim() && (await saveTo(path.trim()))) onOpenChange(false);
  };
  const doc = documentStore.get();
  return (
    <Dialog open={open} onOpenChange={onOpenChange} title="Save as" description={`Where to save ${doc.title}: a full path ending in .mjml or .html.`}>
      <form className="dialog-form" onSubmit={(event) => void submit(event)}>
        <label>
          File path
          <input className="mono" type="text" value={path} onChange={(event) => setPath(event.target.value)} placeholder={`/home/you/emails/${doc.title}`} autoFocus />
        </label>
        <div className="dialog-actions">
          <Button variant="primary" type="submit" disabled={!path.trim()}>
            Save
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
