import { containedPath } from './static';

export const APP_SCHEME = 'app';
export const APP_HOST = 'mailbench';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/**
 * The file an app:// request may read: only for the app's own host, only inside the
 * built renderer. Kept apart from protocol.ts (which needs Electron) so tests run it as is.
 */
export function appUrlToFile(rendererDir: string, requestUrl: string): string | undefined {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return undefined;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST || url.username || url.password) return undefined;
  return containedPath(rendererDir, url.pathname);
}
