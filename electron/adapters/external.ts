import { shell } from 'electron';
import { checkExternalUrl } from '../../shared/external-url';

/** The app's only way to open something outside: validated first, see shared/external-url. */
export async function openExternal(raw: unknown): Promise<boolean> {
  const verdict = checkExternalUrl(raw);
  if (!verdict.ok) {
    console.warn(`[mailbench] refused to open ${String(raw).slice(0, 200)}: ${verdict.reason}`);
    return false;
  }
  await shell.openExternal(verdict.url);
  return true;
}
