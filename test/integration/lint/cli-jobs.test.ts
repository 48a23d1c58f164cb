import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../support/temp';

// `mailbench lint --jobs N` (#16): files linted on worker threads must report exactly what one thread reports,
// in the order the files were given; identical files (linted once per run) each get their own report.
const root = fileURLToPath(new URL('../../../', import.meta.url));
const bin = join(root, 'bin/mailbench.mjs');
const work = tempDir('mailbench-lint-jobs-');

interface JsonReport {
  files: Array<{ file: string; spamScore: number; findings: Array<{ rule: string; line: number }> }>;
}

function mailbench(args: string[]) {
  const result = spawnSync(process.execPath, [bin, ...args], { cwd: work.dir, encoding: 'utf8', env: { ...process.env, MAILBENCH_DATA_DIR: join(work.dir, '.data') }, timeout: 240_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(() => {
  const templates = join(work.dir, 'templates');
  mkdirSync(templates);
  copyFileSync(join(root, 'test/fixtures/templates/postmark/welcome.html'), join(templates, 'a-welcome.html'));
  copyFileSync(join(root, 'test/fixtures/templates/cerberus/hybrid.html'), join(templates, 'b-hybrid.html'));
  copyFileSync(join(root, 'resources/starters/receipt.mjml'), join(templates, 'c-receipt.mjml'));
  copyFileSync(join(root, 'resources/starters/newsletter.mjml'), join(templates, 'e-newsletter.mjml'));
  copyFileSync(join(root, 'resources/starters/receipt.mjml'), join(templates, 'f-receipt-copy.mjml'));
  copyFileSync(join(root, 'test/fixtures/templates/postmark/welcome.html'), join(templates, 'g-welcome-copy.html'));
  writeFileSync(
    join(templates, 'h-spam.eml'),
    'From: Shop <shop@example.com>\r\nSubject: Deal\r\nDate: Thu, 26 Nov 2026 05:00:00 +0000\r\nMessage-ID: <1@example.com>\r\nContent-Type: text/plain\r\n\r\nXJS*C4JDBQADN1.NSBN3*2IDNEN*GTUBE-STANDARD-ANTI-UBE-TEST-EMAIL*C.34X\r\n',
  );
});
afterAll(() => work.cleanup());

describe('mailbench lint --jobs (the built CLI as a process)', () => {
  it('reports on worker threads exactly what one thread reports, in the order given, sharing work only between identical files', () => {
    expect(existsSync(join(root, 'dist/lint-worker.mjs')), 'npm run build:node bundles the lint worker').toBe(true);
    // A missing file among them is reported and the files after it are still linted.
    const targets = ['templates/*', 'missing.html', 'templates/c-receipt.mjml'];
    const one = mailbench(['lint', ...targets, '--format', 'json', '--jobs', '1']);
    const two = mailbench(['lint', ...targets, '--format', 'json', '--jobs', '2']);
    expect(two.code).toBe(2);
    expect(two.stderr).toMatch(/cannot read missing\.html: no such file/);
    expect(two.stderr).toBe(one.stderr);
    const parallel = JSON.parse(two.stdout) as JsonReport;
    expect(parallel).toEqual(JSON.parse(one.stdout));
    const order = ['a-welcome.html', 'b-hybrid.html', 'c-receipt.mjml', 'e-newsletter.mjml', 'f-receipt-copy.mjml', 'g-welcome-copy.html', 'h-spam.eml'].map((f) => `templates/${f}`);
    // A file given twice is reported once, where it first appears.
    expect(parallel.files.map((f) => f.file)).toEqual(order);
    const byName = new Map(parallel.files.map((f) => [f.file, f]));
    expect(byName.get('templates/f-receipt-copy.mjml')!.findings).toEqual(byName.get('templates/c-receipt.mjml')!.findings);
    expect(byName.get('templates/g-welcome-copy.html')!.findings).toEqual(byName.get('templates/a-welcome.html')!.findings);
    expect(byName.get('templates/h-spam.eml')!.spamScore).toBeGreaterThanOrEqual(1000);
    expect(byName.get('templates/c-receipt.mjml')!.findings.length).toBeGreaterThan(0);
    expect(new Set(parallel.files.map((f) => JSON.stringify(f.findings))).size).toBe(5);
  }, 600_000);

  it('keeps order and reports when MJML files go to the worker that compiles MJML and HTML files are taken past them', () => {
    // Runs of MJML between HTML files, then a run of MJML files longer than one worker's backlog, which the
    // other worker joins: every path of the pool's choice of file (pool.ts).
    const mixed = join(work.dir, 'mixed');
    mkdirSync(mixed);
    const mjml = readFileSync(join(root, 'resources/starters/announcement.mjml'), 'utf8');
    const html = readFileSync(join(root, 'test/fixtures/templates/postmark/welcome.html'), 'utf8');
    const names: string[] = [];
    for (let n = 0; n < 70; n++) {
      const name = `${String(n).padStart(2, '0')}-${n < 30 && n % 4 === 3 ? 'page.html' : 'mail.mjml'}`;
      const mark = `<!-- copy ${n} -->`;
      writeFileSync(join(mixed, name), name.endsWith('.mjml') ? mjml.replace('</mj-body>', `<mj-raw>${mark}</mj-raw></mj-body>`) : html.replace('</body>', `${mark}</body>`));
      names.push(`mixed/${name}`);
    }
    const one = mailbench(['lint', 'mixed/*', '--format', 'json', '--jobs', '1']);
    const two = mailbench(['lint', 'mixed/*', '--format', 'json', '--jobs', '2']);
    expect(two.stderr).toBe(one.stderr);
    const parallel = JSON.parse(two.stdout) as JsonReport;
    expect(parallel.files.map((f) => f.file)).toEqual(names);
    expect(parallel).toEqual(JSON.parse(one.stdout));
  }, 600_000);

  it('refuses a --jobs that is not a whole number from 1 to 64 with one line (exit 2)', () => {
    for (const jobs of ['0', 'two', '1.5', '65']) {
      const run = mailbench(['lint', 'templates/a-welcome.html', '--jobs', jobs]);
      expect(run.code, jobs).toBe(2);
      expect(run.stderr).toMatch(new RegExp(`--jobs must be a whole number from 1 to 64, not "${jobs.replace('.', '\\.')}"`));
    }
  }, 120_000);
});
