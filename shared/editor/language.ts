/**
 * What a template's text is, by its content: MJML has an <mjml> root; HTML starts with a
 * doctype, <html> or a fragment of the elements emails are made of. Undefined when the
 * text says neither (empty, plain text, a snippet): then the document keeps its mode.
 * A file's extension or the mode button is a claim about the text; this reads the text.
 */
export type TemplateLanguage = 'mjml' | 'html';

/** Only the head is read: a root element is at the start, after a BOM, an XML declaration and comments. */
const HEAD_CHARS = 8192;

export function detectLanguage(source: string): TemplateLanguage | undefined {
  let head = source.slice(0, HEAD_CHARS).replace(/^\uFEFF/, '').trimStart();
  head = head.replace(/^<\?xml[^>]*>\s*/i, '');
  while (head.startsWith('<!--')) {
    const end = head.indexOf('-->');
    if (end === -1) return undefined;
    head = head.slice(end + 3).trimStart();
  }
  if (/^<mjml[\s>]/i.test(head)) return 'mjml';
  if (/^<(?:!doctype\s+html|html|head|body|table|div|center|meta|style|p|span|a|img|h[1-6])[\s>/]/i.test(head)) return 'html';
  return undefined;
}

export const extensionFor = (language: TemplateLanguage): string => (language === 'mjml' ? '.mjml' : '.html');

/** The file name with the extension that matches the content ("promo.html" holding MJML: "promo.mjml"). */
export function nameFor(name: string, language: TemplateLanguage): string {
  const base = name.replace(/\.(mjml|html?)$/i, '');
  return `${base}${extensionFor(language)}`;
}
