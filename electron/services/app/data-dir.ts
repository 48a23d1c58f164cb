import { chmodSync, mkdirSync, statSync } from 'node:fs';
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

/**
 * Creates the data folder private (0700), or tightens an existing one of ours that others may
 * read or enter: it holds the database and the key that decrypts stored secrets. A folder that is
 * shared (anyone may write to it, as /tmp) or belongs to another user is refused, not changed:
 * tightening it would lock its other users out.
 */
export function ensureDataDir(dir: string, platform: NodeJS.Platform = process.platform): string {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  // Windows has no mode bits to speak of: its per-user profile folder is private by ACL already.
  if (platform === 'win32') return dir;
  const stat = statSync(dir);
  const mode = stat.mode & 0o7777;
  if (mode & 0o1002 || (process.getuid && stat.uid !== process.getuid())) {
    // A plain Error with the advice in its message, as for a too-new schema: the CLI's start-up imports this
    // module, and the contract's AppError would bring zod into every start.
    throw new Error(
      `The data folder ${dir} is not yours alone: ${mode & 0o1002 ? 'anyone may write to it' : 'another user owns it'}. Point MAILBENCH_DATA_DIR at a folder of your own (Mailbench creates it 0700), not a shared one such as /tmp.`,
    );
  }
  if (mode !== 0o700) chmodSync(dir, 0o700);
  return dir;
}
