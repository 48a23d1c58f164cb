import type { LintConfig } from '../../../../shared/lint/config';
import type { LintResult } from '../../../../shared/lint/index';

/** Page to worker: lint this document with these settings. */
export interface LintRequest {
  id: number;
  language: 'mjml' | 'html';
  source: string;
  compiledHtml: string;
  config: LintConfig;
}

/** Worker to page: the result, or why it failed. */
export type LintResponse = { id: number; ok: true; result: LintResult; ms: number } | { id: number; ok: false; error: string };
