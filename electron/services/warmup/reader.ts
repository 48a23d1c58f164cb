import { Readable } from 'node:stream';
import { parse as parseCsv } from 'csv-parse';
import { AppError } from '../../../shared/contract/errors';

/**
 * Budget (README): one record (a JSON line, a pretty-printed object, a CSV row) holds at most this many
 * characters. Real ESP events are under 10 kB; without a cap a file with no newline at all is held whole
 * and, re-joined chunk by chunk, parsed in quadratic time.
 */
export const MAX_RECORD_CHARS = 1024 * 1024;

function recordTooLong(line: number): AppError {
  return new AppError('parse_error', `The record starting on line ${line} is longer than ${MAX_RECORD_CHARS / 1024 / 1024} MB, the limit for one event; nothing was imported.`, {
    line,
    hint: 'ESP events are a few kB each. Is this an event export (JSON lines, a JSON array or CSV)? If it is one, split the over-long line or remove it and import again.',
  });
}

/** A record of an export with the line it starts on, or the reason that line could not be read. */
export type RecordItem = { line: number; value: unknown } | { line: number; error: string };

/**
 * Takes each record as soon as it is cut out of the text, in file order. Nothing of a
 * chunk waits for the rest of it: a record dies young, so a million of them cost the
 * garbage collector what one chunk of them would.
 */
export interface RecordVisitor {
  record(value: unknown, line: number): void;
  /** A record (or stray text) that could not be read: why, and the line it starts on. */
  error(reason: string, line: number): void;
}

/**
 * Streams the records of an export without holding the file: a JSON array, JSON lines
 * (NDJSON, Firehose), concatenated or pretty-printed JSON objects, or CSV with a
 * header row (dotted column names such as `mail.messageId` become nested fields).
 * Yields batches, one per chunk read, so the caller can yield to the event loop.
 */
export async function* readRecords(chunks: AsyncIterable<string>): AsyncGenerator<RecordItem[]> {
  const out: RecordItem[] = [];
  const collect: RecordVisitor = {
    record: (value, line) => out.push({ line, value }),
    error: (error, line) => out.push({ line, error }),
  };
  for await (const _chunk of visitRecords(chunks, collect)) if (out.length) yield out.splice(0);
}

/**
 * The same records as `readRecords`, handed to `visitor` one by one instead of collected:
 * yields (nothing) after each chunk read, so the caller can do its per-chunk work and
 * let the event loop run.
 */
export async function* visitRecords(chunks: AsyncIterable<string>, visitor: RecordVisitor): AsyncGenerator<void> {
  const iterator = chunks[Symbol.asyncIterator]();
  let head = '';
  let done = false;
  // Enough text to see the first character and the first full record line (a first line over the budget is not waited for).
  while (!done && head.length <= MAX_RECORD_CHARS && firstContentLine(head) === undefined) {
    const next = await iterator.next();
    if (next.done) done = true;
    else head += next.value;
  }
  head = head.replace(/^\uFEFF/, '');
  const first = /\S/.exec(head)?.[0];
  if (first === undefined) return;
  const rest: AsyncIterable<string> = { [Symbol.asyncIterator]: () => iterator };
  if (first !== '[' && first !== '{') {
    yield* csvRecords(head, done ? emptyIterable() : rest, visitor);
    return;
  }
  const reader = looksLineDelimited(head) ? new LineReader() : new ScanReader();
  reader.push(head, visitor);
  yield;
  if (!done) {
    for await (const chunk of rest) {
      reader.push(chunk, visitor);
      yield;
    }
  }
  reader.end(visitor);
  yield;
}

async function* emptyIterable(): AsyncGenerator<string> {}

/** The first complete line with content, once the text holds one. */
function firstContentLine(head: string): string | undefined {
  const lines = head.split('\n');
  lines.pop(); // not known to be complete yet
  return lines.map(stripLine).find((line): line is string => line !== null);
}

