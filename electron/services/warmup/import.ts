import { isAscii } from 'node:buffer';
import { basename } from 'node:path';
import {
  type EspFormat, type ImportSummary, metricNames, type Plan, type SkipReason,
} from '../../../shared/contract/warmup';
import { type OpenedInput, openInput } from '../../fs/open-input';
import { dayInZone } from './calendar';
import { importers, type MappedEvent } from './importers/index';
import { type DaySlot, DayTotals } from './day-totals';
import { EventRows } from './event-rows';
import { type FinalStatements, startEventWriter } from './insert-worker';
import { providerCache } from './providers';
import { type RecordVisitor, visitRecords } from './reader';
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
 * Events per message to the writer (sent at the end of the chunk that reaches it): a few chunks'
 * worth. Each message wakes the writer thread, and on a busy machine a wake-up can cost the
 * parsing thread its core for a few milliseconds: time spent in postMessage grew with the number
 * of messages, not with their size.
 */
const BATCH_EVENTS = 16_384;
/** Budget (README): ESP event ids are under 100 characters; a longer one is skipped with its reason, never stored. */
export const MAX_EVENT_ID = 512;

/**
 * Imports one ESP export into a plan's actuals, atomically: every write happens in one
 * transaction on a connection of its own (in the writer thread), so a crash or kill
 * mid-way leaves the database as it was, and the app's own connection keeps serving
 * reads meanwhile. The file is streamed in 1 MB chunks and parsed here while the writer
 * inserts the previous chunk; between chunks the event loop runs (progress, other
 * calls), so a long import never freezes the UI.
 */
export async function importExport(
  databaseFile: string,
  plan: Plan,
  format: EspFormat,
  source: ImportSource,
  onProgress: (progress: ImportProgress) => void = () => {},
): Promise<Omit<ImportSummary, 'outsidePlan'>> {
  if ('text' in source) return importOpened(databaseFile, plan, format, source, source.name, onProgress);
  // A path is checked and opened before anything else happens: a regular export file within its budget, or a refusal.
  const input = await openInput(source.path, 'espExport');
  try {
    return await importOpened(databaseFile, plan, format, input, source.path, onProgress);
  } finally {
    await input.close();
  }
}

