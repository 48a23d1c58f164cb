import { generateKeyPairSync } from 'node:crypto';
import { ImapFlow } from 'imapflow';
import type { EventName } from '../../../shared/contract/index';
import type { MessageSpec } from '../../../shared/contract/seeds';
import type { DkimKey } from '../../../electron/services/seeds/compose';
import { SeedService, type SeedServiceOptions } from '../../../electron/services/seeds/service';
import type { Runtime } from '../../../electron/services/runtime';
import type { Mailbox, MailServers } from '../../support/mail-servers';

/** Seed mailboxes on the harness: one account each, password per mailbox. */
export function mailboxes(count: number, domain = 'seeds.test'): Mailbox[] {
  return Array.from({ length: count }, (_, i) => ({ address: `seed${String(i + 1).padStart(2, '0')}@${domain}`, password: `imap-pw-${i + 1}` }));
}

/** A signing key for sender.test and the DNS the receiver needs to verify SPF, DKIM and DMARC. */
export function senderDomain(): { dkim: DkimKey; dns: Record<string, string[][]> } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const p = publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
  return {
    dkim: { domain: 'sender.test', selector: 'mb1', privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() },
    dns: {
      'sender.test TXT': [['v=spf1 ip4:127.0.0.1 -all']],
      'mb1._domainkey.sender.test TXT': [[`v=DKIM1; k=rsa; p=${p}`]],
      '_dmarc.sender.test TXT': [['v=DMARC1; p=reject; adkim=s; aspf=r']],
    },
  };
}

export const message = (overrides: Partial<MessageSpec> = {}): MessageSpec => ({
  from: 'Sender Test <news@sender.test>',
  subject: 'Seed test: spring sale',
  html: '<!doctype html><html><head><title>Spring</title></head><body><h1>Spring sale</h1><p>Everything is 20% off.</p></body></html>',
  text: 'Spring sale\n\nEverything is 20% off.',
  unsubscribeMailto: 'mailto:unsubscribe@sender.test?subject=unsubscribe',
  unsubscribeUrl: 'https://sender.test/unsubscribe?u=1',
  ...overrides,
});

/** A service over a test runtime, collecting the events it emits. */
export function serviceFor(rt: Runtime, options: SeedServiceOptions = {}): { service: SeedService; events: Array<{ name: EventName; payload: unknown }> } {
  const events: Array<{ name: EventName; payload: unknown }> = [];
  rt.dispatcher.subscribe((name, payload) => events.push({ name, payload }));
  const service = new SeedService({ db: rt.db, secrets: rt.secrets, emit: (name, payload) => rt.dispatcher.emit(name, payload) }, options);
  rt.onClose(() => service.close());
  return { service, events };
}

/** Everything in one mailbox folder, read-only, with flags and raw source. */
export async function readFolder(servers: MailServers, box: Mailbox, path: string): Promise<Array<{ flags: Set<string>; source: string }>> {
  const client = new ImapFlow({ host: '127.0.0.1', port: servers.imapPort, secure: false, auth: { user: box.address, pass: box.password }, logger: false });
  await client.connect();
  const out: Array<{ flags: Set<string>; source: string }> = [];
  const lock = await client.getMailboxLock(path, { readOnly: true });
  try {
    if (client.mailbox && client.mailbox.exists > 0) {
      for await (const msg of client.fetch('1:*', { flags: true, source: true })) out.push({ flags: msg.flags ?? new Set(), source: msg.source?.toString('utf8') ?? '' });
    }
  } finally {
    lock.release();
    await client.logout();
  }
  return out;
}
