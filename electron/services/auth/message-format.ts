/**
 * RFC 5322 format checks of a message's header block: what Gmail and Yahoo mean by "format
 * messages according to RFC 5322" and what Gmail rejects outright (no Message-ID, two From).
 * Read from bytes as Latin-1 (one character per octet), so line lengths are octets.
 */

/** Fields RFC 5322 section 3.6 allows once: [field, at least once?]. */
const SINGLE_FIELDS: ReadonlyArray<[string, boolean]> = [
  ['date', true],
  ['from', true],
  ['sender', false],
  ['reply-to', false],
  ['to', false],
  ['cc', false],
  ['bcc', false],
  ['message-id', false],
  ['in-reply-to', false],
  ['references', false],
  ['subject', false],
];
/** RFC 5322 2.1.1: a line is at most 998 characters without its CRLF. */
const MAX_LINE = 998;
/** Header blocks past this are not read further: a budget, not a format rule. */
const MAX_HEADER_LINES = 2_000;
const FIELD_LINE = /^[!-9;-~]+[ \t]*:/;
const ADDRESS = /[^\s@<>()",;:]+@[^\s@<>()",;:]+/;
const MESSAGE_ID = /^<[^\s<>@]+@[^\s<>@]+>$/;
/** date-time of RFC 5322 3.3, day name and seconds optional, numeric zone (obsolete zones accepted as names). */
const DATE_TIME = /^(?:[A-Za-z]{3},\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{4}\s+\d{2}:\d{2}(?::\d{2})?\s+(?:[+-]\d{4}|[A-Za-z]{1,5})(?:\s*\(.*\))?$/;

export interface FormatProblem {
  /** 1-based line in the file, when the problem is on one line. */
  line?: number;
  message: string;
}

/** Every RFC 5322 problem of the header block, in file order; an empty list means none was found. */
export function rfc5322Problems(message: Buffer): FormatProblem[] {
  const text = message.toString('latin1');
  const end = text.search(/\r?\n\r?\n/);
  const lines = (end >= 0 ? text.slice(0, end) : text).split(/\r?\n/).slice(0, MAX_HEADER_LINES);
  const problems: FormatProblem[] = [];
  const fields = new Map<string, Array<{ line: number; value: string }>>();
  let current: { name: string; line: number; value: string } | undefined;
  const close = () => {
    if (current) fields.set(current.name, [...(fields.get(current.name) ?? []), { line: current.line, value: current.value.trim() }]);
    current = undefined;
  };
  lines.forEach((raw, index) => {
    const line = index + 1;
    if (raw.length > MAX_LINE) problems.push({ line, message: `Line ${line} is ${raw.length} characters; RFC 5322 allows 998 (fold long headers).` });
    if (/^[ \t]/.test(raw)) {
      if (current) current.value += ` ${raw.trim()}`;
      else problems.push({ line, message: `Line ${line} continues a header field, but no field comes before it.` });
      return;
    }
    close();
    if (!FIELD_LINE.test(raw)) {
      problems.push({ line, message: `Line ${line} is not a header field ("name: value"): "${raw.slice(0, 60)}".` });
      return;
    }
    const colon = raw.indexOf(':');
    current = { name: raw.slice(0, colon).trim().toLowerCase(), line, value: raw.slice(colon + 1) };
  });
  close();
  if (end < 0) problems.push({ message: 'The message has no empty line between the header and the body.' });
  for (const [name, required] of SINGLE_FIELDS) {
    const found = fields.get(name) ?? [];
    if (required && found.length === 0) problems.push({ message: `The ${title(name)} header is missing; RFC 5322 requires exactly one.` });
    if (found.length > 1) problems.push({ line: found[1]!.line, message: `${title(name)} appears ${found.length} times (lines ${found.map((field) => field.line).join(', ')}); RFC 5322 allows one.` });
  }
  const from = fields.get('from')?.[0];
  if (from && !ADDRESS.test(from.value)) problems.push({ line: from.line, message: `From "${from.value.slice(0, 60)}" holds no address (name@domain).` });
  const date = fields.get('date')?.[0];
  if (date && !DATE_TIME.test(date.value)) problems.push({ line: date.line, message: `Date "${date.value.slice(0, 60)}" is not an RFC 5322 date-time (e.g. "Sat, 05 Dec 2026 10:00:00 +0000").` });
  const messageId = fields.get('message-id')?.[0];
  if (!messageId) problems.push({ message: 'The Message-ID header is missing; Gmail rejects bulk mail without one.' });
  else if (!MESSAGE_ID.test(messageId.value)) problems.push({ line: messageId.line, message: `Message-ID "${messageId.value.slice(0, 60)}" is not <unique@domain>.` });
  return problems;
}

const title = (name: string): string => name.replace(/(^|-)([a-z])/g, (_, dash: string, letter: string) => `${dash}${letter.toUpperCase()}`).replace('Message-Id', 'Message-ID');
