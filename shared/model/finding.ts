import { z } from 'zod';

/** 1-based, inclusive start, exclusive end column, in the file the user edits. */
export const SourceRange = z.object({
  startLine: z.number().int().min(1),
  startColumn: z.number().int().min(1),
  endLine: z.number().int().min(1),
  endColumn: z.number().int().min(1),
});
export type SourceRange = z.infer<typeof SourceRange>;

export const Severity = z.enum(['error', 'warning', 'info']);
export type Severity = z.infer<typeof Severity>;

/** A text edit that fixes a finding, offered as a quick fix. */
export const FixEdit = z.object({ range: SourceRange, text: z.string() });
export const QuickFix = z.object({ title: z.string(), edits: z.array(FixEdit) });
export type QuickFix = z.infer<typeof QuickFix>;

/**
 * One thing a check found, in the shape every checker shares (lint rules, domain audit,
 * bulk-sender verdicts): what, why it matters, what to do, and where.
 */
export const Finding = z.object({
  rule: z.string(),
  family: z.string(),
  severity: Severity,
  message: z.string(),
  why: z.string(),
  fix: z.string(),
  range: SourceRange.optional(),
  /** Points a spam rule adds to the spam score, SpamAssassin-style. */
  score: z.number().optional(),
  quickFixes: z.array(QuickFix).optional(),
});
export type Finding = z.infer<typeof Finding>;
