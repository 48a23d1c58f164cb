import type * as MonacoApi from 'monaco-editor/editor/editor.api';
import type { Finding } from '../../../shared/model/finding';

type Monaco = typeof MonacoApi;

const sameRange = (marker: MonacoApi.editor.IMarkerData, finding: Finding): boolean =>
  finding.range !== undefined &&
  marker.startLineNumber === finding.range.startLine &&
  marker.startColumn === finding.range.startColumn &&
  marker.endLineNumber === finding.range.endLine &&
  marker.endColumn === finding.range.endColumn;

/** The lint engine's quick fixes, offered on its markers (the light bulb, Ctrl+.). */
export function registerLintQuickFixes(monaco: Monaco, findings: () => readonly Finding[]): MonacoApi.IDisposable {
  return monaco.languages.registerCodeActionProvider(['mjml', 'html'], {
    provideCodeActions(model, _range, context) {
      const actions: MonacoApi.languages.CodeAction[] = [];
      for (const marker of context.markers) {
        const rule = typeof marker.code === 'string' ? marker.code : marker.code?.value;
        for (const finding of findings()) {
          if (finding.rule !== rule || !sameRange(marker, finding)) continue;
          for (const fix of finding.quickFixes ?? []) {
            actions.push({
              title: fix.title,
              kind: 'quickfix',
              diagnostics: [marker],
              isPreferred: actions.length === 0,
              edit: {
                edits: fix.edits.map((edit) => ({
                  resource: model.uri,
                  versionId: model.getVersionId(),
                  textEdit: {
                    range: new monaco.Range(edit.range.startLine, edit.range.startColumn, edit.range.endLine, edit.range.endColumn),
                    text: edit.text,
                  },
                })),
              },
            });
          }
        }
      }
      return { actions, dispose: () => undefined };
    },
  });
}
