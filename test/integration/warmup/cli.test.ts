import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../../electron/cli/command';
import { runCli } from '../../../electron/cli/main';
import { tempDir } from '../../support/temp';

const data = tempDir();
afterAll(() => data.cleanup());
const fixture = fileURLToPath(new URL('../../fixtures/warmup/ses-events.ndjson', import.meta.url));

async function cli(...args: string[]) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const io: CliIo = { out: (t) => stdout.push(t), err: (t) => stderr.push(t), isTty: false, env: { MAILBENCH_DATA_DIR: data.dir }, cwd: data.dir };
  const code = await runCli(args, io);
  return { code, out: stdout.join('\n'), err: stderr };
}

describe('mailbench warmup', () => {
  it('plan --json prints { days: [{ date, sendingDay, total, providers }] } without storing', async () => {
    const r = await cli('warmup', 'plan', '--target', '200000', '--start', '2026-03-02', '--ips', '2', '--mix', 'gmail=45,microsoft=25,yahoo=15,apple=5,other=10', '--profile', 'moderate', '--weekdays', 'mon-fri', '--json');
    expect(r.code).toBe(0);
    const { days } = JSON.parse(r.out) as { days: Array<Record<string, unknown>> };
    expect(Object.keys(JSON.parse(r.out))).toEqual(['days']);
    expect(Object.keys(days[0]!)).toEqual(['date', 'sendingDay', 'total', 'providers']);
    expect(days[0]).toEqual({ date: '2026-03-02', sendingDay: 1, total: 83, providers: { gmail: 45, microsoft: 18, yahoo: 7, apple: 3, other: 10 } });
    expect(days.at(-1)!.total).toBe(200_000);
    expect(r.err.join('\n')).toMatch(/warning: Gmail passes 4,000\/day/);
    expect((await cli('warmup', 'status', 'anything')).code).toBe(2);
  });

  it('plan --csv prints the schedule as CSV', async () => {
    const r = await cli('warmup', 'plan', '--target', '1000', '--start', '2026-03-02', '--weekdays', 'sat-sun', '--csv');
    expect(r.code).toBe(0);
    expect(r.out.split('\r\n').slice(0, 2)).toEqual(['date,sending_day,total,gmail,microsoft,yahoo,apple,other', '2026-03-07,1,40,22,9,3,1,5']);
  });

  it('stores with --name, imports an export with counts and reasons, and reports status as JSON', async () => {
    const stored = await cli('warmup', 'plan', '--target', '50000', '--start', '2026-03-02', '--ips', '192.0.2.10,192.0.2.11', '--name', 'launch', '--auth', 'spf,dkim,dmarc,one-click');
    expect(stored.code).toBe(0);
    expect(stored.err[0]).toMatch(/^Stored plan "launch" \(id \d+\)/);

    const imported = await cli('warmup', 'import', 'launch', fixture, '--format', 'ses', '--json');
    expect(imported.code).toBe(0);
    expect(JSON.parse(imported.out)).toMatchObject({ read: 423, imported: 399, duplicates: 20, skipped: 4 });
    const text = await cli('warmup', 'import', 'launch', fixture, '--format', 'ses');
    expect(text.out).toMatch(/read 423, imported 0, duplicates 419, skipped 4/);
    expect(text.out).toMatch(/skipped 1: not valid JSON \(line 231\)/);

    const status = await cli('warmup', 'status', 'launch', '--date', '2026-03-04', '--json');
    const parsed = JSON.parse(status.out) as { plan: string; providers: Array<Record<string, unknown>> };
    expect(parsed.plan).toBe('launch');
    for (const p of parsed.providers) {
      expect(Object.keys(p)).toEqual(['provider', 'decision', 'reasons', 'rates']);
      expect(['advance', 'hold', 'step-back', 'pause']).toContain(p.decision);
      expect((p.reasons as string[]).length).toBeGreaterThan(0);
    }
    expect(status.code).toBe(parsed.providers.some((p) => p.decision === 'step-back' || p.decision === 'pause') ? 1 : 0);
  });

  it('says in one line what is wrong with bad input', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['warmup', 'plan', '--start', '2026-03-02'], /needs --target N/],
      [['warmup', 'plan', '--target', '10', '--start', '2026-13-01'], /"2026-13-01" is not a calendar date/],
      [['warmup', 'plan', '--target', '10', '--start', '2026-03-02', '--mix', 'gmail=50'], /adds up to 50%/],
      [['warmup', 'plan', '--target', '10', '--start', '2026-03-02', '--weekdays', 'funday'], /"funday" is not a weekday/],
      [['warmup', 'import', 'launch', 'nope.json', '--format', 'ses'], /Cannot read .*nope\.json: no such file/],
      [['warmup', 'import', 'launch', fixture, '--format', 'mandrill'], /--format must be one of sendgrid, mailgun, postmark, ses, sparkpost/],
      [['warmup', 'status', 'missing-plan'], /no warm-up plan called "missing-plan".*Known plans: launch/],
    ];
    for (const [args, message] of cases) {
      const r = await cli(...args);
      expect(r.code, args.join(' ')).toBe(2);
      // One line that says what is wrong, then the usage of the subcommand typed.
      expect(r.err[0]).toMatch(message);
      expect(r.err.slice(1)).toEqual([expect.stringMatching(new RegExp(`^Usage: mailbench warmup ${args[1]} `))]);
    }
  });
});