/** One object per line (NDJSON, or an array written one element per line): each line parses on its own, so a bad line is just skipped. */
function looksLineDelimited(head: string): boolean {
  const line = firstContentLine(`${head}\n`);
  if (line === undefined) return false;
  try {
    return typeof JSON.parse(line) === 'object';
  } catch {
    return false;
  }
}

/** A line without array punctuation, or null when nothing is left. */
function stripLine(raw: string): string | null {
  let line = raw.trim();
  if (line.startsWith('[')) line = line.slice(1).trimStart();
  if (line.endsWith(']')) line = line.slice(0, -1).trimEnd();
  if (line.endsWith(',')) line = line.slice(0, -1).trimEnd();
  return line === '' ? null : line;
}

interface JsonReader {
  push(text: string, visitor: RecordVisitor): void;
  end(visitor: RecordVisitor): void;
}

/** Parses one cut-out record: its value, or why it is not JSON. */
function parseRecord(text: string, line: number, visitor: RecordVisitor): void {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    visitor.error(`not valid JSON (${(error as Error).message.replace(/\s+in JSON at position.*$/, '')})`, line);
    return;
  }
  visitor.record(value, line);
}

class LineReader implements JsonReader {
  private carry = '';
  private line = 0;

  push(text: string, visitor: RecordVisitor): void {
    const buffer = this.carry + text;
    let start = 0;
    for (let nl = buffer.indexOf('\n'); nl !== -1; nl = buffer.indexOf('\n', start)) {
      this.take(buffer.slice(start, nl), visitor);
      start = nl + 1;
    }
    this.carry = buffer.slice(start);
    if (this.carry.length > MAX_RECORD_CHARS) throw recordTooLong(this.line + 1);
  }

  end(visitor: RecordVisitor): void {
    if (this.carry !== '') this.take(this.carry, visitor);
    this.carry = '';
  }

  private take(raw: string, visitor: RecordVisitor): void {
    const line = ++this.line;
    if (raw.length > MAX_RECORD_CHARS) throw recordTooLong(line);
    // Fast path: a line that is exactly one object, or one element of an array written one per line (`{...},`).
    const last = raw.charCodeAt(raw.length - 1);
    const text = raw.charCodeAt(0) !== 123 ? stripLine(raw)
      : last === 125 ? raw
        : last === 44 && raw.charCodeAt(raw.length - 2) === 125 ? raw.slice(0, -1)
          : stripLine(raw);
    if (text !== null) parseRecord(text, line, visitor);
  }
}

/** Pretty-printed JSON: tracks nesting and strings to cut out each record, then parses it. */
class ScanReader implements JsonReader {
  private buffer = '';
  private pos = 0;
  private line = 1;
  private depth = 0;
  private inString = false;
  private escaped = false;
  /** Records are the values inside a top-level array (depth 1), else top-level values. */
  private recordDepth = -1;
  private recordStart = -1;
  private recordLine = 0;
  private strayLine = 0;

  push(text: string, visitor: RecordVisitor): void {
    const keepFrom = this.recordStart === -1 ? this.pos : this.recordStart;
    this.buffer = this.buffer.slice(keepFrom) + text;
    this.pos -= keepFrom;
    if (this.recordStart !== -1) this.recordStart -= keepFrom;
    const b = this.buffer;
    for (; this.pos < b.length; this.pos++) {
      const c = b.charCodeAt(this.pos);
      if (c === 10) this.line++;
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === 92) this.escaped = true;
        else if (c === 34) this.inString = false;
        continue;
      }
      if (c === 34) this.inString = true;
      else if (c === 123 || c === 91) {
        if (this.recordDepth === -1) this.recordDepth = c === 91 ? 1 : 0;
        if (this.depth === this.recordDepth && c === 123) {
          this.recordStart = this.pos;
          this.recordLine = this.line;
        }
        this.depth++;
      } else if (c === 125 || c === 93) {
        this.depth--;
        if (this.depth === this.recordDepth && this.recordStart !== -1) {
          if (this.pos + 1 - this.recordStart > MAX_RECORD_CHARS) throw recordTooLong(this.recordLine);
          const text = b.slice(this.recordStart, this.pos + 1);
          this.recordStart = -1;
          parseRecord(text, this.recordLine, visitor);
        }
      } else if (this.recordStart === -1 && c > 32 && c !== 44 && this.strayLine !== this.line) {
        this.strayLine = this.line;
        visitor.error('text outside any JSON record', this.line);
      }
    }
    if (this.recordStart !== -1 && b.length - this.recordStart > MAX_RECORD_CHARS) throw recordTooLong(this.recordLine);
  }

  end(visitor: RecordVisitor): void {
    if (this.recordStart !== -1) visitor.error('the file ends inside this record (truncated export?)', this.recordLine);
  }
}

