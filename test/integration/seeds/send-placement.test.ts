import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecipientRow } from '../../../shared/contract/seeds';
import type { NewRecipient } from '../../../electron/services/seeds/run-store';
import { type MailServers, startMailServers } from '../../support/mail-servers';
import { testRuntime } from '../../support/runtime';
import { mailboxes, message, readFolder, senderDomain, serviceFor } from './helpers';

const boxes = mailboxes(4);
const sender = senderDomain();
let servers: MailServers;
const env = { MAILBENCH_IMAP_PASSWORD: 'unused' };

beforeAll(async () => {
  servers = await startMailServers({ mailboxes: boxes, spamRecipients: [boxes[1]!.address], faults: { rejectRecipients: [boxes[3]!.address] }, dns: sender.dns });
});
afterAll(async () => {
  await servers?.stop();
});

function recipients(): NewRecipient[] {
  return boxes.map((box, i) => ({
    address: box.address,
    provider: i === 2 ? 'microsoft' : 'gmail',
    imap: { host: '127.0.0.1', port: servers.imapPort, tls: false, user: box.address, passwordEnv: `SEED_PW_${i}` },
  }));
}

describe('a seed run against smtp-server + Dovecot', () => {
  it('sends DKIM-signed copies, records every SMTP outcome, and finds each copy in the right folder with its Authentication-Results', async () => {
    const { rt, cleanup } = testRuntime();
    const passwords = Object.fromEntries(boxes.map((box, i) => [`SEED_PW_${i}`, box.password]));
    const { service, events } = serviceFor(rt, { env: { ...env, ...passwords }, dkimKey: () => sender.dkim, scheduleMs: [60_000] });
    try {
      const runId = await service.startRun({
        smtp: { host: '127.0.0.1', port: servers.smtpPort, security: 'none', poolSize: 2, ratePerSecond: 0, password: { kind: 'none' } },
        message: message({ dkimKeyId: 'key-1' }),
        recipients: recipients(),
        // the user's word `outlook` is read as microsoft
        audience: { gmail: 75, outlook: 25 },
      });
      await service.finished(runId);
      service.stopPolling(runId);

      const sent = service.detail(runId);
      expect(sent.run.state).toBe('sent');
      expect(sent.recipients.map((row) => row.status)).toEqual(['accepted', 'accepted', 'accepted', 'rejected']);
      const rejected = sent.recipients[3]!;
      expect(rejected.code).toBe(550);
      expect(rejected.response).toContain('No such user');
      for (const row of sent.recipients.slice(0, 3)) {
        expect(row.code).toBe(250);
        expect(row.queueId).toMatch(/^HQ\d{6}$/);
        expect(row.testId).toMatch(new RegExp(`^mb-${runId}-\\d{5}$`));
        expect(row.durationMs).toBeGreaterThan(0);
      }
      // Rows were pushed to the UI as they got their outcome.
      const rowEvents = events.filter((e) => e.name === 'seeds.row').map((e) => e.payload as RecipientRow);
      expect(rowEvents.filter((row) => row.seq === 0).map((row) => row.status)).toEqual(['accepted']);
      expect(events.filter((e) => e.name === 'job.progress').at(-1)?.payload).toMatchObject({ jobId: runId, done: 4, total: 4, state: 'finished' });

      const checked = await service.checkPlacement(runId);
      const bySeed = new Map(checked.recipients.map((row) => [row.address, row]));
      expect(bySeed.get(boxes[0]!.address)).toMatchObject({ placement: 'inbox', folder: 'INBOX', copies: 1, auth: { spf: 'pass', dkim: 'pass', dmarc: 'pass' } });
      expect(bySeed.get(boxes[1]!.address)).toMatchObject({ placement: 'spam', folder: 'Junk', copies: 1, auth: { spf: 'pass', dkim: 'pass', dmarc: 'pass' } });
      expect(bySeed.get(boxes[2]!.address)).toMatchObject({ placement: 'inbox', folder: 'INBOX' });
      // refused at RCPT: never sent, which is no verdict on placement
      expect(bySeed.get(boxes[3]!.address)?.placement).toBe('not_sent');
      expect(bySeed.get(boxes[0]!.address)?.arrivalDelaySec).toBeGreaterThanOrEqual(0);

      expect(checked.matrix.overall).toMatchObject({ total: 4, notSent: 1, inbox: { count: 2, percent: 66.7 }, spam: { count: 1, percent: 33.3 }, missing: { count: 0, percent: 0 } });
      const gmail = checked.matrix.rows.find((row) => row.provider === 'gmail')!;
      expect(gmail).toMatchObject({ total: 3, notSent: 1, inbox: { count: 1 }, spam: { count: 1 }, missing: { count: 0 } });
      // 75% gmail (50% inbox) + 25% microsoft (100% inbox)
      expect(checked.matrix.weighted?.inbox).toBeCloseTo(62.5, 0);

      // Read-only: the checks left every copy unread.
      const inbox = await readFolder(servers, boxes[0]!, 'INBOX');
      const junk = await readFolder(servers, boxes[1]!, 'Junk');
      expect(inbox).toHaveLength(1);
      expect(junk).toHaveLength(1);
      for (const copy of [...inbox, ...junk]) expect(copy.flags.has('\\Seen')).toBe(false);

      // The copy carries the headers a bulk sender needs, and the signature covers the one-click header.
      const source = inbox[0]!.source;
      const testId = bySeed.get(boxes[0]!.address)!.testId;
      expect(source).toMatch(new RegExp(`^X-Mailbench-Test-Id: ${testId}\\r$`, 'mi'));
      expect(source).toMatch(new RegExp(`^Message-ID: <${testId}@sender\\.test>\\r$`, 'mi'));
      expect(source).toMatch(/^List-Unsubscribe: <mailto:unsubscribe@sender\.test\?subject=unsubscribe>,\s*<https:\/\/sender\.test\/unsubscribe\?u=1>\r$/m);
      expect(source).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r$/m);
      const signed = /^DKIM-Signature:[\s\S]*?\bh=([^;]+);/m.exec(source)?.[1]?.replace(/\s+/g, '').toLowerCase().split(':');
      expect(signed).toContain('list-unsubscribe-post');
      expect(signed).toContain('list-unsubscribe');
      expect(source).toContain(`Mailbench seed test ${testId}`);

      const csv = service.exportReport(runId);
      expect(csv.split('\n')[0]).toBe('address,provider,test_id,status,attempts,code,response,queue_id,sent_at,placement,folder,tab,arrival_delay_sec,late,copies,spf,dkim,dmarc');
      expect(csv).toContain(`${boxes[1]!.address},gmail,`);
      expect(servers.dovecotLog()).not.toMatch(/Error:/);
    } finally {
      await cleanup();
    }
  });

  it('marks copies that have not arrived when the window closes as missing, and records a late arrival', async () => {
    const { rt, cleanup } = testRuntime();
    const passwords = Object.fromEntries(boxes.map((box, i) => [`SEED_PW_${i}`, box.password]));
    const { service } = serviceFor(rt, { env: passwords, scheduleMs: [50, 100, 200] });
    servers.faults.holdRecipients = [boxes[2]!.address];
    servers.faults.rejectRecipients = [];
    try {
      const runId = await service.startRun({
        smtp: { host: '127.0.0.1', port: servers.smtpPort, security: 'none', poolSize: 2, ratePerSecond: 0, password: { kind: 'none' } },
        message: message(),
        recipients: recipients().slice(0, 3),
      });
      await service.finished(runId);
      // The injected schedule polls at 50, 100 and 200 ms after sending; wait for the last poll to land.
      await expect.poll(() => service.detail(runId).recipients[2]!.placement, { timeout: 10_000, interval: 50 }).toBe('missing');
      expect(service.detail(runId).recipients.slice(0, 2).map((row) => row.placement)).toEqual(['inbox', 'spam']);

      await servers.release();
      const late = (await service.checkPlacement(runId)).recipients[2]!;
      expect(late).toMatchObject({ placement: 'inbox', folder: 'INBOX', late: true, copies: 1 });
    } finally {
      servers.faults.holdRecipients = [];
      await cleanup();
    }
  });

  it('finds a copy by the test id in its body when a gateway removed the header', async () => {
    const { rt, cleanup } = testRuntime();
    const passwords = Object.fromEntries(boxes.map((box, i) => [`SEED_PW_${i}`, box.password]));
    const { service } = serviceFor(rt, { env: passwords, scheduleMs: [60_000] });
    servers.faults.rejectRecipients = [];
    servers.faults.stripTestIdFor = [boxes[0]!.address];
    try {
      const runId = await service.startRun({
        smtp: { host: '127.0.0.1', port: servers.smtpPort, security: 'none', poolSize: 1, ratePerSecond: 0, password: { kind: 'none' } },
        message: message(),
        recipients: recipients().slice(0, 1),
      });
      await service.finished(runId);
      service.stopPolling(runId);
      const copies = await readFolder(servers, boxes[0]!, 'INBOX');
      const stripped = copies.at(-1)!.source;
      expect(stripped).not.toMatch(/^X-Mailbench-Test-Id:/im);
      const row = (await service.checkPlacement(runId)).recipients[0]!;
      expect(stripped).toContain(`Mailbench seed test ${row.testId}`);
      expect(row).toMatchObject({ placement: 'inbox', folder: 'INBOX', copies: 1 });
    } finally {
      servers.faults.stripTestIdFor = [];
      await cleanup();
    }
  });
});
