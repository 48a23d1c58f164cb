import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MailServers, startMailServers } from '../../support/mail-servers';
import { tempDir } from '../../support/temp';
import { mailboxes } from './helpers';

const bin = fileURLToPath(new URL('../../../bin/mailbench.mjs', import.meta.url));
const boxes = mailboxes(16);
const SMTP_PASSWORD = 'Kn0wn-Test-Pa55word-7f3a';
const IMAP_PASSWORD = 'imap-shared-secret-91b2';
let servers: MailServers;
const data = tempDir();

beforeAll(async () => {
  servers = await startMailServers({
    mailboxes: boxes.map((box) => ({ ...box, password: IMAP_PASSWORD })),
    auth: { user: 'sender', pass: SMTP_PASSWORD },
    faults: { dataDelayMs: 120 },
  });
  writeFileSync(join(data.dir, 'seeds.csv'), [
    'address,provider,imap_host,imap_port,imap_tls,imap_user,imap_password_env,tags',
    ...boxes.map((box) => `${box.address},,127.0.0.1,${servers.imapPort},no,${box.address},SEED_IMAP_PW,ci`),
  ].join('\n'));
  writeFileSync(join(data.dir, 'news.html'), '<html><head><title>November news</title></head><body><p>Hello seeds</p></body></html>');
});
afterAll(async () => {
  await servers?.stop();
  data.cleanup();
});

interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function cli(args: string[]): { child: ChildProcess; done: Promise<Finished>; stderr: () => string } {
  const child = spawn(process.execPath, [bin, ...args], {
    cwd: data.dir,
    env: { ...process.env, MAILBENCH_DATA_DIR: join(data.dir, 'app'), MAILBENCH_SMTP_PASSWORD: SMTP_PASSWORD, SEED_IMAP_PW: IMAP_PASSWORD },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<Finished>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal, stdout, stderr })));
  return { child, done, stderr: () => stderr };
}

const sendArgs = () => ['seed', 'send', '--smtp', `smtp://sender@127.0.0.1:${servers.smtpPort}`, '--from', 'news@sender.test', '--seeds', 'seeds.csv', 'news.html', '--pool', '2', '--json'];

