import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../support/temp';

const bin = fileURLToPath(new URL('../../../bin/mailbench.mjs', import.meta.url));
const fixtures = fileURLToPath(new URL('../../fixtures/', import.meta.url));
const work = tempDir('mailbench-lint-cli-');

function mailbench(args: string[], cwd = work.dir) {
  const result = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', env: { ...process.env, MAILBENCH_DATA_DIR: join(work.dir, '.data') }, timeout: 60_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(() => {
  mkdirSync(join(work.dir, 'templates/nested'), { recursive: true });
  copyFileSync(join(fixtures, 'templates/postmark/welcome.html'), join(work.dir, 'templates/welcome.html'));
  copyFileSync(join(fixtures, 'templates/cerberus/fluid.html'), join(work.dir, 'templates/nested/fluid.html'));
  writeFileSync(join(work.dir, 'warn.html'), '<!DOCTYPE html><html lang="en"><head><title>Hi</title></head><body><div style="display:none">Preview</div><p>Hello. <a href="http://example.com/">Read</a></p></body></html>');
  writeFileSync(
    join(work.dir, 'spam.eml'),
    'From: Shop <shop@example.com>\r\nSubject: Deal\r\nDate: Thu, 26 Nov 2026 05:00:00 +0000\r\nMessage-ID: <1@example.com>\r\nContent-Type: text/plain\r\n\r\nXJS*C4JDBQADN1.NSBN3*2IDNEN*GTUBE-STANDARD-ANTI-UBE-TEST-EMAIL*C.34X\r\n',
  );
  writeFileSync(
    join(work.dir, 'news.mjml'),
    [
      '<mjml>',
      '  <mj-body>',
      '    <mj-section>',
      '      <mj-column>',
      '        <mj-text>Spring is here.</mj-text>',
      '        <mj-image src="http://example.com/hero.png" />',
      '        <mj-button href="https://example.com/" bogus-attribute="1">Shop</mj-button>',
      '      </mj-column>',
      '    </mj-section>',
      '  </mj-body>',
      '</mjml>',
    ].join('\n'),
  );
});
afterAll(() => work.cleanup());

