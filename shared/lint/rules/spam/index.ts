import { contrastRatio, utf8Length } from '../../html/css';
import { type HtmlDocument, textOf } from '../../html/parse';
import type { LintContext, Report, RuleFamily, RuleMeta, Span } from '../../types';
import { phraseRules } from './phrases';
import { urlShorteners } from './shorteners';

const SA = 'SpamAssassin 4.0.1, score set 0 in 50_scores.cf';
const MB = 'Mailbench weight (SpamAssassin has no scored rule for it offline)';

/** Spam rules weigh in by score: errors are what alone puts a message near SpamAssassin's 5.0 threshold. */
function severityFor(score: number): RuleMeta['severity'] {
  return score >= 3 ? 'error' : score >= 1 ? 'warning' : 'info';
}

function meta(id: string, score: number, message: string, why: string, fix: string, source = SA): RuleMeta {
  return { id, family: 'spam', severity: severityFor(score), message, why, fix, score, source };
}

const bands = (prefix: string, edges: number[], scores: number[], message: (lo: number, hi: number) => string, why: string, fix: string) =>
  scores.map((score, i) => ({ ...meta(`${prefix}${String(edges[i + 1]! / 100).padStart(2, '0')}`, score, message(edges[i]!, edges[i + 1]!), why, fix), lo: edges[i]!, hi: edges[i + 1]! }));

const imageOnly = bands(
  'HTML_IMAGE_ONLY_',
  [0, 400, 800, 1200, 1600, 2000, 2400, 2800, 3200],
  [1.68, 0.585, 1.381, 1.969, 2.109, 2.799, 2.799, 2.196],
  (lo, hi) => `Images with only ${lo}-${hi} bytes of text.`,
  'Mostly-image mail is a classic way to hide spam text from filters; SpamAssassin scores it by how little text there is.',
  'Add real text (at least a few sentences) alongside the images.',
);
const shortLinkImage = [
  { ...meta('HTML_SHORT_LINK_IMG_1', 2.215, 'Very short HTML (under 1 KB of text) with a linked image.', 'A tiny message whose main content is a clickable image is typical of spam.', 'Add text that says what the message is about, or do not wrap the image in a link.'), lo: 0, hi: 1024 },
  { ...meta('HTML_SHORT_LINK_IMG_2', 1.419, 'Short HTML (1-1.5 KB of text) with a linked image.', 'A tiny message whose main content is a clickable image is typical of spam.', 'Add text that says what the message is about.'), lo: 1024, hi: 1536 },
  { ...meta('HTML_SHORT_LINK_IMG_3', 0.691, 'Short HTML (1.5-2 KB of text) with a linked image.', 'A short message whose main content is a clickable image is typical of spam.', 'Add text that says what the message is about.'), lo: 1536, hi: 2048 },
];
const obfuscation = [
  { ...meta('HTML_OBFUSCATE_05_10', 0.601, '5-10% of the text is written as character entities.', 'Writing letters as `&#65;` hides words from filters; only spammers need that.', 'Write letters as letters; keep entities for symbols.'), lo: 0.05, hi: 0.1 },
  { ...meta('HTML_OBFUSCATE_10_20', 0.174, '10-20% of the text is written as character entities.', 'Writing letters as `&#65;` hides words from filters.', 'Write letters as letters.'), lo: 0.1, hi: 0.2 },
  { ...meta('HTML_OBFUSCATE_20_30', 2.499, '20-30% of the text is written as character entities.', 'Writing letters as `&#65;` hides words from filters.', 'Write letters as letters.'), lo: 0.2, hi: 1.01 },
];

