/**
 * How many images the preview will not load while remote images are off: <img> with an http(s)
 * src, and CSS or attribute backgrounds with an http(s) url. A count, not a parse: a broken image
 * then has a reason on screen instead of looking like a broken template.
 */
export function remoteImageCount(html: string): number {
  const images = html.match(/<img\b[^>]*\bsrc\s*=\s*["']?\s*https?:/gi)?.length ?? 0;
  const backgrounds = html.match(/(?:\bbackground\s*=\s*["']?\s*https?:|url\(\s*["']?\s*https?:)/gi)?.length ?? 0;
  return images + backgrounds;
}
