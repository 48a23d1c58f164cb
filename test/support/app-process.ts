import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../../bin/mailbench.mjs', import.meta.url));

export interface AppProcess {
  url: string;
  origin: string;
  token: string;
  port: number;
  child: ChildProcess;
  output(): string;
  /** SIGTERM and wait: a clean stop. */
  stop(): Promise<void>;
  /** SIGKILL: as if the process crashed. */
  kill(): Promise<void>;
}

/**
 * Starts `mailbench web --no-open` as a real process on a data folder and waits for
 * the one line with the URL. Tests drive it over HTTP or through Chromium.
 */
export async function startApp(dataDir: string, extraArgs: string[] = [], env: NodeJS.ProcessEnv = {}): Promise<AppProcess> {
  const child = spawn(process.execPath, [bin, 'web', '--no-open', ...extraArgs], {
    env: { ...process.env, ...env, MAILBENCH_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`mailbench web did not print its URL within 30 s:\n${output}`)), 30_000);
    const check = () => {
      const match = /Mailbench is running at (\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`mailbench web exited with ${code}:\n${output}`));
    });
  });
  const parsed = new URL(url);
  const stopWith = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  return {
    url,
    origin: parsed.origin,
    token: parsed.searchParams.get('token')!,
    port: Number(parsed.port),
    child,
    output: () => output,
    stop: () => stopWith('SIGTERM'),
    kill: () => stopWith('SIGKILL'),
  };
}
