import type { CompileIssue } from '../../../shared/contract/editor';
import type { Finding, Severity } from '../../../shared/model/finding';

/** Monaco's marker shape, without importing Monaco (this module stays in the light chunk and in tests). */
export interface MarkerData {
  severity: 'error' | 'warning' | 'info';
  message: string;
  source: string;
  code?: string;
  startLineNumber: number;
  startColumn: number;
  endLineNumber: number;
  endColumn: number;
}

/**
 * mjml reports a line and a tag, never a column: the marker underlines that tag's name
 * on that line (where the person will look), or the line's text when the tag is elsewhere.
 */
export function issueMarker(issue: CompileIssue, lineText: string, severity: MarkerData['severity']): MarkerData {
  const at = issue.tagName ? lineText.indexOf(`<${issue.tagName}`) : -1;
  const indent = lineText.length - lineText.trimStart().length;
  const [startColumn, endColumn] = at >= 0 ? [at + 2, at + 2 + issue.tagName!.length] : [indent + 1, Math.max(indent + 2, lineText.length + 1)];
  return {
    severity,
    message: issue.tagName ? `${issue.tagName}: ${issue.message}` : issue.message,
    source: 'mjml',
    startLineNumber: issue.line,
    startColumn,
    endLineNumber: issue.line,
    endColumn,
  };
}

const severities: Record<Severity, MarkerData['severity']> = { error: 'error', warning: 'warning', info: 'info' };

/** A lint finding with a place becomes a marker; findings about the whole message stay in the findings list. */
export function findingMarker(finding: Finding): MarkerData | undefined {
  if (!finding.range) return undefined;
  return {
    severity: severities[finding.severity],
    message: `${finding.message}\n${finding.fix}`,
    source: finding.family,
    code: finding.rule,
    startLineNumber: finding.range.startLine,
    startColumn: finding.range.startColumn,
    endLineNumber: finding.range.endLine,
    endColumn: finding.range.endColumn,
  };
}
