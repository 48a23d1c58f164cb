import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { openDatabase } from '../../electron/db/open';
import { WarmupService } from '../../electron/services/warmup/service';
import { tempDir } from '../support/temp';
import type { Bench } from './index';
import { alternatingCpuMedians, report } from './measure';

const EVENTS = 1_000_000;

const kinds = ['processed', 'delivered', 'processed', 'delivered', 'processed', 'delivered', 'open', 'click', 'deferred', 'bounce'];
const domains = ['gmail.com', 'outlook.com', 'yahoo.com', 'icloud.com', 'example.org'];

/**
 * Event i of a SendGrid Event Webhook export of a day's warm-up traffic: its line, and
 * the exact rows an import of it inserts (the event id, plus one per first open/click of
 * a message), so the bare insert loop does the same database work.
 */
function event(i: number): { line: string; rows: string[] } {
  const kind = kinds[i % kinds.length]!;
  const msg = `m${Math.floor(i / 10)}`;
  const email = `user${Math.floor(i / 10)}@${domains[i % 5]}`;
  const extra = kind === 'open' ? `,"useragent":"Mozilla/5.0","sg_machine_open":${i % 20 === 6}` : kind === 'bounce' ? ',"type":"bounce"' : '';
  const line = `{"email":"${email}","timestamp":${1772460000 + (i % 80_000)},"event":"${kind}","sg_event_id":"ev${i}","sg_message_id":"${msg}.filter0001","ip":"192.0.2.${10 + (i % 2)}"${extra}}`;
  const rows = [`sg:ev${i}`];
  if (kind === 'open') rows.push(`u:${i % 20 === 6 ? 'openMachine' : 'openHuman'}:sg:${msg}|${email}`);
  if (kind === 'click') rows.push(`u:click:sg:${msg}|${email}`);
  return { line, rows };
}

/** The export as one JSON array, one event per line. */
async function writeExport(file: string): Promise<void> {
  const out = createWriteStream(file);
  out.write('[\n');
  for (let i = 0; i < EVENTS; i++) {
    if (!out.write(`${event(i).line}${i === EVENTS - 1 ? '' : ','}\n`)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  out.end(']\n');
  await new Promise<void>((resolve) => out.once('finish', () => resolve()));
}

/**
 * The same rows, inserted by a plain loop in one transaction: the floor an import is
 * measured against. The rows are built here and dropped after, so no million strings of
 * the bench's own stay alive (and are traced by every GC) while the import runs.
 */
function bareInsert(databaseFile: string): { seconds: number; rows: number } {
  const rows = Array.from({ length: EVENTS }, (_, i) => event(i).rows).flat();
  const bare = openDatabase(databaseFile);
  const insert = bare.prepare('INSERT OR IGNORE INTO warmup_events (plan_id, event_id) VALUES (?, ?)');
  const started = performance.now();
  bare.transaction(() => {
    for (const row of rows) insert.run(1, row);
  })();
  const seconds = (performance.now() - started) / 1000;
  bare.close();
  return { seconds, rows: rows.length };
}

async function timedImport(databaseFile: string, file: string): Promise<{ seconds: number; cpu: number; stall: number }> {
  const db = openDatabase(databaseFile);
  const service = new WarmupService(db);
  const plan = service.create({
    name: 'bench', ips: ['192.0.2.10', '192.0.2.11'], domain: '', startDate: '2026-03-02', timeZone: 'UTC', weekdays: ['mon', 'tue', 'wed', 'thu', 'fri'],
    target: 1_000_000, mix: { gmail: 45, microsoft: 25, yahoo: 15, apple: 5, other: 10 }, profile: 'moderate',
    auth: { spf: true, dkim: true, dmarc: true, oneClickUnsubscribe: true },
  });
  let stall = 0;
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    stall = Math.max(stall, now - last);
    last = now;
  }, 10);
  const cpuBefore = process.cpuUsage();
  const summary = await service.import(plan.id, 'sendgrid', { path: file });
  const cpu = process.cpuUsage(cpuBefore);
  clearInterval(timer);
  db.close();
  if (summary.imported !== EVENTS) throw new Error(`expected ${EVENTS} imported, got ${summary.imported}`);
  return { seconds: summary.seconds, cpu: (cpu.user + cpu.system) / 1e6, stall };
}

/** What the panel asks for to draw its charts: a year of days x 5 providers (and the total), with actuals every day. */
function yearOfAnalytics(databaseFile: string): void {
  const db = openDatabase(databaseFile);
  const service = new WarmupService(db);
  const plan = service.create({
    name: 'year', ips: ['192.0.2.10', '192.0.2.11'], domain: '', startDate: '2026-01-01', timeZone: 'UTC', weekdays: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'],
    target: 5_000_000, mix: { gmail: 45, microsoft: 25, yahoo: 15, apple: 5, other: 10 }, profile: 'custom', custom: { start: 50, growth: 1.05, holdDays: 2 },
    auth: { spf: true, dkim: true, dmarc: true, oneClickUnsubscribe: true },
  });
  const { days } = service.get(plan.id);
  db.transaction(() => {
    for (const day of days) {
      for (const [provider, volume] of Object.entries(day.providers)) {
        service.recordActuals(plan.id, day.date, provider as never, '192.0.2.10', { sent: volume, delivered: Math.floor(volume * 0.97), hardBounce: Math.floor(volume * 0.01), openHuman: Math.floor(volume * 0.2) });
      }
    }
  })();
  const started = performance.now();
  const analytics = service.analytics(plan.id);
  const analyticsMs = performance.now() - started;
  const statusStarted = performance.now();
  service.status(plan.id, days.at(-1)!.date);
  const statusMs = performance.now() - statusStarted;
  db.close();
  report(`analytics for ${days.length} days x 6 series (${analytics.rows.length.toLocaleString('en-US')} rows)`, analyticsMs, 'ms');
  report('status (decisions for 5 providers) on that plan', statusMs, 'ms');
}

