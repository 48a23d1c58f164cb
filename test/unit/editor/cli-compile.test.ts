import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CliIo } from '../../../electron/cli/command';
import { runCli } from '../../../electron/cli/main';
import { tempDir } from '../../support/temp';

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

function io(): CliIo & { stdout: string[]; stderr: string[] } {
  const { dir, cleanup } = tempDir();
  cleanups.push(cleanup);
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (t) => stdout.push(t), err: (t) => stderr.push(t), isTty: false, env: { MAILBENCH_DATA_DIR: join(dir, 'data') }, cwd: dir };
}

const good = '<mjml>\n<mj-body>\n<mj-section>\n<mj-column>\n<mj-text>Hello <!-- note --> reader</mj-text>\n</mj-column>\n</mj-section>\n</mj-body>\n</mjml>\n';
const misplaced = '<mjml>\n<mj-body>\n<mj-section>\n<mj-column>\n<mj-text>ok</mj-text>\n</mj-column>\n</mj-section>\n<mj-text color="red">stray</mj-text>\n</mj-body>\n</mjml>\n';

describe('mailbench compile', () => {
  it('writes HTML to stdout and exits 0 for a valid template', async () => {
    const a = io();
    writeFileSync(join(a.cwd, 'good.mjml'), good);
    expect(await runCli(['compile', 'good.mjml'], a)).toBe(0);
    expect(a.stdout.join('\n')).toMatch(/<!doctype html>[\s\S]*Hello[\s\S]*reader/i);
    expect(a.stderr).toEqual([]);
  });

  it('strict: reports file:line: message for the misplaced tag, writes nothing, exits 1', async () => {
    const a = io();
    writeFileSync(join(a.cwd, 'bad.mjml'), misplaced);
    expect(await runCli(['compile', 'bad.mjml', '-o', 'out.html', '--validation', 'strict'], a)).toBe(1);
    expect(a.stderr[0]).toBe('bad.mjml:8: mj-text: mj-text cannot be used inside mj-body, only inside: mj-attributes, mj-column, mj-hero');
    expect(existsSync(join(a.cwd, 'out.html'))).toBe(false);
  });

  it('soft: still writes the HTML, reports the line, exits 1; skip: silent, exits 0', async () => {
    const a = io();
    writeFileSync(join(a.cwd, 'bad.mjml'), misplaced);
    expect(await runCli(['compile', 'bad.mjml', '-o', 'out.html'], a)).toBe(1);
    expect(a.stderr).toEqual([expect.stringMatching(/^bad\.mjml:8: /)]);
    expect(readFileSync(join(a.cwd, 'out.html'), 'utf8')).toContain('stray');
    const b = io();
    writeFileSync(join(b.cwd, 'bad.mjml'), misplaced);
    expect(await runCli(['compile', 'bad.mjml', '--validation', 'skip'], b)).toBe(0);
    expect(b.stderr).toEqual([]);
  });

  it('--minify makes it smaller and keeps Outlook conditional comments, drops ordinary ones', async () => {
    const a = io();
    writeFileSync(join(a.cwd, 'good.mjml'), good);
    expect(await runCli(['compile', 'good.mjml', '-o', 'plain.html'], a)).toBe(0);
    expect(await runCli(['compile', 'good.mjml', '-o', 'min.html', '--minify'], a)).toBe(0);
    const plain = readFileSync(join(a.cwd, 'plain.html'), 'utf8');
    const min = readFileSync(join(a.cwd, 'min.html'), 'utf8');
    expect(min.length).toBeLessThan(plain.length * 0.9);
    expect(min).toContain('<!--[if mso');
    expect(min).toContain('<![endif]-->');
    expect(min).not.toContain('<!-- note -->');
  });

  it('exits 2 with a usage line for a bad level, no file or an unreadable file', async () => {
    const a = io();
    expect(await runCli(['compile', 'x.mjml', '--validation', 'loose'], a)).toBe(2);
    expect(a.stderr[0]).toMatch(/--validation must be strict, soft or skip, not "loose"\.$/);
    expect(a.stderr[1]).toMatch(/^Usage: mailbench compile/);
    const b = io();
    expect(await runCli(['compile'], b)).toBe(2);
    expect(b.stderr[0]).toMatch(/exactly one \.mjml file/);
    const c = io();
    expect(await runCli(['compile', 'missing.mjml'], c)).toBe(2);
    expect(c.stderr[0]).toMatch(/cannot read missing\.mjml \(ENOENT\)/);
  });

  it('is listed in --help', async () => {
    const a = io();
    expect(await runCli(['--help'], a)).toBe(0);
    expect(a.stdout.join('\n')).toMatch(/compile\s+Compile an MJML template/);
  });
});
