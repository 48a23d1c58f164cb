import nodemailer from 'nodemailer';
import type { MessageSpec } from '../../shared/contract/seeds';
import { composeMessage, testIdFor } from '../../electron/services/seeds/compose';
import { SeedService } from '../../electron/services/seeds/service';
import { startSinkReceiver } from '../support/mail-servers';
import { testRuntime } from '../support/runtime';
import type { Bench } from './index';
import { percentile, report } from './measure';

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

interface Rates {
  /** Messages per wall-clock second. */
  wall: number;
  /** Messages per second of this process's CPU time: steadier on a machine others share. */
  cpu: number;
}

function rates(started: number, cpu: NodeJS.CpuUsage): Rates {
  const used = process.cpuUsage(cpu);
  return { wall: MESSAGES / ((performance.now() - started) / 1000), cpu: MESSAGES / ((used.user + used.system) / 1e6) };
}

/** The same messages through the same pool, with nothing written anywhere. */
async function bareLoop(port: number): Promise<Rates> {
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port, pool: true, maxConnections: POOL, maxMessages: Infinity });
  const started = performance.now();
  const cpu = process.cpuUsage();
  let next = 0;
  await Promise.all(
    Array.from({ length: POOL }, async () => {
      for (let i = next++; i < MESSAGES; i = next++) await transport.sendMail(composeMessage(spec, { to: addresses[i]!, testId: testIdFor('b0b0b0b0b0b0', i) }));
    }),
  );
  const result = rates(started, cpu);
  transport.close();
  return result;
}

/** A full seed run: rows created, each written before and after its send, events emitted. */
async function seedRun(port: number): Promise<Rates & { persisted: number }> {
  const { rt, cleanup } = testRuntime();
  const service = new SeedService({ db: rt.db, secrets: rt.secrets, emit: (name, payload) => rt.dispatcher.emit(name, payload) }, { scheduleMs: [3_600_000] });
  const started = performance.now();
  const cpu = process.cpuUsage();
  const runId = await service.startRun({
    smtp: { host: '127.0.0.1', port, security: 'none', poolSize: POOL, ratePerSecond: 0, password: { kind: 'none' } },
    message: spec,
    recipients: addresses.map((address) => ({ address, provider: 'other' })),
  });
  await service.finished(runId);
  const result = rates(started, cpu);
  const persisted = service.detail(runId).recipients.filter((row) => row.status === 'accepted' && row.queueId && row.sentAt).length;
  await service.close();
  await cleanup();
  return { ...result, persisted };
}

export const seeds: Bench = {
  name: 'seeds',
  summary: `${MESSAGES} messages to a loopback SMTP receiver, pool of ${POOL}: seed run (every row persisted) vs a bare pooled nodemailer loop`,
  async run() {
    const sink = await startSinkReceiver();
    try {
      await bareLoop(sink.port);
      await seedRun(sink.port);
      // Interleaved rounds: this machine is shared, so both loops see the same background load.
      const bare: Rates[] = [];
      const ours: Rates[] = [];
      let persisted = 0;
      for (let round = 0; round < ROUNDS; round++) {
        bare.push(await bareLoop(sink.port));
        const run = await seedRun(sink.port);
        ours.push(run);
        persisted = run.persisted;
      }
      const median = (list: Rates[], key: keyof Rates) => percentile(list.map((rate) => rate[key]), 50);
      report(`bare pooled nodemailer loop, median of ${ROUNDS}`, `${median(bare, 'wall').toFixed(0)} msg/s wall, ${median(bare, 'cpu').toFixed(0)} msg per CPU-second`);
      report(`seed run, every row persisted, median of ${ROUNDS}`, `${median(ours, 'wall').toFixed(0)} msg/s wall, ${median(ours, 'cpu').toFixed(0)} msg per CPU-second`);
      report('rows persisted in the last run', `${persisted} of ${MESSAGES}`);
      report('seed run / bare loop, wall-clock throughput (target >= 90%)', (100 * median(ours, 'wall')) / median(bare, 'wall'), '%');
      report('seed run / bare loop, per CPU-second (load-independent)', (100 * median(ours, 'cpu')) / median(bare, 'cpu'), '%');
    } finally {
      await sink.stop();
    }
  },
};
