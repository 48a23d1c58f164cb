import { utf8Length } from '../html/css';
import type { LintContext, Report, RuleFamily, RuleMeta } from '../types';

/** Gmail clips messages whose HTML is over 102 KB and hides the rest behind "View entire message". */
export const GMAIL_CLIP_BYTES = 102 * 1024;

const rules: RuleMeta[] = [
  { id: 'doctype', family: 'structure', severity: 'warning', message: 'No <!DOCTYPE>.', why: 'Without it clients render in quirks mode: spacing and widths differ between clients.', fix: 'Start with <!DOCTYPE html>.', source: 'HTML standard; email rendering practice' },
  { id: 'title', family: 'structure', severity: 'warning', message: 'No <title>, or it is empty.', why: 'Some clients and web views show it, screen readers announce it, and SpamAssassin compares it with the subject.', fix: 'Add a <title> with the subject.', source: 'WCAG 2.2 SC 2.4.2' },
  { id: 'preheader', family: 'structure', severity: 'info', message: 'No preheader text.', why: 'Inboxes show the first text of the body next to the subject; without a preheader that is "View in browser" or alt text.', fix: 'Add a short hidden preheader at the top of the body.', source: 'Inbox preview behaviour of Gmail, Apple Mail, Outlook' },
  { id: 'max-width', family: 'structure', severity: 'warning', message: 'Content wider than 600 px.', why: 'Preview panes and many desktop clients are about 600 px wide; wider content scrolls sideways.', fix: 'Keep the layout at 600 px or less.', source: 'Common email layout width (MJML default 600 px)' },
  { id: 'forbidden-element', family: 'structure', severity: 'error', message: 'Element that email clients strip.', why: 'Clients remove scripts, iframes, embeds and objects, and filters score them.', fix: 'Remove it; link to a web page for interactive content.', source: 'caniemail; every major client' },
  { id: 'unsupported-element', family: 'structure', severity: 'warning', message: 'Element most clients do not support.', why: 'Forms and video work only in a few clients (Apple Mail); elsewhere they are removed or inert.', fix: 'Link to a web page, or use an image linking to the video.', source: 'caniemail html-form, html-video' },
  { id: 'mjml-validation', family: 'structure', severity: 'error', message: 'MJML validation error.', why: 'mjml drops or misplaces what it cannot validate, so the HTML differs from what you wrote.', fix: 'Fix the element or attribute the message names.', source: 'mjml validator (soft mode)' },
  { id: 'mjml-unclosed-tag', family: 'structure', severity: 'error', message: 'MJML element is not closed.', why: 'mjml compiles unclosed tags without an error, nesting everything after them inside: the layout silently breaks.', fix: 'Close the element (or self-close it with />).', source: 'Mailbench (mjml 5 does not report it)' },
  { id: 'gmail-clip', family: 'structure', severity: 'error', message: 'HTML is over 102 KB: Gmail will clip it.', why: 'Gmail hides everything past 102 KB behind "View entire message", including the unsubscribe link and tracking pixel.', fix: 'Remove unused CSS, comments and repeated styles; minify.', source: 'Gmail clipping limit (102 KB)' },
];

const stripped = new Set(['script', 'iframe', 'embed', 'object', 'applet']);
const limited = new Set(['form', 'video']);

function pixels(value: string | undefined): number | undefined {
  if (!value) return undefined;
  const m = /^\s*(\d+(?:\.\d+)?)\s*(px)?\s*$/i.exec(value);
  return m ? Number(m[1]) : undefined;
}

/** Offsets of `<mj-*>` start tags that are never closed, found with a tag stack over the MJML source. */
export function unclosedMjmlTags(source: string): Array<{ start: number; end: number; tag: string }> {
  const text = source.replace(/<!--[\s\S]*?-->/g, (c) => ' '.repeat(c.length));
  const stack: Array<{ start: number; end: number; tag: string }> = [];
  const unclosed: Array<{ start: number; end: number; tag: string }> = [];
  for (const m of text.matchAll(/<(\/?)(mjml|mj-[a-z-]+)\b(?:[^>"']|"[^"]*"|'[^']*')*?(\/?)>/gi)) {
    const tag = m[2]!.toLowerCase();
    if (m[3]) continue;
    if (!m[1]) {
      stack.push({ start: m.index, end: m.index + m[0].length, tag });
      continue;
    }
    const at = stack.map((s) => s.tag).lastIndexOf(tag);
    if (at === -1) continue;
    unclosed.push(...stack.splice(at + 1));
    stack.pop();
  }
  return [...unclosed, ...stack].sort((a, b) => a.start - b.start);
}

function check(ctx: LintContext, report: Report): void {
  if (ctx.kind === 'mjml') {
    for (const tag of unclosedMjmlTags(ctx.source)) report({ rule: 'mjml-unclosed-tag', span: { in: 'source', start: tag.start, end: tag.end }, message: `<${tag.tag}> is not closed.` });
  }
  const doc = ctx.html;
  if (!doc) return;
  if (!doc.doctype) report({ rule: 'doctype', span: { in: 'html', start: 0, end: 0 }, fixes: [{ title: 'Add <!DOCTYPE html>', edits: [{ start: 0, end: 0, text: '<!DOCTYPE html>\n' }] }] });
  if (!doc.title) {
    const titleEl = doc.byTag('title')[0] ?? doc.byTag('head')[0];
    report({ rule: 'title', span: titleEl ? { in: 'html', start: titleEl.start, end: titleEl.openEnd } : { in: 'document' } });
  }
  if (!doc.elements.some((e) => e.preheader) && doc.byTag('body').length > 0) report({ rule: 'preheader', span: { in: 'html', start: doc.byTag('body')[0]!.start, end: doc.byTag('body')[0]!.openEnd } });
  let wideReported = false;
  for (const element of doc.elements) {
    const span = { in: 'html' as const, start: element.start, end: element.openEnd };
    if (stripped.has(element.tag)) report({ rule: 'forbidden-element', span, message: `<${element.tag}> is stripped by email clients.` });
    else if (limited.has(element.tag)) report({ rule: 'unsupported-element', span, message: `<${element.tag}> works only in a few clients.` });
    if (!wideReported && (element.tag === 'table' || element.tag === 'td' || element.tag === 'img' || element.tag === 'div')) {
      const width = pixels(element.attrs.width) ?? pixels(element.style.get('width')) ?? pixels(element.style.get('min-width'));
      if (width !== undefined && width > 600) {
        wideReported = true;
        report({ rule: 'max-width', span, message: `<${element.tag}> is ${width} px wide (over 600 px).` });
      }
    }
  }
  // Bytes are at least the characters and at most three times them: count only when it can matter.
  const bytes = doc.source.length * 3 <= GMAIL_CLIP_BYTES ? 0 : utf8Length(doc.source);
  if (bytes > GMAIL_CLIP_BYTES) report({ rule: 'gmail-clip', span: { in: 'document' }, message: `HTML is ${(bytes / 1024).toFixed(1)} KB: Gmail clips at 102 KB.` });
}

export const structureFamily: RuleFamily = { family: 'structure', rules, check };
