import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ImapFlow } from 'imapflow';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../../electron/cli/command';
import { runCli } from '../../../electron/cli/main';
import { type MailServers, startMailServers } from '../../support/mail-servers';
import { tempDir } from '../../support/temp';

const box = { address: 'dmarc@reports.test', password: 'Imap-Pa55-dmarc' };
const fixture = (path: string) => readFileSync(fileURLToPath(new URL(`../../fixtures/dmarc/${path}`, import.meta.url)));
const data = tempDir();
let servers: MailServers;

async function deliver(...paths: string[]): Promise<void> {
  const smtp = nodemailer.createTransport({ host: '127.0.0.1', port: servers.smtpPort, secure: false, ignoreTLS: true });
  for (const path of paths) await smtp.sendMail({ envelope: { from: 'reports@example.net', to: [box.address] }, raw: fixture(path) });
  smtp.close();
  await servers.settled();
}

async function cli(...args: string[]) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const io: CliIo = { out: (t) => stdout.push(t), err: (t) => stderr.push(t), isTty: false, env: { MAILBENCH_DATA_DIR: join(data.dir, 'data'), MAILBENCH_IMAP_PASSWORD: box.password }, cwd: data.dir };
  const code = await runCli(args, io);
  return { code, out: stdout.join('\n'), err: stderr.join('\n') };
}

beforeAll(async () => {
  servers = await startMailServers({ mailboxes: [box] });
});
afterAll(async () => {
  expect(servers?.dovecotLog()).not.toMatch(/Error:/);
  await servers?.stop();
  data.cleanup();
});

describe('mailbench dmarc fetch from an IMAP folder (Dovecot on loopback)', () => {
  it('imports the report mail, read-only, and a second fetch reads only what arrived since', async () => {
    await deliver('aggregate/twilight.eml', 'failure/dmarc_ruf_report_linkedin.eml', 'refused/newsletter.eml');
    const url = `imap://${encodeURIComponent(box.address)}@127.0.0.1:${servers.imapPort}/INBOX`;
    const first = await cli('dmarc', 'fetch', '--imap', url, '--json');
    expect(first.err).toBe('');
    const result = JSON.parse(first.out) as { fetched: number; imported: Array<{ file: string; kind: string; reportId: string }>; refused: Array<{ file: string; reason: string }> };
    expect(first.code).toBe(1);
    expect(result.fetched).toBe(3);
    expect(result.imported.map((r) => [r.file, r.kind, r.reportId])).toEqual([
      ['INBOX/1', 'aggregate', '1627703331531660819'],
      ['INBOX/2', 'failure', 'BB.91.26019.C3EA7CC5@mail516.prod.linkedin.com'],
    ]);
    expect(result.refused).toEqual([{ file: 'INBOX/3', reason: expect.stringMatching(/^The email carries no DMARC or TLS report/) }]);

    await deliver('tls/google.com_smtp_tls_report.eml');
    const second = await cli('dmarc', 'fetch', '--imap', url, '--json');
    expect(second.code).toBe(0);
    expect(JSON.parse(second.out)).toMatchObject({ fetched: 1, imported: [{ file: 'INBOX/4', kind: 'tls' }], duplicates: [], refused: [] });
    const third = await cli('dmarc', 'fetch', '--imap', url);
    expect(third.code).toBe(0);
    expect(third.out).toMatch(/0 new messages read from INBOX$/);

    // Read-only: no message got \Seen.
    const client = new ImapFlow({ host: '127.0.0.1', port: servers.imapPort, secure: false, auth: { user: box.address, pass: box.password }, logger: false });
    await client.connect();
    const lock = await client.getMailboxLock('INBOX', { readOnly: true });
    try {
      for await (const message of client.fetch('1:*', { flags: true })) expect(message.flags?.has('\\Seen')).toBe(false);
    } finally {
      lock.release();
      await client.logout();
    }
  });

  it('says what is wrong with the URL, the password or the folder', async () => {
    expect((await cli('dmarc', 'fetch', '--imap', 'http://x@host/INBOX')).code).toBe(2);
    expect((await cli('dmarc', 'fetch', '--imap', 'imap://user:secret@host/INBOX')).err).toMatch(/Do not put the password in --imap/);
    const missing = await cli('dmarc', 'fetch', '--imap', `imap://${encodeURIComponent(box.address)}@127.0.0.1:${servers.imapPort}/Nope`);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/There is no folder "Nope"/);
    const wrong = await cli('dmarc', 'fetch', '--imap', `imap://nobody%40reports.test@127.0.0.1:${servers.imapPort}/INBOX`);
    expect(wrong.code).toBe(2);
    expect(wrong.err).toMatch(/Cannot log in to 127\.0\.0\.1:\d+ as nobody@reports\.test/);
  });
});
