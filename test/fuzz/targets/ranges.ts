import type { Finding } from '../../../shared/model/finding';

/** Every finding must point inside the text the person edits, or the editor cannot show it. */
export function assertRangesInside(findings: readonly Finding[], source: string, what: string): void {
  const lines = source.split('\n').length;
  for (const finding of findings) {
    const range = finding.range;
    if (!range) continue;
    if (range.startLine > lines || range.endLine > lines || range.startLine > range.endLine) {
      throw new Error(`${what}: finding ${finding.rule} points at lines ${range.startLine}-${range.endLine} of a ${lines}-line source`);
    }
  }
}
