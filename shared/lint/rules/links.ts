import type { HtmlDocument, HtmlElement } from '../html/parse';
import type { LintContext, Report, RuleFamily, RuleMeta } from '../types';

const rules: RuleMeta[] = [
  { id: 'http-link', family: 'links', severity: 'warning', message: 'Link uses http:// instead of https://.', why: 'Browsers warn on insecure pages and filters trust https links more.', fix: 'Use https://.', source: 'Gmail and Yahoo sender guidance; browser mixed-content policy' },
  { id: 'http-image', family: 'links', severity: 'warning', message: 'Image is loaded over http://.', why: 'Clients that proxy images (Gmail) or enforce https show a broken image.', fix: 'Serve images over https://.', source: 'Gmail image proxy behaviour' },
  { id: 'empty-href', family: 'links', severity: 'warning', message: 'Link has an empty or "#" href.', why: 'The reader clicks and nothing happens, or the client opens a blank page.', fix: 'Point the link somewhere or remove it.', source: 'Mailbench' },
  { id: 'javascript-href', family: 'links', severity: 'error', message: 'Link uses a javascript: URL.', why: 'No email client runs scripts; filters treat it as an attack.', fix: 'Link to a web page instead.', source: 'Every email client strips scripts' },
  { id: 'relative-url', family: 'links', severity: 'error', message: 'Relative URL: it has no site to be relative to in an inbox.', why: 'Email has no base address, so relative links and images break.', fix: 'Use an absolute https:// URL.', source: 'Email has no document base URL' },
  { id: 'image-dimensions', family: 'links', severity: 'warning', message: 'Image has no width attribute.', why: 'Without a width attribute Outlook shows images at their natural size and layouts jump while images load or when they are off.', fix: 'Add a width attribute (and height where the ratio is fixed).', source: 'Outlook for Windows rendering' },
  { id: 'base64-image', family: 'links', severity: 'warning', message: 'Image embedded as a base64 data: URI.', why: 'Gmail and Outlook block data: images, and they inflate the HTML towards the 102 KB clip.', fix: 'Host the image and link it, or attach it with a cid: reference.', source: 'caniemail image-base64' },
  { id: 'tracking-params', family: 'links', severity: 'info', message: 'Link carries tracking parameters.', why: 'Fine for analytics; some privacy tools strip them, and readers can see them.', fix: 'Nothing to do unless you want cleaner links.', source: 'Mailbench' },
];

/** Template placeholders (Handlebars, Liquid, Mailchimp merge tags, ESP variables) are resolved at send time. */
const placeholder = /\{\{|\{%|\*\||%%|\[\[|\$\{|<%/;
const tracking = /[?&](?:utm_[a-z]+|mc_eid|mc_cid|_hsenc|_hsmi|mkt_tok|fbclid|gclid)=/i;

function checkUrl(doc: HtmlDocument, element: HtmlElement, url: string | undefined, kind: 'link' | 'image', report: Report): void {
  const span = { in: 'html' as const, start: element.start, end: element.openEnd };
  const value = (url ?? '').trim();
  if (placeholder.test(value)) return;
  if (kind === 'link' && (value === '' || value === '#')) {
    report({ rule: 'empty-href', span });
    return;
  }
  if (/^javascript:/i.test(value)) return report({ rule: 'javascript-href', span });
  if (/^data:/i.test(value)) {
    if (kind === 'image') report({ rule: 'base64-image', span });
    return;
  }
  if (/^http:\/\//i.test(value)) {
    const at = doc.source.slice(element.start, element.openEnd).search(/http:\/\//i);
    const fixes = at === -1 ? [] : [{ title: 'Use https://', edits: [{ start: element.start + at, end: element.start + at + 7, text: 'https://' }] }];
    report({ rule: kind === 'link' ? 'http-link' : 'http-image', span, message: `${kind === 'link' ? 'Link' : 'Image'} uses http://: ${value.slice(0, 80)}`, fixes });
  } else if (!/^(?:https:|mailto:|tel:|sms:|cid:|#)/i.test(value) && !/^[a-z][a-z0-9+.-]*:/i.test(value)) {
    report({ rule: 'relative-url', span, message: `Relative URL "${value.slice(0, 80)}" has no site to resolve against in an inbox.` });
  }
  if (kind === 'link' && tracking.test(value)) report({ rule: 'tracking-params', span });
}

function check(ctx: LintContext, report: Report): void {
  const doc = ctx.html;
  if (!doc) return;
  let trackingSeen = false;
  const once: Report = (hit) => {
    if (hit.rule === 'tracking-params') {
      if (trackingSeen) return;
      trackingSeen = true;
    }
    report(hit);
  };
  for (const a of doc.byTag('a')) if (!('name' in a.attrs) || 'href' in a.attrs) checkUrl(doc, a, a.attrs.href, 'link', once);
  for (const img of doc.byTag('img')) {
    checkUrl(doc, img, img.attrs.src, 'image', once);
    if (img.attrs.width === undefined) report({ rule: 'image-dimensions', span: { in: 'html', start: img.start, end: img.openEnd } });
  }
}

export const linksFamily: RuleFamily = { family: 'links', rules, check };
