/**
 * The lazily loaded editor chunk: Monaco's core with the contributions an email editor
 * needs, the HTML and XML languages (HTML with its language worker), and MJML on top.
 * Nothing here is imported statically by the app shell; see MonacoEditor.tsx.
 */
import * as monaco from 'monaco-editor/editor/editor.api';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import HtmlWorker from 'monaco-editor/languages/features/html/html.worker?worker';
import 'monaco-editor/features/bracketMatching/register';
import 'monaco-editor/features/clipboard/register';
import 'monaco-editor/features/codeAction/register';
import 'monaco-editor/features/codicon/register';
import 'monaco-editor/features/comment/register';
import 'monaco-editor/features/contextmenu/register';
import 'monaco-editor/features/cursorUndo/register';
import 'monaco-editor/features/find/register';
import 'monaco-editor/features/folding/register';
import 'monaco-editor/features/format/register';
import 'monaco-editor/features/gotoError/register';
import 'monaco-editor/features/gotoLine/register';
import 'monaco-editor/features/hover/register';
import 'monaco-editor/features/indentation/register';
import 'monaco-editor/features/linesOperations/register';
import 'monaco-editor/features/linkedEditing/register';
import 'monaco-editor/features/links/register';
import 'monaco-editor/features/multicursor/register';
import 'monaco-editor/features/snippet/register';
import 'monaco-editor/features/suggest/register';
import 'monaco-editor/features/wordHighlighter/register';
import 'monaco-editor/features/wordOperations/register';
import 'monaco-editor/languages/definitions/html/register';
import 'monaco-editor/languages/definitions/xml/register';
import 'monaco-editor/languages/features/html/register';
import { installTagClosing, registerMjmlLanguage } from './mjml-language';
import { registerLintQuickFixes } from './quick-fixes';

self.MonacoEnvironment = {
  getWorker(_workerId: string, label: string): Worker {
    return label === 'html' ? new HtmlWorker() : new EditorWorker();
  },
};

registerMjmlLanguage(monaco);

export { installTagClosing, monaco, registerLintQuickFixes };
export type Monaco = typeof monaco;
