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
 * Streams the records of an export without holding the file: a JSON array, JSON lines
 * (NDJSON, Firehose), concatenated or pretty-printed JSON objects, or CSV with a
 * header row (dotted column names such as `mail.messageId` become nested fields).
 * Yields batches, one per chunk read, so the caller can yield to the event loop.
 */
export async function* readRecords(chunks: AsyncIterable<string>): AsyncGenerator<RecordItem[]> {
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
    yield* csvRecords(head, done ? emptyIterable() : rest);
    return;
  }
  const reader = looksLineDelimited(head) ? new LineReader() : new ScanReader();
  const out: RecordItem[] = [];
  reader.push(head, out);
  yield out.splice(0);
  if (!done) {
    for await (const chunk of rest) {
      reader.push(chunk, out);
      if (out.length) yield out.splice(0);
    }
  }
  reader.end(out);
  if (out.length) yield out;
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
  push(text: string, out: RecordItem[]): void;
  end(out: RecordItem[]): void;
}

class LineReader implements JsonReader {
  private carry = '';
  private line = 0;

  push(text: string, out: RecordItem[]): void {
    const buffer = this.carry + text;
    let start = 0;
    for (let nl = buffer.indexOf('\n'); nl !== -1; nl = buffer.indexOf('\n', start)) {
      this.take(buffer.slice(start, nl), out);
      start = nl + 1;
    }
    this.carry = buffer.slice(start);
    if (this.carry.length > MAX_RECORD_CHARS) throw recordTooLong(this.line + 1);
  }

  end(out: RecordItem[]): void {
    if (this.carry !== '') this.take(this.carry, out);
    this.carry = '';
  }

  private take(raw: string, out: RecordItem[]): void {
    const line = ++this.line;
    if (raw.length > MAX_RECORD_CHARS) throw recordTooLong(line);
    // Fast path: a line that is exactly one object.
    const simple = raw.charCodeAt(0) === 123 && raw.charCodeAt(raw.length - 1) === 125;
    const text = simple ? raw : stripLine(raw);
    if (text === null) return;
    try {
      out.push({ line, value: JSON.parse(text) });
    } catch (error) {
      out.push({ line, error: `not valid JSON (${(error as Error).message.replace(/\s+in JSON at position.*$/, '')})` });
    }
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

  push(text: string, out: RecordItem[]): void {
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
          try {
            out.push({ line: this.recordLine, value: JSON.parse(text) });
          } catch (error) {
            out.push({ line: this.recordLine, error: `not valid JSON (${(error as Error).message.replace(/\s+in JSON at position.*$/, '')})` });
          }
        }
      } else if (this.recordStart === -1 && c > 32 && c !== 44 && this.strayLine !== this.line) {
        this.strayLine = this.line;
        out.push({ line: this.line, error: 'text outside any JSON record' });
      }
    }
    if (this.recordStart !== -1 && b.length - this.recordStart > MAX_RECORD_CHARS) throw recordTooLong(this.recordLine);
  }

  end(out: RecordItem[]): void {
    if (this.recordStart !== -1) out.push({ line: this.recordLine, error: 'the file ends inside this record (truncated export?)' });
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

async function* csvRecords(head: string, rest: AsyncIterable<string>): AsyncGenerator<RecordItem[]> {
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
    if (pending.length >= 1000) yield pending.splice(0).sort(byLine);
  }
  if (pending.length) yield pending.sort(byLine);
}
