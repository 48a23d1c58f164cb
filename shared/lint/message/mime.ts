/**
 * A MIME message read from its bytes, split the way SpamAssassin's Message.pm does (exact boundaries, headers per
 * part, message/rfc822 parsed as a nested message), with lazily decoded bodies. Works on octet strings (one char per
 * byte); offsets are offsets into the file the user opened.
 * Budget: at most 1000 parts and 20 levels of nesting (SpamAssassin's own limits); beyond, parts are not split.
 */
import { base64Decode, bytesOf, decodeCharset, dropCrBeforeLf, octetsOf, quotedPrintableBody, quotedPrintableDecode, utf8Octets } from './octets';

export interface Header {
  name: string;
  /** Unfolded, encoded-words decoded, as Unicode text. */
  value: string;
  /** The header's text after the colon, folding kept (octets). */
  raw: string;
  /** Offset of the header's first character in the file. */
  start: number;
  end: number;
}

export interface MimePart {
  contentType: string;
  headers: Header[];
  /** The decoded body as text (by its charset). */
  body: string;
  /** Offset of the body in the file; `verbatim` when body offsets equal file offsets (no transfer encoding). */
  bodyStart: number;
  verbatim: boolean;
  attachment: boolean;
}

/** One node of the MIME tree, as SpamAssassin's Message::Node sees it. */
export interface MimeNode {
  /** Lower-case media type (text/plain when missing or invalid). */
  type: string;
  headers: Header[];
  charset?: string;
  boundary?: string;
  /** File name from Content-Disposition or Content-Type. */
  name?: string;
  children: MimeNode[];
  /** Where the body is in the normalised message text. */
  bodyStart: number;
  bodyEnd: number;
  encoding: string;
  /** Body after transfer decoding, as octets. */
  decoded(): string;
  /** Body decoded by its charset, as Unicode text. */
  text(): string;
  header(name: string): Header | undefined;
  headersNamed(name: string): Header[];
}

export interface Message {
  headers: Header[];
  header(name: string): Header | undefined;
  /** Leaf text parts, in order (legacy view for the non-spam families). */
  parts: MimePart[];
  html?: MimePart;
  text?: MimePart;
  /** Offset where the top-level body starts. */
  bodyStart: number;
  /** The whole message as octets, line ends normalised to LF. */
  octets: string;
  root: MimeNode;
  /** Every leaf of the tree in document order (SpamAssassin's find_parts(qr/./, 1)). */
  leaves: MimeNode[];
  /** Parser observations MIMEEval reads (missing part headers, epilogue, boundary state). */
  flags: { missingMimeHeaders: boolean; missingHeadBodySeparator: boolean; epilogue: boolean; unbalancedBoundary: boolean; truncatedParts: boolean };
  /** Maps an offset in `octets` back to the file (CRs removed while normalising). */
  fileOffset(offset: number): number;
}

const MAX_PARTS = 1000;
const MAX_DEPTH = 20;

/** Decodes RFC 2047 encoded-words (`=?utf-8?B?...?=`) in a Unicode or octet header value. */
export function decodeWords(value: string): string {
  if (!value.includes('=?')) return value;
  return value
    .replace(/(=\?[A-Za-z0-9*_-]+\?[bqBQ]\?[^?]*\?=)\s+(?==\?[A-Za-z0-9*_-]+\?[bqBQ]\?[^?]*\?=)/g, '$1')
    .replace(/=\?([A-Za-z0-9_-]+)(?:\*[^?]*)?\?([bqBQ])\?([^?]*)\?=/g, (_, charset: string, kind: string, text: string) => {
      const bytes = kind === 'B' || kind === 'b' ? base64Decode(text) : quotedPrintableDecode(text, true);
      return decodeCharset(bytes, charset);
    });
}

// Headers whose values SpamAssassin never decodes (Node.pm _decode_header).
const undecoded = /^(?:Received|(?:Resent-)?(?:Message-ID|Date)|MIME-Version|References|In-Reply-To|List-.*)$/i;

/** Octets of a header value to Unicode: 8-bit text as UTF-8 when valid, then encoded-words. */
function headerValue(name: string, raw: string): string {
  let value = raw.replace(/\r?\n[ \t]+/g, ' ').replace(/\r?\n/g, '').trim();
   
  if (/[^\x00-\x7f]/.test(value)) value = decodeCharset(bytesOf(value), 'utf-8');
  return undecoded.test(name) ? value : decodeWords(value);
}

