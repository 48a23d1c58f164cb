import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RUN_ROWS_MAX_PAGE } from '../../../shared/contract/seeds';
import { type MailServers, startMailServers } from '../../support/mail-servers';
import { tempDir } from '../../support/temp';
import { mailboxes } from './helpers';

/** Issue #16: the service hands a run's rows out a page at a time; the CLI still prints every one of them. */

const bin = fileURLToPath(new URL('../../../bin/mailbench.mjs', import.meta.url));
const IMAP_PASSWORD = 'imap-paging-secret-5c1d';
const boxes = mailboxes(2);
// More seeds than one page: the receiver refuses the unknown ones (550) at once, so the run stays short.
const SEEDS = RUN_ROWS_MAX_PAGE + 50;
const addresses = [...boxes.map((box) => box.address), ...Array.from({ length: SEEDS - boxes.length }, (_, i) => `nobody${i}@seeds.test`)];
let servers: MailServers;
const data = tempDir();

beforeAll(async () => {
  servers = await startMailServers({ mailboxes: boxes.map((box) => ({ ...box, password: IMAP_PASSWORD })) });
  writeFileSync(join(data.dir, 'seeds.csv'), [
    'address,provider,imap_host,imap_port,imap_tls,imap_user,imap_password_env',
    ...addresses.map((address, i) => (i < boxes.length ? `${address},gmail,127.0.0.1,${servers.imapPort},no,${address},SEED_IMAP_PW` : `${address},yahoo,,,,,`)),
  ].join('\n'));
  writeFileSync(join(data.dir, 'news.html'), '<html><head><title>Paged news</title></head><body><p>Hello, many seeds</p></body></html>');
});
afterAll(async () => {
  await servers?.stop();
  data.cleanup();
});

async function cli(args: string[]): Promise<{ code: number; stdout: string }> {
  try {
    const { stdout } = await promisify(execFile)(process.execPath, [bin, ...args], {
      cwd: data.dir,
      env: { ...process.env, MAILBENCH_DATA_DIR: join(data.dir, 'app'), SEED_IMAP_PW: IMAP_PASSWORD },
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, stdout };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string };
    if (typeof failed.code !== 'number') throw error;
    return { code: failed.code, stdout: failed.stdout ?? '' };
  }
}

describe(`mailbench seed on a run of ${SEEDS} seeds (more than one page of ${RUN_ROWS_MAX_PAGE})`, () => {
  let runId = '';

  it('send --json lists every seed once, in the order of the CSV', async () => {
    const sent = await cli(['seed', 'send', '--smtp', `smtp://127.0.0.1:${servers.smtpPort}`, '--from', 'news@sender.test', '--seeds', 'seeds.csv', 'news.html', '--pool', '4', '--json']);
    // Not all accepted: exit 1, from the summary's counts.
    expect(sent.code).toBe(1);
    const output = JSON.parse(sent.stdout) as { runId: string; recipients: Array<{ address: string; status: string; code: number | null }> };
    runId = output.runId;
    expect(output.recipients.map((row) => row.address)).toEqual(addresses);
    expect(output.recipients.filter((row) => row.status === 'accepted').map((row) => row.address)).toEqual(boxes.map((box) => box.address));
    expect(output.recipients.filter((row) => row.status === 'rejected' && row.code === 550)).toHaveLength(SEEDS - boxes.length);
  });

  it('placement --json and the text output carry every seed too', async () => {
    const placed = await cli(['seed', 'placement', runId, '--json']);
    expect(placed.code).toBe(0);
    const output = JSON.parse(placed.stdout) as { matrix: { overall: { total: number; inbox: { count: number } } }; recipients: Array<{ address: string; placement: string }> };
    expect(output.recipients.map((row) => row.address)).toEqual(addresses);
    expect(output.recipients.filter((row) => row.placement === 'inbox').map((row) => row.address)).toEqual(boxes.map((box) => box.address));
    expect(output.matrix.overall).toMatchObject({ total: boxes.length, inbox: { count: boxes.length } });

    const text = await cli(['seed', 'placement', runId]);
    const seedLines = text.stdout.split('\n').filter((line) => /^\S+\s+\S+@seeds\.test/.test(line));
    expect(seedLines).toHaveLength(SEEDS);
    expect(seedLines.at(-1)).toMatch(new RegExp(`^unchecked\\s+${addresses.at(-1)!.replace('.', '\\.')}$`));
  });
});
