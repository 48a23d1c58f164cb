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
    expect(b.stderr[0]).toMatch(/--nope.*Usage: mailbench info/);
    const c = io();
    expect(await runCli(['web', '--port', 'abc'], c)).toBe(2);
    expect(c.stderr[0]).toMatch(/--port must be a number/);
  });

  it('reports the data folder from MAILBENCH_DATA_DIR as JSON', async () => {
    const a = io();
    expect(await runCli(['info', '--json'], a)).toBe(0);
    expect(JSON.parse(a.stdout.join('\n'))).toMatchObject({ dataDir: a.env.MAILBENCH_DATA_DIR, schemaVersion: expect.any(Number) });
  });
});