function parseHeaders(text: string, from: number, to: number): { headers: Header[]; bodyStart: number; separator: boolean } {
  const headers: Header[] = [];
  let offset = from;
  let current: { name: string; start: number; valueStart: number; end: number } | undefined;
  const flush = () => {
    if (!current) return;
    const raw = text.slice(current.valueStart, current.end);
    headers.push({ name: current.name, value: headerValue(current.name, raw), raw, start: current.start, end: current.end });
    current = undefined;
  };
  while (offset < to) {
    let lineEnd = text.indexOf('\n', offset);
    if (lineEnd === -1 || lineEnd > to) lineEnd = to;
    const first = text.charCodeAt(offset);
    if (lineEnd === offset) {
      flush();
      return { headers, bodyStart: Math.min(lineEnd + 1, to), separator: true };
    }
    if ((first === 32 || first === 9) && current) {
      current.end = lineEnd;
    } else {
      const colon = text.indexOf(':', offset);
      const name = colon > offset && colon < lineEnd ? text.slice(offset, colon).replace(/[ \t]+$/, '') : '';
      // RFC 5322 ftext: printable US-ASCII except ":" (SpamAssassin's /^[\041-\071\073-\176]+[ \t]*:/).
      if (name && /^[\x21-\x39\x3b-\x7e]+$/.test(name)) {
        flush();
        current = { name, start: offset, valueStart: colon + 1, end: lineEnd };
      } else if (offset === from && text.startsWith('From ', offset)) {
        // mbox separator line
      } else {
        flush();
        return { headers, bodyStart: offset, separator: false };
      }
    }
    offset = lineEnd + 1;
  }
  flush();
  return { headers, bodyStart: Math.min(offset, to), separator: false };
}

function param(value: string, re: RegExp): string | undefined {
  const m = re.exec(value);
  return m?.[1]?.trim() || undefined;
}

