import { createReadStream, createWriteStream, rmSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase } from '../../electron/db/open';
import { WarmupService } from '../../electron/services/warmup/service';
import { tempDir } from '../support/temp';
import type { Bench } from './index';
import { alternatingCpuMedians, percentile, report } from './measure';

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
  // The bare "Mozilla/5.0" user agent is Apple's privacy proxy: every open here is a machine open.
  if (kind === 'open') rows.push(`u:openMachine:sg:${msg}|${email}`);
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

/** The page cache the import's writer thread gives its connection: the baselines get it too, so the database work is alike. */
const CACHE = 'cache_size = -65536';

/** Wall seconds, CPU seconds of the process (every thread) and the peak rise of its resident memory, of one run. */
interface Run { seconds: number; cpu: number; peakRss: number }

async function measured(fn: () => Promise<void> | void): Promise<Run> {
  const rssBefore = process.memoryUsage().rss;
  let peak = rssBefore;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  await fn();
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  return { seconds, cpu: (cpu.user + cpu.system) / 1e6, peakRss: (peak - rssBefore) / 2 ** 20 };
}

/**
 * The baseline of #16: what a minimal script does with the same export. It streams the file,
 * cuts lines, JSON.parse-s each event, maps it to the same rows (the prefixed event id; for an open
 * or click whose id was new, the once-per-message key) and inserts them in one transaction. No
 * budgets, no checks, no per-day totals, no second thread.
 */
async function rawStreamParseInsert(databaseFile: string, file: string): Promise<Run> {
  const db = openDatabase(databaseFile);
  db.pragma(CACHE);
  const insert = db.prepare('INSERT OR IGNORE INTO warmup_events (plan_id, event_id) VALUES (?, ?)');
  let imported = 0;
  const take = (line: string) => {
    const text = line.endsWith(',') ? line.slice(0, -1) : line;
    if (!text.startsWith('{')) return; // the array's brackets
    const e = JSON.parse(text) as { event: string; email: string; sg_event_id: string; sg_message_id: string; sg_machine_open?: boolean; useragent?: string };
    if (insert.run(1, `sg:${e.sg_event_id}`).changes === 0) return;
    imported++;
    if (e.event !== 'open' && e.event !== 'click') return;
    const metric = e.event === 'click' ? 'click' : e.sg_machine_open || e.useragent === 'Mozilla/5.0' ? 'openMachine' : 'openHuman';
    insert.run(1, `u:${metric}:sg:${e.sg_message_id.split('.')[0]}|${e.email}`);
  };
  const run = await measured(async () => {
    db.exec('BEGIN');
    let carry = '';
    for await (const chunk of createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 }) as AsyncIterable<string>) {
      const text = carry + chunk;
      let start = 0;
      for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
        take(text.slice(start, nl));
        start = nl + 1;
      }
      carry = text.slice(start);
    }
    if (carry) take(carry);
    db.exec('COMMIT');
  });
  db.close();
  if (imported !== EVENTS) throw new Error(`raw baseline: expected ${EVENTS} imported, got ${imported}`);
  return run;
}

/**
 * The same rows, inserted by a plain loop in one transaction: the floor (no reading, no
 * parsing). The rows are built before the clock starts and dropped after, so no million
 * strings of the bench's own stay alive (and are traced by every GC) while the import runs.
 */
async function bareInsert(databaseFile: string): Promise<Run & { rows: number }> {
  const rows = Array.from({ length: EVENTS }, (_, i) => event(i).rows).flat();
  const bare = openDatabase(databaseFile);
  bare.pragma(CACHE);
  const insert = bare.prepare('INSERT OR IGNORE INTO warmup_events (plan_id, event_id) VALUES (?, ?)');
  const run = await measured(() => {
    bare.transaction(() => {
      for (const row of rows) insert.run(1, row);
    })();
  });
  bare.close();
  return { ...run, rows: rows.length };
}

async function timedImport(databaseFile: string, file: string): Promise<Run & { stall: number }> {
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
  let imported = 0;
  const run = await measured(async () => {
    imported = (await service.import(plan.id, 'sendgrid', { path: file })).imported;
  });
  clearInterval(timer);
  db.close();
  if (imported !== EVENTS) throw new Error(`expected ${EVENTS} imported, got ${imported}`);
  return { ...run, stall };
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

const ROUNDS = 5;

/**
 * The raw baseline, the import and the bare loop, each ROUNDS times in alternating order (forward,
 * then backward), each on a fresh database deleted after: drift in what the shared machine's other
 * work leaves over then falls on all three alike.
 */
async function alternatingImportRuns(dir: string, file: string) {
  const runs = { raw: [] as Run[], import: [] as Array<Run & { stall: number }>, bare: [] as Array<Run & { rows: number }> };
  const fresh = (name: string) => join(dir, `${name}.db`);
  const drop = (name: string) => {
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${fresh(name)}${suffix}`, { force: true });
  };
  const contenders: Array<[string, () => Promise<void>]> = [
    ['raw', async () => void runs.raw.push(await rawStreamParseInsert(fresh('raw'), file))],
    ['import', async () => void runs.import.push(await timedImport(fresh('import'), file))],
    ['bare', async () => void runs.bare.push(await bareInsert(fresh('bare')))],
  ];
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, run] of round % 2 === 0 ? contenders : [...contenders].reverse()) {
      await run();
      drop(name);
    }
  }
  return runs;
}

export const warmup: Bench = {
  name: 'warmup',
  summary: 'import of 1,000,000 ESP events against a raw stream-parse-insert of the same export (and a bare insert loop of its rows)',
  async run() {
    const { dir, cleanup } = tempDir('mailbench-bench-warmup-');
    try {
      const file = join(dir, 'sendgrid-1m.json');
      await writeExport(file);

      const runs = await alternatingImportRuns(dir, file);
      const median = (label: keyof typeof runs, field: keyof Run) => percentile(runs[label].map((run) => run[field]), 50);
      const raw = median('raw', 'seconds');
      const imported = median('import', 'seconds');
      const bare = median('bare', 'seconds');
      const rate = (seconds: number) => `s (${(EVENTS / seconds / 1000).toFixed(0)}k events/s)`;
      report(`raw stream-parse-insert (JSON.parse per line, same rows), median of ${ROUNDS}`, raw, rate(raw));
      report(`warmup import (budgets, checks, dedupe, day totals), median of ${ROUNDS}`, imported, rate(imported));
      report('import speed as a share of the raw baseline (target >= 80%)', (100 * raw) / imported, '%');
      report(`floor: bare insert loop of the ${runs.bare[0]!.rows.toLocaleString('en-US')} built rows, median`, bare, 's (no reading, no parsing)');
      report('import speed as a share of the bare insert loop', (100 * bare) / imported, '%');
      report('CPU, all threads: raw baseline / import, median', `${median('raw', 'cpu').toFixed(2)} / ${median('import', 'cpu').toFixed(2)}`, 's');
      report('import CPU as a share of the raw baseline\'s', (100 * median('import', 'cpu')) / median('raw', 'cpu'), '% (what speed tends to when every core is busy)');
      report('peak RSS rise: raw baseline / import, median', `${median('raw', 'peakRss').toFixed(0)} / ${median('import', 'peakRss').toFixed(0)}`, 'MB');
      report('longest event-loop stall during an import, median', percentile(runs.import.map((run) => run.stall), 50), 'ms');
      yearOfAnalytics(join(dir, 'year.db'));
      analyticsScaling(dir);
    } finally {
      cleanup();
    }
  },
};