const rules: RuleMeta[] = [
  ...phraseRules.map((rule) =>
    meta(rule.id, rule.score, `${rule.describe}.`, `SpamAssassin's ${rule.id} rule matches this ${rule.on === 'subject' ? 'subject' : 'wording'}; it is far more common in spam than in wanted mail.`, 'Reword it.'),
  ),
  meta('UPPERCASE_50_75', 0.001, '50-75% of the body text is in capitals.', 'Shouting is a spam signal.', 'Use sentence case.'),
  meta('UPPERCASE_75_100', 1.48, '75-100% of the body text is in capitals.', 'Shouting is a spam signal.', 'Use sentence case.'),
  ...imageOnly,
  ...shortLinkImage,
  ...obfuscation,
  meta('NORMAL_HTTP_TO_IP', 0.159, 'A link points to a public IP address instead of a domain.', 'Legitimate senders link to their domain; bare IPs hide who is behind the link.', 'Link to a domain name.'),
  meta('URL_SHORTENER', 0.5, 'A link uses a URL shortener.', 'Shorteners hide the destination and are shared with spammers, so filters distrust them.', 'Link to your own domain.', `${MB}; the domain list is SpamAssassin's 25_url_shortener.cf`),
  meta('HTTPS_HTTP_MISMATCH', 0.1, 'Link text shows an https:// address but the link goes to http://.', 'Text that shows one address and a link that goes elsewhere is a phishing pattern.', 'Make the href match the text, with https.'),
  meta('URI_DATA', 1.0, 'A link uses a data: URI.', 'data: links smuggle content past URL filters and most clients block them.', 'Link to a page on your site.', MB),
  meta('HIDDEN_TEXT', 1.0, 'Text is hidden from the reader.', 'Hidden text is how spam stuffs words for filters; the preheader idiom at the top of the body is exempt.', 'Remove the hidden text, or make it the preheader at the top of the body.', MB),
  meta('HTML_FONT_LOW_CONTRAST', 0.713, 'Text colour is nearly the same as its background.', 'Invisible-by-colour text is a spam trick; filters score it.', 'Use a colour with real contrast (WCAG 4.5:1).'),
  meta('MIME_HTML_ONLY', 0.1, 'The message has an HTML part but no plain-text part.', 'Mail from real senders usually has both; some filters penalise HTML-only.', 'Add a text/plain alternative (Mailbench generates one from the HTML).'),
  meta('MPART_ALT_DIFF', 2.246, 'The text part and the HTML part say different things.', 'Different alternative parts are a way to show filters one text and people another.', 'Generate the text part from the HTML.'),
  meta('HTML_TITLE_SUBJ_DIFF', 1.149, 'The HTML <title> is much longer than the Subject.', "SpamAssassin flags titles over 3.5 times the subject's length: stuffed titles are a spam sign.", 'Use the subject as the title.'),
  meta('SUBJ_ALL_CAPS', 0.5, 'The Subject is all capitals.', 'Shouting subjects are a spam signal.', 'Use sentence case.'),
  meta('FROM_BLANK_NAME', 2.099, 'The From header has an empty display name ("").', 'An empty quoted name is typical of spam tools.', 'Put your brand or name in the From display name, or drop the quotes.'),
  meta('MISSING_DATE', 2.739, 'The message has no Date header.', 'Every real mailer sets Date; its absence is a strong spam sign.', 'Let your sending software add Date.'),
  meta('MISSING_MID', 0.552, 'The message has no Message-ID header.', 'Real mailers set Message-ID.', 'Let your sending software add Message-ID.'),
  meta('SPAM_SCORE', 0, 'The content spam score reaches SpamAssassin\'s default threshold of 5.0.', 'At 5 points SpamAssassin marks the message as spam.', 'Fix the spam findings with the highest scores first.', 'SpamAssassin required_score default (5.0)'),
];

