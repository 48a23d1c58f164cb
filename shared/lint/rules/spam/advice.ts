/**
 * Why and fix for the SpamAssassin rules a template author can act on, keyed by rule name (or a name prefix ending
 * in `_`, for banded families). Other rules get a generic text built from their type.
 */
interface Advice {
  why: string;
  fix: string;
}

const table = new Map<string, Advice>([
  ['HTML_IMAGE_ONLY_', { why: 'SpamAssassin scores HTML with images and little markup around them: the raw HTML part is short, so the message is mostly pictures that filters cannot read.', fix: 'Add real text (several sentences) to the HTML, not only images.' }],
  ['HTML_IMAGE_RATIO_', { why: 'Very little visible text for the image area declared by <img width/height>: typical of image-only spam.', fix: 'Add text alongside the images, or use fewer/smaller images.' }],
  ['HTML_SHORT_LINK_IMG_', { why: 'A short HTML part whose content is a linked image is a classic spam layout.', fix: 'Add text saying what the message is about; do not make a single image the whole message.' }],
  ['HTML_FONT_LOW_CONTRAST', { why: 'Text in (nearly) the background colour is invisible to readers and a spam trick; SpamAssassin assumes a white page unless a background is set.', fix: 'Give the text real contrast with its background (set the background colour on the same or an enclosing element).' }],
  ['HTML_OBFUSCATE_', { why: 'Words split by tags or written as character entities hide them from filters.', fix: 'Write words as plain text without tags or entities inside them.' }],
  ['MIME_HTML_ONLY', { why: 'Real senders send a text/plain alternative; HTML-only mail is more common in spam.', fix: 'Send both parts (Mailbench exports a text part generated from the HTML).' }],
  ['MPART_ALT_DIFF', { why: 'The text part and the HTML part say different things: a way to show filters one text and people another.', fix: 'Generate the text part from the HTML.' }],
  ['MPART_ALT_DIFF_COUNT', { why: 'The text part has far fewer words than the HTML part.', fix: 'Generate the text part from the HTML.' }],
  ['MIME_HTML_MOSTLY', { why: 'The text part is tiny compared with the HTML part.', fix: 'Generate the text part from the HTML so both carry the content.' }],
  ['SUBJ_ALL_CAPS', { why: 'Shouting subjects are a spam signal.', fix: 'Use sentence case in the subject.' }],
  ['UPPERCASE_', { why: 'A body mostly in capitals is a spam signal.', fix: 'Use sentence case.' }],
  ['NORMAL_HTTP_TO_IP', { why: 'Links to a bare IP address hide who is behind them.', fix: 'Link to your domain name.' }],
  ['HTTPS_HTTP_MISMATCH', { why: 'Link text shows one https address while the link goes to another domain: a phishing pattern.', fix: 'Make the link text and the href point to the same domain.' }],
  ['HTML_FONT_SIZE_HUGE', { why: 'Very large font sizes are common in spam.', fix: 'Use normal heading sizes.' }],
  ['HTML_EXTRA_CLOSE', { why: 'Many more closing tags than opening ones: broken HTML typical of spam tools.', fix: 'Validate the HTML and remove stray closing tags.' }],
  ['HTML_TAG_BALANCE_', { why: 'Unbalanced <head>/<body> tags: broken HTML typical of spam tools.', fix: 'Open and close <head> and <body> exactly once.' }],
  ['T_REMOTE_IMAGE', { why: 'Remote images in a short message are typical of tracking spam.', fix: 'Add text content; keep images supporting it.' }],
  ['HTML_FONT_FACE_BAD', { why: 'A font face name that is not a font name is a spam signature.', fix: 'Use real font family names.' }],
  ['HTML_TITLE_SUBJ_DIFF', { why: 'The HTML <title> is much longer than the subject.', fix: 'Use the subject as the title.' }],
  ['MISSING_DATE', { why: 'Every real mailer sets Date.', fix: 'Let your sending software add the Date header.' }],
  ['MISSING_MID', { why: 'Every real mailer sets Message-ID.', fix: 'Let your sending software add Message-ID.' }],
  ['MISSING_FROM', { why: 'A message without From is not a real message.', fix: 'Set a From header.' }],
  ['MISSING_SUBJECT', { why: 'Legitimate mail has a subject.', fix: 'Give the message a subject.' }],
  ['EMPTY_MESSAGE', { why: 'A message without text looks broken or like probing.', fix: 'Add content.' }],
  ['FROM_BLANK_NAME', { why: 'An empty quoted display name is typical of spam tools.', fix: 'Put your brand in the From display name, or drop the quotes.' }],
  ['FROM_EXCESS_BASE64', { why: 'Base64-encoding a plain ASCII From name hides it from filters.', fix: 'Send ASCII names unencoded.' }],
  ['MIME_BASE64_TEXT', { why: 'Base64-encoded ASCII text hides it from filters.', fix: 'Use quoted-printable or 7bit for text parts.' }],
  ['MIME_QP_LONG_LINE', { why: 'Quoted-printable lines over 76 characters break RFC 2045, a spam-tool signature.', fix: 'Let your mailer encode the body (lines of at most 76 characters).' }],
]);

export function adviceFor(name: string): Advice | undefined {
  const exact = table.get(name);
  if (exact) return exact;
  for (const [key, advice] of table) if (key.endsWith('_') && name.startsWith(key)) return advice;
  return undefined;
}

/** Generic why/fix from what the rule looks at. */
export function genericAdvice(type: string, file: string): Advice {
  const where = `SpamAssassin 4.0.1 rule (${type}, ${file})`;
  switch (type) {
    case 'body':
      return { why: `${where}: wording far more common in spam than in wanted mail.`, fix: 'Reword the sentence that matched.' };
    case 'rawbody':
      return { why: `${where}: a pattern in the message source (HTML markup included) typical of spam.`, fix: 'Change the markup or text that matched.' };
    case 'uri':
      return { why: `${where}: a link whose form is typical of spam.`, fix: 'Link to plain https URLs on your own domain.' };
    case 'header':
    case 'mimeheader':
      return { why: `${where}: a header pattern typical of spam software.`, fix: 'Check how your sending software writes this header.' };
    case 'meta':
      return { why: `${where}: a combination of signals SpamAssassin scores together.`, fix: 'Fix the signals it combines (see the rule description).' };
    default:
      return { why: `${where}.`, fix: 'See the rule description.' };
  }
}
