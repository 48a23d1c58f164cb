import { spawnSync } from 'node:child_process';
import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simpleParser } from 'mailparser';
import { parseReport, spamdPort } from '../../../electron/services/lint/spamassassin';
import { lint } from '../../../shared/lint/index';
import { quotedPrintable, wrapTemplate } from '../../../shared/mail/wrap';
import { freePort, type Spamd, startSpamd } from '../../spam-reference/spamd';
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
// A spamd of the test's own on a free port, with SpamAssassin's standard report, as a user's spamd would answer.
let spamd: Spamd;
beforeAll(async () => {
  spamd = await startSpamd({ report: 'standard', readyWithinMs: 150_000 });
  savedHome = process.env.HOME;
  process.env.HOME = work.dir;
  writeFileSync(join(work.dir, 'gtube.html'), `<!DOCTYPE html>\n<html lang="en"><head><title>Test</title></head>\n<body>\n<p>Hello</p>\n<p>${gtube}</p>\n</body></html>\n`);
  copyFileSync(join(fixtures, 'spam/ham/00001.7c53336b37003a9286aba55d2945844c.eml'), join(work.dir, 'ham.eml'));
}, 180_000);
afterAll(async () => {
  process.env.HOME = savedHome;
  await spamd?.stop();
  work.cleanup();
});

/** A template with nothing in it for a rule to catch: what is left is what the wrapper itself adds. */
const plainTemplate = '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>Notes for May</title></head>\n<body><p>Thanks for reading our notes this month. We wrote about the garden and the new opening hours.</p></body></html>\n';
/** Hits that say something about any HTML template or any unsent message, worth 0.001 points or less. */
const notTheWrapper = new Set(['HTML_MESSAGE', 'NO_RECEIVED', 'NO_RELAYS']);

