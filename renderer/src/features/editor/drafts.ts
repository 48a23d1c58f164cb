import type { Draft } from '../../../../shared/contract/editor';
import { detectLanguage } from '../../../../shared/editor/language';
import { client } from '../../platform/index';
import { type DocumentState, documentStore } from '../../state/document';

/** Typing pauses this long before the draft is written; continuous typing still writes every MAX_WAIT_MS. */
const DEBOUNCE_MS = 300;
const MAX_WAIT_MS = 800;

let draftId: string = crypto.randomUUID();
export const currentDraftId = (): string => draftId;

/** Continue a restored draft under its own id, so it is updated rather than copied. */
export function adoptDraft(draft: Draft): void {
  const previous = draftId;
  draftId = draft.id;
  if (previous !== draft.id) void client.call('drafts.discard', { id: previous }).catch(() => undefined);
  documentStore.set({
    source: draft.source,
    title: draft.title,
    // A draft autosaved while pasted MJML sat in HTML mode (or the other way) comes back as what it holds.
    language: detectLanguage(draft.source) ?? draft.language,
    path: draft.path,
    dirty: true,
    textOverride: undefined,
    findings: [],
    compileIssues: [],
  });
}

/**
 * Autosave of unsaved work to SQLite (drafts.save), so a crash or a killed process loses
 * at most the last second of typing. A document saved to its file drops its draft; a
 * document replaced by another (open, starter) starts a new one.
 */
export function startAutosave(): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let pendingSince: number | undefined;
  let previous: DocumentState = documentStore.get();

  const write = () => {
    timer = undefined;
    pendingSince = undefined;
    const doc = documentStore.get();
    if (!doc.dirty) return;
    void client
      .call('drafts.save', { id: draftId, title: doc.title, language: doc.language, source: doc.source, ...(doc.path ? { path: doc.path } : {}) })
      .catch((error: Error) => console.warn('[mailbench] draft not saved:', error.message));
  };

  const onChange = () => {
    const doc = documentStore.get();
    const before = previous;
    previous = doc;
    const replaced = doc.source !== before.source && !doc.dirty;
    if (replaced || (before.dirty && !doc.dirty)) {
      // Saved to disk, or replaced after the person agreed to drop the changes: the draft has served.
      clearTimeout(timer);
      timer = undefined;
      pendingSince = undefined;
      const done = draftId;
      void client.call('drafts.discard', { id: done }).catch(() => undefined);
      if (replaced) {
        draftId = crypto.randomUUID();
        if (doc.textOverride !== undefined) documentStore.set({ textOverride: undefined });
      }
      return;
    }
    if (!doc.dirty || doc.source === before.source) return;
    pendingSince ??= Date.now();
    clearTimeout(timer);
    timer = setTimeout(write, Date.now() - pendingSince >= MAX_WAIT_MS ? 0 : DEBOUNCE_MS);
  };

  const unsubscribe = documentStore.subscribe(onChange);
  return () => {
    unsubscribe();
    if (timer) {
      clearTimeout(timer);
      write();
    }
  };
}
