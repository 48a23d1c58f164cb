/**
 * The message as SpamAssassin's rules see it (Message.pm, PerMsgStatus.pm): header values by `get()` semantics,
 * the rendered body as paragraph lines with the Subject first, rawbody paragraphs, the full message, and the URI
 * list from HTML attributes and from text. Everything rules match is an octet string (UTF-8 after decoding).
 */
import { type RenderedHtml, renderHtml } from './html-render';
import { decodeWords, type Header, type Message, type MimeNode } from './mime';
import { utf8Octets } from './octets';

const MAX_BODY_LINE_LENGTH = 2048;
const BODY_PART_SCAN_SIZE = 50000;
const RAWBODY_PART_SCAN_SIZE = 500000;

export interface RenderedPart {
  node: MimeNode;
  type: 'text/plain' | 'text/html';
  rendered: string;
  visible: string;
  invisible: string;
  html?: RenderedHtml;
  /** Decoded body length in octets (before charset decoding). */
  rawLength: number;
}

export interface SpamView {
  message: Message;
  /** Rendered body lines (Subject first), octets, each ending in "\n" except possibly the last. */
  body: string[];
  visibleBody: string[];
  invisibleBody: string[];
  rawbody: string[];
  full: string;
  uris: string[];
  /** Rendered text/plain and text/html parts in order. */
  rendered: RenderedPart[];
  /** HTML results of the first HTML part (SpamAssassin's metadata html), if any. */
  html?: RenderedHtml;
  htmlAll: RenderedHtml[];
  /** Header lookup with SpamAssassin's `get()` semantics; undefined when absent. */
  get(request: string): string | undefined;
  /** Every value for a header name (decoded, or raw), as octets without the trailing newline. */
  values(name: string, raw?: boolean): string[];
  /** Pseudo-headers derived before rules run (X-Spam-Relays-*, EnvelopeFrom, ALL-EXTERNAL ...). */
  setPseudo(name: string, value: string): void;
}

function effectiveType(node: MimeNode): string {
  return /\.s?html?$/i.test(node.name ?? '') ? 'text/html' : node.type;
}

function truncate(text: string, limit: number, delimiters: string[]): string {
  if (text.length <= limit) return text;
  for (const d of delimiters) {
    const idx = text.indexOf(d, limit);
    if (idx >= 0 && idx - limit <= 1024) return text.slice(0, idx + 1);
  }
  return text.slice(0, limit);
}

/** Message.pm split_into_array_of_short_lines: lines keep their "\n"; long lines split at a space. */
function shortLines(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    end = end === -1 ? text.length : end + 1;
    let line = text.slice(start, end);
    while (line.length > MAX_BODY_LINE_LENGTH) {
      const cut = line.lastIndexOf(' ', MAX_BODY_LINE_LENGTH) + 1 || MAX_BODY_LINE_LENGTH;
      out.push(line.slice(0, cut));
      line = line.slice(cut);
    }
    out.push(line);
    start = end;
  }
  return out;
}

/** Message.pm split_into_array_of_short_paragraphs (rawbody). */
function shortParagraphs(text: string): string[] {
  const len = text.length;
  if (len <= MAX_BODY_LINE_LENGTH) return [text];
  const out: string[] = [];
  let ofs = 0;
  for (; len - ofs > 2 * MAX_BODY_LINE_LENGTH; ) {
    let j = -1;
    for (const d of ['\n', '>', ' ']) {
      j = text.indexOf(d, ofs + MAX_BODY_LINE_LENGTH);
      if (j >= 0 && j - ofs + 1 <= 2 * MAX_BODY_LINE_LENGTH) break;
      j = -1;
    }
    if (j < 0) j = ofs + MAX_BODY_LINE_LENGTH;
    out.push(text.slice(ofs, j + 1));
    ofs = j + 1;
  }
  if (ofs < len) out.push(text.slice(ofs));
  return out;
}

