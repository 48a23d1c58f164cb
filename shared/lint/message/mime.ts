/**
 * A small MIME reader for `.eml` files: headers (unfolded, RFC 2047 decoded), the text and HTML
 * parts, and where each sits in the file so findings can point at a line. Pure TypeScript.
 */

export interface Header {
  name: string;
  /** Unfolded, encoded-words decoded. */
  value: string;
  /** Offset of the header's first character in the file. */
  start: number;
  end: number;
}

export interface MimePart {
  contentType: string;
  headers: Header[];
  body: string;
  /** Offset of the body in the file; `verbatim` when body offsets equal file offsets (no transfer encoding). */
  bodyStart: number;
  verbatim: boolean;
  attachment: boolean;
}

export interface Message {
  headers: Header[];
  header(name: string): Header | undefined;
  parts: MimePart[];
  html?: MimePart;
  text?: MimePart;
  /** Offset where the top-level body starts. */
  bodyStart: number;
}

function parseHeaderBlock(raw: string, base: number): { headers: Header[]; bodyStart: number } {
  const headers: Header[] = [];
  let offset = 0;
  while (offset < raw.length) {
    let lineEnd = raw.indexOf('\n', offset);
    if (lineEnd === -1) lineEnd = raw.length;
    const line = raw.slice(offset, lineEnd).replace(/\r$/, '');
    if (line === '') return { headers, bodyStart: base + lineEnd + 1 };
    const last = headers.at(-1);
    if (/^[ \t]/.test(line) && last) {
      last.value += ` ${line.trim()}`;
      last.end = base + lineEnd;
    } else {
      const colon = line.indexOf(':');
      // The mbox "From " separator and junk lines are not headers.
      if (colon > 0 && !/\s/.test(line.slice(0, colon))) {
        headers.push({ name: line.slice(0, colon), value: line.slice(colon + 1).trim(), start: base + offset, end: base + lineEnd });
      }
    }
    offset = lineEnd + 1;
  }
  return { headers, bodyStart: base + raw.length };
}

function param(value: string, name: string): string | undefined {
  const m = new RegExp(`(?:^|;)\\s*${name}\\s*=\\s*(?:"([^"]*)"|([^;\\s]+))`, 'i').exec(value);
  return m ? (m[1] ?? m[2]) : undefined;
}

function decodeBytes(bytes: Uint8Array, charset: string | undefined): string {
  try {
    return new TextDecoder(charset ?? 'utf-8').decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

function base64Bytes(text: string): Uint8Array {
  let clean = text.replace(/[^A-Za-z0-9+/]/g, '');
  // Padding is optional in practice; a dangling single character carries no whole byte.
  if (clean.length % 4 === 1) clean = clean.slice(0, -1);
  const binary = atob(clean + '='.repeat((4 - (clean.length % 4)) % 4));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

function quotedPrintableBytes(text: string, header = false): Uint8Array {
  const source = (header ? text.replace(/_/g, ' ') : text).replace(/=\r?\n/g, '');
  const out: number[] = [];
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === '=' && /^[0-9A-Fa-f]{2}$/.test(source.slice(i + 1, i + 3))) {
      out.push(parseInt(source.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      const code = c.charCodeAt(0);
      if (code < 128) out.push(code);
      else out.push(...new TextEncoder().encode(c));
    }
  }
  return Uint8Array.from(out);
}

/** Decodes RFC 2047 encoded-words (`=?utf-8?B?...?=`). */
export function decodeWords(value: string): string {
  return value
    .replace(/(=\?[^?]+\?[bqBQ]\?[^?]*\?=)\s+(?==\?)/g, '$1')
    .replace(/=\?([^?*]+)(?:\*[^?]*)?\?([bqBQ])\?([^?]*)\?=/g, (_, charset: string, kind: string, text: string) => {
      try {
        const bytes = kind.toUpperCase() === 'B' ? base64Bytes(text) : quotedPrintableBytes(text, true);
        return decodeBytes(bytes, charset);
      } catch {
        return text;
      }
    });
}

function lookup(headers: Header[], name: string): Header | undefined {
  const lower = name.toLowerCase();
  return headers.find((h) => h.name.toLowerCase() === lower);
}

function readPart(raw: string, base: number, headers: Header[], bodyStart: number, out: MimePart[]): void {
  const typeHeader = lookup(headers, 'content-type')?.value ?? 'text/plain';
  const contentType = typeHeader.split(';')[0]!.trim().toLowerCase();
  const bodyRaw = raw.slice(bodyStart - base);
  if (contentType.startsWith('multipart/')) {
    const boundary = param(typeHeader, 'boundary');
    if (!boundary) return;
    const marker = `--${boundary}`;
    let cursor = bodyRaw.indexOf(marker);
    while (cursor !== -1) {
      const after = cursor + marker.length;
      if (bodyRaw.startsWith('--', after)) break;
      const partStart = bodyRaw.indexOf('\n', after) + 1;
      if (partStart === 0) break;
      const next = bodyRaw.indexOf(`\n${marker}`, partStart);
      const partEnd = next === -1 ? bodyRaw.length : next;
      const partRaw = bodyRaw.slice(partStart, partEnd);
      const partBase = bodyStart + partStart;
      const parsed = parseHeaderBlock(partRaw, partBase);
      readPart(partRaw, partBase, parsed.headers, parsed.bodyStart, out);
      cursor = next === -1 ? -1 : next + 1;
    }
    return;
  }
  const encoding = (lookup(headers, 'content-transfer-encoding')?.value ?? '7bit').toLowerCase().trim();
  const charset = param(typeHeader, 'charset');
  const disposition = lookup(headers, 'content-disposition')?.value.toLowerCase() ?? '';
  let body: string;
  let verbatim = false;
  if (encoding === 'base64') body = decodeBytes(base64Bytes(bodyRaw), charset);
  else if (encoding === 'quoted-printable') body = decodeBytes(quotedPrintableBytes(bodyRaw), charset);
  else {
    body = bodyRaw;
    verbatim = true;
  }
  out.push({ contentType, headers, body, bodyStart, verbatim, attachment: disposition.startsWith('attachment') || !contentType.startsWith('text/') });
}

export function parseMessage(raw: string): Message {
  const { headers, bodyStart } = parseHeaderBlock(raw, 0);
  for (const header of headers) if (header.value.includes('=?')) header.value = decodeWords(header.value);
  const parts: MimePart[] = [];
  readPart(raw, 0, headers, bodyStart, parts);
  const html = parts.find((p) => p.contentType === 'text/html' && !p.attachment);
  const text = parts.find((p) => p.contentType === 'text/plain' && !p.attachment);
  return { headers, header: (name) => lookup(headers, name), parts, ...(html ? { html } : {}), ...(text ? { text } : {}), bodyStart };
}

