import { useEffect, useState } from 'react';
import type { Draft } from '../../../../shared/contract/editor';
import { client } from '../../platform/index';
import { documentStore } from '../../state/document';
import { Button } from '../../ui/Button';
import { adoptDraft, currentDraftId } from './drafts';

const when = (iso: string): string => new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** On start: unsaved drafts left by an earlier session (a crash, a kill, a closed tab), offered back. */
export function DraftRestore() {
  const [drafts, setDrafts] = useState<Draft[]>([]);
  useEffect(() => {
    let live = true;
    client.call('drafts.list', {}).then(
      (result) => live && setDrafts(result.drafts.filter((draft) => draft.id !== currentDraftId())),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);
  if (drafts.length === 0) return null;

  const remove = (id: string) => setDrafts((current) => current.filter((draft) => draft.id !== id));
  const restore = (draft: Draft) => {
    // The open document is replaced without a question only if it has no changes of its own.
    const { dirty, title } = documentStore.get();
    if (dirty && !window.confirm(`${title} has unsaved changes. Replace it with the restored draft?`)) return;
    adoptDraft(draft);
    remove(draft.id);
  };
  const discard = (draft: Draft) => {
    void client.call('drafts.discard', { id: draft.id });
    remove(draft.id);
  };

  return (
    <section className="draft-restore" role="region" aria-label="Unsaved drafts">
      {drafts.slice(0, 3).map((draft) => (
        <p key={draft.id} className="draft-row">
          <span>
            Unsaved changes to <strong>{draft.title}</strong> from {when(draft.updatedAt)} were kept.
          </span>
          <Button variant="primary" onClick={() => restore(draft)}>
            Restore
          </Button>
          <Button variant="ghost" onClick={() => discard(draft)}>
            Discard
          </Button>
        </p>
      ))}
      {drafts.length > 3 && <p className="draft-more">and {drafts.length - 3} older drafts.</p>}
    </section>
  );
}
