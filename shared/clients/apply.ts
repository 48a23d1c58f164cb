import { AppError } from '../contract/errors';
import { parseDeclarations } from '../lint/html/css';
import { type HtmlElement, parseHtml } from '../lint/html/parse';
import { LineIndex } from '../lint/lines';
import { features } from '../lint/rules/compatibility/data/caniemail';
import { declarationFeatures } from '../lint/rules/compatibility/detect';
import { supportOf } from '../lint/rules/compatibility/policy';
import { type ClientId, type ClientProfile, clientProfiles } from './clients';
import { colourRole, invertValue } from './dark';
import { type CssNode, parseStylesheet } from './stylesheet';

export type ChangeKind = 'style-block' | 'stylesheet-link' | 'at-rule' | 'css-rule' | 'declaration' | 'element' | 'mso-conditional' | 'dark-mode';

/** One thing the client does to the email, with the line of the source (the HTML given) that caused it. */
export interface PreviewChange {
  kind: ChangeKind;
  line: number;
  /** What was removed, replaced or recoloured, in a few words. */
  summary: string;
  /** The caniemail feature behind it, when there is one. */
  feature?: string;
}

export interface ClientPreview {
  client: ClientId;
  label: string;
  variant: string;
  fidelity: ClientProfile['fidelity'];
  dark: boolean;
  /** The email as the client would show it, approximately; a browser renders it. */
  html: string;
  changes: PreviewChange[];
}

export interface ApplyOptions {
  /** The reader's system is in dark mode: the client's dark behaviour applies. */
  dark?: boolean;
}

/** Budget: the preview approximates emails up to 2 MB of text (Gmail clips at 102 KB; anything larger is not an email). */
export const MAX_PREVIEW_BYTES = 2 * 1024 * 1024;

interface Edit {
  start: number;
  end: number;
  text: string;
  changes: Array<Omit<PreviewChange, 'line'> & { at: number }>;
}

/** Elements a client without support drops, and what is left of them: their content (a fallback), or nothing. */
const elementFeatures: Record<string, { slug: string; keep: 'content' | 'nothing' | 'images' }> = {
  video: { slug: 'html-video', keep: 'content' },
  audio: { slug: 'html-audio', keep: 'content' },
  object: { slug: 'html-object', keep: 'content' },
  form: { slug: 'html-form', keep: 'content' },
  marquee: { slug: 'html-marquee', keep: 'content' },
  picture: { slug: 'html-picture', keep: 'images' },
  svg: { slug: 'html-svg', keep: 'nothing' },
  dialog: { slug: 'html-dialog', keep: 'nothing' },
  progress: { slug: 'html-progress', keep: 'nothing' },
  meter: { slug: 'html-meter', keep: 'nothing' },
  select: { slug: 'html-select', keep: 'nothing' },
  textarea: { slug: 'html-textarea', keep: 'nothing' },
};

const title = (slug: string) => features[slug]?.title ?? slug;

/**
 * The email as one client shows it, approximately, driven by the caniemail data: `<style>` blocks, stylesheet
 * links, at-rules, rules and declarations the client does not support are removed, unsupported elements replaced
 * by their fallback content, Outlook's conditional comments resolved, and in dark mode the client's colour
 * handling applied. Pure (no DOM, no Node): the renderer's preview and `mailbench preview` share it.
 */
