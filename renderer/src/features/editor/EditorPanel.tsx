import { useEffect } from 'react';
import { ValidationLevel } from '../../../../shared/contract/editor';
import { MonacoEditor } from '../../editor/MonacoEditor';
import { Preview } from '../../preview/Preview';
import { nextDarkMode, previewStore } from '../../preview/preview-state';
import { onCommand } from '../../state/commands';
import { documentStore } from '../../state/document';
import { useStore } from '../../state/store';
import { Button } from '../../ui/Button';
import { FindingsList } from '../lint/FindingsList';
import { editorUi, type EditorDialog, openDialog, save, saveAs, switchLanguage } from './actions';
import { startCompilePipeline } from './compile-pipeline';
import { DraftRestore } from './DraftRestore';
import { startAutosave } from './drafts';
import { ExportDialog } from './ExportDialog';
import { LanguageDialogs } from './LanguageDialogs';
import { OpenDialog } from './OpenDialog';
import { SaveAsDialog } from './SaveAsDialog';
import { StarterGallery } from './StarterGallery';
import './editor.css';

const levels: readonly { value: ValidationLevel; label: string }[] = [
  { value: 'soft', label: 'Soft: compile, warn' },
  { value: 'strict', label: 'Strict: refuse invalid MJML' },
  { value: 'skip', label: 'Skip validation' },
];

const show = (dialog: EditorDialog) => () => editorUi.set({ dialog });

/** The editor's own handling of menu items and shortcuts (the shell's are fallbacks). */
function registerCommands(): () => void {
  const offs = [
    onCommand('file.new', show('starters')),
    onCommand('file.open', () => void openDialog()),
    onCommand('file.save', () => void save()),
    onCommand('file.saveAs', () => void saveAs()),
    onCommand('file.exportHtml', show('export')),
    onCommand('file.exportEml', show('export')),
    onCommand('preview.mobile', () => previewStore.set({ width: 375, view: 'email' })),
    onCommand('preview.tablet', () => previewStore.set({ width: 600, view: 'email' })),
    onCommand('preview.desktop', () => previewStore.set({ width: 'full', view: 'email' })),
    onCommand('preview.dark', () => previewStore.set((state) => ({ dark: nextDarkMode(state.dark), view: 'email' }))),
    onCommand('preview.images', () => previewStore.set((state) => ({ remoteImages: !state.remoteImages }))),
    onCommand('preview.text', () => previewStore.set((state) => ({ view: state.view === 'text' ? 'email' : 'text' }))),
  ];
  return () => offs.forEach((off) => off());
}

/** The Editor tool: Monaco on the left, the sandboxed preview on the right. */
export default function EditorPanel() {
  const title = useStore(documentStore, (doc) => doc.title);
  const dirty = useStore(documentStore, (doc) => doc.dirty);
  const language = useStore(documentStore, (doc) => doc.language);
  const empty = useStore(documentStore, (doc) => doc.source.trim() === '');
  const level = useStore(documentStore, (doc) => doc.validationLevel ?? 'soft');
  const ui = useStore(editorUi, (state) => state);

  useEffect(() => {
    const stops = [startCompilePipeline(), startAutosave(), registerCommands()];
    return () => stops.forEach((stop) => stop());
  }, []);

  const close = (open: boolean) => !open && editorUi.set({ dialog: undefined });

  return (
    <div className="editor-panel">
      <header className="editor-toolbar" role="toolbar" aria-label="Document">
        <span className="editor-title mono" data-testid="document-title">
          {title}
          {dirty && <span title="Unsaved changes"> •<span className="sr-only"> unsaved changes</span></span>}
        </span>
        <Button onClick={show('starters')}>New…</Button>
        <Button onClick={() => void openDialog()}>Open…</Button>
        <Button onClick={() => void save()}>Save</Button>
        <Button onClick={() => void saveAs()}>Save as…</Button>
        <Button onClick={show('export')}>Export…</Button>
        <span className="toolbar-spacer" />
        <div role="group" aria-label="Language" className="segmented">
          {(['mjml', 'html'] as const).map((value) => (
            <button key={value} type="button" aria-pressed={language === value} onClick={() => switchLanguage(value)}>
              {value.toUpperCase()}
            </button>
          ))}
        </div>
        <label className="preview-select">
          <span className="sr-only">MJML validation</span>
          <select aria-label="MJML validation" value={level} disabled={language !== 'mjml'} onChange={(event) => documentStore.set({ validationLevel: ValidationLevel.parse(event.target.value) })}>
            {levels.map((choice) => (
              <option key={choice.value} value={choice.value}>
                {choice.label}
              </option>
            ))}
          </select>
        </label>
      </header>
      <DraftRestore />
      {ui.message && (
        <p className={ui.message.tone === 'error' ? 'editor-message editor-message-error' : 'editor-message'} role={ui.message.tone === 'error' ? 'alert' : 'status'}>
          {ui.message.text}
          <button type="button" className="btn btn-ghost" aria-label="Dismiss message" onClick={() => editorUi.set({ message: undefined })}>
            ✕
          </button>
        </p>
      )}
      {empty && (
        <p className="editor-empty">
          This document is empty. <Button variant="primary" onClick={show('starters')}>Start from a starter template</Button>
        </p>
      )}
      <div className="editor-split">
        <MonacoEditor />
        <Preview />
      </div>
      <details className="editor-findings" open>
        <summary>Findings</summary>
        <FindingsList />
      </details>
      <StarterGallery open={ui.dialog === 'starters'} onOpenChange={close} />
      <OpenDialog open={ui.dialog === 'open'} onOpenChange={close} />
      <SaveAsDialog open={ui.dialog === 'saveAs'} onOpenChange={close} />
      <ExportDialog open={ui.dialog === 'export'} onOpenChange={close} />
      <LanguageDialogs />
    </div>
  );
}
