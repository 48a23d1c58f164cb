import { afterEach, describe, expect, it } from 'vitest';
import type { RecipientRow } from '../../../shared/contract/seeds';
import type { NewRecipient } from '../../../electron/services/seeds/run-store';
import { type Faults, type MailServers, startMailServers } from '../../support/mail-servers';
import { testRuntime } from '../../support/runtime';
import { mailboxes, message, serviceFor } from './helpers';

const boxes = mailboxes(6);
let servers: MailServers | undefined;
afterEach(async () => {
  await servers?.stop();
  servers = undefined;
});

/** Sends one message to each seed through a receiver with the given fault; fast retries. */
async function runWith(faults: Faults) {
  servers = await startMailServers({ mailboxes: boxes, faults });
  const { rt, cleanup } = testRuntime();
  const { service, events } = serviceFor(rt, { retry: { maxAttempts: 4, baseDelayMs: 20, maxDelayMs: 100 }, scheduleMs: [60_000] });
  try {
    const recipients: NewRecipient[] = boxes.map((box) => ({ address: box.address, provider: 'other' }));
    const runId = await service.startRun({
      smtp: { host: '127.0.0.1', port: servers.smtpPort, security: 'none', poolSize: 2, ratePerSecond: 0, password: { kind: 'none' } },
      message: message(),
      recipients,
    });
    await service.finished(runId);
    const detail = service.detail(runId);
    // the row each last event carries is built without reading it back: it must be what the database holds
    const lastEvents = new Map(events.filter((event) => event.name === 'seeds.row').map(({ payload }) => [(payload as RecipientRow).seq, payload]));
    expect(detail.recipients.filter((row) => row.status !== 'queued').map((row) => lastEvents.get(row.seq))).toEqual(detail.recipients.filter((row) => row.status !== 'queued'));
    return detail;
  } finally {
    await cleanup();
  }
}

function deliveredOnce(servers: MailServers): void {
  const counts = new Map<string, number>();
  for (const delivery of servers.deliveries) counts.set(delivery.recipient, (counts.get(delivery.recipient) ?? 0) + 1);
  expect([...counts.keys()].sort()).toEqual(boxes.map((box) => box.address).sort());
  expect([...counts.values()].every((count) => count === 1)).toBe(true);
}

describe('send runs against a misbehaving receiver', () => {
  it.each([451, 421] as const)('retries %i answers before acceptance with backoff and counts the retries', async (code) => {
    const detail = await runWith({ tempFailFirst: { code, count: 3 } });
    expect(servers!.refusals.filter((refusal) => refusal.code === code)).toHaveLength(3);
    expect(detail.recipients.every((row) => row.status === 'accepted')).toBe(true);
    expect(detail.run.retries).toBe(3);
    expect(detail.recipients.reduce((sum, row) => sum + row.attempts, 0)).toBe(boxes.length + 3);
    deliveredOnce(servers!);
  });

  it('survives a connection dropped before the data: that message is sent again, nothing twice', async () => {
    const detail = await runWith({ dropBeforeData: true });
    expect(servers!.drops).toBe(1);
    expect(detail.recipients.every((row) => row.status === 'accepted')).toBe(true);
    expect(detail.run.retries).toBe(1);
    deliveredOnce(servers!);
  });

  it('never resends a message whose connection dropped after the data: its row is unknown, the others go on', async () => {
    const detail = await runWith({ dropAfterAccepted: 2 });
    expect(servers!.drops).toBe(1);
    const lost = detail.recipients.filter((row) => row.status === 'unknown');
    expect(lost).toHaveLength(1);
    expect(lost[0]).toMatchObject({ attempts: 1 });
    expect(lost[0]!.response).toMatch(/No answer after the whole message was sent.*not sent again/);
    expect(detail.recipients.filter((row) => row.status === 'accepted')).toHaveLength(boxes.length - 1);
    expect(detail.run.retries).toBe(0);
    // this receiver dropped it before storing: the one honest answer is "unknown", not a second copy
    expect(servers!.deliveries.map((delivery) => delivery.recipient)).not.toContain(lost[0]!.address);
    expect(servers!.deliveries).toHaveLength(boxes.length - 1);
  });

  it('records a 550 for one recipient and carries on with the rest', async () => {
    const detail = await runWith({ rejectRecipients: [boxes[2]!.address] });
    const rejected = detail.recipients[2]!;
    expect(rejected).toMatchObject({ status: 'rejected', code: 550, attempts: 1 });
    expect(rejected.response).toMatch(/^550 5\.1\.1 No such user/);
    expect(detail.recipients.filter((row) => row.status === 'accepted')).toHaveLength(boxes.length - 1);
    expect(detail.run.counts).toMatchObject({ accepted: 5, rejected: 1, queued: 0, sending: 0 });
  });

  it('gives up after the last attempt with the 4xx recorded as deferred', async () => {
    const detail = await runWith({ tempFailFirst: { code: 451, count: 1000 } });
    expect(detail.recipients.every((row) => row.status === 'deferred' && row.code === 451 && row.attempts === 4)).toBe(true);
    expect(servers!.deliveries).toHaveLength(0);
  });

  it('cancels between messages: unsent rows stay queued, and a resume sends each of them once', async () => {
    servers = await startMailServers({ mailboxes: boxes, faults: { dataDelayMs: 80 } });
    const { rt, cleanup } = testRuntime();
    const { service } = serviceFor(rt, { scheduleMs: [60_000] });
    try {
      const runId = await service.startRun({
        smtp: { host: '127.0.0.1', port: servers.smtpPort, security: 'none', poolSize: 1, ratePerSecond: 0, password: { kind: 'none' } },
        message: message(),
        recipients: boxes.map((box) => ({ address: box.address, provider: 'other' })),
      });
      await expect.poll(() => servers!.deliveries.length, { timeout: 10_000, interval: 10 }).toBeGreaterThanOrEqual(2);
      expect(service.cancel(runId)).toBe(true);
      await service.finished(runId);
      const stopped = service.detail(runId);
      expect(stopped.run.state).toBe('cancelled');
      expect(stopped.run.counts.sending).toBe(0);
      expect(stopped.run.counts.queued).toBeGreaterThan(0);
      expect(stopped.run.counts.accepted).toBe(servers.deliveries.length);

      await service.resume(runId);
      await service.finished(runId);
      expect(service.detail(runId).recipients.every((row) => row.status === 'accepted')).toBe(true);
      deliveredOnce(servers);
    } finally {
      await cleanup();
    }
  });
});
