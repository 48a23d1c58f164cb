/** Common email blocks, inserted as Monaco snippets (`$1` tab stops, `$0` the final cursor). */
export interface Snippet {
  label: string;
  description: string;
  body: string;
}

export const mjmlSnippets: readonly Snippet[] = [
  {
    label: 'mjml-document',
    description: 'A whole MJML email: head with title and preheader, one section',
    body: '<mjml lang="en">\n\t<mj-head>\n\t\t<mj-title>${1:Subject}</mj-title>\n\t\t<mj-preview>${2:Preheader shown after the subject}</mj-preview>\n\t</mj-head>\n\t<mj-body background-color="#ffffff">\n\t\t<mj-section>\n\t\t\t<mj-column>\n\t\t\t\t<mj-text>$0</mj-text>\n\t\t\t</mj-column>\n\t\t</mj-section>\n\t</mj-body>\n</mjml>',
  },
  { label: 'section-1col', description: 'Section with one column of text', body: '<mj-section>\n\t<mj-column>\n\t\t<mj-text>$0</mj-text>\n\t</mj-column>\n</mj-section>' },
  {
    label: 'section-2col',
    description: 'Section with two columns (stacked on phones)',
    body: '<mj-section>\n\t<mj-column>\n\t\t<mj-text>${1:Left}</mj-text>\n\t</mj-column>\n\t<mj-column>\n\t\t<mj-text>${2:Right}</mj-text>\n\t</mj-column>\n</mj-section>',
  },
  { label: 'button', description: 'Call-to-action button', body: '<mj-button href="${1:https://}">${2:Call to action}</mj-button>' },
  { label: 'image', description: 'Image with alt text and width', body: '<mj-image src="${1:https://}" alt="${2:Describe the image}" width="${3:600px}" />' },
  {
    label: 'hero',
    description: 'Hero with a background image, headline and button',
    body: '<mj-hero mode="fixed-height" height="${1:300px}" background-url="${2:https://}" background-color="${3:#2f5bd3}">\n\t<mj-text align="center" color="#ffffff" font-size="32px">${4:Headline}</mj-text>\n\t<mj-button href="${5:https://}">${6:Call to action}</mj-button>\n</mj-hero>',
  },
  {
    label: 'social',
    description: 'Social links row',
    body: '<mj-social mode="horizontal">\n\t<mj-social-element name="facebook" href="${1:https://}">Facebook</mj-social-element>\n\t<mj-social-element name="x" href="${2:https://}">X</mj-social-element>\n</mj-social>',
  },
  {
    label: 'footer-unsubscribe',
    description: 'Footer with postal address and unsubscribe link',
    body: '<mj-section>\n\t<mj-column>\n\t\t<mj-text font-size="12px" align="center">${1:Company, street, city}<br /><a href="${2:https://}">Unsubscribe</a></mj-text>\n\t</mj-column>\n</mj-section>',
  },
  {
    label: 'dark-mode-style',
    description: 'mj-style with a prefers-color-scheme: dark block',
    body: '<mj-style>\n\t@media (prefers-color-scheme: dark) {\n\t\t${1:.card} { background-color: ${2:#161b22} !important; color: ${3:#e6edf3} !important; }\n\t}\n</mj-style>',
  },
  { label: 'spacer-divider', description: 'Spacer and divider', body: '<mj-spacer height="${1:16px}" />\n<mj-divider border-width="1px" border-color="${2:#d0d7de}" />' },
];
