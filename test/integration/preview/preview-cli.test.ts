import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../support/temp';
import { flexDarkTemplate } from '../../unit/clients/sample';

const bin = fileURLToPath(new URL('../../../bin/mailbench.mjs', import.meta.url));
const work = tempDir('mailbench-preview-cli-');

function mailbench(args: string[], env: NodeJS.ProcessEnv = {}) {
  const result = spawnSync(process.execPath, [bin, ...args], { cwd: work.dir, encoding: 'utf8', env: { ...process.env, MAILBENCH_DATA_DIR: join(work.dir, '.data'), ...env }, timeout: 120_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Width and height from a PNG's IHDR chunk, after checking the signature. */
function pngSize(file: string): { width: number; height: number } {
  const bytes = readFileSync(file);
  expect(bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

beforeAll(() => {
  writeFileSync(join(work.dir, 'sale.html'), flexDarkTemplate);
  writeFileSync(join(work.dir, 'news.mjml'), '<mjml><mj-head><mj-style>@media (prefers-color-scheme: dark) { .x { color: #fff } }</mj-style></mj-head><mj-body><mj-section><mj-column><mj-text css-class="x">Hello from MJML.</mj-text></mj-column></mj-section></mj-body></mjml>');
});
afterAll(() => work.cleanup());

const lineOf = (needle: string) => flexDarkTemplate.split('\n').findIndex((line) => line.includes(needle)) + 1;

describe('mailbench preview (the built CLI as a process)', () => {
  it('lists what Outlook for Windows does, each change with its line, and says how faithful that is', () => {
    const run = mailbench(['preview', 'sale.html', '--client', 'outlook-windows']);
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^Outlook \(Windows, Word engine\): \d+ change\(s\)\. Fidelity low: /);
    expect(lines).toContain(`sale.html:${lineOf('<div class="row"')} declaration display: flex removed from <div> (display:flex)`);
    expect(lines).toContain(`sale.html:${lineOf('@media (prefers-color-scheme')} at-rule @media (prefers-color-scheme: dark) { … } removed (@media)`);
    expect(lines).toContain(`sale.html:${lineOf('<!--[if mso]><table')} mso-conditional Outlook-only content (<!--[if mso]>) shown`);
  });

  it('writes the JSON shape with --format json, and reads .mjml through mjml', () => {
    const json = JSON.parse(mailbench(['preview', 'sale.html', '--client', 'gmail-web', '--format', 'json']).stdout) as { client: string; fidelity: { level: string }; changes: Array<{ kind: string; line: number; summary: string; feature?: string }> };
    expect(json.client).toBe('gmail-web');
    expect(json.fidelity.level).toBe('medium');
    expect(json.changes).toContainEqual({ kind: 'at-rule', line: lineOf('@media (prefers-color-scheme'), summary: '@media (prefers-color-scheme: dark) { … } removed (@media (prefers-color-scheme))', feature: 'css-at-media-prefers-color-scheme' });
    const mjml = mailbench(['preview', 'news.mjml', '--client', 'gmail-web']);
    expect(mjml.code).toBe(0);
    expect(mjml.stdout).toMatch(/news\.mjml \(compiled HTML\):\d+ at-rule @media \(prefers-color-scheme: dark\)/);
  });

  it('renders the approximation to PNG with the system Chromium, at the width asked', () => {
    const gmail = mailbench(['preview', 'sale.html', '--client', 'gmail-web', '--out', 'gmail.png', '--width', '600', '--height', '400']);
    expect(gmail.code).toBe(0);
    expect(gmail.stderr).toMatch(/Wrote gmail\.png \(600x400, Gmail \(web\)\)/);
    expect(pngSize(join(work.dir, 'gmail.png'))).toEqual({ width: 600, height: 400 });
    expect(mailbench(['preview', 'sale.html', '--client', 'outlook-windows', '--out', 'outlook.png', '--width', '600', '--height', '400']).code).toBe(0);
    // Outlook loses the flex row and the rounded card, so the two pictures differ.
    expect(readFileSync(join(work.dir, 'outlook.png')).equals(readFileSync(join(work.dir, 'gmail.png')))).toBe(false);
  });

  it('says clearly when Chromium is absent, and still lists the changes without --out', () => {
    const run = mailbench(['preview', 'sale.html', '--client', 'yahoo', '--out', 'y.png'], { MAILBENCH_CHROMIUM: join(work.dir, 'no-such-chromium') });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/no Chromium found for --out .*install it \(Debian: apt install chromium\) or leave out --out/);
    expect(existsSync(join(work.dir, 'y.png'))).toBe(false);
    expect(mailbench(['preview', 'sale.html', '--client', 'yahoo'], { MAILBENCH_CHROMIUM: join(work.dir, 'no-such-chromium') }).code).toBe(0);
  });

  it('exits 2 with one clear line on bad usage', () => {
    const cases: Array<[string[], RegExp]> = [
      [['preview', 'sale.html'], /--client must be one of gmail-web, gmail-app, outlook-windows, outlook-new, outlook-web, apple-mail, yahoo\./],
      [['preview', 'sale.html', '--client', 'lotus-notes'], /not "lotus-notes"/],
      [['preview', 'missing.html', '--client', 'yahoo'], /cannot read missing\.html/],
      [['preview', 'sale.html', '--client', 'yahoo', '--width', 'wide'], /--width must be a whole number/],
    ];
    for (const [args, message] of cases) {
      const run = mailbench(args);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr).toMatch(message);
    }
  });
});
