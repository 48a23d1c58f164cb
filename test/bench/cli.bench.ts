import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { Bench } from './index';
import { percentile, report } from './measure';

const root = join(import.meta.dirname, '../..');
const cli = join(root, 'dist/cli.mjs');
const template = join(root, 'test/fixtures/templates/postmark/comment-notification.html');

/**
 * CPU seconds (user + system) of one child process, read by bash's `time`: CPU time, not wall
 * time, so another busy process on the machine does not move the figure much.
 */
function cpuSeconds(argv: string[]): number {
  const quoted = argv.map((arg) => `'${arg.replace(/'/g, "'\\''")}'`).join(' ');
  const result = spawnSync('bash', ['-c', `TIMEFORMAT='%3U %3S'; time ${quoted} >/dev/null 2>&1`], { cwd: root, encoding: 'utf8' });
  const [user, system] = result.stderr.trim().split('\n').at(-1)!.split(' ').map(Number);
  return user! + system!;
}

const contenders: Array<[string, string[]]> = [
  ['node -e 0', ['node', '-e', '0']],
  ['mailbench --version', ['node', cli, '--version']],
  ['mailbench --help', ['node', cli, '--help']],
  ['mailbench lint one.html', ['node', cli, 'lint', template]],
];

export const cliBench: Bench = {
  name: 'cli',
  summary: 'CLI start-up: CPU seconds of a whole process beside `node -e 0`, alternating, median of 15 rounds',
  async run() {
    const samples = new Map<string, number[]>(contenders.map(([label]) => [label, []]));
    for (let round = 0; round < 15; round++) {
      // Alternate the order each round, so drift in the machine's speed falls on every contender alike.
      const order = round % 2 === 0 ? contenders : [...contenders].reverse();
      for (const [label, argv] of order) samples.get(label)!.push(cpuSeconds(argv));
    }
    const baseline = percentile(samples.get('node -e 0')!, 50);
    for (const [label] of contenders) {
      const median = percentile(samples.get(label)!, 50);
      report(`${label}: CPU, median`, median * 1000, label === 'node -e 0' ? 'ms' : `ms (${(median / baseline).toFixed(2)}x node -e 0)`);
    }
  },
};
