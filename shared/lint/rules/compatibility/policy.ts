import { clientNames, features, platformNames, type SupportCode } from './data/caniemail';
import type { UseFacts } from './detect';
import { loadsOnlyFonts, noteApplies } from './notes';

/**
 * The policy layer over caniemail: raw data flags nearly every real template (Outlook desktop and
 * Gmail's mobile apps lose something in all of them). What matters is how much of *your* audience
 * loses a feature, and whether losing it breaks the message or only drops an enhancement.
 */
export interface CompatPolicy {
  /** Client keys (`family.platform`, plus the `outlook.new` alias) and their share of opens, summing to 1. */
  audience: ReadonlyArray<{ client: string; share: number }>;
}

/** New Outlook for Windows renders with the Outlook.com engine; caniemail 1.0.5 has no separate column for it. */
const aliases: Record<string, string> = { 'outlook.new': 'outlook.outlook-com' };

/**
 * Default clients: the latest Gmail (web, iOS, Android), Outlook (classic Windows desktop, new Outlook, web),
 * Apple Mail (iOS, macOS) and Yahoo web. Default weights are rough open shares from public market-share
 * reports (Litmus Email Client Market Share, 2024-2025): Apple about half of opens, Gmail about a third,
 * Outlook about a tenth, Yahoo a few percent. Projects should set their own from their analytics.
 */
export const defaultAudience: Record<string, number> = {
  'apple-mail.ios': 38,
  'apple-mail.macos': 10,
  'gmail.desktop-webmail': 12,
  'gmail.android': 10,
  'gmail.ios': 7,
  'outlook.windows': 6,
  'outlook.new': 3,
  'outlook.outlook-com': 3,
  'yahoo.desktop-webmail': 3,
};
export const defaultClients = Object.keys(defaultAudience);

export function knownClient(client: string): boolean {
  const key = aliases[client] ?? client;
  return Object.values(features).some((f) => key in f.support);
}

export function clientLabel(client: string): string {
  if (client === 'outlook.new') return 'Outlook (new, Windows)';
  const [family = '', platform = ''] = client.split('.');
  return `${clientNames[family] ?? family} ${platformNames[platform] ?? platform}`;
}

const policies = new Map<string, CompatPolicy>();

/** Builds the policy for a client list and optional weights (clients without a weight get the default or 1); the same settings give the same object, so verdicts are cached. */
export function makePolicy(clients: readonly string[] = defaultClients, weights: Record<string, number> = {}): CompatPolicy {
  const key = JSON.stringify([clients, weights]);
  let policy = policies.get(key);
  if (!policy) {
    policy = buildPolicy(clients, weights);
    if (policies.size > 100) policies.clear();
    policies.set(key, policy);
  }
  return policy;
}

function buildPolicy(clients: readonly string[], weights: Record<string, number>): CompatPolicy {
  const raw = clients.map((client) => ({ client, weight: Math.max(0, weights[client] ?? defaultAudience[client] ?? 1) }));
  const total = raw.reduce((sum, c) => sum + c.weight, 0) || 1;
  return { audience: raw.map(({ client, weight }) => ({ client, share: weight / total })) };
}

/** Features whose loss degrades looks but not the message: at most `info`, whatever the share. */
const enhancements = new Set([
  'css-border-radius', 'css-box-shadow', 'css-text-shadow', 'css-transition', 'css-animation', 'css-at-keyframes',
  'css-at-media', 'css-at-media-prefers-color-scheme', 'css-at-media-prefers-reduced-motion', 'css-at-media-hover',
  'css-at-font-face', 'css-pseudo-class-hover', 'css-pseudo-class-focus', 'css-pseudo-class-active', 'css-pseudo-class-visited',
  'css-linear-gradient', 'css-radial-gradient', 'css-opacity', 'css-color-scheme', 'html-meta-color-scheme', 'css-text-decoration-color',
  'css-letter-spacing', 'css-font-weight', 'css-object-fit', 'css-important', 'css-at-supports', 'css-filter', 'css-cursor',
]);
/** Selectors in a <style> block that a client drops only switch off that rule: progressive enhancement. */
const isSelectorFeature = (slug: string) => /^css-(?:pseudo-class|pseudo-element|selector)-/.test(slug);
/** Layout features that Outlook for Windows gets from `<!--[if mso]>` ghost tables instead, when the template has them. */
const msoMitigated = new Set([
  'css-max-width', 'css-min-width', 'css-width', 'css-height', 'css-display', 'css-display-none', 'css-margin', 'css-padding',
  'css-background-image', 'css-background', 'css-background-size', 'css-background-position', 'css-background-repeat',
  'css-float', 'css-line-height', 'html-div', 'css-border-radius', 'css-box-sizing', 'css-max-height', 'css-min-height',
]);
const msoClients = new Set(['outlook.windows', 'outlook.windows-mail']);

