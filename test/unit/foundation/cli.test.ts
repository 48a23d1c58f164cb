import { describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/main';
import type { CliIo } from '../../../electron/cli/command';
import { tempDir } from '../../support/temp';

function io(): CliIo & { stdout: string[]; stderr: string[] } {
  const { dir } = tempDir();
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (t) => stdout.push(t), err: (t) => stderr.push(t), isTty: false, env: { MAILBENCH_DATA_DIR: dir }, cwd: dir };
}

describe('mailbench CLI', () => {
  it('prints help listing the commands, and the version', async () => {
    const a = io();
    expect(await runCli(['--help'], a)).toBe(0);
    expect(a.stdout.join('\n')).toMatch(/web\s+Serve the app/);
    const b = io();
    expect(await runCli(['--version'], b)).toBe(0);
    expect(b.stdout[0]).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('exits 2 with one actionable line on bad usage', async () => {
    const a = io();
    expect(await runCli(['frobnicate'], a)).toBe(2);
    expect(a.stderr).toEqual([expect.stringMatching(/unknown command "frobnicate".*--help/)]);
    const b = io();
    expect(await runCli(['info', '--nope'], b)).toBe(2);
    expect(b.stderr).toEqual(['mailbench info: unknown option --nope.', 'Usage: mailbench info [--json]']);
    const c = io();
    expect(await runCli(['web', '--port', 'abc'], c)).toBe(2);
    expect(c.stderr[0]).toMatch(/--port must be a number/);
  });

  it('names the flag or value in a first line of its own, suggests near misses, and shows only the subcommand typed', async () => {
    const a = io();
    expect(await runCli(['lnt', 'x.html'], a)).toBe(2);
    expect(a.stderr).toEqual([expect.stringMatching(/^mailbench: unknown command "lnt"\. Did you mean `mailbench lint`\?/)]);
    const b = io();
    expect(await runCli(['info', '--jsn'], b)).toBe(2);
    expect(b.stderr[0]).toBe('mailbench info: unknown option --jsn. Did you mean --json?');
    const c = io();
    expect(await runCli(['warmup', 'plan', '--target', '-5', '--start', '2026-03-02'], c)).toBe(2);
    expect(c.stderr[0]).toBe('mailbench warmup: --target needs a value; to give one that starts with "-", write --target=VALUE (for example --target=-5).');
    expect(c.stderr[1]).toMatch(/^Usage: mailbench warmup plan --target N /);
    expect(c.stderr[1]).not.toMatch(/import|replan/);
    const d = io();
    expect(await runCli(['info', '--json=yes'], d)).toBe(2);
    expect(d.stderr[0]).toBe('mailbench info: --json is a switch and takes no value.');
    // No first line runs into the usage: each stays short enough to read.
    for (const line of [a, b, c, d].map((x) => x.stderr[0]!)) expect(line.length).toBeLessThan(160);
  });

  it('reports the data folder from MAILBENCH_DATA_DIR as JSON', async () => {
    const a = io();
    expect(await runCli(['info', '--json'], a)).toBe(0);
    expect(JSON.parse(a.stdout.join('\n'))).toMatchObject({ dataDir: a.env.MAILBENCH_DATA_DIR, schemaVersion: expect.any(Number) });
  });
});
