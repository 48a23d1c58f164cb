import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDkimKey } from '../../../electron/services/auth/dkim-keys';
import { seedServiceOf } from '../../../electron/services/seeds/handlers';
import { type MailServers, startMailServers } from '../../support/mail-servers';
import { testRuntime } from '../../support/runtime';
import { mailboxes, message } from './helpers';

const boxes = mailboxes(1);
const { rt, cleanup } = testRuntime();
const rsa = generateDkimKey(rt, { domain: 'sender.test', selector: 'seedrsa', algorithm: 'rsa-sha256' });
const ed = generateDkimKey(rt, { domain: 'sender.test', selector: 'seeded', algorithm: 'ed25519-sha256' });
let servers: MailServers;

beforeAll(async () => {
  servers = await startMailServers({
    mailboxes: boxes,
    dns: {
      'sender.test TXT': [['v=spf1 ip4:127.0.0.1 -all']],
      [`${rsa.dnsName} TXT`]: [[rsa.dnsRecord]],
      '_dmarc.sender.test TXT': [['v=DMARC1; p=reject']],
    },
  });
});
afterAll(async () => {
  await servers?.stop();
  await cleanup();
});

describe('signing seed sends with a key from the Authentication feature', () => {
  it('signs with the stored RSA key, and the receiver verifies it', async () => {
    const service = seedServiceOf(rt, { env: { SEED_PW_0: boxes[0]!.password }, scheduleMs: [60_000] });
    const runId = await service.startRun({
      smtp: { host: '127.0.0.1', port: servers.smtpPort, security: 'none', poolSize: 1, ratePerSecond: 0, password: { kind: 'none' } },
      message: message({ dkimKeyId: rsa.id }),
      recipients: [{ address: boxes[0]!.address, provider: 'other', imap: { host: '127.0.0.1', port: servers.imapPort, tls: false, user: boxes[0]!.address, passwordEnv: 'SEED_PW_0' } }],
    });
    await service.finished(runId);
    service.stopPolling(runId);
    const placed = await service.checkPlacement(runId);
    expect(placed.recipients[0]).toMatchObject({ status: 'accepted', placement: 'inbox', auth: { spf: 'pass', dkim: 'pass', dmarc: 'pass' } });
  });

  it('refuses an Ed25519 key before anything is sent, saying what to do', async () => {
    const service = seedServiceOf(rt);
    const before = servers.deliveries.length;
    await expect(service.preview(message({ dkimKeyId: ed.id }))).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringContaining('is an Ed25519 key') });
    await expect(
      service.startRun({ smtp: { host: '127.0.0.1', port: servers.smtpPort, security: 'none', poolSize: 1, ratePerSecond: 0, password: { kind: 'none' } }, message: message({ dkimKeyId: ed.id }), recipients: [{ address: boxes[0]!.address, provider: 'other' }] }),
    ).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(service.preview(message({ dkimKeyId: 'no-such-key' }))).rejects.toMatchObject({ code: 'not_found' });
    expect(servers.deliveries.length).toBe(before);
    expect(service.history(10)).toHaveLength(1);
  });
});
