import { afterEach, describe, expect, it } from 'vitest';
import type { RunSummary } from '../../../shared/contract/seeds';
import { freePort, type MailServers, startMailServers } from '../../support/mail-servers';
import { testRuntime } from '../../support/runtime';
import { composeMessage } from '../../../electron/services/seeds/compose';
import { startRowWriter } from '../../../electron/services/seeds/row-writer';
import { RunStore } from '../../../electron/services/seeds/run-store';
import { createSmtpTransport, runSends } from '../../../electron/services/seeds/sender';
import { mailboxes, message, serviceFor } from './helpers';

/** Issue #14: every seed run ends in a state a person can believe. */

const boxes = mailboxes(3);
const env = Object.fromEntries(boxes.map((box, i) => [`SEED_PW_${i}`, box.password]));
const FAST_RETRY = { maxAttempts: 2, baseDelayMs: 10, maxDelayMs: 20 };
let servers: MailServers | undefined;
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
  await servers?.stop();
  servers = undefined;
});

function runtime() {
  const { rt, cleanup } = testRuntime();
  cleanups.push(cleanup);
  return rt;
}

/** A list of the seeds with IMAP on `imapPort`, and a loopback profile to `smtpPort`, through the contract. */
async function listAndProfile(rt: ReturnType<typeof runtime>, smtpPort: number, imapPort: number) {
  const list = await rt.dispatcher.call('seeds.saveList', {
    name: 'Loopback seeds',
    seeds: boxes.map((box, i) => ({ address: box.address, provider: 'other', tags: [], imap: { host: '127.0.0.1', port: imapPort, tls: false, user: box.address, passwordEnv: `SEED_PW_${i}` } })),
  });
  const profile = await rt.dispatcher.call('seeds.saveProfile', { name: 'Loopback', host: '127.0.0.1', port: smtpPort, security: 'none', poolSize: 1, ratePerSecond: 0 });
  if (!list.ok || !profile.ok) throw new Error('setup failed');
  return { listId: (list.value as { id: string }).id, profileId: (profile.value as { id: string }).id };
}

describe('a run whose server refused every connection', () => {
  it('ends failed, never sent with 0 accepted, and its seeds are "not sent", not "missing"', async () => {
    servers = await startMailServers({ mailboxes: boxes });
    const rt = runtime();
    const { service } = serviceFor(rt, { env, retry: FAST_RETRY, scheduleMs: [60_000] });
    // nothing listens on this port: every connection is refused
    const { listId, profileId } = await listAndProfile(rt, await freePort(), servers.imapPort);
    const runId = await service.sendToList({ listId, profileId, message: message() });
    await service.finished(runId);

    const detail = service.detail(runId);
    expect(detail.run.state).toBe('failed');
    expect(detail.run.counts).toMatchObject({ accepted: 0, failed: 3 });
    const history = await rt.dispatcher.call('seeds.runs', {});
    expect(history.ok && (history.value as RunSummary[]).map((run) => run.state)).toEqual(['failed']);

    const checked = await service.checkPlacement(runId);
    expect(checked.recipients.map((row) => row.placement)).toEqual(['not_sent', 'not_sent', 'not_sent']);
    expect(checked.matrix.overall).toMatchObject({ total: 3, notSent: 3, pending: 0, missing: { count: 0, percent: 0 }, inbox: { count: 0, percent: 0 } });
  });

  it('keeps "missing" for copies that were accepted and never arrived, apart from seeds not sent', async () => {
    servers = await startMailServers({ mailboxes: boxes, faults: { rejectRecipients: [boxes[0]!.address], holdRecipients: [boxes[1]!.address] } });
    const rt = runtime();
    const { service } = serviceFor(rt, { env, retry: FAST_RETRY, scheduleMs: [1] });
    const { listId, profileId } = await listAndProfile(rt, servers.smtpPort, servers.imapPort);
    const runId = await service.sendToList({ listId, profileId, message: message() });
    await service.finished(runId);
    service.stopPolling(runId);
    expect(service.detail(runId).run.state).toBe('sent');
    const checked = await service.checkPlacement(runId, new Date(Date.now() + 1000));
    expect(checked.recipients.map((row) => row.placement)).toEqual(['not_sent', 'missing', 'inbox']);
    expect(checked.matrix.overall).toMatchObject({ total: 3, notSent: 1, missing: { count: 1, percent: 50 }, inbox: { count: 1, percent: 50 } });
  });
});

