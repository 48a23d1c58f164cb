import { client } from '../platform/index';

export type LinkOutcome = { opened: true; url: string } | { opened: false; reason: string };

/**
 * A link clicked in the preview: validated by the main process (http, https, mailto
 * only), then opened by the desktop shell, or in browser mode by this page in a new
 * tab without opener or referrer.
 */
export async function openPreviewLink(href: string): Promise<LinkOutcome> {
  const result = await client.call('app.openExternal', { url: href });
  if (result.opened) return { opened: true, url: result.url ?? href };
  if (result.url) {
    window.open(result.url, '_blank', 'noopener,noreferrer');
    return { opened: true, url: result.url };
  }
  return { opened: false, reason: result.reason ?? 'The link was refused.' };
}