/** SpamAssassin's Util::parse_content_type: type, boundary, charset, name. */
function contentType(value: string | undefined): { type: string; missing: boolean; boundary?: string; charset?: string; name?: string } {
  const v = value ?? '';
  const boundary = param(v, /\bboundary\s*=\s*["']?([^"';]+)["']?/i);
  const charset = param(v, /\bcharset\s*=\s*["']?(.*?)["']?(?:;|$)/i);
  const name = param(v, /\bname\s*=\s*["']?(.*?)["']?(?:;|$)/i);
  let type = (v.split(';')[0] ?? '').trim().toLowerCase().replace(/["']/g, '');
  const missing = !/^[^/\s]+\/[^/\s]+$/.test(type);
  if (missing) type = 'text/plain';
  return { type, missing, ...(boundary ? { boundary } : {}), ...(charset ? { charset } : {}), ...(name ? { name } : {}) };
}

/**
 * Gives a UTF-8 leaf what its body holds when the caller already knows it (a template it has just wrapped): its
 * octets are that text's UTF-8, and neither the quoted-printable nor the charset is decoded again.
 */
const knownText = new WeakMap<MimeNode, (text: string) => void>();

function makeNode(text: string, headers: Header[], bodyStart: number, bodyEnd: number, typeOverride?: string): MimeNode {
  const lookup = (name: string) => {
    const lower = name.toLowerCase();
    for (let i = headers.length - 1; i >= 0; i--) if (headers[i]!.name.toLowerCase() === lower) return headers[i];
    return undefined;
  };
  const ct = contentType(lookup('content-type')?.value);
  const type = typeOverride && ct.missing ? typeOverride : ct.type;
  const disposition = lookup('content-disposition')?.value ?? '';
  const dispName = /name=\s*"?([^";]+)"?/i.exec(disposition)?.[1];
  const encoding = (lookup('content-transfer-encoding')?.value ?? '').trim().toLowerCase();
  let decodedCache: string | undefined;
  let textCache: string | undefined;
  // The transfer-decoded bytes, kept from decoded() until text() decodes them by charset: no copy back from octets.
  let decodedBytes: Uint8Array | undefined;
  // What the body holds, as characters, when the caller knows it (knownText below).
  let known: string | undefined;
  const node: MimeNode = {
    type,
    headers,
    ...(ct.charset ? { charset: ct.charset } : {}),
    ...(ct.boundary ? { boundary: ct.boundary } : {}),
    ...(dispName || ct.name ? { name: dispName ?? ct.name } : {}),
    children: [],
    bodyStart,
    bodyEnd,
    encoding,
    decoded() {
      if (decodedCache === undefined && known !== undefined) decodedCache = utf8Octets(known);
      if (decodedCache === undefined) {
        // Node.pm decode(): CRLF inside decoded QP, and inside decoded base64 of text and message parts, becomes LF.
        if (encoding.startsWith('base64')) {
          decodedBytes = base64Decode(text, bodyStart, bodyEnd);
          if (/^(?:text|message)\b/.test(type)) decodedBytes = dropCrBeforeLf(decodedBytes);
        } else if (encoding.startsWith('quoted-printable')) decodedBytes = quotedPrintableBody(text, bodyStart, bodyEnd);
        decodedCache = decodedBytes ? octetsOf(decodedBytes) : text.slice(bodyStart, bodyEnd);
      }
      return decodedCache;
    },
    text() {
      if (textCache === undefined) {
        const octets = node.decoded();
        textCache = decodeCharset(decodedBytes ?? bytesOf(octets), ct.charset);
        decodedBytes = undefined;
      }
      return textCache;
    },
    header: lookup,
    headersNamed(name) {
      const lower = name.toLowerCase();
      return headers.filter((h) => h.name.toLowerCase() === lower);
    },
  };
  if (/^utf-?8$/i.test(ct.charset ?? '')) {
    knownText.set(node, (text) => {
      known = text;
      // As the UTF-8 decoder reads it: an opening byte order mark is not text.
      textCache = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    });
  }
  return node;
}

interface ParseState {
  text: string;
  parts: number;
  flags: Message['flags'];
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function parseBody(state: ParseState, node: MimeNode, depth: number): void {
  if (depth > MAX_DEPTH) return;
  const { text } = state;
  if (node.type.startsWith('multipart/') && node.boundary) {
    splitMultipart(state, node, depth);
    return;
  }
  if ((node.type === 'message/rfc822' || node.type === 'message/global') && node.bodyEnd > node.bodyStart && !node.encoding.startsWith('base64')) {
    const parsed = parseHeaders(text, node.bodyStart, node.bodyEnd);
    const child = makeNode(text, parsed.headers, parsed.bodyStart, node.bodyEnd);
    node.children.push(child);
    parseBody(state, child, depth + 1);
  }
}

function splitMultipart(state: ParseState, node: MimeNode, depth: number): void {
  const { text } = state;
  const boundary = node.boundary!;
  // A boundary line is exactly "--boundary" (or "--boundary--" at the end), then only blanks: "--outer" never
  // matches "--outer-inner".
  const line = new RegExp(`^--${escapeRe(boundary)}(--)?[ \\t\\r]*$`, 'gm');
  line.lastIndex = node.bodyStart;
  let m = line.exec(text);
  if (m && m.index >= node.bodyEnd) m = null;
  if (!m) return;
  let partStart = m.index + m[0].length + 1;
  let closed = Boolean(m[1]);
  while (!closed && partStart < node.bodyEnd) {
    if (state.parts >= MAX_PARTS) {
      state.flags.truncatedParts = true;
      return;
    }
    line.lastIndex = partStart;
    let next = line.exec(text);
    if (next && next.index >= node.bodyEnd) next = null;
    const partEnd = next ? Math.max(partStart, next.index - 1) : node.bodyEnd;
    const parsed = parseHeaders(text, partStart, partEnd);
    if (!parsed.headers.length && partEnd > partStart) state.flags.missingMimeHeaders = true;
    if (!parsed.separator && parsed.headers.length) state.flags.missingHeadBodySeparator = true;
    const child = makeNode(text, parsed.headers, parsed.bodyStart, partEnd, node.type === 'multipart/digest' ? 'message/rfc822' : undefined);
    if (child.type.startsWith('multipart/') && child.boundary === boundary) delete child.boundary;
    node.children.push(child);
    state.parts++;
    parseBody(state, child, depth + 1);
    if (!next) {
      state.flags.unbalancedBoundary = true;
      return;
    }
    closed = Boolean(next[1]);
    partStart = next.index + next[0].length + 1;
  }
  if (closed && partStart < node.bodyEnd && /[^\s.]/.test(text.slice(partStart, node.bodyEnd))) state.flags.epilogue = true;
}

function collectLeaves(node: MimeNode, out: MimeNode[]): void {
  if (!node.children.length && !(node.type.startsWith('multipart/') && node.boundary)) out.push(node);
  for (const child of node.children) collectLeaves(child, out);
}

export interface ParseOptions {
  /**
   * What the bodies of the first leaves hold once transfer-decoded, as characters, in order, when the caller wrote
   * the message (wrapTemplateParts): taken for UTF-8 leaves only. It must be what decoding gives;
   * test/unit/lint/mime-known-texts.test.ts holds the wrapper to it.
   */
  knownTexts?: readonly string[];
}

/**
 * Parses a message. Bytes are the truth for mail (.eml); a string is taken as already-decoded text and encoded
 * as UTF-8 octets.
 */
export function parseMessage(input: Uint8Array | string, options: ParseOptions = {}): Message {
  let octets = typeof input === 'string' ? utf8Octets(input) : octetsOf(input);
  // A string whose octets are its characters (ASCII): offsets in the message are offsets in the string.
  const stringOffsets = typeof input === 'string' && octets.length === input.length;
  // Line ends: CRLF and CR-only become LF; remember where CRs were so offsets map back to the file.
  const removed: number[] = [];
  if (octets.includes('\r')) {
    if (!octets.includes('\n')) octets = octets.replace(/\r/g, '\n');
    else {
      // Positions first, then one native replace: concatenating a slice per line was most of parseMessage's own time.
      for (let i = octets.indexOf('\r'); i !== -1; i = octets.indexOf('\r', i + 1)) if (octets.charCodeAt(i + 1) === 10) removed.push(i);
      if (removed.length) octets = octets.replace(/\r\n/g, '\n');
    }
  }
  const state: ParseState = { text: octets, parts: 0, flags: { missingMimeHeaders: false, missingHeadBodySeparator: false, epilogue: false, unbalancedBoundary: false, truncatedParts: false } };
  const top = parseHeaders(octets, 0, octets.length);
  const root = makeNode(octets, top.headers, top.bodyStart, octets.length);
  parseBody(state, root, 0);
  const leaves: MimeNode[] = [];
  collectLeaves(root, leaves);
  options.knownTexts?.forEach((known, i) => {
    const leaf = leaves[i];
    if (leaf) knownText.get(leaf)?.(known);
  });
  const fileOffset = (offset: number) => {
    if (!removed.length) return offset;
    // Each removed CR before this point shifts it by one.
    let lo = 0;
    let hi = removed.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (removed[mid]! - mid <= offset) lo = mid + 1;
      else hi = mid;
    }
    return offset + lo;
  };
  const mapHeader = (h: Header): Header => ({ ...h, start: fileOffset(h.start), end: fileOffset(h.end) });
  const headers = root.headers.map(mapHeader);
  const parts: MimePart[] = [];
  for (const leaf of leaves) {
    if (!leaf.type.startsWith('text/')) continue;
    const disposition = leaf.header('content-disposition')?.value.toLowerCase() ?? '';
    // Without a transfer encoding the part is the file's own text: the families that point at lines read it from
    // the file (CRs kept), so their offsets are file offsets.
    const verbatim = stringOffsets && !leaf.encoding.startsWith('base64') && !leaf.encoding.startsWith('quoted-printable');
    parts.push({
      contentType: leaf.type,
      headers: leaf.headers.map(mapHeader),
      body: verbatim ? (input as string).slice(fileOffset(leaf.bodyStart), fileOffset(leaf.bodyEnd)) : leaf.text(),
      bodyStart: fileOffset(leaf.bodyStart),
      verbatim,
      attachment: disposition.startsWith('attachment'),
    });
  }
  const html = parts.find((p) => p.contentType === 'text/html' && !p.attachment);
  const text = parts.find((p) => p.contentType === 'text/plain' && !p.attachment);
  const lookup = (name: string) => {
    const lower = name.toLowerCase();
    return headers.find((h) => h.name.toLowerCase() === lower);
  };
  return { headers, header: lookup, parts, ...(html ? { html } : {}), ...(text ? { text } : {}), bodyStart: fileOffset(top.bodyStart), octets, root, leaves, flags: state.flags, fileOffset };
}
