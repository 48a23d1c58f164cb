import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/main';
import { tempDir } from '../../support/temp';
import { loadSuite, toZoneText } from './rfc7208-suite';

const suite = loadSuite();
const data = tempDir();
afterAll(() => data.cleanup());

/** `mailbench spf` as the binary runs it, in this process: argv in, JSON and exit code out. */
export async function spfCli(args: string[]): Promise<{ code: number; result?: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(['spf', ...args, '--json'], { out: (text) => out.push(text), err: (text) => err.push(text), isTty: false, env: {}, cwd: data.dir });
  return { code, stderr: err.join('\n'), ...(out.length ? { result: (JSON.parse(out.join('\n')) as { result: string }).result } : {}) };
}

describe('the RFC 7208 suite through `mailbench spf --zone FILE --strict`', () => {
  it('passes 203 of 203, timeouts included, with each scenario written as a zone file', async () => {
    const files = new Map<string, string>();
    const misses: string[] = [];
    for (const test of suite) {
      let file = files.get(test.scenario);
      if (!file) {
        file = join(data.dir, `scenario-${files.size}.zone`);
        writeFileSync(file, toZoneText(test.zone, test.unresponsive));
        files.set(test.scenario, file);
      }
      const run = await spfCli(['--ip', test.host, '--helo', test.helo, '--mail-from', test.mailfrom, '--zone', file, '--strict']);
      if (!run.result || !test.results.includes(run.result)) misses.push(`${test.name}: got ${run.result ?? run.stderr}, want ${test.results.join('|')}`);
    }
    expect(misses).toEqual([]);
    expect(suite).toHaveLength(203);
  });
});
