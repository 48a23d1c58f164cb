import { contrastRatio } from '../html/css';
import { type HtmlDocument, type HtmlElement, textOf } from '../html/parse';
import type { HtmlFix, LintContext, Report, RuleFamily, RuleMeta } from '../types';

const rules: RuleMeta[] = [
  { id: 'img-alt', family: 'accessibility', severity: 'error', message: 'Image has no alt attribute.', why: 'Screen readers read the file name instead, and with images off (Outlook default) the reader sees nothing.', fix: 'Add alt text that says what the image shows, or alt="" for decoration.', source: 'WCAG 2.2 SC 1.1.1' },
  { id: 'linked-img-alt', family: 'accessibility', severity: 'error', message: 'Linked image has empty alt text and the link has no other text.', why: 'The link has no name: screen readers announce only "link".', fix: 'Give the image alt text that says where the link goes.', source: 'WCAG 2.2 SC 2.4.4' },
  { id: 'html-lang', family: 'accessibility', severity: 'warning', message: 'The <html> element has no lang attribute.', why: 'Screen readers pick the wrong voice and pronunciation.', fix: 'Add lang (for example lang="en") to <html>.', source: 'WCAG 2.2 SC 3.1.1' },
  { id: 'layout-table-role', family: 'accessibility', severity: 'warning', message: 'Layout table without role="presentation".', why: 'Screen readers announce rows and columns of every layout table.', fix: 'Add role="presentation" to tables used for layout.', source: 'Email accessibility practice (Email Markup Consortium)' },
  { id: 'vague-link-text', family: 'accessibility', severity: 'warning', message: 'Link text does not say where it goes.', why: 'People listing links out of context hear "click here" several times.', fix: 'Use link text that names the destination or action.', source: 'WCAG 2.2 SC 2.4.4' },
  { id: 'heading-order', family: 'accessibility', severity: 'info', message: 'Heading level skips a level.', why: 'Screen-reader users navigate by headings; a skipped level suggests missing structure.', fix: 'Use the next heading level down.', source: 'WCAG 2.2 SC 1.3.1' },
  { id: 'low-contrast', family: 'accessibility', severity: 'warning', message: 'Text contrast is below 4.5:1.', why: 'Low-contrast text is hard to read for many people, and on phones in daylight for everyone.', fix: 'Darken the text or lighten the background to reach 4.5:1 (3:1 for large text).', source: 'WCAG 2.2 SC 1.4.3' },
  { id: 'tiny-font', family: 'accessibility', severity: 'warning', message: 'Text smaller than 12 px.', why: 'Tiny text is hard to read on phones; iOS Mail enlarges text under 13 px and breaks layouts doing it.', fix: 'Use at least 12 px (14-16 px for body text).', source: 'Apple Mail minimum-font behaviour; common email accessibility guidance' },
];

const vague = /^(?:click here|here|click|read more|more|learn more|link|this|this link|go|details|more info)\.?$/i;

function insertAttr(element: HtmlElement, doc: HtmlDocument, attr: string): HtmlFix {
  const tagEnd = doc.source.lastIndexOf('>', element.openEnd - 1);
  const selfClose = doc.source[tagEnd - 1] === '/' ? tagEnd - 1 : tagEnd;
  return { title: `Add ${attr}`, edits: [{ start: selfClose, end: selfClose, text: ` ${attr}` }] };
}

const isDecorative = (img: HtmlElement) => {
  const w = parseInt(img.attrs.width ?? '', 10);
  const h = parseInt(img.attrs.height ?? '', 10);
  return (w > 0 && w <= 2) || (h > 0 && h <= 2);
};

