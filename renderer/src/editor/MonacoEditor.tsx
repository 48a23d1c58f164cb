import { useEffect, useRef, useState } from 'react';
import type * as MonacoApi from 'monaco-editor/editor/editor.api';
import { type DocumentState, documentStore } from '../state/document';
import { loadMonaco } from './load';
import { findingMarker, issueMarker, type MarkerData } from './markers';
import { editorHasStarted } from './started';
import { followPastedLanguage } from '../features/editor/actions';

type Monaco = typeof MonacoApi;

const themeOf = (): string => (document.documentElement.dataset.theme === 'dark' ? 'vs-dark' : 'vs');

function toMonacoMarkers(monaco: Monaco, markers: MarkerData[]): MonacoApi.editor.IMarkerData[] {
  const severity = { error: monaco.MarkerSeverity.Error, warning: monaco.MarkerSeverity.Warning, info: monaco.MarkerSeverity.Info };
  return markers.map(({ severity: level, ...marker }) => ({ ...marker, severity: severity[level] }));
}

function compileMarkers(model: MonacoApi.editor.ITextModel, doc: DocumentState): MarkerData[] {
  // Issues that stopped the compile are errors; those mjml compiled through (soft) are warnings.
  const severity = doc.compileOk === false ? 'error' : 'warning';
  return (doc.compileIssues ?? [])
    .filter((issue) => issue.line <= model.getLineCount())
    .map((issue) => issueMarker(issue, model.getLineContent(issue.line), severity));
}

/**
 * Monaco bound to the document store: typing writes `source`, a document replaced from
 * elsewhere (open, restore, a starter) is loaded into the model, compile issues and
 * lint findings become markers (owners 'mjml' and 'lint'), and `reveal` moves the cursor.
 * Monaco itself is imported here on first mount, never with the app shell.
 */
export function MonacoEditor() {
  const host = useRef<HTMLDivElement>(null);
  const [failure, setFailure] = useState<string>();

  useEffect(() => {
    let disposed = false;
    const cleanups: Array<() => void> = [];
    loadMonaco()
      .then(({ monaco, installTagClosing, registerLintQuickFixes }) => {
        if (disposed || !host.current) return;
        const initial = documentStore.get();
        const model = monaco.editor.createModel(initial.source, initial.language);
        const editor = monaco.editor.create(host.current, {
          model,
          ariaLabel: 'Template source',
          theme: themeOf(),
          automaticLayout: true,
          minimap: { enabled: false },
          fontSize: 13,
          tabSize: 2,
          wordWrap: 'on',
          scrollBeyondLastLine: false,
          renderWhitespace: 'none',
          fixedOverflowWidgets: true,
          // Completion comes from the MJML data and snippets; words from the email's prose are noise (and worker traffic per keystroke).
          wordBasedSuggestions: 'off',
        });
        cleanups.push(() => {
          editor.dispose();
          model.dispose();
        });
        const tagClosing = installTagClosing(monaco, editor);
        const quickFixes = registerLintQuickFixes(monaco, () => documentStore.get().findings);
        cleanups.push(() => {
          tagClosing.dispose();
          quickFixes.dispose();
        });

        let applying = false;
        const edits = model.onDidChangeContent(() => {
          if (applying) return;
          documentStore.set({ source: model.getValue(), dirty: true });
        });
        cleanups.push(() => edits.dispose());
        const pastes = editor.onDidPaste(() => followPastedLanguage(model.getValue()));
        cleanups.push(() => pastes.dispose());

        let last = initial;
        const sync = () => {
          const doc = documentStore.get();
          if (doc.language !== model.getLanguageId()) monaco.editor.setModelLanguage(model, doc.language);
          if (doc.source !== last.source && doc.source !== model.getValue()) {
            applying = true;
            model.setValue(doc.source);
            applying = false;
          }
          if (doc.compileIssues !== last.compileIssues || doc.compileOk !== last.compileOk || doc.source !== last.source) {
            monaco.editor.setModelMarkers(model, 'mjml', toMonacoMarkers(monaco, compileMarkers(model, doc)));
          }
          if (doc.findings !== last.findings) {
            const markers = doc.findings.map(findingMarker).filter((marker): marker is MarkerData => marker !== undefined);
            monaco.editor.setModelMarkers(model, 'lint', toMonacoMarkers(monaco, markers));
          }
          if (doc.reveal && doc.reveal !== last.reveal) {
            const { startLine, startColumn, endLine, endColumn } = doc.reveal.range;
            const range = new monaco.Range(startLine, startColumn, endLine, endColumn);
            editor.setSelection(range);
            editor.revealRangeInCenterIfOutsideViewport(range);
            editor.focus();
          }
          last = doc;
        };
        sync();
        cleanups.push(documentStore.subscribe(sync));

        const themes = new MutationObserver(() => monaco.editor.setTheme(themeOf()));
        themes.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
        cleanups.push(() => themes.disconnect());
        // After the frame that shows the document, so what waits for the editor starts behind its first paint.
        requestAnimationFrame(() => setTimeout(editorHasStarted));
      })
      .catch((error: unknown) => {
        setFailure(error instanceof Error ? error.message : String(error));
        editorHasStarted();
      });
    return () => {
      disposed = true;
      cleanups.reverse().forEach((cleanup) => cleanup());
    };
  }, []);

  return (
    <section className="editor-source" role="region" aria-label="Template source">
      {failure && <p role="alert">The editor could not start: {failure}. Reload the page; if it persists, rebuild with npm run build.</p>}
      <div ref={host} className="editor-monaco" data-testid="monaco-host" />
    </section>
  );
}