export interface ClientLoss {
  client: string;
  /** The client's share of the audience. */
  share: number;
  support: 'unsupported' | 'partial';
  notes: string[];
  /** caniemail's numbers of those notes, for judging which apply to a use. */
  noteNumbers: string[];
}

export interface FeatureVerdict {
  slug: string;
  title: string;
  url: string;
  /** Share of the audience that does not get the feature at all / only partly. */
  lost: number;
  partial: number;
  losses: ClientLoss[];
  severity?: 'error' | 'warning' | 'info';
}

export interface VerdictContext {
  /** The template carries `<!--[if mso]>` conditional comments (ghost tables for Outlook desktop). */
  hasMsoConditionals: boolean;
}

/** What caniemail says about one feature in one client column (or the `outlook.new` alias). */
export function supportOf(slug: string, client: string): { code: SupportCode; notes: string[]; noteNumbers: string[] } | undefined {
  const feature = features[slug];
  const entry = feature?.support[aliases[client] ?? client];
  if (!feature || entry === undefined) return undefined;
  if (typeof entry === 'string') return { code: entry, notes: [], noteNumbers: [] };
  // caniemail cites some notes it does not have (:link, note 1 in Outlook.com): a number without text tells nothing.
  const noteNumbers = entry[1].split(',').filter((n) => feature.notes[n]);
  return { code: entry[0], notes: noteNumbers.map((n) => feature.notes[n]!), noteNumbers };
}

/**
 * Severity by share of the audience that loses the feature: 25 % or more is an error, 5 % or more a warning,
 * anything less (or partial support for 25 % or more) is information. Enhancements are no finding.
 */
const verdicts = new WeakMap<CompatPolicy, Map<string, FeatureVerdict | undefined>>();

export function judgeFeature(slug: string, policy: CompatPolicy, context: VerdictContext): FeatureVerdict | undefined {
  let cache = verdicts.get(policy);
  if (!cache) verdicts.set(policy, (cache = new Map()));
  const key = `${slug}|${context.hasMsoConditionals}`;
  if (!cache.has(key)) cache.set(key, judge(slug, policy, context));
  return cache.get(key);
}

function judge(slug: string, policy: CompatPolicy, context: VerdictContext): FeatureVerdict | undefined {
  const feature = features[slug];
  if (!feature) return undefined;
  const losses: ClientLoss[] = [];
  for (const { client, share } of policy.audience) {
    const support = supportOf(slug, client);
    if (!support || support.code === 'y' || support.code === 'u') continue;
    if (context.hasMsoConditionals && msoClients.has(client) && msoMitigated.has(slug)) continue;
    losses.push({ client, share, support: support.code === 'n' ? 'unsupported' : 'partial', notes: support.notes, noteNumbers: support.noteNumbers });
  }
  return verdictOf(slug, losses, enhancements.has(slug) || isSelectorFeature(slug));
}

function verdictOf(slug: string, losses: ClientLoss[], enhancement: boolean): FeatureVerdict {
  const feature = features[slug]!;
  let lost = 0;
  let partial = 0;
  for (const loss of losses) {
    if (loss.support === 'unsupported') lost += loss.share;
    else partial += loss.share;
  }
  let severity: FeatureVerdict['severity'];
  // A progressive enhancement degrades as designed where it is missing: that is the client summary's and the
  // client preview's to show, not a finding to act on.
  if (enhancement) severity = undefined;
  else if (lost >= 0.25) severity = 'error';
  else if (lost >= 0.05) severity = 'warning';
  else if (lost > 0 || partial >= 0.25) severity = 'info';
  return { slug, title: feature.title, url: feature.url, lost, partial, losses, ...(severity ? { severity } : {}) };
}

/**
 * The verdict for one template's use of a feature: a partly supporting client keeps only the notes that concern
 * the values and places used, and supports the use when caniemail's notes all concern other uses
 * (`margin` partial for negative values only, the template's margins all positive). Stylesheets that load
 * nothing but web fonts (`<link>` or `@import` of Google Fonts) are an enhancement, like `@font-face`.
 */
export function judgeUse(slug: string, policy: CompatPolicy, context: VerdictContext, use: UseFacts): FeatureVerdict | undefined {
  const verdict = judgeFeature(slug, policy, context);
  if (!verdict) return undefined;
  const losses = verdict.losses.flatMap((loss) => {
    if (loss.support !== 'partial' || loss.noteNumbers.length === 0) return [loss];
    const applying = loss.noteNumbers.filter((n) => noteApplies(slug, n, use));
    if (applying.length === 0) return [];
    return [{ ...loss, noteNumbers: applying, notes: applying.map((n) => features[slug]!.notes[n]!) }];
  });
  return verdictOf(slug, losses, enhancements.has(slug) || isSelectorFeature(slug) || loadsOnlyFonts(slug, use));
}

export const featureExists = (slug: string): boolean => slug in features;
