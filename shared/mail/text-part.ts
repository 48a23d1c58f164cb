import { compile } from 'html-to-text';

/**
 * html-to-text's `convert` compiles its options (selectors into a decision tree) on every call, which cost more
 * than converting a small template; compiled once, on first use, so importing this module stays cheap.
 */
let converter: ((html: string) => string) | undefined;

/**
 * The plain-text part as a careful sender writes it: links kept as [url], images, the
 * title and the hidden preheader left out. One definition, so the editor's preview, the
 * exported .eml and seed sends carry the same text.
 */
export function textPartOf(html: string): string {
  converter ??= compile({
    wordwrap: 78,
    selectors: [
      { selector: 'img', format: 'skip' },
      { selector: 'a', options: { hideLinkHrefIfSameAsText: true } },
      { selector: '[style*="display:none"]', format: 'skip' },
      { selector: 'title', format: 'skip' },
    ],
  });
  return converter(html)
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
