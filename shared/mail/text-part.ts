import { convert } from 'html-to-text';

/**
 * The plain-text part as a careful sender writes it: links kept as [url], images, the
 * title and the hidden preheader left out. One definition, so the editor's preview, the
 * exported .eml and seed sends carry the same text.
 */
export function textPartOf(html: string): string {
  return convert(html, {
    wordwrap: 78,
    selectors: [
      { selector: 'img', format: 'skip' },
      { selector: 'a', options: { hideLinkHrefIfSameAsText: true } },
      { selector: '[style*="display:none"]', format: 'skip' },
      { selector: 'title', format: 'skip' },
    ],
  })
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