function check(ctx: LintContext, report: Report): void {
  const doc = ctx.html;
  if (!doc) return;
  const span = (e: HtmlElement) => ({ in: 'html' as const, start: e.start, end: e.openEnd });
  for (const img of doc.byTag('img')) {
    if (isDecorative(img)) continue;
    if (!('alt' in img.attrs)) report({ rule: 'img-alt', span: span(img), fixes: [insertAttr(img, doc, 'alt=""')] });
    else if (img.attrs.alt!.trim() === '' && img.link !== -1 && !textOf(doc, doc.elements[img.link]!)) report({ rule: 'linked-img-alt', span: span(img) });
  }
  const html = doc.byTag('html')[0];
  if (html && !html.attrs.lang?.trim()) report({ rule: 'html-lang', span: span(html), fixes: [insertAttr(html, doc, 'lang="en"')] });
  for (const table of doc.byTag('table')) {
    const role = table.attrs.role?.toLowerCase();
    if (role === 'presentation' || role === 'none') continue;
    const hasHeaders = doc.byTag('th').some((th) => th.start > table.start && th.end <= table.end);
    if (!hasHeaders) report({ rule: 'layout-table-role', span: span(table), fixes: [insertAttr(table, doc, 'role="presentation"')] });
  }
  for (const a of doc.byTag('a')) {
    const text = textOf(doc, a);
    if (vague.test(text)) report({ rule: 'vague-link-text', span: span(a), message: `Link text "${text}" does not say where it goes.` });
  }
  let previous = 0;
  for (const element of doc.elements) {
    const level = /^h([1-6])$/.exec(element.tag)?.[1];
    if (!level) continue;
    const n = Number(level);
    if (previous && n > previous + 1) report({ rule: 'heading-order', span: span(element), message: `<h${n}> follows <h${previous}>.` });
    previous = n;
  }
  const seenPairs = new Set<string>();
  let tinyReported = false;
  for (const node of doc.texts) {
    const parent = doc.elements[node.parent];
    if (!parent?.inBody || parent.hidden || parent.preheader || !node.visible) continue;
    if (parent.color && parent.background) {
      const ratio = contrastRatio(parent.color, parent.background);
      const px = parent.fontPx ?? 16;
      // WCAG large text: 18 pt (24 px), or 14 pt (18.66 px) bold.
      const large = px >= 24 || (px >= 18.66 && isBold(doc, parent));
      const key = `${parent.color.join()}/${parent.background.join()}`;
      if (ratio < (large ? 3 : 4.5) && !seenPairs.has(key) && seenPairs.size < 5) {
        seenPairs.add(key);
        // Under 3:1 no text size is readable enough (WCAG's floor for large text); from 3:1 to 4.5:1 (brand colours
        // on buttons and banners) normal-size text falls short of AA but the colours pass at large sizes: information.
        const message = ratio < 3 ? `Text contrast is ${ratio.toFixed(2)}:1 (needs ${large ? 3 : 4.5}:1).` : `Text contrast is ${ratio.toFixed(2)}:1: enough for large text (24 px, or 18.66 px bold), not for text of ${Math.round(px * 10) / 10} px (needs 4.5:1).`;
        report({ rule: 'low-contrast', span: { in: 'html', start: node.start, end: node.end }, message, ...(ratio < 3 ? {} : { severity: 'info' as const }) });
      }
    }
    if (!tinyReported && parent.fontPx !== undefined && parent.fontPx > 1 && parent.fontPx < 12) {
      tinyReported = true;
      report({ rule: 'tiny-font', span: { in: 'html', start: node.start, end: node.end }, message: `Text at ${Math.round(parent.fontPx * 10) / 10} px.` });
    }
  }
}

const boldTags = new Set(['b', 'strong', 'th', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

/** Bold by its own or an ancestor's font-weight (the nearest one set wins), else by a bold tag. */
function isBold(doc: HtmlDocument, element: HtmlElement): boolean {
  for (let e: HtmlElement | undefined = element, depth = 0; e && depth < 32; e = doc.elements[e.parent], depth++) {
    const weight = e.style.get('font-weight');
    if (weight !== undefined) return weight === 'bold' || weight === 'bolder' || Number(weight) >= 700;
    if (boldTags.has(e.tag)) return true;
  }
  return false;
}

export const accessibilityFamily: RuleFamily = { family: 'accessibility', rules, check };
