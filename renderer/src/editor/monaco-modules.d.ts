// Monaco ships no declarations for its Monarch grammar modules; this one exports the HTML grammar and config.
declare module 'monaco-editor/languages/definitions/html/html' {
  import type { languages } from 'monaco-editor/editor/editor.api';
  export const conf: languages.LanguageConfiguration;
  export const language: languages.IMonarchLanguage;
}
