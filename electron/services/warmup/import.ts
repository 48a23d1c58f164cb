import { createReadStream, statSync } from 'node:fs';
import { basename } from 'node:path';
import Database from 'better-sqlite3';
import { AppError } from '../../../shared/contract/errors';
import {
  type EspFormat, type ImportSummary, type Metrics, type Plan, type Provider, type SkipReason,
} from '../../../shared/contract/warmup';
import { dayInZone } from './calendar';
import { importers, type MappedEvent } from './importers/index';
import { emptyMetrics } from './metrics';
import { providerCache } from './providers';
import { readRecords } from './reader';
import { metricColumns } from './store';

export type ImportSource = { path: string } | { text: string; name: string };

export interface ImportProgress {
  bytesDone: number;
  bytesTotal: number;
  read: number;
}

/** Event ids of different ESPs live in one table: a short prefix keeps them apart. */
const idPrefix: Record<EspFormat, string> = { sendgrid: 'sg:', mailgun: 'mg:', postmark: 'pm:', ses: 'ses:', sparkpost: 'sp:' };
const engagement = new Set(['openMachine', 'openHuman', 'click']);
const CHUNK = 1 << 20;

/**
 * Imports one ESP export into a plan's actuals, atomically: everything happens in one
 * write transaction on a connection of its own, so a crash or kill mid-way leaves the
 * database as it was, and the app's own connection keeps serving reads meanwhile. The
 * file is streamed in 1 MB chunks; between chunks the event loop runs (progress, other
 * calls), so a long import never freezes the UI.
 */
export async function importExport(
  databaseFile: string,
  plan: Plan,
  format: EspFormat,
  source: ImportSource,
  onProgress: (progress: ImportProgress) => void = () => {},
): Promise<ImportSummary> {
  const started = performance.now();
  const file = 'path' in source ? source.path : source.name;
  const bytesTotal = 'path' in source ? fileSize(source.path) : Buffer.byteLength(source.text);
  const importer = importers[format];
  const prefix = idPrefix[format];
  const dayOf = dayInZone(plan.timeZone);
  const providerOf = providerCache();
  const fallbackIp = plan.ips.length === 1 ? plan.ips[0]! : 'unknown';

  const db = new Database(databaseFile);
  db.pragma('busy_timeout = 5000');
  db.pragma('synchronous = NORMAL');
  const insertEvent = db.prepare('INSERT OR IGNORE INTO warmup_events (plan_id, event_id) VALUES (?, ?)');

  const totals = new Map<string, Metrics>();
  const skipped = new Map<string, SkipReason>();
  const counts = { read: 0, imported: 0, duplicates: 0, skipped: 0 };
  const progress = { bytesDone: 0, bytesTotal, read: 0 };
  let line = 0;

  const skip = (reason: string, at: number) => {
    counts.read++;
    counts.skipped++;
    let entry = skipped.get(reason);
    if (!entry) skipped.set(reason, (entry = { reason, count: 0, lines: [] }));
    entry.count++;
    if (entry.lines.length < 20) entry.lines.push(at);
  };
  const sink = {
    event(e: MappedEvent) {
      counts.read++;
      if (insertEvent.run(plan.id, prefix + e.id).changes === 0) {
        counts.duplicates++;
        return;
      }
      counts.imported++;
      // Opens and clicks count once per message (the first of each kind); repeats are imported, not counted.
      if (engagement.has(e.metric) && insertEvent.run(plan.id, `u:${e.metric}:${prefix}${e.messageKey}`).changes === 0) return;
      const provider: Provider = providerOf(e.recipient);
      const key = `${dayOf(e.time)}\t${provider}\t${e.ip || fallbackIp}`;
      let metrics = totals.get(key);
      if (!metrics) totals.set(key, (metrics = emptyMetrics()));
      metrics[e.metric]++;
    },
    skip: (reason: string) => skip(reason, line),
  };

  let lastReport = 0;
  db.exec('BEGIN IMMEDIATE');
  try {
    for await (const batch of readRecords(decode(source, progress))) {
      for (const item of batch) {
        line = item.line;
        if ('error' in item) skip(item.error.replace(/ \(.*\)$/, ''), item.line);
        else importer.map(item.value, sink);
      }
      progress.read = counts.read;
      if (performance.now() - lastReport > 100) {
        lastReport = performance.now();
        onProgress(progress);
      }
    }
    writeTotals(db, plan.id, totals);
    const seconds = (performance.now() - started) / 1000;
    const skippedReasons = [...skipped.values()].sort((a, b) => b.count - a.count);
    const { lastInsertRowid } = db.prepare(`INSERT INTO warmup_imports (plan_id, format, file, read, imported, duplicates, skipped, skipped_json, seconds)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(plan.id, format, basename(file), counts.read, counts.imported, counts.duplicates, counts.skipped, JSON.stringify(skippedReasons), seconds);
    db.exec('COMMIT');
    onProgress({ ...progress, bytesDone: bytesTotal, read: counts.read });
    const days = [...new Set([...totals.keys()].map((key) => key.slice(0, 10)))].sort();
    return { importId: Number(lastInsertRowid), planId: plan.id, format, file, ...counts, skippedReasons, days, seconds };
  } catch (error) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw error;
  } finally {
    db.close();
  }
}

function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new AppError(code === 'ENOENT' ? 'not_found' : 'io_error', `Cannot read ${path}: ${code === 'ENOENT' ? 'no such file' : (error as Error).message}.`, {
      file: path,
      hint: 'Check the path of the exported events file.',
    });
  }
}

/** UTF-8 text of the source in chunks, counting bytes for the progress bar. */
async function* decode(source: ImportSource, progress: ImportProgress): AsyncGenerator<string> {
  if ('text' in source) {
    for (let i = 0; i < source.text.length; i += CHUNK) {
      const chunk = source.text.slice(i, i + CHUNK);
      progress.bytesDone += Buffer.byteLength(chunk);
      yield chunk;
    }
    return;
  }
  const decoder = new TextDecoder('utf-8');
  for await (const buffer of createReadStream(source.path, { highWaterMark: CHUNK }) as AsyncIterable<Buffer>) {
    progress.bytesDone += buffer.length;
    yield decoder.decode(buffer, { stream: true });
  }
  const tail = decoder.decode();
  if (tail) yield tail;
}

function writeTotals(db: Database.Database, planId: number, totals: Map<string, Metrics>): void {
  const names = Object.keys(metricColumns) as Array<keyof Metrics>;
  const columns = names.map((m) => metricColumns[m]);
  const upsert = db.prepare(`INSERT INTO warmup_actuals (plan_id, date, provider, ip, source, ${columns.join(', ')})
    VALUES (?, ?, ?, ?, 'import', ${columns.map(() => '?').join(', ')})
    ON CONFLICT (plan_id, date, provider, ip, source) DO UPDATE SET ${columns.map((c) => `${c} = ${c} + excluded.${c}`).join(', ')}`);
  for (const [key, metrics] of totals) {
    const [date, provider, ip] = key.split('\t');
    upsert.run(planId, date, provider, ip, ...names.map((m) => metrics[m]));
  }
}