const hostOf = (url: string): string | undefined => /^https?:\/\/([^/?#:]+)/i.exec(url.trim())?.[1]?.toLowerCase();
const shortenerExact = new Set(urlShorteners.filter((d) => !d.startsWith('.')));
const shortenerSuffixes = urlShorteners.filter((d) => d.startsWith('.'));

export function isShortener(url: string): boolean {
  const host = hostOf(url);
  if (!host) return false;
  return shortenerExact.has(host) || shortenerSuffixes.some((suffix) => host.endsWith(suffix));
}

const privateIp = /^(?:10|127|169\.254|172\.(?:1[6-9]|2\d|3[01])|192\.168)\./;
export const isPublicIpUrl = (url: string): boolean => {
  const host = hostOf(url);
  return host !== undefined && /^\d+\.\d+\.\d+\.\d+$/.test(host) && !privateIp.test(host);
};

/** Where a phrase sits in the HTML (or the text part), so the finding lands on its line. */
function spanOfText(ctx: LintContext, needle: string): Span {
  const probe = needle.trim().slice(0, 40).toLowerCase();
  if (ctx.html) {
    for (const node of ctx.html.texts) if (node.text.toLowerCase().includes(probe)) return { in: 'html', start: node.start, end: node.end };
  }
  const at = ctx.text?.toLowerCase().indexOf(probe) ?? -1;
  return at >= 0 ? { in: 'text', start: at, end: at + probe.length } : { in: 'document' };
}

function uppercaseRatio(text: string): number | undefined {
  let upper = 0;
  let lower = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 65 && code <= 90) upper++;
    else if (code >= 97 && code <= 122) lower++;
  }
  // SpamAssassin's check_for_uppercase ignores bodies with little text: a short shout is not a pattern.
  if (upper + lower < 200) return undefined;
  return upper / (upper + lower);
}

function wordSet(text: string): Set<string> {
  return new Set(text.toLowerCase().match(/[a-z0-9\u00c0-\uffff]{3,}/g) ?? []);
}

function check(ctx: LintContext, report: Report): void {
  const doc = ctx.html;
  const body = [ctx.subject ?? '', doc?.visibleText || ctx.text || ''].join('\n');
  for (const rule of phraseRules) {
    const target = rule.on === 'subject' ? ctx.subject : body;
    if (target === undefined) continue;
    const match = rule.pattern.exec(target);
    if (match) report({ rule: rule.id, span: rule.on === 'subject' ? { in: 'header', name: 'Subject' } : spanOfText(ctx, match[0]), message: `${rule.describe}: "${match[0].trim().slice(0, 60)}".` });
  }
  const upper = uppercaseRatio(doc?.visibleText || ctx.text || '');
  if (upper !== undefined && upper >= 0.75) report({ rule: 'UPPERCASE_75_100', span: { in: 'document' } });
  else if (upper !== undefined && upper >= 0.5) report({ rule: 'UPPERCASE_50_75', span: { in: 'document' } });

  if (doc) checkHtml(doc, report);
  if (ctx.kind === 'eml' && ctx.message) checkMessage(ctx, report);
}

