/**
 * The spam family: SpamAssassin 4.0.1's own rules (generated from its rule files, see README.md) run by the
 * TypeScript engine on the message as SpamAssassin renders it. A .eml is judged as is; a template (.html, compiled
 * .mjml) as the message a sender would send (shared/mail/wrap.ts), so header rules judge the template and not a
 * missing envelope. Findings carry SpamAssassin's rule names, descriptions and score set 0 points; Mailbench's own
 * checks (HIDDEN_TEXT, URI_DATA) are listed apart and add no points. On a template, SpamAssassin's informational
 * rules are counted but are no findings, and the rules not evaluated offline are one lint-level note.
 */
import { wrapTemplateParts } from '../../../mail/wrap';
import type { HtmlDocument } from '../../html/parse';
import { type Message, parseMessage } from '../../message/mime';
import { bytesOf, decodeCharset } from '../../message/octets';
import { type SpamView, spamView } from '../../message/spam-view';
import type { LintContext, Report, RuleFamily, RuleMeta, Span } from '../../types';
import { adviceFor, genericAdvice } from './advice';
import { type EngineRule, engineRules, firstMatch, runEngine } from './engine';

const SOURCE = 'SpamAssassin 4.0.1, score set 0 (no network, no Bayes)';

/**
 * Below this many points (either sign) a SpamAssassin rule is informational: HTML_MESSAGE, MIME_HTML_ONLY_MULTI,
 * NO_RELAYS, NO_RECEIVED, HTML_IMAGE_RATIO_*, LOTS_OF_MONEY score 0.001 or -0.001 (rules still in testing, T_*,
 * 0.01) so that they show in reports and feed metas without moving a verdict; the scores that count start at 0.1
 * (score set 0 has nothing between 0.01 and 0.1). On a template they tell the
 * author nothing to do (NO_RELAYS and NO_RECEIVED describe the wrapper, not the template; the image-ratio rules
 * carry no weight, the scored HTML_IMAGE_ONLY_* rules are the ones that judge an image-heavy email), so they stay in
 * the score breakdown (`spamHits`) and are no findings, unless the settings name the rule (`HTML_IMAGE_RATIO_02:
 * info`). A `.eml` is a real message whose headers the sender controls: there every hit stays a finding, as
 * SpamAssassin's own report lists them.
 */
export const INFORMATIONAL_POINTS = 0.05;
const MB = 'Mailbench check (SpamAssassin has no such rule; adds no points)';

/** Spam rules weigh in by score: errors are what alone puts a message near SpamAssassin's 5.0 threshold. */
function severityFor(score: number): RuleMeta['severity'] {
  return score >= 3 ? 'error' : score >= 1 ? 'warning' : 'info';
}

function metaFor(rule: EngineRule): RuleMeta {
  const advice = adviceFor(rule.name) ?? genericAdvice(rule.type, rule.file);
  const describe = rule.describe || rule.name;
  return { id: rule.name, family: 'spam', severity: severityFor(rule.score), message: /[.!?]$/.test(describe) ? describe : `${describe}.`, why: advice.why, fix: advice.fix, score: rule.score, source: SOURCE };
}

/** SpamAssassin rules that can appear as findings: every defined rule except `__` sub-rules. */
const saRules = engineRules.filter((r) => !r.name.startsWith('__'));
/** Rules SpamAssassin evaluates only with the network or a Bayes database: never shown as clean. */
const offline = saRules.filter((r) => r.kind === 'network' || r.kind === 'bayes');

const rules: RuleMeta[] = [
  ...saRules.map(metaFor),
  { id: 'HIDDEN_TEXT', family: 'spam', severity: 'warning', message: 'Text is hidden from the reader.', why: 'Hidden text is how spam stuffs words for filters; the preheader idiom at the top of the body is exempt.', fix: 'Remove the hidden text, or make it the preheader at the top of the body.', source: MB },
  { id: 'URI_DATA', family: 'spam', severity: 'warning', message: 'A link uses a data: URI.', why: 'data: links smuggle content past URL filters and most clients block them.', fix: 'Link to a page on your site.', source: MB },
  { id: 'SPAM_SCORE', family: 'spam', severity: 'error', message: "The content spam score reaches SpamAssassin's default threshold of 5.0.", why: 'At 5 points SpamAssassin marks the message as spam.', fix: 'Fix the spam findings with the highest scores first.', source: 'SpamAssassin required_score default (5.0)' },
];

/**
 * The truth about every offline score, as a note rather than a finding: nothing in the file causes it or can fix it.
 * DNS blocklists (RCVD_IN_*, URIBL_*), SPF/DKIM/DMARC results, Razor/Pyzor and Bayes need servers or training data;
 * offline they are unknown, not clean.
 */
export const notEvaluatedNote = {
  id: 'SPAM_NOT_EVALUATED',
  family: 'spam',
  message: `${offline.length} SpamAssassin rules need the network or a Bayes database and were not evaluated offline (DNS blocklists, SPF/DKIM/DMARC, Razor/Pyzor, Bayes); \`mailbench spamcheck\` against a spamd with network tests scores them.`,
} as const;

/** One row per SpamAssassin rule: what `mailbench rules` lists. */
export interface SpamRuleInfo {
  name: string;
  type: string;
  file: string;
  score: number;
  describe: string;
  tflags: string[];
  /** Whether the engine evaluates it. */
  ported: boolean;
  /** Why not, when not: network, Bayes, a Perl regex feature, an eval not ported, or score 0 in SpamAssassin. */
  reason?: string;
  kind?: string;
}