export function applyClient(html: string, clientId: ClientId, options: ApplyOptions = {}): ClientPreview {
  const profile = clientProfiles[clientId];
  const dark = options.dark ?? false;
  const base = { client: clientId, label: profile.label, variant: profile.variant, fidelity: profile.fidelity, dark };
  if (html.length > MAX_PREVIEW_BYTES) {
    throw new AppError('invalid_input', `The HTML is ${Math.round(html.length / 1024)} KB; the client preview handles up to ${MAX_PREVIEW_BYTES / 1024 / 1024} MB.`, {
      hint: 'Preview a smaller email: Gmail clips anything over 102 KB anyway.',
    });
  }
  const doc = parseHtml(html);
  const lines = new LineIndex(html);
  const unsupported = (slug: string) => supportOf(slug, profile.caniemail)?.code === 'n';
  const invert = dark && profile.darkMode === 'partial-invert';
  const edits: Edit[] = [];
  const styleElements = doc.elements.filter((e) => e.tag === 'style');
  const droppedStyles = new Set<HtmlElement>();

  // <style> blocks: gone where the client has no support, and from the body where a note says so (Gmail).
  const styleSupport = supportOf('html-style', profile.caniemail);
  for (const element of styleElements) {
    const inBodyNote = styleSupport?.code === 'a' && styleSupport.notes.some((n) => /inside the `<body>`/i.test(n));
    if (styleSupport?.code === 'n' || (inBodyNote && element.inBody)) {
      droppedStyles.add(element);
      edits.push({ start: element.start, end: element.end, text: '', changes: [{ at: element.start, kind: 'style-block', summary: `<style> block removed${element.inBody ? ' (in the body)' : ''}`, feature: 'html-style' }] });
    }
  }

  for (const element of doc.elements) {
    const { tag, attrs } = element;
    if (tag === 'link' && /stylesheet/i.test(attrs.rel ?? '') && unsupported('html-link')) {
      edits.push({ start: element.start, end: element.end, text: '', changes: [{ at: element.start, kind: 'stylesheet-link', summary: `<link rel="stylesheet"> removed (${attrs.href ?? 'no href'})`, feature: 'html-link' }] });
      continue;
    }
    const replace = elementFeatures[tag];
    if (replace && unsupported(replace.slug)) {
      edits.push({ start: element.start, end: element.end, text: replacement(html, element, replace.keep), changes: [{ at: element.start, kind: 'element', summary: `<${tag}> ${replace.keep === 'nothing' ? 'removed' : replace.keep === 'images' ? 'replaced by its <img>' : 'replaced by its content'}`, feature: replace.slug }] });
      continue;
    }
    const styleEdit = rewriteInlineStyle(html, element, unsupported, invert);
    if (styleEdit) edits.push(styleEdit);
    if (invert) for (const edit of recolourAttributes(html, element)) edits.push(edit);
  }

  for (const block of doc.styles) {
    const owner = styleElements.find((e) => e.openEnd <= block.start && block.start < e.end);
    if (owner && droppedStyles.has(owner)) continue;
    rewriteStylesheet(parseStylesheet(block.css), block.css, block.start, { unsupported, invert, darkMedia: dark && profile.darkMode === 'media', edits });
  }

  if (profile.msoConditionals) resolveMsoConditionals(html, doc.comments, edits);

  let out = applyEdits(html, edits);
  const changes = appliedChanges(edits, lines);
  if (dark && profile.darkMode !== 'none') {
    changes.unshift({
      kind: 'dark-mode',
      line: 1,
      summary: profile.darkMode === 'media' ? 'Dark mode: the email\'s own prefers-color-scheme: dark rules apply' : 'Dark mode: light backgrounds darkened and dark text lightened (partial inversion)',
    });
    // The client's own dark canvas shows wherever the email sets no background.
    if (invert) out = insertInHead(out, '<style data-mailbench="client-dark">html,body{background-color:#1a1a1a;color:#e6e6e6}</style>');
  }
  return { ...base, html: out, changes };
}

function replacement(html: string, element: HtmlElement, keep: 'content' | 'nothing' | 'images'): string {
  if (keep === 'nothing') return '';
  // The content runs to the element's own closing tag; without one (left open), to where the parser ended it.
  const close = html.lastIndexOf('</', element.end);
  const ownClose = close >= element.openEnd && html.slice(close + 2, close + 2 + element.tag.length).toLowerCase() === element.tag;
  const inner = html.slice(element.openEnd, ownClose ? close : element.end);
  if (keep === 'images') return inner.match(/<img\b[^>]*>/gi)?.join('') ?? '';
  return inner.replace(/<(?:source|track|param)\b[^>]*>/gi, '');
}

/** The offsets of an element's `style` attribute value in the HTML, if it has one. */
function styleAttribute(html: string, element: HtmlElement): { start: number; end: number } | undefined {
  const open = html.slice(element.start, element.openEnd);
  const m = /\sstyle\s*=\s*(?:"([^"]*)"|'([^']*)')/i.exec(open);
  if (!m) return undefined;
  const value = m[1] ?? m[2] ?? '';
  const start = element.start + m.index + m[0].length - value.length - 1;
  return { start, end: start + value.length };
}