describe('mailbench lint (the built CLI as a process)', () => {
  it('prints findings grouped by rule (severity rule (count), then file:line:col message), info only on request, and exits 0 below the threshold', () => {
    const run = mailbench(['lint', 'warn.html']);
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines[0]).toBe('warn.html');
    expect(lines.slice(1).every((line) => /^ {2}(error|warning) \S+ \(\d+\)$|^ {4}warn\.html:\d+:\d+ .+$/.test(line))).toBe(true);
    const column = readFileSync(join(work.dir, 'warn.html'), 'utf8').indexOf('<a href') + 1;
    const group = lines.indexOf('  warning http-link (1)');
    expect(lines[group + 1]).toBe(`    warn.html:1:${column} Link uses http://: http://example.com/`);
    expect(run.stderr).toMatch(/1 file\(s\): 0 error\(s\), \d+ warning\(s\), \d+ info/);
    // What the offline score could not evaluate: one line for the run, not a finding.
    expect(mailbench(['lint', 'warn.html', 'templates/welcome.html']).stderr.match(/^Note: \d+ SpamAssassin rules need the network or a Bayes database and were not evaluated offline/gm)).toHaveLength(1);
    const quiet = mailbench(['lint', 'templates/welcome.html']);
    expect(quiet.stdout).not.toMatch(/^ {2}info /m);
    expect(quiet.stderr).toMatch(/, [1-9]\d* info \(not shown: --include-info\)\./);
    expect(mailbench(['lint', 'templates/welcome.html', '--include-info']).stdout).toMatch(/^ {2}info \S+ \(\d+\)$/m);
  });

  it('exits 1 when --fail-on warning or --max-warnings is crossed', () => {
    expect(mailbench(['lint', 'warn.html', '--fail-on', 'warning']).code).toBe(1);
    expect(mailbench(['lint', 'warn.html', '--max-warnings', '0']).code).toBe(1);
    expect(mailbench(['lint', 'warn.html', '--max-warnings', '50']).code).toBe(0);
    expect(mailbench(['lint', 'spam.eml']).code).toBe(1);
  });

  it('writes the JSON shape exactly, over globs, .eml and .mjml', () => {
    const run = mailbench(['lint', 'templates/**/*.html', 'spam.eml', 'news.mjml', '--format', 'json']);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as {
      files: Array<{ file: string; spamScore: number; findings: Array<Record<string, unknown>>; spamHits: Array<{ rule: string; score: number; finding: boolean }>; notes: Array<{ id: string }> }>;
    };
    expect(report.files.map((f) => f.file)).toEqual(['templates/nested/fluid.html', 'templates/welcome.html', 'spam.eml', 'news.mjml']);
    for (const file of report.files) {
      expect(Object.keys(file)).toEqual(['file', 'spamScore', 'findings', 'spamHits', 'notes']);
      // The offline caveat is a note of the file, not a finding; the breakdown sums to the score.
      expect(file.notes.map((n) => n.id)).toEqual(['SPAM_NOT_EVALUATED']);
      expect(file.findings.map((f) => f.rule)).not.toContain('SPAM_NOT_EVALUATED');
      expect(Math.round(file.spamHits.reduce((sum, h) => sum + h.score, 0) * 1000) / 1000).toBe(file.spamScore);
      for (const finding of file.findings) {
        expect(Object.keys(finding).slice(0, 6)).toEqual(['rule', 'family', 'severity', 'message', 'line', 'column']);
        expect(finding.line).toEqual(expect.any(Number));
      }
    }
    const spam = report.files.find((f) => f.file === 'spam.eml')!;
    expect(spam.spamScore).toBeGreaterThanOrEqual(1000);
    expect(spam.findings.find((f) => f.rule === 'GTUBE')).toMatchObject({ family: 'spam', severity: 'error', line: 7, score: 1000 });
    // SpamAssassin's 0.001-point HTML_MESSAGE is in a template's breakdown but not among its findings; a .eml keeps it.
    const welcome = report.files.find((f) => f.file === 'templates/welcome.html')!;
    expect(welcome.spamHits.find((h) => h.rule === 'HTML_MESSAGE')).toMatchObject({ score: 0.001, finding: false });
    expect(welcome.findings.map((f) => f.rule)).not.toContain('HTML_MESSAGE');
    const mjml = report.files.find((f) => f.file === 'news.mjml')!;
    const mjmlLines = readFileSync(join(work.dir, 'news.mjml'), 'utf8').split('\n');
    expect(mjmlLines[(mjml.findings.find((f) => f.rule === 'http-image')!.line as number) - 1]).toContain('<mj-image');
    const validation = mjml.findings.find((f) => f.rule === 'mjml-validation')!;
    expect(validation.message).toMatch(/bogus-attribute/);
    expect(mjmlLines[(validation.line as number) - 1]).toContain('<mj-button');
  });

  it('writes SARIF 2.1.0 that validates against the schema', () => {
    const run = mailbench(['lint', 'templates/**/*.html', 'warn.html', 'news.mjml', '--format', 'sarif']);
    const sarif = JSON.parse(run.stdout) as { version: string; runs: Array<{ results: unknown[]; tool: { driver: { rules: unknown[] } } }> };
    const schema = JSON.parse(readFileSync(join(fixtures, 'sarif/sarif-2.1.0-rtm.5.json'), 'utf8')) as Record<string, unknown>;
    // The schema is draft-04 (`id`, `$schema` draft-04): ajv 8 reads it once those two keywords are modernised.
    const { $schema: _draft, id, ...rest } = schema;
    // Its language-tag pattern is not valid as a unicode regular expression, which ajv uses by default.
    const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
    ajv.addFormat('uri', (value: string) => URL.canParse(value));
    ajv.addFormat('uri-reference', (value: string) => URL.canParse(value, 'file:///'));
    ajv.addFormat('date-time', (value: string) => !Number.isNaN(Date.parse(value)));
    const validate = ajv.compile({ ...rest, $id: id as string });
    const valid = validate(sarif);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0]!.results.length).toBeGreaterThan(10);
    expect(sarif.runs[0]!.tool.driver.rules.length).toBeGreaterThan(5);
  });

  it('exits 2 on an unreadable file or unmatched glob but still reports the other files', () => {
    const run = mailbench(['lint', 'missing.html', 'warn.html', 'nothing/**/*.mjml', '--format', 'json']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/cannot read missing\.html: no such file/);
    expect(run.stderr).toMatch(/no files match nothing\/\*\*\/\*\.mjml/);
    expect(JSON.parse(run.stdout).files.map((f: { file: string }) => f.file)).toEqual(['warn.html']);
  });

  it('exits 2 with one clear line on bad usage', () => {
    const cases: Array<[string[], RegExp]> = [
      [['lint'], /at least one file/],
      [['lint', 'warn.html', '--format', 'xml'], /--format must be text, json or sarif/],
      [['lint', 'warn.html', '--fail-on', 'info'], /--fail-on must be error or warning/],
      [['lint', 'warn.html', '--max-warnings', 'many'], /--max-warnings must be a whole number/],
      [['lint', 'warn.html', '--clients', 'gmail.ios,hotmail.classic'], /Unknown email client "hotmail.classic"/],
    ];
    for (const [args, message] of cases) {
      const run = mailbench(args);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr).toMatch(message);
      expect(run.stderr).toMatch(/Usage: mailbench lint/);
    }
  });

  it('says a missing file is missing, without totals that read as a clean result', () => {
    for (const target of ['missing.html', 'nothing/*.html']) {
      const run = mailbench(['lint', target]);
      expect(run.code, target).toBe(2);
      expect(run.stderr).toMatch(/cannot read missing\.html|no files match nothing\/\*\.html/);
      expect(run.stderr).not.toMatch(/file\(s\)/);
    }
  });

  it('applies mailbench.config.json from the working folder, and --clients over it', () => {
    const project = join(work.dir, 'project');
    mkdirSync(project, { recursive: true });
    copyFileSync(join(work.dir, 'warn.html'), join(project, 'warn.html'));
    writeFileSync(join(project, 'mailbench.config.json'), JSON.stringify({ rules: { 'http-link': 'error' } }));
    const strict = mailbench(['lint', 'warn.html'], project);
    expect(strict.code).toBe(1);
    expect(strict.stdout).toMatch(/error http-link/);
    writeFileSync(join(project, 'mailbench.config.json'), JSON.stringify({ rules: { 'http-link': 'off' } }));
    expect(mailbench(['lint', 'warn.html'], project).stdout).not.toMatch(/http-link/);
    const flex = join(project, 'flex.html');
    writeFileSync(flex, '<!DOCTYPE html><html lang="en"><head><title>Hi</title></head><body><div style="display:flex">Hello</div></body></html>');
    expect(mailbench(['lint', 'flex.html', '--clients', 'outlook.windows'], project).stdout).toMatch(/error caniemail\/css-display-flex/);
    expect(mailbench(['lint', 'flex.html', '--clients', 'apple-mail.ios'], project).stdout).not.toMatch(/css-display-flex/);
    writeFileSync(join(project, 'mailbench.config.json'), '{ "rules": [] }');
    const broken = mailbench(['lint', 'warn.html'], project);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/mailbench\.config\.json.*rules/);
  });
});