function renderPart(node: MimeNode): RenderedPart | undefined {
  const type = effectiveType(node);
  if (type !== 'text/plain' && type !== 'text/html') return undefined;
  const decoded = node.decoded();
  const text = node.text();
  if (type === 'text/html' && decoded !== '') {
    const html = renderHtml(text, decoded.length);
    return { node, type, rendered: html.rendered, visible: html.visible, invisible: html.invisible, html, rawLength: decoded.length };
  }
  return { node, type: 'text/plain', rendered: text, visible: text, invisible: '', rawLength: decoded.length };
}

function bodyArray(parts: Array<RenderedPart | undefined>, which: 'rendered' | 'visible' | 'invisible', subject: string): string[] {
  let text = '';
  for (const part of parts) {
    if (text !== '') text += '\n';
    if (!part) continue;
    text += truncate(part[which], BODY_PART_SCAN_SIZE, ['\n', ' ']);
  }
  // Paragraph breaks (white space holding two or more line breaks) become "\n", other white space one space. The
  // middle pass matches only the runs that change (/\s+/ also rewrote every single space as itself).
  text = text.replace(/\n+\s*\n+/g, '\x00').replace(/\s{2,}|[^\S ]/g, ' ').replace(/\x00/g, '\n');
  return shortLines(utf8Octets(subject) + utf8Octets(text));
}

/** An address a parser would accept: not empty, and with text on both sides of an @ when it has one. */
const validAddress = (a: string) => a !== '' && (!a.includes('@') || /^[^@\s]+@[^@\s]+$/.test(a));

/** Email::Address::XS-like split of an address header into { address, phrase }. */
export function parseAddresses(value: string): Array<{ address?: string; phrase?: string }> {
  const out: Array<{ address?: string; phrase?: string }> = [];
  let depth = 0;
  let quoted = false;
  let angle = false;
  let current = '';
  const items: string[] = [];
  for (const ch of value) {
    if (quoted) {
      current += ch;
      if (ch === '"') quoted = false;
      continue;
    }
    if (ch === '"') quoted = true;
    else if (ch === '(') depth++;
    else if (ch === ')') depth = Math.max(0, depth - 1);
    else if (ch === '<') angle = true;
    else if (ch === '>') angle = false;
    else if (ch === ',' && !depth && !angle) {
      items.push(current);
      current = '';
      continue;
    }
    current += ch;
  }
  items.push(current);
  for (const raw of items) {
    const item = raw.trim();
    if (!item) continue;
    const m = /^(.*?)<([^<>]*)>(.*)$/s.exec(item);
    if (m) {
      const phrase = m[1]!.trim().replace(/^"(.*)"$/s, '$1').replace(/\\(.)/g, '$1');
      const address = m[2]!.trim();
      out.push({ ...(validAddress(address) ? { address } : {}), ...(phrase ? { phrase } : {}) });
    } else {
      const comment = /\(([^()]*)\)/.exec(item)?.[1];
      const address = item.replace(/\([^()]*\)/g, '').trim().replace(/^"(.*)"$/s, '$1');
      if (/\s/.test(address) && !address.includes('@')) out.push({ phrase: address });
      else out.push({ ...(validAddress(address) ? { address } : {}), ...(comment ? { phrase: comment.trim() } : {}) });
    }
  }
  return out;
}