describe('SpamAssassin on demand (Debian spamassassin 4, local tests only)', () => {
  it('mailbench spamcheck finds the spamd on SPAMD_PORT, lists each rule hit with its score and the source line, and exits 1 for spam', () => {
    const run = mailbench(['spamcheck', 'gtube.html'], { SPAMD_PORT: String(spamd.port) });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(new RegExp(`^gtube\\.html: \\d+\\.\\d points \\(5\\.0 required\\) by spamd on port ${spamd.port}: SPAM`));
    expect(run.stdout).toMatch(/1000\.0 GTUBE\s+gtube\.html:5 /);
  });

  it('reports a ham message as not spam as JSON with the rules it hit and which engine answered (--spamd-port wins over SPAMD_PORT)', () => {
    const run = mailbench(['spamcheck', 'ham.eml', '--json', '--spamd-port', String(spamd.port)], { SPAMD_PORT: '1' });
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as { engine: string; answeredBy: string; port: number; isSpam: boolean; score: number; threshold: number; hits: Array<{ rule: string; score: number }> };
    expect(result).toMatchObject({ engine: 'spamc', answeredBy: `spamd on port ${spamd.port}`, port: spamd.port, isSpam: false, threshold: 5 });
    expect(result.score).toBeLessThan(5);
    expect(result.hits.every((hit) => /^[A-Z0-9_]+$/.test(hit.rule))).toBe(true);
  });

  it('without a spamd on the port, says a cold spamassassin -L answered', async () => {
    const run = mailbench(['spamcheck', 'gtube.html', '--json'], { SPAMD_PORT: String(await freePort()) });
    expect(run.code).toBe(1);
    const result = JSON.parse(run.stdout) as { engine: string; answeredBy: string; port?: number; isSpam: boolean };
    expect(result).toMatchObject({ engine: 'spamassassin', answeredBy: 'cold spamassassin -L', isSpam: true });
    expect(result.port).toBeUndefined();
  });

  it('refuses a SPAMD_PORT or --spamd-port that is not a port, naming it (exit 2)', () => {
    const env = mailbench(['spamcheck', 'gtube.html'], { SPAMD_PORT: 'localhost:783' });
    expect(env.code).toBe(2);
    expect(env.stderr).toMatch(/SPAMD_PORT="localhost:783" is not a port number/);
    const flag = mailbench(['spamcheck', 'gtube.html', '--spamd-port', '70000']);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toMatch(/--spamd-port 70000/);
    expect(spamdPort(undefined, {})).toBe(783);
    expect(spamdPort(undefined, { SPAMD_PORT: ' 10783 ' })).toBe(10783);
    expect(spamdPort(2783, { SPAMD_PORT: '10783' })).toBe(2783);
  });

  it('the template wrapper adds no hits of its own in real SpamAssassin; the old bare-To wrapper did (PDS_BRAND_SUBJ_NAKED_TO)', async () => {
    const wrapped = await spamd.check(wrapTemplate(plainTemplate));
    const wrapperHits = [...wrapped.hits.keys()].filter((rule) => !notTheWrapper.has(rule));
    expect(wrapperHits).toEqual([]);
    expect(wrapped.hits.get('HTML_MESSAGE')).toBeDefined();
    // The wrapper spamcheck used before: a bare To and a brand-like Subject, which SpamAssassin scores by itself.
    const { default: MailComposer } = await import('nodemailer/lib/mail-composer');
    const old = await new MailComposer({ from: 'Mailbench check <check@mailbench.invalid>', to: 'inbox@mailbench.invalid', subject: 'Mailbench spam check', html: plainTemplate, text: 'Thanks for reading our notes this month.' }).compile().build();
    expect((await spamd.check(old)).hits.get('PDS_BRAND_SUBJ_NAKED_TO')).toBeGreaterThan(0);
  });

  it("a relay that HELO'd as a home.nl dynamic host: real SpamAssassin and the engine both score HELO_DYNAMIC_HOME_NL", async () => {
    // The rule's `[^]]+` is Perl's "no bracket"; read as JavaScript it was `[^]` (any character) then `]+`, and never hit.
    const message = [
      'Received: from cp12-a.bc3.nl.home.nl (cp12-a.bc3.nl.home.nl [198.51.100.7])',
      '\tby mx.example.org (Postfix) with ESMTP id 4ABC12;',
      '\tSun, 6 Dec 2026 10:00:00 +0000 (UTC)',
      'From: "Jan" <jan@example.net>',
      'To: "Piet" <piet@example.org>',
      'Subject: Hallo',
      'Date: Sun, 6 Dec 2026 10:00:00 +0000',
      'Message-ID: <20261206100000.1@example.net>',
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=UTF-8',
      '',
      'Hoi Piet, tot morgen.',
      '',
    ].join('\r\n');
    const reference = await spamd.check(message);
    const ours = lint({ kind: 'eml', source: message }, { families: ['spam'] });
    expect(reference.hits.get('HELO_DYNAMIC_HOME_NL')).toBeGreaterThan(0);
    expect(ours.spamHits.map((hit) => hit.rule)).toContain('HELO_DYNAMIC_HOME_NL');
    expect(ours.spamHits.map((hit) => hit.rule).sort()).toEqual([...reference.hits.keys()].sort());
  });

  it('the wrapper is a well-formed message: display names, title as Subject, both parts decode back exactly, QP lines within 76', async () => {
    const title = 'Café & friends \u2013 news for \u{1F331} spring';
    const html = `<html><head><title>${title.replace('&', '&amp;')}</title></head><body><p>${'Grüße aus der Küche, = mit Leerzeichen am Ende   \n'.repeat(40)}${'x'.repeat(300)}</p></body></html>`;
    const message = wrapTemplate(html, { date: new Date('2026-05-01T10:00:00Z') });
    expect(/^[\x00-\x7f]*$/.test(message)).toBe(true);
    expect(message.split('\r\n').every((line) => line.length <= 76)).toBe(true);
    const parsed = await simpleParser(Buffer.from(message, 'latin1'));
    expect(parsed.subject).toBe(title);
    expect(parsed.html).toBe(html);
    expect(parsed.text?.trim()).toContain('Grüße aus der Küche');
    expect(parsed.from?.value).toEqual([{ name: 'Mailbench Preview', address: 'preview@example.com' }]);
    expect(parsed.to).toMatchObject({ value: [{ name: 'Mailbench Reader', address: 'reader@example.com' }] });
    expect(parsed.date?.toISOString()).toBe('2026-05-01T10:00:00.000Z');
    expect(parsed.messageId).toMatch(/^<20260501100000\.[0-9a-f]{8}@example\.com>$/);
    expect(message).toMatch(/Content-Type: multipart\/alternative; boundary="([^"]+)"\r\n\r\n--\1\r\nContent-Type: text\/plain; charset=UTF-8/);
    expect(quotedPrintable('a=b \nend ')).toBe('a=3Db=20\r\nend=20');
    expect(wrapTemplate('<p>No title here</p>')).toMatch(/\r\nSubject: Our latest update\r\n/);
    // A subject given with a line break cannot add a header of its own.
    const injected = wrapTemplate('<p>Hi</p>', { subject: 'Hello\r\nBcc: victim@example.com' });
    expect(injected).toMatch(/\r\nSubject: Hello Bcc: victim@example\.com\r\n/);
    expect(injected).not.toMatch(/\r\nBcc:/);
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
      expect(await rt.dispatcher.call('lint.settings.set', { settings: { spamdPort: spamd.port } })).toMatchObject({ ok: true });
      const result = await rt.dispatcher.call('lint.spamcheck', { language: 'html', source: html, compiledHtml: html });
      expect(result).toMatchObject({ ok: true, value: { isSpam: true, engine: 'spamc', answeredBy: `spamd on port ${spamd.port}`, port: spamd.port } });
      const saved = await rt.dispatcher.call('lint.settings.set', { settings: { clients: ['gmail.ios'], rules: { 'img-alt': 'off' } } });
      expect(saved).toMatchObject({ ok: true });
      expect(await rt.dispatcher.call('lint.settings.get', {})).toEqual({ ok: true, value: { clients: ['gmail.ios'], rules: { 'img-alt': 'off' } } });
      const bad = await rt.dispatcher.call('lint.settings.set', { settings: { clients: ['hotmail.classic'] } });
      expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/hotmail\.classic/) } });
    } finally {
      await cleanup();
    }
  });

  it('mailbench rules lists every SpamAssassin rule with family, score, what it looks at, and why it is not ported', () => {
    const json = mailbench(['rules', '--json']);
    expect(json.stderr).toBe('');
    expect(json.code).toBe(0);
    type Row = { name: string; family: string; score: number; looksAt: string; ported: boolean; notPorted?: string; reason?: string; describe: string };
    const listed = JSON.parse(json.stdout) as { summary: { rules: number; ported: number; notPorted: Record<string, number> }; rules: Row[] };
    const byName = new Map(listed.rules.map((row) => [row.name, row]));
    expect(listed.summary.rules).toBe(listed.rules.length);
    expect(listed.summary.ported + Object.values(listed.summary.notPorted).reduce((a, b) => a + b, 0)).toBe(listed.rules.length);
    expect(listed.rules.some((row) => row.name.startsWith('__'))).toBe(false);
    expect(listed.rules.every((row) => row.ported === (row.notPorted === undefined))).toBe(true);
    expect(byName.get('HTML_MESSAGE')).toMatchObject({ family: 'html_tests', looksAt: 'body', score: 0.001, describe: 'HTML included in message' });
    expect(byName.get('URIBL_BLACK')).toMatchObject({ family: 'uribl', ported: false, notPorted: 'network' });
    expect(byName.get('BAYES_99')).toMatchObject({ ported: false, notPorted: 'bayes' });
    const text = mailbench(['rules']);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^HTML_MESSAGE +html_tests +body +0\.001 +(yes|no: \w+)/m);
    expect(text.stdout.trim().split('\n').at(-1)).toBe(`${listed.summary.rules} rules: ${listed.summary.ported} ported, ${listed.summary.rules - listed.summary.ported} not (${Object.entries(listed.summary.notPorted).map(([k, n]) => `${k} ${n}`).join(', ')}).`);
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
