import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * The folder that holds the database and key file. It matches Electron's
 * `app.getPath('userData')` for the product name "Mailbench", so the CLI, browser
 * mode and the desktop app share one database.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.MAILBENCH_DATA_DIR) return resolve(env.MAILBENCH_DATA_DIR);
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Mailbench');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Mailbench');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'Mailbench');
}

export function ensureDataDir(dir: string): string {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  return dir;
}
