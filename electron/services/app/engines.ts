import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Engine } from '../../../shared/contract/app';

const run = promisify(execFile);

/** Finds an executable on PATH and reads its version line; absent engines are not an error. */
async function probe(id: Engine['id'], command: string, versionPattern: RegExp): Promise<Engine> {
  try {
    const { stdout, stderr } = await run(command, ['--version'], { timeout: 5000 });
    const version = versionPattern.exec(`${stdout}\n${stderr}`)?.[1];
    const { stdout: where } = await run('sh', ['-c', `command -v ${command}`], { timeout: 2000 }).catch(() => ({ stdout: '' }));
    return { id, present: true, ...(version ? { version } : {}), ...(where.trim() ? { path: where.trim() } : {}) };
  } catch {
    return { id, present: false };
  }
}

let cached: Promise<Engine[]> | undefined;

/** Optional engines Mailbench can call when installed. Probed once per process. */
export function detectEngines(): Promise<Engine[]> {
  cached ??= Promise.all([
    probe('spamassassin', 'spamassassin', /version ([\d.]+)/i),
    probe('spamc', 'spamc', /version ([\d.]+)/i),
  ]);
  return cached;
}
