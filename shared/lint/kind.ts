import type { LintInput } from './index';

/**
 * Decides the kind from a file name (`.mjml`, `.eml`, else HTML). A module of its own so that a caller that only
 * sorts files (the CLI's main thread while workers lint) does not load the engine.
 */
export function kindOf(fileName: string): LintInput['kind'] {
  const lower = fileName.toLowerCase();
  return lower.endsWith('.mjml') ? 'mjml' : lower.endsWith('.eml') ? 'eml' : 'html';
}