describe('mailbench seed send, killed mid-run and resumed', () => {
  let runId = '';
  const outputs: string[] = [];

  it('resumes a SIGKILLed run: every seed gets exactly one copy, none lost', async () => {
    const first = cli(sendArgs());
    // Killed while the receiver holds a message: that row is 'sending' with no known outcome.
    await expect.poll(() => servers.deliveries.length >= 5 && servers.receiving > 0, { timeout: 30_000, interval: 5 }).toBe(true);
    first.child.kill('SIGKILL');
    const killed = await first.done;
    outputs.push(killed.stdout, killed.stderr);
    expect(killed.signal).toBe('SIGKILL');
    runId = /Run ([0-9a-f]{12}):/.exec(killed.stderr)?.[1] ?? '';
    expect(runId).toMatch(/^[0-9a-f]{12}$/);
    expect(servers.deliveries.length).toBeLessThan(boxes.length);
    // Let the receiver finish the message it was holding when the client died.
    await servers.settled();

    const resumed = await cli(['seed', 'send', '--resume', runId, '--json']).done;
    outputs.push(resumed.stdout, resumed.stderr);
    expect(resumed.stderr).toContain(`Run ${runId}: resuming.`);
    expect(resumed.code).toBe(0);
    const result = JSON.parse(resumed.stdout) as { runId: string; recipients: Array<{ address: string; status: string; code: number | null; response: string | null }> };
    expect(result.runId).toBe(runId);
    expect(result.recipients.map((row) => row.address)).toEqual(boxes.map((box) => box.address));
    expect(result.recipients.every((row) => row.status === 'accepted')).toBe(true);
    expect(Object.keys(result.recipients[0]!).sort()).toEqual(['address', 'code', 'response', 'status']);
    // The rows in flight at the kill had no known outcome; the resume asked the mailbox before deciding.
    expect(result.recipients.some((row) => row.response?.startsWith('Interrupted while sending'))).toBe(true);

    const perRecipient = new Map<string, number>();
    for (const delivery of servers.deliveries) perRecipient.set(delivery.recipient, (perRecipient.get(delivery.recipient) ?? 0) + 1);
    expect(perRecipient.size).toBe(boxes.length);
    expect([...perRecipient.values()].every((count) => count === 1)).toBe(true);
    expect(servers.logins.every((login) => login.user === 'sender' && login.pass === SMTP_PASSWORD)).toBe(true);
  });

  it('reports placement over IMAP for the resumed run, one copy per seed', async () => {
    const placed = await cli(['seed', 'placement', runId, '--json']).done;
    outputs.push(placed.stdout, placed.stderr);
    expect(placed.code).toBe(0);
    const report = JSON.parse(placed.stdout) as { runId: string; matrix: { overall: { inbox: { count: number } } }; recipients: Array<{ placement: string; copies: number; folder: string }> };
    expect(report.runId).toBe(runId);
    expect(report.matrix.overall.inbox.count).toBe(boxes.length);
    expect(report.recipients.every((row) => row.placement === 'inbox' && row.copies === 1 && row.folder === 'INBOX')).toBe(true);
    expect(servers.dovecotLog()).not.toMatch(/Error:/);
  });

  it('keeps the SMTP and IMAP passwords out of the database file, the output and the exports', async () => {
    const app = join(data.dir, 'app');
    // One more process that checkpoints the WAL into the main file, so the file holds everything written.
    const checkpoint = await cli(['seed', 'placement', runId]).done;
    outputs.push(checkpoint.stdout, checkpoint.stderr);
    const { default: Database } = await import('better-sqlite3');
    const db = new Database(join(app, 'mailbench.db'));
    db.pragma('wal_checkpoint(TRUNCATE)');
    const smtpJson = (db.prepare('SELECT smtp_json FROM seed_runs WHERE id = ?').get(runId) as { smtp_json: string }).smtp_json;
    db.close();
    expect(JSON.parse(smtpJson)).toMatchObject({ user: 'sender', password: { kind: 'env', name: 'MAILBENCH_SMTP_PASSWORD' } });
    const { SeedService } = await import('../../../electron/services/seeds/service');
    const { createRuntime } = await import('../../../electron/services/runtime');
    const rt = createRuntime({ dataDir: app, transport: 'web', logError: () => {} });
    const service = new SeedService({ db: rt.db, secrets: rt.secrets, emit: () => {} });
    const exported = service.exportReport(runId);
    await rt.close();
    expect(exported.split('\n').length).toBeGreaterThan(boxes.length);
    const haystacks = [readFileSync(join(app, 'mailbench.db')), Buffer.from(outputs.join('\n')), Buffer.from(exported)];
    for (const secret of [SMTP_PASSWORD, IMAP_PASSWORD]) {
      for (const haystack of haystacks) {
        expect(haystack.includes(Buffer.from(secret, 'utf8'))).toBe(false);
        expect(haystack.includes(Buffer.from(secret, 'utf16le'))).toBe(false);
      }
    }
  });
});

describe('mailbench seed send, killed with seeds that have no IMAP access', () => {
  it('marks rows whose outcome was lost as unknown and resends them only with --resend-unknown', async () => {
    writeFileSync(join(data.dir, 'no-imap.csv'), ['address', ...boxes.map((box) => box.address)].join('\n'));
    const args = sendArgs().map((arg) => (arg === 'seeds.csv' ? 'no-imap.csv' : arg));
    const before = servers.deliveries.length;
    const first = cli(args);
    await expect.poll(() => servers.deliveries.length - before, { timeout: 30_000, interval: 20 }).toBeGreaterThanOrEqual(4);
    first.child.kill('SIGKILL');
    const killed = await first.done;
    const runId = /Run ([0-9a-f]{12}):/.exec(killed.stderr)?.[1] ?? '';
    await servers.settled();
    const afterKill = servers.deliveries.length;

    const resumed = await cli(['seed', 'send', '--resume', runId, '--json']).done;
    expect(resumed.code).toBe(1);
    const rows = (JSON.parse(resumed.stdout) as { recipients: Array<{ address: string; status: string; response: string | null }> }).recipients;
    const unknown = rows.filter((row) => row.status === 'unknown');
    expect(unknown.length).toBeGreaterThan(0);
    expect(unknown[0]!.response).toContain('not resent without your say');
    expect(rows.filter((row) => row.status === 'accepted')).toHaveLength(boxes.length - unknown.length);
    // Nothing whose outcome is unknown went out again.
    const resent = servers.deliveries.slice(afterKill).map((delivery) => delivery.recipient);
    for (const row of unknown) expect(resent).not.toContain(row.address);

    const forced = await cli(['seed', 'send', '--resume', runId, '--resend-unknown', '--json']).done;
    expect(forced.code).toBe(0);
    expect((JSON.parse(forced.stdout) as { recipients: Array<{ status: string }> }).recipients.every((row) => row.status === 'accepted')).toBe(true);
  });
});