const TEXT_URI =
  /(?:^|(?<=[><"'`,{[(|\s\x1b\xa0]))(?:((?:https?|ftp):\/\/[^><"`}\]{[|\s\x1b\xa0]{1,2048}|(?:www\d{0,2}|ftp)\.[^><"`}\]{[|\s\x1b\xa0]{1,2048})|(mailto:[^><"`}\]{[|\s\x1b\xa0,('\x80-\xff]{1,2048}|[^><"`}\]{[|\s\x1b\xa0,('\x80-\xff@]{1,251}@[^><"`}\]{[|\s\x1b\xa0,('\x80-\xff]{1,251})|([a-z\d][a-z\d._-]{0,251}\.(?:com|net|org|info|biz|us|uk|de|ru|cn|io|co|me|tv|cc|ws|fr|nl|it|es|ca|au|jp|br|pl|in|eu|ch|se|no|dk|be|at|cz|kr|tw|hk|mx|ar|za)\.?(?::\d{1,5})?(?:\/[^><"`}\]{[|\s\x1b\xa0]{1,2048})?))(?=[><"`}\]{[|\s\x1b\xa0,]|$)/gi;

function textUris(lines: string[], add: (uri: string) => void): void {
  const seen = new Set<string>();
  for (const line of lines) {
    TEXT_URI.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = TEXT_URI.exec(line))) {
      if (m[0] === '') {
        TEXT_URI.lastIndex++;
        continue;
      }
      let raw = (m[1] ?? m[2] ?? m[3])!;
      const kind = m[1] ? 'scheme' : m[2] ? 'mail' : 'schemeless';
      raw = raw.replace(/(^[^(]*)\).*$/, '$1').replace(/[-~!@#^&*()_+=:;'?,.]*$/, '');
      if (seen.has(raw)) continue;
      seen.add(raw);
      if (kind === 'mail' && !raw.includes('@')) continue;
      if (/^[cm]id:/i.test(raw) || /^\w+:\/{0,2}$/i.test(raw)) continue;
      let uri = raw;
      if (!/^(?:https?|ftp|mailto):/i.test(uri)) {
        if (/^ftp\./i.test(uri)) uri = `ftp://${uri}`;
        else if (/^www\d{0,2}\./i.test(uri)) uri = `http://${uri}`;
        else if (/\/.+@/.test(uri)) uri = `http://${uri}`;
        else if (uri.includes('@')) {
          if (!/@.+?\./.test(uri) || uri.includes('&nbsp;')) continue;
          uri = `mailto:${uri.replace(/^(?:skype|e?-?mail)?:+/i, '')}`;
        } else {
          if (!uri.includes('.')) continue;
          uri = `http://${uri}`;
        }
      }
      add(uri);
    }
  }
}

/** A few of uri_list_canonicalize's cooked forms: unescaped, entity-free, scheme-fixed. */
function canonicalize(uri: string): string[] {
  const out = [uri];
  let cooked = uri.replace(/&amp;/gi, '&');
  if (/%[0-9a-f]{2}/i.test(cooked)) {
    try {
      cooked = cooked.replace(/%([0-9a-f]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
    } catch {
      // keep as is
    }
  }
  cooked = cooked.replace(/^(https?:\/\/)?(?:\s|%20)+/i, '$1').replace(/^(https?):\/+\\*/i, '$1://');
  if (/^www\./i.test(cooked)) cooked = `http://${cooked}`;
  if (cooked !== uri) out.push(cooked);
  return out;
}

export function spamView(message: Message, pseudo = new Map<string, string>()): SpamView {
  const leaves = message.leaves;
  const parts = leaves.map((leaf) => renderPart(leaf));
  const rendered = parts.filter((p): p is RenderedPart => p !== undefined);
  const subjectHeader = [...message.root.headersNamed('subject')].at(-1);
  const subject = subjectHeader ? `${subjectHeader.value}\n` : '\n';
  let bodyCache: string[] | undefined;
  let visibleCache: string[] | undefined;
  let invisibleCache: string[] | undefined;
  let rawCache: string[] | undefined;
  let uriCache: string[] | undefined;
  const htmlAll = rendered.flatMap((p) => (p.html ? [p.html] : []));
  const root = message.root;

  const values = (name: string, raw = false): string[] => {
    const headers: Header[] = root.headersNamed(name);
    return headers.map((h) => (raw ? h.raw.replace(/^[ \t]+/, '').replace(/\r?\n[ \t]+/g, ' ').replace(/\r?\n$/, '') : utf8Octets(h.value)));
  };

  // get() is asked the same question by many rules (ALL, Subject, From:addr ...): answers are kept per view.
  const answers = new Map<string, string | undefined>();
  const get = (request: string): string | undefined => {
    if (answers.has(request)) return answers.get(request);
    const answer = compute(request);
    answers.set(request, answer);
    return answer;
  };
  const compute = (request: string): string | undefined => {
    const [name, ...mods] = request.split(':');
    const raw = mods.includes('raw');
    const wantAddr = mods.includes('addr');
    const wantName = mods.includes('name');
    let results: string[] = [];
    if (name === 'ALL') {
      if (raw) results = root.headers.map((h) => `${h.name}:${h.raw}\n`);
      else results = root.headers.map((h) => `${h.name}: ${utf8Octets(h.value)}\n`);
    } else if (pseudo.has(name!)) {
      results = [pseudo.get(name!)!];
    } else if (/^X-Spam-Relays-(?:Untrusted|Trusted|External|Internal)$/i.test(name!)) {
      results = [''];
    } else if (name!.toLowerCase() === 'tocc') {
      results = [...values('To', raw), ...values('Cc', raw)].map((v) => `${v}\n`);
    } else if (name === 'MESSAGEID') {
      results = ['X-Message-Id', 'Resent-Message-Id', 'X-Original-Message-ID', 'Message-Id'].flatMap((h) => values(h, raw)).filter((v) => v !== '').map((v) => `${v}\n`);
    } else {
      results = values(name!, raw || wantAddr || wantName).map((v) => `${v}\n`);
    }
    if (!results.length) return undefined;
    if (mods.includes('first')) results = [results[0]!];
    else if (mods.includes('last')) results = [results.at(-1)!];
    if (wantAddr || wantName) {
      const out: string[] = [];
      for (const line of results) {
        for (const a of parseAddresses(line.replace(/\n$/, ''))) {
          if (wantAddr && a.address !== undefined) out.push(a.address);
          else if (wantName && a.phrase !== undefined) {
            let phrase = raw ? a.phrase : utf8Octets(decodeWords(a.phrase));
            if (!raw && /\S/.test(phrase)) phrase = phrase.replace(/\s+/g, ' ').trim().replace(/^'(.*?)'$/, '$1');
            out.push(phrase);
          }
        }
      }
      results = out;
      if (!results.length) return undefined;
    }
    return results.join(results[0]!.endsWith('\n') ? '' : '\n');
  };

  const view: SpamView = {
    message,
    get body() {
      bodyCache ??= bodyArray(parts, 'rendered', subject);
      return bodyCache;
    },
    get visibleBody() {
      visibleCache ??= bodyArray(parts, 'visible', subject);
      return visibleCache;
    },
    get invisibleBody() {
      invisibleCache ??= bodyArray(parts, 'invisible', '');
      return invisibleCache;
    },
    get rawbody() {
      if (!rawCache) {
        rawCache = [];
        for (const leaf of leaves) {
          if (!/^(?:text|message)\b/.test(effectiveType(leaf)) || leaf.type === 'text/calendar') continue;
          rawCache.push(...shortParagraphs(truncate(leaf.decoded(), RAWBODY_PART_SCAN_SIZE, ['\n', '>', ' '])));
        }
      }
      return rawCache;
    },
    full: message.octets,
    get uris() {
      if (!uriCache) {
        const set = new Set<string>();
        const add = (uri: string) => {
          for (const u of canonicalize(uri)) set.add(u);
        };
        textUris(view.body, add);
        for (const html of htmlAll) for (const uri of html.results.uris.keys()) add(utf8Octets(uri));
        uriCache = [...set];
      }
      return uriCache;
    },
    rendered,
    ...(htmlAll[0] ? { html: htmlAll[0] } : {}),
    htmlAll,
    get,
    values,
    setPseudo(name, value) {
      pseudo.set(name, value);
      answers.clear();
    },
  };
  return view;
}
