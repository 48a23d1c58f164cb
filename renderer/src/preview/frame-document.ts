export type DarkMode = 'off' | 'media' | 'invert';

export interface FrameOptions {
  /** Let https images load (the user asked); otherwise the email makes no request at all. */
  remoteImages: boolean;
  /** `media`: the email's own prefers-color-scheme: dark rules apply (Apple Mail, iOS); `invert`: forced inversion (Gmail app, Outlook.com). */
  dark: DarkMode;
  /** Images replaced by their alt text, as clients show a message before images are allowed. */
  imagesOff: boolean;
}

/**
 * The email's own Content Security Policy. Scripts are already off (the frame's sandbox has
 * no allow-scripts); this also stops every fetch: stylesheets and fonts from the network,
 * remote images unless allowed, form posts and <base> tricks.
 */
export function previewCsp(remoteImages: boolean): string {
  return [
    "default-src 'none'",
    `img-src data: cid:${remoteImages ? ' https:' : ''}`,
    "style-src 'unsafe-inline'",
    'font-src data:',
    "form-action 'none'",
    "base-uri 'none'",
  ].join('; ');
}

const INVERT_CSS =
  'html{filter:invert(1) hue-rotate(180deg);background:#fff}' +
  'img,picture,video,[background],[style*="background-image"],[style*="url("]{filter:invert(1) hue-rotate(180deg)}';
const IMAGES_OFF_CSS = '*{background-image:none!important}.mailbench-alt{display:inline-block;box-sizing:border-box;overflow:hidden;border:1px dashed #8c959f;color:#57606a;font:12px/1.3 Arial,sans-serif;padding:4px;vertical-align:middle;text-align:center;word-break:break-word}';

export function doctypeOf(doc: Document): string {
  const type = doc.doctype;
  if (!type) return '';
  const pub = type.publicId ? ` PUBLIC "${type.publicId}"` : '';
  const sys = type.systemId ? `${type.publicId ? '' : ' SYSTEM'} "${type.systemId}"` : '';
  return `<!DOCTYPE ${type.name}${pub}${sys}>\n`;
}

/** Apple Mail style: the email's dark rules apply as if the system were dark, its light-only rules stop. */
function forceDarkMedia(css: string): string {
  return css.replace(/\(\s*prefers-color-scheme\s*:\s*dark\s*\)/gi, '(min-width:0px)').replace(/\(\s*prefers-color-scheme\s*:\s*light\s*\)/gi, '(max-width:0px)');
}

function replaceImagesWithAlt(doc: Document): void {
  for (const image of Array.from(doc.images)) {
    const box = doc.createElement('span');
    box.className = 'mailbench-alt';
    box.setAttribute('role', 'img');
    const alt = image.getAttribute('alt') ?? '';
    box.setAttribute('aria-label', alt || 'image without alt text');
    box.textContent = alt;
    const style = image.getAttribute('style') ?? '';
    // A width in the image's style (mjml's fluid `width:100%`) wins over its width attribute, as it does for the image.
    const width = /(^|;)\s*width\s*:/i.test(style) ? null : image.getAttribute('width');
    const height = image.getAttribute('height');
    const size = `${width ? `width:${/^\d+$/.test(width) ? `${width}px` : width};` : ''}${height ? `height:${/^\d+$/.test(height) ? `${height}px` : height};` : ''}`;
    // After the image's own style (mjml sets border:0 and height:auto), so the placeholder keeps its size and outline.
    box.setAttribute('style', `${style};display:inline-block;border:1px dashed #8c959f;${size}max-width:100%`);
    image.replaceWith(box);
  }
}

/**
 * The document for the preview frame: the email as compiled, with the CSP meta first in its
 * head, meta refresh and resource hints (which CSP does not govern) removed, and the
 * chosen client emulation (dark mode, images off) applied. Parsing with DOMParser runs
 * nothing and loads nothing.
 */
export function prepareEmailDocument(html: string, options: FrameOptions): Document {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  for (const element of Array.from(doc.querySelectorAll('meta[http-equiv], link[rel]'))) {
    const equiv = element.getAttribute('http-equiv')?.toLowerCase();
    const rel = element.getAttribute('rel')?.toLowerCase() ?? '';
    if (equiv === 'refresh' || /\b(dns-prefetch|preconnect|prefetch|prerender|preload|modulepreload)\b/.test(rel)) element.remove();
  }
  const csp = doc.createElement('meta');
  csp.setAttribute('http-equiv', 'Content-Security-Policy');
  csp.setAttribute('content', previewCsp(options.remoteImages));
  doc.head.prepend(csp);

  if (options.dark === 'media') {
    for (const style of Array.from(doc.querySelectorAll('style'))) style.textContent = forceDarkMedia(style.textContent ?? '');
  }
  const extra: string[] = [];
  if (options.dark === 'invert') extra.push(INVERT_CSS);
  if (options.imagesOff) {
    replaceImagesWithAlt(doc);
    extra.push(IMAGES_OFF_CSS);
  }
  if (extra.length > 0) {
    const style = doc.createElement('style');
    style.setAttribute('data-mailbench', 'emulation');
    style.textContent = extra.join('\n');
    doc.head.append(style);
  }
  return doc;
}

export const serializeDocument = (doc: Document): string => doctypeOf(doc) + doc.documentElement.outerHTML;

export const buildFrameDocument = (html: string, options: FrameOptions): string => serializeDocument(prepareEmailDocument(html, options));
