/**
 * A template (.html, compiled .mjml) as the message a careful sender would send: From and To with display names,
 * a Subject from the template's <title> (else a neutral one), Date, Message-ID, MIME-Version and both parts in a
 * multipart/alternative, each UTF-8 quoted-printable with lines of at most 76 characters.
 *
 * Spam rules then judge the template, not a missing envelope: a bare `To:`, a missing Date or Message-ID and
 * over-long QP lines each fire SpamAssassin rules of their own (PDS_BRAND_SUBJ_NAKED_TO, MISSING_DATE, MISSING_MID,
 * MIME_QP_LONG_LINE). `mailbench spamcheck` sends this to real SpamAssassin and the in-process engine lints the
 * same bytes, so both judge one message. test/integration/lint/spamcheck.test.ts shows real SpamAssassin finds
 * nothing in the wrapper itself.
 *
 * Pure TypeScript (no Node, no DOM): the lint engine runs in a browser worker too.
 */
import { textPartOf } from './text-part';

export interface WrapOptions {
  /** The plain-text part; by default the one the editor exports (textPartOf). */
  text?: string;
  /** By default the template's <title>, else NEUTRAL_SUBJECT. */
  subject?: string;
  /** By default now. */
  date?: Date;
}

export const WRAPPER_FROM = '"Mailbench Preview" <preview@example.com>';
export const WRAPPER_TO = '"Mailbench Reader" <reader@example.com>';
export const NEUTRAL_SUBJECT = 'Our latest update';

const CRLF = '\r\n';
const encoder = new TextEncoder();

/** The document's <title>, entities decoded and white space collapsed; undefined when absent or empty. */
export function titleOf(html: string): string | undefined {
  const match = /<title\b[^>]*>([\s\S]*?)<\/title\s*>/i.exec(html);
  const title = match ? decodeEntities(match[1]!).replace(/\s+/g, ' ').trim() : '';
  return title === '' ? undefined : title.slice(0, 200);
}

const named = new Map([['amp', '&'], ['lt', '<'], ['gt', '>'], ['quot', '"'], ['apos', "'"], ['nbsp', ' '], ['ndash', '\u2013'], ['mdash', '\u2014'], ['rsquo', '\u2019'], ['lsquo', '\u2018'], ['rdquo', '\u201d'], ['ldquo', '\u201c'], ['hellip', '\u2026'], ['copy', '\u00a9'], ['reg', '\u00ae'], ['trade', '\u2122']]);

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{2,8});/gi, (whole, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : whole;
    }
    return named.get(body.toLowerCase()) ?? whole;
  });
}

/**
 * Quoted-printable (RFC 2045 6.7) of UTF-8 text: line breaks become CRLF, every output line is at most 76
 * characters (soft breaks `=`), `=`, control and 8-bit bytes are encoded, and white space before a break too.
 */
export function quotedPrintable(text: string): string {
  const bytes = encoder.encode(text);
  const length = bytes.length;
  // At most 3 octets out per octet in, a 3-octet soft break per 64 or more, CRLF for a 1-octet line break.
  const out = new Uint8Array(length * 4 + 16);
  let o = 0;
  let column = 0;
  for (let i = 0; i < length; ) {
    const byte = bytes[i]!;
    if (byte === CR || byte === LF) {
      out[o++] = CR;
      out[o++] = LF;
      column = 0;
      i += byte === CR && i + 1 < length && bytes[i + 1] === LF ? 2 : 1;
      continue;
    }
    // Printable ASCII, and blanks not before a line break, go as they are: most of a template, so that path is short.
    let plain = byte >= 33 && byte <= 126 && byte !== EQUALS;
    if (byte === 32 || byte === 9) {
      const next = i + 1 < length ? bytes[i + 1]! : LF;
      plain = next !== CR && next !== LF;
    }
    if (plain) {
      if (column >= 75) {
        out[o++] = EQUALS;
        out[o++] = CR;
        out[o++] = LF;
        column = 0;
      }
      out[o++] = byte;
      column++;
      i++;
      continue;
    }
    // Keep a multi-byte character's escapes together on one line, so a reader never sees half a character.
    const count = utf8Length(bytes, i);
    if (column + 3 * count > 75) {
      out[o++] = EQUALS;
      out[o++] = CR;
      out[o++] = LF;
      column = 0;
    }
    for (let k = 0; k < count; k++) {
      const escaped = bytes[i + k]!;
      out[o++] = EQUALS;
      out[o++] = HEX[escaped >> 4]!;
      out[o++] = HEX[escaped & 15]!;
    }
    column += 3 * count;
    i += count;
  }
  return decoder.decode(out.subarray(0, o));
}

const CR = 13;
const LF = 10;
const EQUALS = 61;
const HEX = encoder.encode('0123456789ABCDEF');
/** The output is ASCII, the same in every decoder. */
const decoder = new TextDecoder();

