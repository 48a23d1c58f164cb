import type { Finding, SourceRange } from '../model/finding';
import { applySetting, type LintConfig, settingFor } from './config';
import { parseDisables } from './disable';
import { type HtmlDocument, parseHtml } from './html/parse';
import { LineIndex } from './lines';
import { type Message, parseMessage } from './message/mime';
import { createMjmlMap, type MjmlMap } from './mjml/map';
import { accessibilityFamily } from './rules/accessibility';
import { type ClientSummary, compatibilityFamily } from './rules/compatibility/index';
import { caniemailDataDate, caniemailVersion } from './rules/compatibility/data/caniemail';
import { makePolicy } from './rules/compatibility/policy';
import { linksFamily } from './rules/links';
import { senderFamily } from './rules/sender';
import { spamFamily } from './rules/spam/index';
import { structureFamily } from './rules/structure';
import type { Family, Hit, LintContext, LintNote, RuleFamily, RuleMeta, Span, SpamHit } from './types';

export { caniemailDataDate, caniemailVersion };
export type { ClientSummary, Family, LintConfig, LintNote, RuleMeta, SpamHit };

export const ruleFamilies: readonly RuleFamily[] = [spamFamily, compatibilityFamily, accessibilityFamily, linksFamily, structureFamily, senderFamily];

/**
 * Budget (README, "Budgets"): the HTML a lint reads. The app lints as you type, so a pathological document
 * (a paste of 10k sections) is linted up to the budget and says where it stopped, instead of taking minutes.
 * A large real newsletter has about 2,000 elements and 100 kB; Gmail clips at 102 kB.
 */
export const LINT_BUDGET = { chars: 2 * 1024 * 1024, elements: 10_000 } as const;

const budgetRule: RuleMeta = {
  id: 'lint-budget',
  family: 'structure',
  severity: 'warning',
  message: 'Lint stopped early: the document is over the lint budget.',
  why: `Linting reads at most ${LINT_BUDGET.elements.toLocaleString('en-US')} HTML elements and ${LINT_BUDGET.chars / 1024 / 1024} MB of HTML, so typing stays responsive; the rest of the document was not checked.`,
  fix: 'Split the document, or remove repeated sections; a real email is far smaller (Gmail clips HTML over 102 kB).',
  source: 'Mailbench lint budget',
};

const ruleIndex = new Map<string, RuleMeta>([
  ...ruleFamilies.flatMap((family) => family.rules.map((rule) => [rule.id, rule] as const)),
  [budgetRule.id, budgetRule],
]);
export const allRules = (): RuleMeta[] => [...ruleIndex.values()];
export const ruleById = (id: string): RuleMeta | undefined => ruleIndex.get(id);

/** SpamAssassin's default `required_score`: at this many points a message is spam. */
export const SPAM_THRESHOLD = 5;

export type LintInput =
  | { kind: 'html'; source: string }
  /** mjml is compiled by the caller (CLI: mjml; app: the editor); the engine maps findings back to the MJML. */
  | { kind: 'mjml'; source: string; compiledHtml: string }
  /** A message: `bytes` (the file as read) are what the engine decodes when given; `source` is the text shown. */
  | { kind: 'eml'; source: string; bytes?: Uint8Array };

export interface LintOptions {
  config?: LintConfig;
  /** Run only these families (the bench times them apart). */
  families?: readonly Family[];
}

export interface LintResult {
  findings: Finding[];
  spamScore: number;
  clients: ClientSummary[];
  /** Every spam rule that hit with its points, in the engine's order: what `spamScore` sums. */
  spamHits: SpamHit[];
  /** What is true of the whole result (the spam rules not evaluated offline), shown once rather than as findings. */
  notes: LintNote[];
}

export { kindOf } from './kind';

interface Locator {
  range(span: Span): SourceRange;
}

function locator(input: LintInput, lines: LineIndex, message: Message | undefined, mjmlMap: MjmlMap | undefined): Locator {
  const whole = lines.range(0, 0);
  return {
    range(span) {
      if (span.in === 'document') return whole;
      if (span.in === 'source') return lines.range(span.start, span.end);
      if (span.in === 'header') {
        const header = message?.header(span.name);
        return header ? lines.range(header.start, header.end) : whole;
      }
      if (input.kind === 'mjml' && span.in === 'html' && mjmlMap) {
        const at = mjmlMap.locate(span.start);
        return lines.range(at.start, at.end);
      }
      if (input.kind === 'eml' && message) {
        const part = span.in === 'html' ? message.html : message.text;
        if (!part) return whole;
        return part.verbatim ? lines.range(part.bodyStart + span.start, part.bodyStart + span.end) : lines.range(part.bodyStart, part.bodyStart);
      }
      return lines.range(span.start, span.end);
    },
  };
}

/**
 * The HTML cut to the lint budget: at most `chars` characters, then at most `elements` elements (the
 * document is parsed again up to where the first element past the budget starts), and what stopped it.
 */
function parseWithinBudget(source: string): { html: HtmlDocument; stoppedAt?: string } {
  const chars = source.length > LINT_BUDGET.chars;
  const html = parseHtml(chars ? source.slice(0, LINT_BUDGET.chars) : source);
  const over = html.elements[LINT_BUDGET.elements];
  if (over) return { html: parseHtml(source.slice(0, over.start)), stoppedAt: `${LINT_BUDGET.elements.toLocaleString('en-US')} elements` };
  return chars ? { html, stoppedAt: `${LINT_BUDGET.chars / 1024 / 1024} MB of HTML` } : { html };
}

