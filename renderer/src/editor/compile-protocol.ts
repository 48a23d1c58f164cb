import type { CompileIssue, DocumentLanguage, ValidationLevel } from '../../../shared/contract/editor';

/** Messages between the page and the compile worker. */
export type CompileRequest =
  | { id: number; kind: 'compile'; language: DocumentLanguage; source: string; level: ValidationLevel }
  | { id: number; kind: 'text'; html: string };

export type CompileResponse =
  | { id: number; kind: 'compile'; html?: string; issues: CompileIssue[]; ms: number }
  | { id: number; kind: 'text'; text: string };