/** Octets of the UTF-8 character starting at bytes[i] (one when it is not a lead byte or is cut short). */
function utf8Length(bytes: Uint8Array, i: number): number {
  const lead = bytes[i]!;
  const length = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  let k = 1;
  while (k < length && i + k < bytes.length && (bytes[i + k]! & 0xc0) === 0x80) k++;
  return k;
}

/** A Subject value: ASCII as is, else RFC 2047 encoded words (base64, whole characters per word). */
export function encodeSubject(subject: string): string {
  if (/^[\x20-\x7e]*$/.test(subject)) return subject;
  const words: string[] = [];
  let chunk = '';
  for (const char of subject) {
    // 39 bytes make 52 base64 characters: `Subject: ` and the first encoded word stay within 76 columns.
    if (encoder.encode(chunk + char).length > 39) {
      words.push(chunk);
      chunk = '';
    }
    chunk += char;
  }
  if (chunk) words.push(chunk);
  return words.map((word) => `=?UTF-8?B?${base64(encoder.encode(word))}?=`).join(`${CRLF} `);
}

const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
function base64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += alphabet[(n >> 18) & 63]! + alphabet[(n >> 12) & 63]! + (i + 1 < bytes.length ? alphabet[(n >> 6) & 63]! : '=') + (i + 2 < bytes.length ? alphabet[n & 63]! : '=');
  }
  return out;
}

/**
 * FNV-1a of the texts one after the other, as 8 hex digits: the same template gives the same boundary and Message-ID.
 * The texts are hashed in turn rather than joined (a 100 KB template's joined string was most of the hash's time),
 * and the hash stays a 32-bit integer until the end (the same bits as `>>> 0` at every step).
 */
function fingerprint(...texts: string[]): string {
  let hash = 0x811c9dc5 | 0;
  for (const text of texts) for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return (hash >>> 0).toString(16).padStart(8, '0');
}

const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** RFC 5322 date in UTC: `Sun, 6 Dec 2026 04:39:03 +0000`. */
export function rfc5322Date(date: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${days[date.getUTCDay()]}, ${date.getUTCDate()} ${months[date.getUTCMonth()]} ${date.getUTCFullYear()} ${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())} +0000`;
}

/** A wrapped template and what its two parts decode to, so the lint engine need not decode what it just encoded. */
export interface WrappedTemplate {
  /** The whole message, CRLF line ends, 7-bit ASCII only (so its string and its bytes are the same thing). */
  message: string;
  /**
   * What the bodies of its leaf parts hold in order (text/plain, then text/html), the quoted-printable undone: each
   * line break (CR, LF or CRLF) as LF, and a lone surrogate (which UTF-8 cannot carry) as U+FFFD.
   */
  texts: readonly [string, string];
}

/** The whole message, CRLF line ends, 7-bit ASCII only (so its string and its bytes are the same thing). */
export function wrapTemplate(html: string, options: WrapOptions = {}): string {
  return wrap(html, options).message;
}

/** wrapTemplate, with the texts its parts decode to. */
export function wrapTemplateParts(html: string, options: WrapOptions = {}): WrappedTemplate {
  const { message, text } = wrap(html, options);
  return { message, texts: [decodedText(text), decodedText(html)] };
}

/** The message, and the plain-text part it carries. */
function wrap(html: string, options: WrapOptions): { message: string; text: string } {
  const text = options.text ?? textPartOf(html);
  // A line break in a given subject would start a header of its own: fold it to a space.
  const subject = options.subject?.replace(/[\r\n]+/g, ' ').trim() || titleOf(html) || NEUTRAL_SUBJECT;
  const date = options.date ?? new Date();
  const id = fingerprint(subject, '\n', html);
  const stamp = date.toISOString().replace(/\D/g, '').slice(0, 14);
  const boundary = `=_mailbench_${id}_alt`;
  const part = (type: string, body: string) =>
    [`--${boundary}`, `Content-Type: ${type}; charset=UTF-8`, 'Content-Transfer-Encoding: quoted-printable', '', quotedPrintable(body)].join(CRLF);
  const message = [
    `From: ${WRAPPER_FROM}`,
    `To: ${WRAPPER_TO}`,
    `Subject: ${encodeSubject(subject)}`,
    `Date: ${rfc5322Date(date)}`,
    `Message-ID: <${stamp}.${id}@example.com>`,
    'MIME-Version: 1.0',
    `Content-Type: multipart/alternative; boundary="${boundary}"`,
    '',
    part('text/plain', text),
    part('text/html', html),
    `--${boundary}--`,
    '',
  ].join(CRLF);
  return { message, text };
}

/** The characters a part's body holds once quotedPrintable() is undone: line breaks read as LF, UTF-8's U+FFFD for a lone surrogate. */
function decodedText(text: string): string {
  const decoded = text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
  return decoded.isWellFormed() ? decoded : decoded.toWellFormed();
}
