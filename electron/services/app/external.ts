import { checkExternalUrl } from '../../../shared/external-url';
import type { Runtime } from '../runtime';

export async function openExternalLink(rt: Runtime, url: string): Promise<{ opened: boolean; url?: string; reason?: string }> {
  const verdict = checkExternalUrl(url);
  if (!verdict.ok) return { opened: false, reason: verdict.reason };
  if (!rt.openExternal) return { opened: false, url: verdict.url, reason: 'Browser mode: the page opens the link itself.' };
  return { opened: await rt.openExternal(verdict.url), url: verdict.url };
}