/**
 * Segments that would reach an object's prototype chain instead of a field of its own.
 * A column named `__proto__.x` nested into a plain object would write `Object.prototype.x`
 * for the whole long-running process; such a header is refused before any row is read.
 */
const reservedSegments = new Set(['__proto__', 'constructor', 'prototype']);

/** The header row's names, or a refusal naming the column that cannot be a field name. */
function checkColumns(header: string[]): string[] {
  header.forEach((name, index) => {
    const bad = name.split('.').find((segment) => reservedSegments.has(segment));
    if (bad !== undefined) {
      throw new AppError('parse_error', `Column ${index + 1} of the header is named "${name.slice(0, 80)}": "${bad}" cannot be a field name.`, {
        line: 1,
        hint: 'This is not an export your ESP wrote: rename or remove that column and import again.',
      });
    }
  });
  return header;
}

/**
 * Dotted column names (`event-data.id`) become nested objects, so CSV rows map like JSON.
 * Records have no prototype, so no column name (checked above, kept so here too) reaches one.
 */
function nest(row: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = Object.create(null);
  for (const key of Object.keys(row)) {
    const value = row[key]!;
    if (value === '') continue;
    const path = key.split('.');
    let target = out;
    for (const part of path.slice(0, -1)) {
      const next = Object.hasOwn(target, part) ? target[part] : undefined;
      if (typeof next === 'object' && next !== null) target = next as Record<string, unknown>;
      else target = target[part] = Object.create(null) as Record<string, unknown>;
    }
    target[path.at(-1)!] = value;
  }
  return out;
}

const byLine = (a: RecordItem, b: RecordItem) => a.line - b.line;

async function* csvRecords(head: string, rest: AsyncIterable<string>, visitor: RecordVisitor): AsyncGenerator<void> {
  const pending: RecordItem[] = [];
  const parser = parseCsv({ columns: checkColumns, bom: true, skip_empty_lines: true, skip_records_with_error: true, info: true, trim: true, max_record_size: MAX_RECORD_CHARS });
  parser.on('skip', (error: Error & { lines?: number; code?: string }) => {
    if (error.code === 'CSV_MAX_RECORD_SIZE') {
      parser.destroy(recordTooLong(Math.max(1, error.lines ?? 1)));
      return;
    }
    pending.push({ line: Math.max(1, error.lines ?? 1), error: `not a valid CSV row (${error.message})` });
  });
  async function* source() {
    yield head;
    yield* rest;
  }
  Readable.from(source()).pipe(parser);
  for await (const item of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
    pending.push({ line: item.info.lines, value: nest(item.record) });
    // Skip events arrive ahead of the records buffered before them: put each batch back in file order.
    if (pending.length >= 1000) {
      visitInOrder(pending.splice(0), visitor);
      yield;
    }
  }
  visitInOrder(pending, visitor);
  yield;
}

function visitInOrder(items: RecordItem[], visitor: RecordVisitor): void {
  for (const item of items.sort(byLine)) {
    if ('error' in item) visitor.error(item.error, item.line);
    else visitor.record(item.value, item.line);
  }
}
