import { spawnSync } from 'node:child_process';
import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseReport } from '../../../electron/services/lint/spamassassin';
import { testRuntime } from '../../support/runtime';
import { tempDir } from '../../support/temp';

const bin = fileURLToPath(new URL('../../../bin/mailbench.mjs', import.meta.url));
const fixtures = fileURLToPath(new URL('../../fixtures/', import.meta.url));
const work = tempDir('mailbench-spamcheck-');
// SpamAssassin writes ~/.spamassassin on first run: keep it in the test's folder.
const env = { ...process.env, HOME: work.dir, MAILBENCH_DATA_DIR: join(work.dir, '.data') };
const gtube = 'XJS*C4JDBQADN1.NSBN3*2IDNEN*GTUBE-STANDARD-ANTI-UBE-TEST-EMAIL*C.34X';

function mailbench(args: string[], extraEnv: NodeJS.ProcessEnv = {}) {
  const result = spawnSync(process.execPath, [bin, ...args], { cwd: work.dir, encoding: 'utf8', env: { ...env, ...extraEnv }, timeout: 90_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

let savedHome: string | undefined;
beforeAll(() => {
  savedHome = process.env.HOME;
  process.env.HOME = work.dir;
  writeFileSync(join(work.dir, 'gtube.html'), `<!DOCTYPE html>\n<html lang="en"><head><title>Test</title></head>\n<body>\n<p>Hello</p>\n<p>${gtube}</p>\n</body></html>\n`);
  copyFileSync(join(fixtures, 'spam/ham/00001.7c53336b37003a9286aba55d2945844c.eml'), join(work.dir, 'ham.eml'));
});
afterAll(() => {
  process.env.HOME = savedHome;
  work.cleanup();
});

describe('SpamAssassin on demand (Debian spamassassin 4, local tests only)', () => {
  it('mailbench spamcheck lists each rule hit with its score and the source line, and exits 1 for spam', () => {
    const run = mailbench(['spamcheck', 'gtube.html']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^gtube\.html: \d+\.\d points \(5\.0 required\) by (spamc|spamassassin): SPAM/);
    expect(run.stdout).toMatch(/1000\.0 GTUBE\s+gtube\.html:5 /);
  });

  it('reports a ham message as not spam as JSON with the rules it hit', () => {
    const run = mailbench(['spamcheck', 'ham.eml', '--json']);
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as { isSpam: boolean; score: number; threshold: number; hits: Array<{ rule: string; score: number }> };
    expect(result.isSpam).toBe(false);
    expect(result.threshold).toBe(5);
    expect(result.score).toBeLessThan(5);
    expect(result.hits.every((hit) => /^[A-Z0-9_]+$/.test(hit.rule))).toBe(true);
  });

  it('says clearly when SpamAssassin is not installed (exit 2)', () => {
    const run = mailbench(['spamcheck', 'gtube.html'], { PATH: join(work.dir, 'empty-path') });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/SpamAssassin is not installed.*apt install spamassassin/);
  });

  it('serves lint.spamcheck to the app through the contract', async () => {
    const { rt, cleanup } = testRuntime();
    try {
      const html = `<!DOCTYPE html><html><body><p>${gtube}</p></body></html>`;
      const result = await rt.dispatcher.call('lint.spamcheck', { language: 'html', source: html, compiledHtml: html });
      expect(result).toMatchObject({ ok: true, value: { isSpam: true } });
      const saved = await rt.dispatcher.call('lint.settings.set', { settings: { clients: ['gmail.ios'], rules: { 'img-alt': 'off' } } });
      expect(saved).toMatchObject({ ok: true });
      expect(await rt.dispatcher.call('lint.settings.get', {})).toEqual({ ok: true, value: { clients: ['gmail.ios'], rules: { 'img-alt': 'off' } } });
      const bad = await rt.dispatcher.call('lint.settings.set', { settings: { clients: ['hotmail.classic'] } });
      expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/hotmail\.classic/) } });
    } finally {
      await cleanup();
    }
  });

  it('parses both report shapes SpamAssassin prints', () => {
    const spamc = '6.1/5.0\n\nContent analysis details:   (6.1 points, 5.0 required)\n\n pts rule name              description\n---- ---------------------- --------------------------------------------------\n 3.1 MALE_ENHANCE           Message talks about enhancing men\n 3.0 LONG_RULE              A description that goes on\n                            and continues on the next line\n\n';
    expect(parseReport(spamc)).toEqual({
      score: 6.1,
      threshold: 5,
      hits: [
        { score: 3.1, rule: 'MALE_ENHANCE', description: 'Message talks about enhancing men' },
        { score: 3, rule: 'LONG_RULE', description: 'A description that goes on and continues on the next line' },
      ],
    });
    expect(parseReport('no report here')).toBeUndefined();
  });
});
