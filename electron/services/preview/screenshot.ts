import { spawn } from 'node:child_process';
import { accessSync, constants, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { AppError } from '../../../shared/contract/errors';

const candidates = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

/** The system's Chromium: `MAILBENCH_CHROMIUM`, else the first of chromium, chromium-browser, google-chrome on PATH. */
export function findChromium(env: NodeJS.ProcessEnv): string | undefined {
  if (env.MAILBENCH_CHROMIUM) return isExecutable(env.MAILBENCH_CHROMIUM) ? env.MAILBENCH_CHROMIUM : undefined;
  for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean)) {
    for (const name of candidates) {
      const path = join(dir, name);
      if (isExecutable(path)) return path;
    }
  }
  return undefined;
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The email's own Content Security Policy, first in its head: the screenshot loads nothing from the network
 * (no tracking pixel fires, no remote font or stylesheet), as in the app's preview with remote images off.
 */
const offlineCsp = `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'; font-src data:">`;

function withCsp(html: string): string {
  const head = /<head\b[^>]*>/i.exec(html);
  if (head) return html.slice(0, head.index + head[0].length) + offlineCsp + html.slice(head.index + head[0].length);
  return offlineCsp + html;
}

export interface ScreenshotOptions {
  chromium: string;
  width: number;
  height: number;
  /** Chromium gets this long before it is stopped. */
  timeoutMs?: number;
}

/**
 * Renders HTML to PNG bytes with `chromium --headless --screenshot` (no browser automation library), offline:
 * a temporary folder holds the page, the profile and the picture, and is removed afterwards.
 */
export async function screenshotHtml(html: string, options: ScreenshotOptions): Promise<Buffer> {
  const dir = mkdtempSync(join(tmpdir(), 'mailbench-preview-'));
  try {
    const page = join(dir, 'email.html');
    const png = join(dir, 'email.png');
    writeFileSync(page, withCsp(html));
    const args = [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--hide-scrollbars',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      `--user-data-dir=${join(dir, 'profile')}`,
      `--screenshot=${png}`,
      `--window-size=${options.width},${options.height}`,
      pathToFileURL(page).href,
    ];
    const { code, stderr } = await run(options.chromium, args, options.timeoutMs ?? 60_000);
    if (!existsSync(png)) {
      const last = stderr.trim().split('\n').slice(-2).join(' ').slice(0, 300);
      throw new AppError('unavailable', `Chromium did not write the screenshot (exit ${code ?? 'killed'}).`, { hint: last ? `Chromium said: ${last}` : 'Run the same Chromium by hand to see why.' });
    }
    return readFileSync(png);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function run(command: string, args: string[], timeoutMs: number): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      if (stderr.length < 64 * 1024) stderr += chunk;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(new AppError('unavailable', `Could not start Chromium at ${command}: ${error.message}.`, { hint: 'Install Chromium (Debian: apt install chromium) or set MAILBENCH_CHROMIUM to its path.' }));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    });
  });
}
