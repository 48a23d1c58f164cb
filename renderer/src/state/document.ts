import type { CompileIssue, ValidationLevel } from '../../../shared/contract/editor';
import type { Finding, SourceRange } from '../../../shared/model/finding';
import { createStore } from './store';

export type DocumentLanguage = 'mjml' | 'html';

/**
 * The open template as every panel sees it. The editor writes source and compile
 * results; the lint engine writes findings; the editor shows findings as markers
 * and moves the cursor when `reveal` changes; seeds and export read compiledHtml.
 */
export interface DocumentState {
  /** File path when saved to disk, else undefined (an unsaved draft). */
  path?: string;
  title: string;
  language: DocumentLanguage;
  source: string;
  dirty: boolean;
  /** HTML of the last good compile (kept while the source is broken). */
  compiledHtml: string;
  /** Plain-text part: generated from the HTML unless the user overrode it. */
  textPart: string;
  /** Set when the person edited the text part by hand; `textPart` then equals it. */
  textOverride?: string;
  findings: Finding[];
  spamScore?: number;
  /**
   * The source the findings and spam score were linted from. While it is not the source on screen (a lint on its way,
   * or one that failed), they are the previous lint's, and the status bar says so.
   */
  lintedSource?: string;
  /** Set to ask the editor to move the cursor to a range (a finding clicked in a list). */
  reveal?: { range: SourceRange; at: number };
  /** mjml's own validation problems of the latest compile (shown as markers owned by 'mjml'). */
  compileIssues?: CompileIssue[];
  /** Whether the latest compile produced HTML; false means `compiledHtml` is from an earlier, good compile. */
  compileOk?: boolean;
  validationLevel?: ValidationLevel;
}

export const documentStore = createStore<DocumentState>({
  title: 'Untitled',
  language: 'mjml',
  source: '',
  dirty: false,
  compiledHtml: '',
  textPart: '',
  findings: [],
});
