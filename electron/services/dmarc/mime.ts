import iconv from 'iconv-lite';
import { budget, refuse } from './budget';

export interface MimePart {
  /** Header fields in order, names lower-cased, values unfolded (raw bytes as latin-1). */
  headers: Array<[name: string, value: string]>;
  /** The header block as it was, for failure reports that keep the original headers. */
  rawHeaders: string;
  contentType: string;
  params: ReadonlyMap<string, string>;
  /** The attachment's file name (Content-Disposition filename or Content-Type name), or ''. */
  filename: string;
  /** The body with its transfer encoding undone; empty for multiparts. */
  body: Buffer;
  children: MimePart[];
}

/**
 * A budgeted reader of one email (RFC 5322 + MIME) for report mail: the parts and their
 * decoded bytes, nothing more. Bytes are handled as latin-1 text so that nothing is lost
 * before each part is decoded by its own charset. An mbox "From " line at the top is skipped.
 */
export function parseEmail(file: string, bytes: Uint8Array): MimePart {
  let text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  if (text.startsWith('From ')) text = text.slice(text.indexOf('\n') + 1);
  const counter = { parts: 0 };
  return readPart(file, text, 0, counter);
}

function readPart(file: string, text: string, depth: number, counter: { parts: number }): MimePart {
  if (++counter.parts > budget.mimeParts) throw refuse(file, `The email has more than ${budget.mimeParts} MIME parts.`, 'Report mail has a handful; check that this is a DMARC or TLS report.');
  const split = /\r?\n\r?\n/.exec(text);
  const rawHeaders = split ? text.slice(0, split.index) : text;
  const body = split ? text.slice(split.index + split[0].length) : '';
  const headers = parseHeaders(rawHeaders);
  const header = (name: string) => headers.find(([n]) => n === name)?.[1] ?? '';
  const [contentTypeRaw, params] = parseParams(header('content-type') || 'text/plain');
  const contentType = contentTypeRaw.toLowerCase();
  const [, dispositionParams] = parseParams(header('content-disposition'));
  const filename = decodeWords(dispositionParams.get('filename') ?? params.get('name') ?? '');
  const part: MimePart = { headers, rawHeaders, contentType, params, filename, body: Buffer.alloc(0), children: [] };
  const boundary = params.get('boundary');
  if (contentType.startsWith('multipart/') && boundary) {
    if (depth >= budget.nesting * 2) throw refuse(file, 'The email nests MIME parts too deeply.', 'Check that this is a DMARC or TLS report.');
    for (const section of splitMultipart(body, boundary)) part.children.push(readPart(file, section, depth + 1, counter));
    return part;
  }
  part.body = decodeTransfer(body, header('content-transfer-encoding').trim().toLowerCase());
  return part;
}

export function parseHeaders(block: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const line of block.split(/\r?\n/)) {
    if (/^[ \t]/.test(line) && out.length > 0) {
      out[out.length - 1]![1] += ` ${line.trim()}`;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    out.push([line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim()]);
  }
  return out;
}

/** `type/subtype; a="b"; c=d; name*=utf-8''x%20y` as the value and a Map of its parameters. */
function parseParams(value: string): [string, Map<string, string>] {
  const params = new Map<string, string>();
  const [first = '', ...rest] = value.match(/(?:[^;"]|"(?:[^"\\]|\\.)*")+/g) ?? [];
  for (const item of rest) {
    const eq = item.indexOf('=');
    if (eq < 0) continue;
    let key = item.slice(0, eq).trim().toLowerCase();
    let val = item.slice(eq + 1).trim();
    if (val.startsWith('"')) val = val.slice(1, val.endsWith('"') ? -1 : undefined).replace(/\\(.)/g, '$1');
    if (key.endsWith('*')) {
      key = key.slice(0, -1).replace(/\*\d+$/, '');
      const m = /^([^']*)'[^']*'(.*)$/.exec(val);
      if (m) val = decodeCharset(Buffer.from(unpercent(m[2]!), 'latin1'), m[1] || 'utf-8');
    }
    params.set(key, (params.get(key) ?? '') + val);
  }
  return [first.trim(), params];
}

const unpercent = (s: string) => s.replace(/%([0-9a-f]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16)));

function splitMultipart(body: string, boundary: string): string[] {
  const delimiter = `--${boundary}`;
  const sections: string[] = [];
  let at = body.startsWith(delimiter) ? 0 : body.indexOf(`\n${delimiter}`);
  if (at < 0) return sections;
  if (at > 0) at += 1;
  for (;;) {
    const lineEnd = body.indexOf('\n', at);
    if (body.startsWith(`${delimiter}--`, at) || lineEnd < 0) break;
    const next = body.indexOf(`\n${delimiter}`, lineEnd);
    const end = next < 0 ? body.length : next;
    sections.push(body.slice(lineEnd + 1, end > lineEnd && body[end - 1] === '\r' ? end - 1 : end));
    if (next < 0) break;
    at = next + 1;
  }
  return sections;
}

function decodeTransfer(body: string, encoding: string): Buffer {
  if (encoding === 'base64') return Buffer.from(body.replace(/[^A-Za-z0-9+/=_-]/g, ''), 'base64');
  if (encoding === 'quoted-printable') {
    return Buffer.from(body.replace(/=\r?\n/g, '').replace(/=([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1');
  }
  return Buffer.from(body, 'latin1');
}

function decodeCharset(bytes: Buffer, charset: string): string {
  const name = charset.toLowerCase();
  return iconv.encodingExists(name) ? iconv.decode(bytes, name) : bytes.toString('utf8');
}

/** Text of a part in its own charset. */
export const partText = (part: MimePart): string => decodeCharset(part.body, part.params.get('charset') ?? 'utf-8');

/** A header value with RFC 2047 encoded words decoded and its raw bytes read as UTF-8 where they are. */
export function decodeWords(value: string): string {
  const raw = /[\x80-\xff]/.test(value) ? Buffer.from(value, 'latin1').toString('utf8') : value;
  return raw.replace(/=\?([^?]+)\?([bq])\?([^?]*)\?=(\s+(?==\?))?/gi, (_, charset: string, kind: string, data: string) => {
    const bytes = kind.toLowerCase() === 'b'
      ? Buffer.from(data, 'base64')
      : Buffer.from(data.replace(/_/g, ' ').replace(/=([0-9a-f]{2})/gi, (__, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1');
    return decodeCharset(bytes, charset.replace(/\*.*$/, ''));
  });
}

/** Every leaf part, depth first. */
export function leaves(part: MimePart): MimePart[] {
  return part.children.length === 0 ? [part] : part.children.flatMap(leaves);
}

export const headerOf = (part: MimePart, name: string): string => part.headers.find(([n]) => n === name)?.[1] ?? '';