function checkHtml(doc: HtmlDocument, report: Report): void {
  const textLength = utf8Length(doc.visibleText);
  const images = doc.byTag('img');
  const firstImage = images[0];
  if (firstImage) {
    const band = imageOnly.find((b) => textLength > b.lo && textLength <= b.hi) ?? (textLength === 0 ? imageOnly[0] : undefined);
    if (band) report({ rule: band.id, span: { in: 'html', start: firstImage.start, end: firstImage.openEnd }, message: `Images with only ${textLength} bytes of text (band ${band.lo}-${band.hi}).` });
    const linked = images.find((img) => img.link !== -1);
    const shortBand = shortLinkImage.find((b) => textLength > b.lo && textLength <= b.hi);
    if (linked && shortBand) report({ rule: shortBand.id, span: { in: 'html', start: linked.start, end: linked.openEnd } });
  }
  for (const a of doc.byTag('a')) {
    const href = (a.attrs.href ?? '').trim();
    const span: Span = { in: 'html', start: a.start, end: a.openEnd };
    if (isPublicIpUrl(href)) report({ rule: 'NORMAL_HTTP_TO_IP', span, message: `Link to an IP address: ${href.slice(0, 80)}` });
    if (isShortener(href)) report({ rule: 'URL_SHORTENER', span, message: `Link through a URL shortener (${hostOf(href)}).` });
    if (/^data:/i.test(href)) report({ rule: 'URI_DATA', span });
    if (/^http:\/\//i.test(href) && /^\s*https:\/\//i.test(textOf(doc, a))) report({ rule: 'HTTPS_HTTP_MISMATCH', span });
  }
  let hiddenReported = false;
  let contrastReported = false;
  let entityChars = 0;
  let textChars = 0;
  let nextEntity = doc.source.indexOf('&#');
  for (const node of doc.texts) {
    const parent = doc.elements[node.parent];
    if (!parent?.inBody || parent.tag === 'style' || parent.tag === 'script') continue;
    textChars += node.text.length;
    // Text nodes come in document order: one forward scan finds the numeric entities of all of them.
    while (nextEntity !== -1 && nextEntity < node.start) nextEntity = doc.source.indexOf('&#', nextEntity + 1);
    if (nextEntity !== -1 && nextEntity < node.end) {
      for (const m of doc.source.slice(node.start, node.end).matchAll(/&#(x[0-9a-f]+|\d+);?/gi)) {
        const code = m[1]![0] === 'x' || m[1]![0] === 'X' ? parseInt(m[1]!.slice(1), 16) : Number(m[1]);
        if ((code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122)) entityChars++;
      }
    }
    if (!node.visible || parent.preheader) continue;
    if (parent.hidden) {
      if (!hiddenReported) report({ rule: 'HIDDEN_TEXT', span: { in: 'html', start: node.start, end: node.end }, message: `Text hidden by ${parent.hidden}: "${node.text.trim().slice(0, 50)}".` });
      hiddenReported = true;
    } else if (parent.color && parent.background && contrastRatio(parent.color, parent.background) < 1.5) {
      if (!contrastReported) report({ rule: 'HTML_FONT_LOW_CONTRAST', span: { in: 'html', start: node.start, end: node.end } });
      contrastReported = true;
    }
  }
  const ratio = textChars > 0 ? entityChars / textChars : 0;
  const obf = obfuscation.find((b) => ratio >= b.lo && ratio < b.hi);
  if (obf) report({ rule: obf.id, span: { in: 'document' }, message: `${Math.round(ratio * 100)}% of the text is written as character entities.` });
}

function checkMessage(ctx: LintContext, report: Report): void {
  const message = ctx.message!;
  if (message.html && !message.text) report({ rule: 'MIME_HTML_ONLY', span: { in: 'header', name: 'Content-Type' } });
  if (ctx.html && ctx.text !== undefined) {
    const htmlWords = wordSet(ctx.html.visibleText);
    const textWords = wordSet(ctx.text);
    if (htmlWords.size >= 10) {
      let missing = 0;
      for (const word of htmlWords) if (!textWords.has(word)) missing++;
      if (missing / htmlWords.size >= 0.99) report({ rule: 'MPART_ALT_DIFF', span: { in: 'document' } });
    }
  }
  const subject = ctx.subject;
  const title = ctx.html?.title;
  if (subject && title && title.length / subject.length > 3.5) report({ rule: 'HTML_TITLE_SUBJ_DIFF', span: { in: 'header', name: 'Subject' } });
  if (subject && /\s/.test(subject.trim()) && subject.length >= 10 && /[A-Z]/.test(subject) && !/[a-z]/.test(subject)) report({ rule: 'SUBJ_ALL_CAPS', span: { in: 'header', name: 'Subject' } });
  const from = message.header('From');
  if (from && /(?:\s|^)"" <\S+>/i.test(from.value)) report({ rule: 'FROM_BLANK_NAME', span: { in: 'header', name: 'From' } });
  if (!message.header('Date')) report({ rule: 'MISSING_DATE', span: { in: 'document' } });
  if (!message.header('Message-ID')) report({ rule: 'MISSING_MID', span: { in: 'document' } });
}

export const spamFamily: RuleFamily = { family: 'spam', rules, check };
