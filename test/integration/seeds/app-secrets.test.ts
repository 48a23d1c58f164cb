import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedsToCsv } from '../../../electron/services/seeds/seed-csv';
import { type MailServers, startMailServers } from '../../support/mail-servers';
import { testRuntime } from '../../support/runtime';
import { mailboxes, message, serviceFor } from './helpers';

const SMTP_PASSWORD = 'App-Smtp-Pa55word-c0ffee';
const boxes = mailboxes(2).map((box, i) => ({ ...box, password: `App-Imap-Pa55word-${i}-beef` }));
let servers: MailServers;

beforeAll(async () => {
  servers = await startMailServers({ mailboxes: boxes, auth: { user: 'app-user', pass: SMTP_PASSWORD } });
});
afterAll(async () => {
  await servers?.stop();
});

describe('passwords in the app', () => {
  it('are used from the secret store for SMTP and IMAP and never written in plain text', async () => {
    const { rt, dir, cleanup } = testRuntime();
    const { service } = serviceFor(rt, { env: {} });
    const logged: string[] = [];
    rt.dispatcher.subscribe((name, payload) => logged.push(`${name} ${JSON.stringify(payload)}`));
    try {
      const profile = service.library.saveProfile({ name: 'Loopback', host: '127.0.0.1', port: servers.smtpPort, security: 'none', user: 'app-user', password: SMTP_PASSWORD, poolSize: 2, ratePerSecond: 0 });
      expect(profile.hasPassword).toBe(true);
      expect(JSON.stringify(service.library.profiles())).not.toContain(SMTP_PASSWORD);
      const list = service.library.saveList({
        name: 'Loopback seeds',
        seeds: boxes.map((box) => ({ address: box.address, provider: 'other', tags: [], imap: { host: '127.0.0.1', port: servers.imapPort, tls: false, user: box.address }, imapPassword: box.password })),
      });
      expect(list.seeds.every((seed) => seed.hasPassword)).toBe(true);

      const runId = await service.sendToList({ listId: list.id, profileId: profile.id, message: message() });
      await service.finished(runId);
      service.stopPolling(runId);
      const placed = await service.checkPlacement(runId);
      expect(placed.recipients.map((row) => [row.status, row.placement])).toEqual([['accepted', 'inbox'], ['accepted', 'inbox']]);
      expect(servers.logins.length).toBeGreaterThan(0);
      expect(servers.logins.every((login) => login.user === 'app-user' && login.pass === SMTP_PASSWORD)).toBe(true);

      const exports = [seedsToCsv(service.library.list(list.id).seeds), service.exportReport(runId), JSON.stringify(service.detail(runId)), JSON.stringify(service.history(10))];
      rt.db.pragma('wal_checkpoint(TRUNCATE)');
      const file = readFileSync(join(dir, 'mailbench.db'));
      for (const secret of [SMTP_PASSWORD, ...boxes.map((box) => box.password)]) {
        expect(file.includes(Buffer.from(secret))).toBe(false);
        expect(logged.join('\n')).not.toContain(secret);
        for (const text of exports) expect(text).not.toContain(secret);
      }
      // Deleting the profile and the list removes their ciphertext too.
      service.library.deleteProfile(profile.id);
      service.library.deleteList(list.id);
      expect(rt.db.prepare("SELECT COUNT(*) AS n FROM secrets WHERE id LIKE 'seeds:%'").get()).toEqual({ n: 0 });
    } finally {
      await cleanup();
    }
  });
});