interface Rewrite {
  text: string;
  changes: Edit['changes'];
}

/** Declarations without the unsupported ones, colours changed as the client's dark mode does; undefined if unchanged. */
function rewriteDeclarations(text: string, at: number, where: string, unsupported: (slug: string) => boolean, invert: boolean): Rewrite | undefined {
  const declarations = parseDeclarations(text);
  const kept: string[] = [];
  const changes: Edit['changes'] = [];
  for (const { property, value } of declarations) {
    const lost = declarationFeatures(property, value).find((f) => unsupported(f.slug));
    if (lost) {
      changes.push({ at, kind: 'declaration', summary: `${property}: ${value} removed from ${where} (${title(lost.slug)})`, feature: lost.slug });
      continue;
    }
    const role = invert ? colourRole(property) : undefined;
    const recoloured = role && invertValue(value, role);
    if (recoloured) {
      changes.push({ at, kind: 'dark-mode', summary: `${property}: ${value} shown as ${recoloured} on ${where}` });
      kept.push(`${property}:${recoloured}`);
    } else kept.push(`${property}:${value}`);
  }
  return changes.length ? { text: kept.join(';'), changes } : undefined;
}

function rewriteInlineStyle(html: string, element: HtmlElement, unsupported: (slug: string) => boolean, invert: boolean): Edit | undefined {
  const attr = styleAttribute(html, element);
  if (!attr) return undefined;
  const rewrite = rewriteDeclarations(html.slice(attr.start, attr.end), element.start, `<${element.tag}>`, unsupported, invert);
  // The attribute holds HTML-escaped text; the rewrite only drops and recolours, so quotes stay as they were.
  return rewrite && { start: attr.start, end: attr.end, text: rewrite.text.replace(/"/g, '&quot;'), changes: rewrite.changes };
}

function recolourAttributes(html: string, element: HtmlElement): Edit[] {
  const edits: Edit[] = [];
  const open = html.slice(element.start, element.openEnd);
  for (const [attr, role] of [['bgcolor', 'background'], ['color', 'foreground']] as const) {
    if (attr === 'color' && element.tag !== 'font') continue;
    const m = new RegExp(`\\s${attr}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(open);
    const value = m && (m[1] ?? m[2] ?? m[3]);
    const recoloured = value && invertValue(value, role);
    if (!m || !value || !recoloured) continue;
    const start = element.start + m.index + m[0].lastIndexOf(value);
    edits.push({ start, end: start + value.length, text: recoloured, changes: [{ at: element.start, kind: 'dark-mode', summary: `${attr}="${value}" shown as ${recoloured} on <${element.tag}>` }] });
  }
  return edits;
}

/** Selector features (`:hover`, `::before`, `[attr]`) of a style rule, as caniemail slugs. */
function selectorFeatures(selector: string): string[] {
  const out: string[] = [];
  for (const m of selector.matchAll(/::?([a-z-]+)/gi)) {
    const name = m[1]!.toLowerCase();
    out.push(m[0].startsWith('::') || name === 'before' || name === 'after' ? `css-pseudo-element-${name}` : `css-pseudo-class-${name}`);
  }
  if (selector.includes('[')) out.push('css-selector-attribute');
  return out.filter((slug) => slug in features);
}

const atRuleFeature = (node: Extract<CssNode, { kind: 'block-at' | 'statement-at' }>): string[] => {
  if (node.name === 'media') return /prefers-color-scheme/i.test(node.prelude) ? ['css-at-media', 'css-at-media-prefers-color-scheme'] : ['css-at-media'];
  return [`css-at-${node.name}`].filter((slug) => slug in features);
};

interface SheetContext {
  unsupported: (slug: string) => boolean;
  invert: boolean;
  darkMedia: boolean;
  edits: Edit[];
}

function rewriteStylesheet(nodes: CssNode[], css: string, base: number, ctx: SheetContext): void {
  for (const node of nodes) {
    const start = base + node.start;
    const end = base + node.end;
    if (node.kind === 'rule') {
      const lost = selectorFeatures(node.selector).find(ctx.unsupported);
      if (lost) {
        ctx.edits.push({ start, end, text: '', changes: [{ at: start, kind: 'css-rule', summary: `${node.selector} { … } removed (${title(lost)})`, feature: lost }] });
        continue;
      }
      const body = css.slice(node.bodyStart, node.end - 1);
      const rewrite = rewriteDeclarations(body, start, node.selector, ctx.unsupported, ctx.invert);
      if (rewrite) ctx.edits.push({ start: base + node.bodyStart, end: end - 1, text: rewrite.text, changes: rewrite.changes });
      continue;
    }
    const lost = atRuleFeature(node).find(ctx.unsupported);
    if (lost) {
      ctx.edits.push({ start, end, text: '', changes: [{ at: start, kind: 'at-rule', summary: `${node.prelude} ${node.kind === 'block-at' ? '{ … } ' : ''}removed (${title(lost)})`, feature: lost }] });
      continue;
    }
    if (node.kind !== 'block-at') continue;
    if (ctx.darkMedia && node.name === 'media' && /prefers-color-scheme/i.test(node.prelude)) {
      // As if the system were dark: dark rules apply, light-only rules stop.
      const prelude = node.prelude.replace(/\(\s*prefers-color-scheme\s*:\s*dark\s*\)/gi, '(min-width:0px)').replace(/\(\s*prefers-color-scheme\s*:\s*light\s*\)/gi, '(max-width:0px)');
      ctx.edits.push({ start, end: start + node.prelude.length, text: prelude, changes: [{ at: start, kind: 'dark-mode', summary: `${node.prelude} applies (the system is dark)`, feature: 'css-at-media-prefers-color-scheme' }] });
    }
    rewriteStylesheet(node.children, css, base, ctx);
  }
}

/**
 * Word-based Outlook reads `<!--[if mso]>…<![endif]-->` as HTML and skips `<!--[if !mso]><!-->…<!--<![endif]-->`;
 * every other client does the opposite, which is what a browser already does.
 */
function resolveMsoConditionals(html: string, comments: ReadonlyArray<{ start: number; end: number; text: string }>, edits: Edit[]): void {
  for (let i = 0; i < comments.length; i++) {
    const comment = comments[i]!;
    const text = comment.text.trim();
    const condition = /^\[if ([^\]]*)\]>/i.exec(text)?.[1] ?? '';
    if (!/\bmso\b/i.test(condition)) continue;
    if (/!\s*mso/i.test(condition) && text.endsWith('<!')) {
      const close = comments.slice(i + 1).find((c) => /^<!\[endif\]$/i.test(c.text.trim()));
      if (!close) continue;
      edits.push({ start: comment.start, end: close.end, text: '', changes: [{ at: comment.start, kind: 'mso-conditional', summary: 'Content for clients other than Outlook (<!--[if !mso]>) hidden' }] });
    } else if (!/!\s*mso/i.test(condition)) {
      const inner = /^\[if [^\]]*\]>([\s\S]*)<!\[endif\]$/i.exec(text)?.[1];
      if (inner === undefined) continue;
      edits.push({ start: comment.start, end: comment.end, text: inner, changes: [{ at: comment.start, kind: 'mso-conditional', summary: `Outlook-only content (<!--[if ${condition}]>) shown` }] });
    }
  }
}

/** Applies non-overlapping edits; an edit inside one already applied (a rule inside a removed block) is skipped. */
function applyEdits(html: string, edits: Edit[]): string {
  edits.sort((a, b) => a.start - b.start || b.end - a.end);
  let out = '';
  let cursor = 0;
  for (const edit of edits) {
    if (edit.start < cursor) {
      edit.changes = [];
      continue;
    }
    out += html.slice(cursor, edit.start) + edit.text;
    cursor = edit.end;
  }
  return out + html.slice(cursor);
}

function appliedChanges(edits: Edit[], lines: LineIndex): PreviewChange[] {
  return edits.flatMap((edit) => edit.changes.map(({ at, ...change }) => ({ ...change, line: lines.position(at).line })));
}

function insertInHead(html: string, markup: string): string {
  const head = /<head\b[^>]*>/i.exec(html);
  if (head) return html.slice(0, head.index + head[0].length) + markup + html.slice(head.index + head[0].length);
  return markup + html;
}