/** Lints one template or message. Pure: no DOM, no Node; runs in a Web Worker and in the CLI. */
export function lint(input: LintInput, options: LintOptions = {}): LintResult {
  const config = options.config ?? {};
  const message = input.kind === 'eml' ? parseMessage(input.bytes ?? input.source) : undefined;
  const htmlSource = input.kind === 'eml' ? message?.html?.body : input.kind === 'mjml' ? input.compiledHtml : input.source;
  const budgeted = htmlSource !== undefined && htmlSource.trim() !== '' ? parseWithinBudget(htmlSource) : undefined;
  const html = budgeted?.html;
  const ctx: LintContext = {
    kind: input.kind,
    source: input.source,
    ...(html ? { html } : {}),
    ...(message ? { message } : {}),
    ...(message?.text ? { text: message.text.body } : {}),
    ...(message?.header('Subject') ? { subject: message.header('Subject')!.value } : {}),
    compat: makePolicy(config.clients, config.audience),
    notes: [],
  };
  const lines = new LineIndex(input.source);
  const mjmlMap = input.kind === 'mjml' && html ? createMjmlMap(input.source, html) : undefined;
  const locate = locator(input, lines, message, mjmlMap);
  const disables = parseDisables(input.source, (offset) => lines.position(offset).line);
  const findings: Finding[] = [];
  const spamHits: SpamHit[] = [];
  const groups = new Map<string, Array<{ item: string; finding: Finding }>>();
  let spamScore = 0;

  /** `at` places a finding that has no span of its own (a group, where its first member is). */
  const accept = (hit: Hit, rule: RuleMeta, at?: SourceRange) => {
    const setting = settingFor(config.rules, rule.id, rule.family);
    const severity = applySetting(setting, hit.severity ?? rule.severity);
    if (!severity) return;
    const range = at ?? locate.range(hit.span);
    const line = at ? at.startLine : hit.span.in === 'document' ? undefined : range.startLine;
    if (disables.covers(rule.id, rule.family, line)) return;
    // A detail-only hit becomes a finding when the person named its rule in the settings (`HTML_IMAGE_RATIO_02: info`).
    const detailOnly = hit.detailOnly === true && config.rules?.[rule.id] === undefined;
    if (rule.score !== undefined && rule.family === 'spam') {
      spamScore += rule.score;
      spamHits.push({ rule: rule.id, score: rule.score, description: rule.message, finding: !detailOnly });
    }
    if (detailOnly) return;
    const finding: Finding = { rule: rule.id, family: rule.family, severity, message: hit.message ?? rule.message, why: rule.why, fix: rule.fix, range };
    if (rule.score !== undefined && rule.family === 'spam') finding.score = rule.score;
    if (input.kind === 'html' && hit.fixes?.length) {
      finding.quickFixes = hit.fixes.map((fix) => ({ title: fix.title, edits: fix.edits.map((e) => ({ range: lines.range(e.start, e.end), text: e.text })) }));
    }
    // A grouped hit joins its group's finding unless the person gave its rule (or its prefix or family) a setting.
    if (hit.grouped && severity === 'info' && setting === undefined) {
      const members = groups.get(hit.grouped.rule) ?? [];
      groups.set(hit.grouped.rule, members);
      members.push({ item: hit.grouped.item, finding });
      return;
    }
    findings.push(finding);
  };

  if (budgeted?.stoppedAt) {
    accept({ rule: budgetRule.id, span: { in: 'document' }, message: `Lint stopped at ${budgeted.stoppedAt}: the rest of the document was not checked.` }, budgetRule);
  }
  for (const family of ruleFamilies) {
    if (options.families && !options.families.includes(family.family)) continue;
    family.check(ctx, (hit) => {
      const rule = ruleIndex.get(hit.rule);
      if (!rule) throw new Error(`lint rule ${hit.rule} reported a hit but is not declared in its family`);
      accept(hit, rule);
    });
  }
  // A group of one is that finding itself, with its own rule and link; two or more become one finding listing each.
  for (const [id, members] of groups) {
    const rule = ruleIndex.get(id);
    if (!rule) throw new Error(`lint hits were grouped into ${id}, which no family declares`);
    if (members.length === 1) {
      findings.push(members[0]!.finding);
      continue;
    }
    const line = (m: (typeof members)[number]) => m.finding.range!.startLine;
    members.sort((a, b) => line(a) - line(b));
    const listed = members.map((m) => `${m.item}, line ${line(m)}`).join('; ');
    accept({ rule: id, span: { in: 'document' }, message: `${rule.message.replace(/\.$/, '')}: ${listed}.` }, rule, members[0]!.finding.range);
  }
  spamScore = Math.round(spamScore * 1000) / 1000;
  if (spamScore >= SPAM_THRESHOLD) {
    accept({ rule: 'SPAM_SCORE', span: { in: 'document' }, severity: 'error', message: `Content spam score ${spamScore.toFixed(1)} reaches SpamAssassin's threshold of ${SPAM_THRESHOLD}.` }, ruleIndex.get('SPAM_SCORE')!);
  }
  const order = { error: 0, warning: 1, info: 2 } as const;
  findings.sort((a, b) => (a.range?.startLine ?? 0) - (b.range?.startLine ?? 0) || order[a.severity] - order[b.severity]);
  const notes = (ctx.notes ?? []).filter((note) => settingFor(config.rules, note.id, note.family) !== 'off');
  return { findings, spamScore, clients: ctx.clientSummary ?? [], spamHits, notes };
}