describe('one run at a time per seed list', () => {
  it('refuses a second run to the same list with conflict while the first sends, and allows it after', async () => {
    servers = await startMailServers({ mailboxes: boxes, faults: { dataDelayMs: 150 } });
    const rt = runtime();
    const { listId, profileId } = await listAndProfile(rt, servers.smtpPort, servers.imapPort);
    const first = await rt.dispatcher.call('seeds.send', { listId, profileId, message: message() });
    expect(first.ok).toBe(true);
    const second = await rt.dispatcher.call('seeds.send', { listId, profileId, message: message() });
    expect(second).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringMatching(/still sending to the seed list Loopback seeds/) } });
    expect(((await rt.dispatcher.call('seeds.runs', {})) as { value: RunSummary[] }).value).toHaveLength(1);

    const runId = (first as { value: { runId: string } }).value.runId;
    // the run's last event says it ended; a new one may start then
    await expect.poll(async () => ((await rt.dispatcher.call('seeds.run', { runId })) as { value: { run: RunSummary } }).value.run.state, { timeout: 20_000, interval: 50 }).toBe('sent');
    const third = await rt.dispatcher.call('seeds.send', { listId, profileId, message: message() });
    expect(third.ok).toBe(true);
  });
});

describe('the message a run sends', () => {
  it.each(['not an address', 'News <not an address>', 'news@'])('refuses From %j with a field-level message, in the contract and in the service the CLI uses', async (from) => {
    servers = await startMailServers({ mailboxes: boxes });
    const rt = runtime();
    const { listId, profileId } = await listAndProfile(rt, servers.smtpPort, servers.imapPort);
    const sent = await rt.dispatcher.call('seeds.send', { listId, profileId, message: message({ from }) });
    expect(sent.ok).toBe(false);
    if (sent.ok) return;
    expect(sent.error.code).toBe('invalid_input');
    expect(sent.error.issues).toContainEqual({ path: 'message.from', message: expect.stringMatching(/Enter an email address, like News <news@example\.com>/) });

    const { service } = serviceFor(rt, {});
    await expect(service.startRun({ smtp: { host: '127.0.0.1', port: servers.smtpPort, security: 'none', poolSize: 1, ratePerSecond: 0, password: { kind: 'none' } }, message: message({ from }), recipients: [{ address: boxes[0]!.address, provider: 'other' }] }))
      .rejects.toMatchObject({ code: 'invalid_input', message: expect.stringContaining(JSON.stringify(from)) });
    expect(servers.deliveries).toHaveLength(0);
  });

  it('warns when the copies carry no List-Unsubscribe (or no one-click one), and not when they do', async () => {
    servers = await startMailServers({ mailboxes: boxes });
    const rt = runtime();
    const { listId, profileId } = await listAndProfile(rt, servers.smtpPort, servers.imapPort);
    const send = async (overrides: Parameters<typeof message>[0]) => {
      const result = await rt.dispatcher.call('seeds.send', { listId, profileId, message: { ...message(), unsubscribeUrl: undefined, unsubscribeMailto: undefined, ...overrides } });
      if (!result.ok) throw new Error(result.error.message);
      const value = result.value as { runId: string; warnings: string[] };
      await expect.poll(async () => ((await rt.dispatcher.call('seeds.run', { runId: value.runId })) as { value: { run: RunSummary } }).value.run.state, { timeout: 20_000, interval: 50 }).toBe('sent');
      return value.warnings;
    };
    expect(await send({})).toEqual([expect.stringMatching(/no List-Unsubscribe header.*one-click/)]);
    expect(await send({ unsubscribeMailto: 'mailto:u@sender.test' })).toEqual([expect.stringMatching(/mailto: only, without one-click/)]);
    expect(await send({ unsubscribeUrl: 'https://sender.test/u/1' })).toEqual([]);
  });
});

describe('a message that cannot be built', () => {
  it('fails its row at once with the reason, and the sends end instead of hanging', async () => {
    servers = await startMailServers({ mailboxes: boxes });
    const rt = runtime();
    const store = new RunStore(rt.db);
    const smtp = { host: '127.0.0.1', port: servers.smtpPort, security: 'none', poolSize: 1, ratePerSecond: 0, password: { kind: 'none' } } as const;
    const { rows } = store.createRun({ smtp, message: message(), recipients: boxes.map((box) => ({ address: box.address, provider: 'other' })) });
    const writes = await startRowWriter(rt.db.name);
    const transport = createSmtpTransport(smtp, undefined);
    try {
      await runSends({
        rows, transport, writes, retry: FAST_RETRY, concurrency: 1, signal: new AbortController().signal, onRow: () => {},
        build: (row) => {
          if (row.seq === 1) throw new Error('the template could not be read');
          return composeMessage(message(), { to: row.address, testId: row.testId });
        },
      });
    } finally {
      transport.close();
      await writes.close();
    }
    const after = store.recipients(rows[0]!.runId);
    expect(after.map((row) => row.status)).toEqual(['accepted', 'failed', 'accepted']);
    expect(after[1]).toMatchObject({ attempts: 1, response: 'The message could not be built: the template could not be read' });
    expect(servers.deliveries.map((delivery) => delivery.recipient)).toEqual([boxes[0]!.address, boxes[2]!.address]);
  });
});
