import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/main';
import { tempDir } from '../../support/temp';

const temps: Array<() => void> = [];
afterEach(() => temps.splice(0).forEach((cleanup) => cleanup()));

async function run(args: string[], files: Record<string, string> = {}) {
  const { dir, cleanup } = tempDir();
  temps.push(cleanup);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (t) => out.push(t), err: (t) => err.push(t), isTty: false, env: { MAILBENCH_DATA_DIR: join(dir, 'data') }, cwd: dir });
  return { code, out: out.join('\n'), err: err.join('\n'), dataCreated: existsSync(join(dir, 'data')) };
}

const good = ['seed', 'send', '--smtp', 'smtp://127.0.0.1:2525', '--from', 'news@shop.example', '--seeds', 'seeds.csv', 'mail.html'];

describe('mailbench seed: bad input exits 2 with one line that says what to do', () => {
  it('asks for the missing flag without opening the database', async () => {
    const result = await run(['seed', 'send', '--from', 'a@b.example', '--seeds', 's.csv', 't.html']);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/^mailbench seed: --smtp is required \(smtp:\/\/user@host:587 or smtps:\/\/user@host:465\)\./);
    expect(result.dataCreated).toBe(false);
  });

  it('names the CSV line with a bad address', async () => {
    const result = await run(good, { 'seeds.csv': 'address\nok@gmail.com\nbroken\n', 'mail.html': '<p>x</p>' });
    expect(result.code).toBe(2);
    expect(result.err).toContain('seeds.csv:3: address: Expected an email address');
  });

  it('refuses a template that is neither HTML nor MJML, and an unreadable one', async () => {
    expect((await run([...good.slice(0, -1), 'mail.txt'], { 'seeds.csv': 'address\na@gmail.com\n', 'mail.txt': 'x' })).err).toContain('mail.txt is neither .html nor .mjml.');
    expect((await run(good, { 'seeds.csv': 'address\na@gmail.com\n' })).err).toMatch(/Cannot read the template mail\.html \(ENOENT\)/);
  });

  it('needs MAILBENCH_SMTP_PASSWORD when the URL names a user', async () => {
    const args = ['seed', 'send', '--smtp', 'smtp://me@127.0.0.1:2525', ...good.slice(4)];
    const result = await run(args, { 'seeds.csv': 'address\na@gmail.com\n', 'mail.html': '<p>x</p>' });
    expect(result.code).toBe(2);
    expect(result.err).toContain('MAILBENCH_SMTP_PASSWORD is not set');
  });

  it('says when a run id does not exist', async () => {
    const result = await run(['seed', 'placement', 'ffffffffffff']);
    expect(result.code).toBe(2);
    expect(result.err).toContain('There is no seed run with id ffffffffffff.');
  });

  it('refuses an unknown subcommand', async () => {
    expect((await run(['seed', 'blast'])).err).toContain('unknown subcommand "blast"; use send or placement.');
  });
});