export function spamRuleCatalog(): SpamRuleInfo[] {
  return engineRules.map((r) => ({
    name: r.name,
    type: r.type,
    file: r.file,
    score: r.score,
    describe: r.describe,
    tflags: r.tflags,
    ported: r.runs,
    ...(r.why ? { reason: r.why } : {}),
    ...(r.kind ? { kind: r.kind } : r.runs ? {} : r.disabled ? { kind: 'disabled' } : { kind: 'eval' }),
  }));
}

/** Where a matched text sits in the HTML the user edits (first text node holding its first words). */
function htmlSpan(doc: HtmlDocument | undefined, needle: string | undefined): Span | undefined {
  if (!doc || !needle) return undefined;
  const probe = needle.trim().replace(/\s+/g, ' ').slice(0, 40).toLowerCase();
  if (probe.length < 3) return undefined;
  for (const node of doc.texts) if (node.text.replace(/\s+/g, ' ').toLowerCase().includes(probe)) return { in: 'html', start: node.start, end: node.end };
  const at = doc.source.toLowerCase().indexOf(probe);
  return at >= 0 ? { in: 'html', start: at, end: at + probe.length } : undefined;
}

function textSpan(text: string | undefined, needle: string | undefined): Span | undefined {
  if (text === undefined || !needle) return undefined;
  const probe = needle.trim().slice(0, 40).toLowerCase();
  if (probe.length < 3) return undefined;
  const at = text.toLowerCase().indexOf(probe);
  return at >= 0 ? { in: 'text', start: at, end: at + probe.length } : undefined;
}

/** Octets to text for showing a match (UTF-8 when valid). */
const shown = (octets: string): string => decodeCharset(bytesOf(octets), 'utf-8');

// The header an eval rule reads, so its finding lands on that header's line.
const evalHeaders = new Map([
  ['subject_is_all_caps', 'Subject'],
  ['check_for_to_in_subject', 'Subject'],
  ['check_for_missing_to_header', 'To'],
  ['check_outlook_message_id', 'Message-ID'],
  ['check_ratware_name_id', 'Message-ID'],
  ['check_freemail_from', 'From'],
  ['check_freemail_replyto', 'Reply-To'],
  ['check_equal_from_domains', 'From'],
  ['check_for_shifted_date', 'Date'],
  ['check_for_forged_yahoo_received_headers', 'Received'],
  ['check_for_forged_hotmail_received_headers', 'Received'],
  ['check_for_no_hotmail_received_headers', 'Received'],
  ['check_for_forged_gmail_received_headers', 'Received'],
]);

function spanFor(rule: EngineRule, view: SpamView, ctx: LintContext, isEml: boolean): { span: Span; match?: string } {
  const matched = firstMatch(rule, view);
  const match = matched !== undefined ? shown(matched) : undefined;
  if (rule.type === 'header' || rule.type === 'mimeheader') {
    const header = rule.header ?? (rule.eval ? (rule.eval.fn === 'check_illegal_chars' || rule.eval.fn === 'check_freemail_header' ? String(rule.eval.args[0]).replace(/:.*$/, '') : evalHeaders.get(rule.eval.fn)) : undefined);
    if (isEml && header && view.message.header(header)) return { span: { in: 'header', name: header } };
    return { span: { in: 'document' } };
  }
  const span = htmlSpan(ctx.html, match) ?? textSpan(ctx.text, match);
  return { span: span ?? { in: 'document' }, ...(match !== undefined ? { match } : {}) };
}

/** The message the engine judges: the .eml itself, or the template wrapped as a sent message. */
function messageOf(ctx: LintContext): Message | undefined {
  if (ctx.kind === 'eml') return ctx.message;
  if (!ctx.html) return undefined;
  // The parts' texts are the template's own: parsed with them, nothing just encoded is decoded again.
  const wrapped = wrapTemplateParts(ctx.html.source);
  return parseMessage(wrapped.message, { knownTexts: wrapped.texts });
}

function checkMailbench(ctx: LintContext, report: Report): void {
  const doc = ctx.html;
  if (!doc) return;
  for (const a of doc.byTag('a')) {
    if (/^\s*data:/i.test(a.attrs.href ?? '')) report({ rule: 'URI_DATA', span: { in: 'html', start: a.start, end: a.openEnd } });
  }
  for (const node of doc.texts) {
    const parent = doc.elements[node.parent];
    if (!parent?.inBody || !node.visible || parent.preheader || !parent.hidden) continue;
    report({ rule: 'HIDDEN_TEXT', span: { in: 'html', start: node.start, end: node.end }, message: `Text hidden by ${parent.hidden}: "${node.text.trim().slice(0, 50)}".` });
    break;
  }
}

function check(ctx: LintContext, report: Report): void {
  checkMailbench(ctx, report);
  const message = messageOf(ctx);
  if (!message) return;
  const view = spamView(message);
  const result = runEngine(view);
  for (const rule of result.scoring) {
    const { span, match } = spanFor(rule, view, ctx, ctx.kind === 'eml');
    const describe = rule.describe || rule.name;
    const detailOnly = ctx.kind !== 'eml' && Math.abs(rule.score) < INFORMATIONAL_POINTS;
    report({ rule: rule.name, span, ...(match ? { message: `${describe.replace(/\.$/, '')}: "${match.trim().slice(0, 60)}".` } : {}), ...(detailOnly ? { detailOnly } : {}) });
  }
  (ctx.notes ??= []).push({ ...notEvaluatedNote });
}

export const spamFamily: RuleFamily = { family: 'spam', rules, check };