const SCALING_IPS = ['192.0.2.10', '192.0.2.11', ...Array.from({ length: 8 }, (_, i) => `198.51.100.${i + 1}`)];

/**
 * A plan with `rows` imported actuals rows (days x 5 providers x 10 IPs, 2 of them planned) and a hand-entered
 * day for every tenth day, provider and IP, as the import and the manual entry store them.
 */
function planWithActuals(databaseFile: string, rows: number): { service: WarmupService; planId: number; lastDate: string; db: ReturnType<typeof openDatabase> } {
  const db = openDatabase(databaseFile);
  const service = new WarmupService(db);
  const plan = service.create({
    name: `rows-${rows}`, ips: SCALING_IPS.slice(0, 2), domain: '', startDate: '2020-01-01', timeZone: 'UTC', weekdays: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'],
    target: 5_000_000, mix: { gmail: 45, microsoft: 25, yahoo: 15, apple: 5, other: 10 }, profile: 'moderate',
    auth: { spf: true, dkim: true, dmarc: true, oneClickUnsubscribe: true },
  });
  const days = Math.ceil(rows / (5 * SCALING_IPS.length));
  const insert = db.prepare(`INSERT INTO warmup_actuals (plan_id, date, provider, ip, source, sent, delivered, hard_bounce, deferral, open_human)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  let lastDate = '';
  db.transaction(() => {
    let inserted = 0;
    for (let d = 0; d < days; d++) {
      lastDate = new Date(Date.UTC(2020, 0, 1 + d)).toISOString().slice(0, 10);
      for (const provider of ['gmail', 'microsoft', 'yahoo', 'apple', 'other']) {
        for (const ip of SCALING_IPS) {
          if (inserted++ >= rows) return;
          const sent = 200 + ((d * 7 + ip.length) % 50);
          insert.run(plan.id, lastDate, provider, ip, 'import', sent, sent - 5, 2, 3, 40);
          if (d % 10 === 0) insert.run(plan.id, lastDate, provider, ip, 'manual', sent, sent - 4, 1, 3, 41);
        }
      }
    }
  })();
  return { service, planId: plan.id, lastDate, db };
}

/**
 * Analytics and status per number of actuals rows, each beside a bare SQL pass over the same rows (what
 * reading them once costs), in alternating order, median of 5: linear means the ratio stays flat. CPU time,
 * not wall time, so the other work on a shared machine moves the figures less.
 */
function analyticsScaling(dir: string): void {
  for (const rows of [1_000, 10_000, 100_000]) {
    const { service, planId, lastDate, db } = planWithActuals(join(dir, `scaling-${rows}.db`), rows);
    const bare = db.prepare('SELECT date, provider, ip, source, sent, delivered, hard_bounce, deferral, open_human FROM warmup_actuals WHERE plan_id = ?');
    const contenders: Array<[string, () => unknown]> = [
      ['bare', () => { let sum = 0; for (const row of bare.iterate(planId) as Iterable<{ sent: number }>) sum += row.sent; return sum; }],
      ['analytics', () => service.analytics(planId)],
      ['status', () => service.status(planId, lastDate)],
    ];
    const medians = alternatingCpuMedians(contenders);
    db.close();
    const median = (label: string) => medians.get(label)!;
    const bareMs = median('bare');
    const label = `${rows.toLocaleString('en-US')} actuals rows`;
    report(`${label}: bare SQL pass over the rows, median`, bareMs, 'ms CPU');
    report(`${label}: warmup.analytics, median`, median('analytics'), `ms CPU (${(median('analytics') / bareMs).toFixed(1)}x the bare pass)`);
    report(`${label}: warmup status (5 providers), median`, median('status'), `ms CPU (${(median('status') / bareMs).toFixed(1)}x the bare pass)`);
  }
}

export const warmup: Bench = {
  name: 'warmup',
  summary: 'import of 1,000,000 ESP events against a bare better-sqlite3 insert loop of the same rows',
  async run() {
    const { dir, cleanup } = tempDir('mailbench-bench-warmup-');
    try {
      const file = join(dir, 'sendgrid-1m.json');
      await writeExport(file);

      // Two rounds each, alternating, best of each: this machine is shared, a single run measures the neighbours.
      const imports: Array<{ seconds: number; cpu: number; stall: number }> = [];
      const bares: Array<{ seconds: number; rows: number }> = [];
      for (let round = 0; round < 2; round++) {
        bares.push(bareInsert(join(dir, `bare${round}.db`)));
        imports.push(await timedImport(join(dir, `import${round}.db`), file));
      }
      const best = imports.reduce((a, b) => (b.seconds < a.seconds ? b : a));
      const bare = Math.min(...bares.map((b) => b.seconds));
      report('warmup import, 1M SendGrid events (parse, map, dedupe, aggregate), best of 2', best.seconds, 's');
      report('warmup import rate', EVENTS / best.seconds / 1000, 'k events/s');
      report('warmup import CPU time (parsing thread + writer thread)', best.cpu, 's');
      report(`bare better-sqlite3 insert loop, same ${bares[0]!.rows.toLocaleString('en-US')} rows, one transaction, best of 2`, bare, 's');
      report('import speed as a share of the bare loop (target >= 50%)', (100 * bare) / best.seconds, '%');
      report('longest event-loop stall during the import', best.stall, 'ms');
      yearOfAnalytics(join(dir, 'year.db'));
      analyticsScaling(dir);
    } finally {
      cleanup();
    }
  },
};
