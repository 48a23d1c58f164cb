import type { Starter } from '../../../../shared/contract/editor';
import { AppError } from '../../../../shared/contract/errors';
import { client } from '../../platform/index';
import { detectLanguage, extensionFor, nameFor } from '../../../../shared/editor/language';
import { extensionOf } from '../../../../shared/shell/files';
import { type DocumentLanguage, documentStore } from '../../state/document';
import { createStore } from '../../state/store';
// The shell owns replacing the open document (it asks before dropping unsaved changes).
import { loadTemplate } from '../../shell/documents';

export type EditorDialog = 'starters' | 'open' | 'saveAs' | 'export' | 'convertToHtml' | 'notMjml';

/** Which editor dialog is open, and the last message for the person (saved, refused, failed). */
export const editorUi = createStore<{ dialog?: EditorDialog; message?: { tone: 'info' | 'error'; text: string } }>({});

export const say = (tone: 'info' | 'error', text: string): void => editorUi.set({ message: { tone, text } });

export function describeError(error: unknown): string {
  if (error instanceof AppError) return [error.message, error.details.hint].filter(Boolean).join(' ');
  return error instanceof Error ? error.message : String(error);
}

export function newFromStarter(starter: Starter): void {
  if (!loadTemplate(`${starter.id}.mjml`, starter.source)) return;
  say('info', `New document from the ${starter.title} starter. Save it to keep it as a file.`);
}

export async function openPath(path: string): Promise<boolean> {
  try {
    const opened = await client.call('documents.open', { path });
    if (!loadTemplate(opened.title, opened.source, opened.path)) return false;
    say('info', `Opened ${path}.`);
    return true;
  } catch (error) {
    say('error', `Could not open ${path}: ${describeError(error)}`);
    return false;
  }
}

export async function saveTo(path: string): Promise<boolean> {
  const { source } = documentStore.get();
  try {
    const saved = await client.call('documents.save', { path, source });
    // Only what was written is clean: keystrokes typed while saving keep the document dirty.
    documentStore.set((doc) => ({ path: saved.path, title: saved.title, language: saved.language, dirty: doc.source !== source }));
    say('info', `Saved ${saved.path}.`);
    return true;
  } catch (error) {
    say('error', `Not saved: ${describeError(error)}`);
    return false;
  }
}

/** Save as: the desktop app's native dialog when there is one, else the editor's own path dialog. */
export async function saveAs(): Promise<void> {
  const doc = documentStore.get();
  const picked = await client.call('documents.pickPath', { mode: 'save', suggestedName: doc.title }).catch(() => ({ status: 'unavailable' as const }));
  if (picked.status === 'picked') await saveTo(picked.path);
  else if (picked.status === 'unavailable') editorUi.set({ dialog: 'saveAs' });
}

export async function save(): Promise<void> {
  const doc = documentStore.get();
  const fileLanguage = doc.path ? (extensionOf(doc.path) === 'mjml' ? 'mjml' : 'html') : undefined;
  if (doc.path && fileLanguage === doc.language) await saveTo(doc.path);
  else {
    // MJML pasted into a .html document is not written over the .html: the name follows the content.
    if (doc.path) say('info', `${doc.title} now holds ${doc.language.toUpperCase()}: save it under a ${extensionFor(doc.language)} name.`);
    documentStore.set({ title: nameFor(doc.title, doc.language) });
    await saveAs();
  }
}

/**
 * Switching the mode of a document whose text says otherwise: MJML to HTML offers to convert
 * (the compiled HTML replaces the source); HTML to MJML cannot convert, so it is refused with
 * why. Text that is neither (empty, a snippet) just switches.
 */
export function switchLanguage(target: DocumentLanguage): void {
  const doc = documentStore.get();
  if (target === doc.language) return;
  const holds = detectLanguage(doc.source);
  if (holds === undefined || holds === target) {
    documentStore.set({ language: target, title: nameFor(doc.title, target) });
    return;
  }
  editorUi.set({ dialog: target === 'html' ? 'convertToHtml' : 'notMjml' });
}

/** Replaces MJML source with its compiled HTML (the last good compile), as one undoable edit of the document. */
export function convertToHtml(): void {
  const doc = documentStore.get();
  if (!doc.compiledHtml || doc.compileOk === false) {
    say('error', 'The MJML does not compile yet, so there is no HTML to convert to: fix the errors marked in the source first.');
    return;
  }
  documentStore.set({ language: 'html', source: doc.compiledHtml, dirty: true, title: nameFor(doc.title, 'html') });
  say('info', 'Converted to HTML: the source is now the compiled HTML.');
}

/** After a paste: text that is MJML (or HTML) puts the document in that mode, and says so, instead of being misread. */
export function followPastedLanguage(source: string): void {
  const doc = documentStore.get();
  const holds = detectLanguage(source);
  if (holds === undefined || holds === doc.language) return;
  documentStore.set({ language: holds, title: nameFor(doc.title, holds) });
  say('info', `The pasted text is ${holds.toUpperCase()}: the document is now ${holds.toUpperCase()}${doc.path ? `, and Save asks for a ${extensionFor(holds)} name` : ''}.`);
}

export async function openDialog(): Promise<void> {
  const picked = await client.call('documents.pickPath', { mode: 'open' }).catch(() => ({ status: 'unavailable' as const }));
  if (picked.status === 'picked') await openPath(picked.path);
  else if (picked.status === 'unavailable') editorUi.set({ dialog: 'open' });
}

/** The subject for exports: the email's <title> (mj-title), else the document name. */
export function subjectOf(html: string, fallback: string): string {
  const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html)?.[1]?.trim();
  return title ? new DOMParser().parseFromString(title, 'text/html').documentElement.textContent ?? title : fallback;
}
