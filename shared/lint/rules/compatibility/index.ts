import type { HtmlDocument } from '../../html/parse';
import type { LintContext, Report, RuleFamily, RuleMeta, Span } from '../../types';
import { features } from './data/caniemail';
import { authoredIn, detectFeatures, type Usage } from './detect';
import { firstValueConcerned } from './notes';
import { clientLabel, judgeUse } from './policy';

const source = 'caniemail data (see caniemailDataDate) judged by the audience policy: error at 25 % of opens losing it, warning at 5 %';

/**
 * Two or more info-level client losses (under 5 % of opens losing a feature, e.g. Yahoo-only with the default
 * audience, or only partial support) are one finding, each feature a line of it: a designer should know them, but a
 * finding per feature buried what to fix (three Yahoo-only properties on every Postmark template). A lone one stays
 * its feature's finding; a feature given a setting of its own (`caniemail/css-height`, `caniemail/css-*` or the
 * family) is reported on its own again.
 */
export const MINOR_LOSSES = 'caniemail/minor-losses';

const rules: RuleMeta[] = [
  ...Object.entries(features).map(([slug, feature]): RuleMeta => ({
    id: `caniemail/${slug}`,
    family: 'compatibility',
    severity: 'warning',
    message: `${feature.title} is not supported by part of your audience.`,
    why: 'Clients that do not support it will render the message differently from your preview.',
    fix: 'Use a widely supported alternative, or keep it only as an enhancement with a fallback.',
    source,
  })),
  {
    id: MINOR_LOSSES,
    family: 'compatibility',
    severity: 'info',
    message: 'Minor client losses.',
    why: 'Features that under 5 % of your opens lose (with the default audience: Yahoo alone), or that some clients support only partly: the message still reads, a detail may differ. When there are two or more, one finding lists them all, each with its line.',
    fix: 'Check those clients in the client preview. To see a feature as a finding of its own, give caniemail/<feature> a severity in the rule settings; Off hides this list (the client summary still counts every loss). Raise a client\'s share in the audience setting if it matters more to you.',
    source,
  },
];

export interface ClientSummary {
  client: string;
  label: string;
  share: number;
  /** Features the template uses that this client does not support / supports partly. */
  unsupported: number;
  partial: number;
}

function percent(share: number): string {
  return share >= 0.995 ? '100 %' : share < 0.01 ? '<1 %' : `${Math.round(share * 100)} %`;
}

/**
 * Where to report a feature. In MJML, CSS from `<mj-style>` reaches the compiled HTML's `<style>` as written, which
 * the element map cannot place (it matches elements): the same rule text is found in the MJML and the finding put
 * on the token there (`display` in `.row { display: flex }`); otherwise the map places it.
 */
function spanOf(usage: Pick<Usage, 'start' | 'end' | 'token'>, doc: HtmlDocument, ctx: LintContext): Span {
  const html: Span = { in: 'html', start: usage.start, end: usage.end };
  if (ctx.kind !== 'mjml' || !doc.styles.some((b) => b.start <= usage.start && usage.end <= b.start + b.css.length)) return html;
  const text = doc.source.slice(usage.start, usage.end).trim();
  const at = text.length >= 4 ? ctx.source.indexOf(text) : -1;
  if (at < 0) return html;
  const token = text.toLowerCase().indexOf(usage.token);
  return token < 0 ? { in: 'source', start: at, end: at + text.length } : { in: 'source', start: at + token, end: at + token + usage.token.length };
}

/** Lints client support and fills the per-client summary the app shows. */
export function checkCompatibility(ctx: LintContext, report: Report): ClientSummary[] {
  const doc = ctx.html;
  const summary = new Map(ctx.compat.audience.map(({ client, share }) => [client, { client, label: clientLabel(client), share, unsupported: 0, partial: 0 }]));
  if (!doc) return [...summary.values()];
  const hasMsoConditionals = doc.comments.some((c) => /^\[if [^\]]*mso/i.test(c.text.trim()));
  const authored = ctx.kind === 'mjml' ? authoredIn(ctx.source) : undefined;
  for (const usage of detectFeatures(doc, authored).values()) {
    const verdict = judgeUse(usage.slug, ctx.compat, { hasMsoConditionals }, usage.facts);
    if (!verdict) continue;
    for (const loss of verdict.losses) {
      const row = summary.get(loss.client);
      if (row && loss.support === 'unsupported') row.unsupported++;
      else if (row && loss.support === 'partial') row.partial++;
    }
    if (!verdict.severity) continue;
    const unsupported = verdict.losses.filter((l) => l.support === 'unsupported').map((l) => clientLabel(l.client));
    const partial = verdict.losses.filter((l) => l.support === 'partial');
    const parts = [
      `${verdict.title}${usage.count > 1 ? ` (used ${usage.count} times)` : ''}:`,
      unsupported.length ? ` not supported by ${unsupported.join(', ')} (${percent(verdict.lost)} of opens)` : '',
      partial.length ? `${unsupported.length ? ';' : ''} partly supported by ${partial.map((l) => clientLabel(l.client)).join(', ')} (${percent(verdict.partial)})` : '',
    ];
    // caniemail notes often start with "Partial." or "Partial support." which the message already says.
    const notes = [...new Set(partial.flatMap((l) => l.notes.map((n) => n.replace(/^Partial(?:ly supported| support)?\.\s*/i, '')).filter(Boolean)))];
    const explained = `${parts.join('')}.${notes.length ? ` Notes: ${notes.join(' ')}` : ''}`;
    // A note about some values points at the first use of such a value, where the author reads why it applies.
    const concerned = firstValueConcerned(usage.slug, [...new Set(partial.flatMap((l) => l.noteNumbers))], usage.facts);
    const place = (concerned !== undefined ? usage.valuePlaces[concerned] : undefined) ?? usage;
    report({
      rule: `caniemail/${usage.slug}`,
      span: spanOf(place, doc, ctx),
      severity: verdict.severity,
      message: `${explained} ${verdict.url}`,
      ...(verdict.severity === 'info' ? { grouped: { rule: MINOR_LOSSES, item: explained.replace(/\.$/, '') } } : {}),
    });
  }
  return [...summary.values()];
}

export const compatibilityFamily: RuleFamily = {
  family: 'compatibility',
  rules,
  check: (ctx, report) => {
    ctx.clientSummary = checkCompatibility(ctx, report);
  },
};
