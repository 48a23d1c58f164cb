import type { QuickFix, Severity } from '../model/finding';
import type { HtmlDocument } from './html/parse';
import type { Message } from './message/mime';
import type { ClientSummary } from './rules/compatibility/index';
import type { CompatPolicy } from './rules/compatibility/policy';

export const families = ['spam', 'compatibility', 'accessibility', 'links', 'structure', 'sender'] as const;
export type Family = (typeof families)[number];

/** What a rule is, for people: shown with each finding and in `mailbench lint --rules`. */
export interface RuleMeta {
  id: string;
  family: Family;
  severity: Severity;
  /** The default one-line message. */
  message: string;
  why: string;
  fix: string;
  /** Points added to the spam score (spam family); SpamAssassin's score where the rule is ported. */
  score?: number;
  /** Where the threshold or weight comes from. */
  source: string;
}

/** Where a hit is, before it is mapped to the file the user edits. */
export type Span =
  | { in: 'html'; start: number; end: number }
  | { in: 'header'; name: string }
  | { in: 'text'; start: number; end: number }
  /** Offsets in the file the user edits (MJML source checks). */
  | { in: 'source'; start: number; end: number }
  | { in: 'document' };

/** A text edit on the HTML (offsets in the HTML); offered as a quick fix when HTML is what the user edits. */
export interface HtmlFix {
  title: string;
  edits: Array<{ start: number; end: number; text: string }>;
}

export interface Hit {
  rule: string;
  span: Span;
  message?: string;
  /** Replaces the rule's default severity (compatibility: by audience share). */
  severity?: Severity;
  fixes?: HtmlFix[];
  /**
   * Counted (the spam score and its breakdown) but not a finding: SpamAssassin's informational rules on a template,
   * which change no verdict and give the author nothing to do. A setting naming the rule makes it a finding again.
   */
  detailOnly?: boolean;
  /**
   * One line (`item`) of the `rule` finding instead of a finding of its own, while the hit stays at info and its rule
   * has no setting of its own, and two or more hits share the group: many small details read as one finding.
   */
  grouped?: { rule: string; item: string };
}

/** True of the whole result rather than of a place in the file: shown once (a line in the panel and the CLI). */
export interface LintNote {
  id: string;
  family: Family;
  message: string;
}

/** One spam rule that hit, with its points: the spam score's breakdown, informational rules included. */
export interface SpamHit {
  rule: string;
  score: number;
  description: string;
  /** Whether it is also a finding (SpamAssassin's informational rules on a template are not). */
  finding: boolean;
}

export type Report = (hit: Hit) => void;

/** Everything the rules read about one input. */
export interface LintContext {
  kind: 'html' | 'mjml' | 'eml';
  /** The file as the user edits it. */
  source: string;
  html?: HtmlDocument;
  message?: Message;
  /** The plain-text part when there is one (eml). */
  text?: string;
  subject?: string;
  compat: CompatPolicy;
  /** Written by the compatibility family: what each chosen client loses. */
  clientSummary?: ClientSummary[];
  /** Lint-level notes a family adds (the spam family: rules not evaluated offline). */
  notes?: LintNote[];
}

export interface RuleFamily {
  family: Family;
  rules: readonly RuleMeta[];
  check(ctx: LintContext, report: Report): void;
}

export type { QuickFix, Severity };
