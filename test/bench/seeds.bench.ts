import nodemailer from 'nodemailer';
import type { MessageSpec } from '../../shared/contract/seeds';
import { composeMessage, testIdFor } from '../../electron/services/seeds/compose';
import { SeedService } from '../../electron/services/seeds/service';
import { startSinkReceiver } from '../support/mail-servers';
import { testRuntime } from '../support/runtime';
import type { Bench } from './index';
import { report } from './measure';

const MESSAGES = 1000;
const POOL = 5;
const ROUNDS = 5;

const spec: MessageSpec = {
  from: 'News <news@shop.example>',
  subject: 'Bench',
  html: `<html><body>${'<p>Seasonal offers for you, with a long enough body to look like a newsletter.</p>'.repeat(40)}</body></html>`,
  text: 'Seasonal offers for you.\n'.repeat(40),
  unsubscribeMailto: 'mailto:u@shop.example',
  unsubscribeUrl: 'https://shop.example/u',
};

const addresses = Array.from({ length: MESSAGES }, (_, i) => `seed${i}@seeds.example`);

/** The same messages through the same pool, with nothing written anywhere. */
async function bareLoop(port: number): Promise<number> {
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port, pool: true, maxConnections: POOL, maxMessages: Infinity });
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: POOL }, async () => {
      for (let i = next++; i < MESSAGES; i = next++) await transport.sendMail(composeMessage(spec, { to: addresses[i]!, testId: testIdFor('b0b0b0b0b0b0', i) }));
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  transport.close();
  return MESSAGES / seconds;
}

/** A full seed run: rows created, each written before and after its send, events emitted. */
async function seedRun(port: number): Promise<{ rate: number; persisted: number }> {
  const { rt, cleanup } = testRuntime();
  const service = new SeedService({ db: rt.db, secrets: rt.secrets, emit: (name, payload) => rt.dispatcher.emit(name, payload) }, { scheduleMs: [3_600_000] });
  const started = performance.now();
  const runId = await service.startRun({
    smtp: { host: '127.0.0.1', port, security: 'none', poolSize: POOL, ratePerSecond: 0, password: { kind: 'none' } },
    message: spec,
    recipients: addresses.map((address) => ({ address, provider: 'other' })),
  });
  await service.finished(runId);
  const seconds = (performance.now() - started) / 1000;
  const persisted = service.detail(runId).recipients.filter((row) => row.status === 'accepted' && row.queueId && row.sentAt).length;
  await service.close();
  await cleanup();
  return { rate: MESSAGES / seconds, persisted };
}

export const seeds: Bench = {
  name: 'seeds',
  summary: `${MESSAGES} messages to a loopback SMTP receiver, pool of ${POOL}: seed run (every row persisted) vs a bare pooled nodemailer loop`,
  async run() {
    const sink = await startSinkReceiver();
    try {
      await bareLoop(sink.port);
      await seedRun(sink.port);
      let bare = 0;
      let ours = 0;
      let persisted = 0;
      for (let round = 0; round < ROUNDS; round++) {
        bare = Math.max(bare, await bareLoop(sink.port));
        const run = await seedRun(sink.port);
        ours = Math.max(ours, run.rate);
        persisted = run.persisted;
      }
      report('bare pooled nodemailer loop (best of 5)', bare, 'msg/s');
      report('seed run with every row persisted (best of 5)', ours, 'msg/s');
      report('rows persisted in the last run', `${persisted} of ${MESSAGES}`);
      report('seed run / bare loop (target >= 90%)', (100 * ours) / bare, '%');
    } finally {
      await sink.stop();
    }
  },
};