async function importOpened(
  databaseFile: string,
  plan: Plan,
  format: EspFormat,
  source: OpenedInput | { text: string },
  file: string,
  onProgress: (progress: ImportProgress) => void,
): Promise<Omit<ImportSummary, 'outsidePlan'>> {
  const started = performance.now();
  const bytesTotal = 'text' in source ? Buffer.byteLength(source.text) : source.size;
  const importer = importers[format];
  const prefix = idPrefix[format];
  const dayOf = dayInZone(plan.timeZone);
  const providerOf = providerCache();
  const fallbackIp = plan.ips.length === 1 ? plan.ips[0]! : 'unknown';

  const totals = new DayTotals();
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

  // One batch per chunk read: the ids go to the writer thread, what to add up waits here for its answer.
  let batch = newBatch();
  const sink = {
    event(e: MappedEvent) {
      if (e.id.length > MAX_EVENT_ID) {
        skip(`event id longer than ${MAX_EVENT_ID} characters`, line);
        return;
      }
      counts.read++;
      // Opens and clicks count once per message (the first of each kind); repeats are imported, not counted.
      batch.rows.add(prefix, e.id, engagement.has(e.metric) ? e.metric : undefined, e.messageKey);
      batch.codes.push(totals.code(dayOf(e.time), providerOf(e.recipient), e.ip || fallbackIp, e.metric));
    },
    skip: (reason: string) => skip(reason, line),
  };
  // Each record is mapped the moment it is parsed and then dropped: a chunk's records are never held together.
  const visitor: RecordVisitor = {
    record(value, at) {
      line = at;
      importer.map(value, sink);
    },
    error: (reason, at) => skip(reason.replace(/ \(.*\)$/, ''), at),
  };
  const settle = (slots: readonly number[], codes: Uint8Array) => {
    for (let i = 0; i < codes.length; i++) {
      if (codes[i] === 0) {
        counts.duplicates++;
        continue;
      }
      counts.imported++;
      if (codes[i] === 1) totals.count(slots[i]!);
    }
  };

  const writer = await startEventWriter(databaseFile, plan.id);
  const inFlight: Array<{ slots: number[]; codes: Promise<Uint8Array> }> = [];
  const drainOne = async () => {
    const oldest = inFlight.shift()!;
    settle(oldest.slots, await oldest.codes);
  };
  const send = () => {
    inFlight.push({ slots: batch.codes, codes: writer.write(batch.rows) });
    batch = newBatch();
  };
  let lastReport = 0;
  try {
    for await (const _chunk of visitRecords(decode(source, progress), visitor)) {
      if (batch.rows.count >= BATCH_EVENTS) send();
      // Bounded: parsing may run ahead of the writer by a few chunks, never by the whole file.
      while (inFlight.length > 4) await drainOne();
      progress.read = counts.read;
      if (performance.now() - lastReport > 100) {
        lastReport = performance.now();
        onProgress(progress);
      }
    }
    if (batch.rows.count > 0) send();
    while (inFlight.length > 0) await drainOne();
    const seconds = (performance.now() - started) / 1000;
    const skippedReasons = [...skipped.values()].sort((a, b) => b.count - a.count);
    const counted = totals.counted();
    const importId = await writer.commit([
      ...totalsStatements(plan.id, counted),
      [`INSERT INTO warmup_imports (plan_id, format, file, read, imported, duplicates, skipped, skipped_json, seconds) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [[plan.id, format, basename(file), counts.read, counts.imported, counts.duplicates, counts.skipped, JSON.stringify(skippedReasons), seconds]]],
    ]);
    onProgress({ ...progress, bytesDone: bytesTotal, read: counts.read });
    const days = [...new Set(counted.map((slot) => slot.day))].sort();
    return { importId, planId: plan.id, format, file, ...counts, skippedReasons, days, seconds: (performance.now() - started) / 1000 };
  } catch (error) {
    await writer.abort();
    throw error;
  }
}

/** The rows for the writer, and where each event counts (a DayTotals code) once the writer says it is new. */
interface Batch { rows: EventRows; codes: number[] }
const newBatch = (): Batch => ({ rows: new EventRows(), codes: [] });

/** UTF-8 text of the source in chunks, counting bytes for the progress bar. */
async function* decode(source: OpenedInput | { text: string }, progress: ImportProgress): AsyncGenerator<string> {
  if ('text' in source) {
    for (let i = 0; i < source.text.length; i += CHUNK) {
      const chunk = source.text.slice(i, i + CHUNK);
      progress.bytesDone += Buffer.byteLength(chunk);
      yield chunk;
    }
    return;
  }
  // The reader drops a leading byte order mark itself; the decoder must not drop one it first meets mid-file.
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  // Exports are nearly always ASCII, where Latin-1 decoding gives the same text at a quarter of the cost.
  // A chunk goes through the UTF-8 decoder when it or the one before holds other bytes: the decoder may
  // be holding the start of a character cut by the chunk boundary, and an ASCII chunk flushes it.
  let previousAscii = true;
  for await (const buffer of source.chunks(CHUNK)) {
    progress.bytesDone += buffer.length;
    const ascii = isAscii(buffer);
    yield ascii && previousAscii ? buffer.toString('latin1') : decoder.decode(buffer, { stream: true });
    previousAscii = ascii;
  }
  const tail = decoder.decode();
  if (tail) yield tail;
}

/** Adds the import's day totals to warmup_actuals (one upsert per day, provider and IP). */
function totalsStatements(planId: number, counted: readonly DaySlot[]): FinalStatements {
  const columns = metricNames.map((m) => metricColumns[m]);
  const sql = `INSERT INTO warmup_actuals (plan_id, date, provider, ip, source, ${columns.join(', ')})
    VALUES (?, ?, ?, ?, 'import', ${columns.map(() => '?').join(', ')})
    ON CONFLICT (plan_id, date, provider, ip, source) DO UPDATE SET ${columns.map((c) => `${c} = ${c} + excluded.${c}`).join(', ')}`;
  const rows = counted.map(({ day, provider, ip, metrics }) => [planId, day, provider, ip, ...metricNames.map((m) => metrics[m])]);
  return rows.length ? [[sql, rows]] : [];
}
