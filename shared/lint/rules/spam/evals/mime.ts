/** MIMEEval.pm and the parts of BodyEval.pm that look at MIME structure. */
import type { MimeNode } from '../../../message/mime';
import { type EvalContext, type EvalFn, memo, num } from './types';

interface MimeStats {
  counts: Map<string, number>;
  multipartRatio: number;
  qpRatio: number;
  unicodeRatio: number;
}

function allNodes(root: MimeNode): MimeNode[] {
  const out: MimeNode[] = [];
  const walk = (n: MimeNode) => {
    out.push(n);
    for (const c of n.children) walk(c);
  };
  walk(root);
  return out;
}

const isLeaf = (n: MimeNode) => !n.children.length && !(n.type.startsWith('multipart/') && n.boundary);

/** Raw (still transfer-encoded) body of a part. */
function rawBody(ctx: EvalContext, n: MimeNode): string {
  return ctx.view.message.octets.slice(n.bodyStart, n.bodyEnd);
}

/** The end (exclusive, after its newline) of the raw line starting at `start`: lines keep their "\n". */
function lineEnd(text: string, start: number): number {
  const nl = text.indexOf('\n', start);
  return nl < 0 ? text.length : nl + 1;
}

/** QP octets as MIMEEval counts them (an encoded character that did not need encoding). */
const QP_OCTET = /=(?:09|3[0-9ABCEF]|[2456][0-9A-F]|7[0-9A-E])/g;
/** Encoded blanks ending a line (they had to be encoded): per line, the leftmost run followed by blanks only. */
const QP_TRAILING = /((?:=09|=20)+)[^\S\n]*$/gm;

/**
 * MIMEEval's per-line QP counts over a whole part, without a string per line: both patterns stay within a line, so
 * counting over the whole text is the sum of the per-line counts.
 */
export function qpCounts(text: string): { bytes: number; count: number; longLine: boolean } {
  let longLine = false;
  for (let start = 0; start < text.length && !longLine; start = lineEnd(text, start)) longLine = lineEnd(text, start) - start > 79;
  let count = text.match(QP_OCTET)?.length ?? 0;
  for (const trailing of text.matchAll(QP_TRAILING)) count -= trailing[1]!.length / 3;
  return { bytes: text.length, count, longLine };
}

/** The raw lines of a part but those starting "SPAM: " (each kept with its newline). */
function withoutReportLines(text: string): string {
  let out = '';
  for (let start = 0; start < text.length; start = lineEnd(text, start)) if (!text.startsWith('SPAM: ', start)) out += text.slice(start, lineEnd(text, start));
  return out;
}

/** MIMEEval::_check_attachments and _check_mime_header. */
function stats(ctx: EvalContext): MimeStats {
  return memo(ctx, 'mime', () => {
    const counts = new Map<string, number>();
    const inc = (k: string) => counts.set(k, (counts.get(k) ?? 0) + 1);
    let qpBytes = 0;
    let qpCount = 0;
    let normalChars = 0;
    let unicodeChars = 0;
    let multipartAlternative = false;
    const partBytes: Array<number | undefined> = [];
    const partType: string[] = [];
    for (const p of allNodes(ctx.view.message.root)) {
      const ctype = p.type;
      if (ctype === 'multipart/alternative') multipartAlternative = true;
      const cte = (p.header('content-transfer-encoding')?.value ?? '').toLowerCase();
      const cd = (p.header('content-disposition')?.value ?? '').toLowerCase();
      const charset = (p.charset ?? '').toLowerCase();
      if (ctype === 'text/html') inc('mime_body_html_count');
      else if (/^text/i.test(ctype)) inc('mime_body_text_count');
      if (cte.includes('base64')) inc('mime_base64_count');
      else if (cte.includes('quoted-printable')) inc('mime_qp_count');
      if (cd.includes('attachment')) inc('mime_attachment');
      if (
        ctype.startsWith('text') &&
        cte.includes('base64') &&
        (!charset || /(?:us-ascii|ansi_x3\.4-1968|iso-ir-6|ansi_x3\.4-1986|iso_646\.irv:1991|ascii|iso646-us|us|ibm367|cp367|csascii)/.test(charset)) &&
        !/^(?:attachment|inline)/.test(cd)
      ) {
        counts.set('mime_base64_encoded_text', 1);
      }
      if (/iso-\S+-\S+\b/i.test(charset) && !/iso-(?:8859-\d{1,2}|2022-(?:jp|kr))\b/.test(charset)) counts.set('mime_bad_iso_charset', 1);
      if (!isLeaf(p)) continue;
      const part = partType.length;
      const attachment = cd.includes('attachment');
      partType.push(ctype);
      partBytes.push(attachment ? undefined : 0);
      // MIMEEval walks the raw lines; the sums and tests below give what its per-line loop gives (see qpCounts).
      const text = rawBody(ctx, p);
      if (multipartAlternative && !attachment && (ctype === 'text/plain' || ctype === 'text/html')) partBytes[part] = text.length;
      if (ctype === 'text/plain' && (!charset || charset === 'us-ascii') && /[\x00\x0d\x80-\xff]/.test(text)) inc('mime_ascii_text_illegal');
      if (ctype === 'text/plain' && (cte === '' || cte === '7bit' || cte === '8bit')) {
        const subs = text.match(/&#x[0-9A-F]{4};/g)?.length ?? 0;
        normalChars += text.length - subs * 8;
        unicodeChars += subs;
      }
      if (cte === 'quoted-printable') {
        // Lines of SpamAssassin's own report ("SPAM: ...") do not count: keep them out of the text first.
        const qp = qpCounts(text.startsWith('SPAM: ') || text.includes('\nSPAM: ') ? withoutReportLines(text) : text);
        if (qp.longLine) counts.set('mime_qp_long_line', 1);
        qpBytes += qp.bytes;
        qpCount += qp.count;
      }
    }
    let multipartRatio = 1;
    if (multipartAlternative) {
      let text: number | undefined;
      let html: number | undefined;
      for (let i = partType.length - 1; i >= 0; i--) {
        if (partBytes[i] === undefined) continue;
        if (html === undefined && partType[i] === 'text/html') html = partBytes[i];
        else if (text === undefined && partType[i] === 'text/plain') text = partBytes[i];
        if (html !== undefined && text !== undefined) break;
      }
      if (text !== undefined && html !== undefined && html > 0) multipartRatio = text / html;
    }
    if (ctx.view.message.flags.unbalancedBoundary) counts.set('mime_missing_boundary', 1);
    if (ctx.view.message.flags.truncatedParts) counts.set('mimepart_limit_exceeded', 1);
    return { counts, multipartRatio, qpRatio: qpBytes ? qpCount / qpBytes : 0, unicodeRatio: normalChars ? unicodeChars / normalChars : 0 };
  });
}

const topIsHtml = (ctx: EvalContext) => /^text\/html/i.test(ctx.view.get('Content-Type') ?? '');

interface Madiff {
  diff: number;
  html: number;
  text: number;
}

const WORDISH = /\S*\w\S*/g;

function madiff(ctx: EvalContext): Madiff {
  return memo(ctx, 'madiff', () => {
    const out: Madiff = { diff: 0, html: 0, text: 0 };
    for (const ma of allNodes(ctx.view.message.root).filter((n) => /^multipart\/alternative\b/.test(n.type))) {
      const html = new Map<string, number>();
      const text = new Map<string, number>();
      for (const part of allNodes(ma).filter((n) => /^text\b/.test(n.type))) {
        const rendered = ctx.view.rendered.find((r) => r.node === part);
        if (!rendered) continue;
        const into = rendered.type === 'text/html' ? html : text;
        // The white-space separated tokens holding a word character (split(/\s+/) then grep /\w/), in one search.
        for (const [w] of rendered.rendered.matchAll(WORDISH)) into.set(w, (into.get(w) ?? 0) + 1);
        if (rendered.type === 'text/html' && !html.size && rendered.html?.results.inside.has('img')) html.set('\n', 1);
      }
      const orig = html.size;
      if (!orig) continue;
      out.html = orig;
      out.text = text.size;
      for (const [k, v] of text) if (html.has(k) && html.get(k)! - v < 1) html.delete(k);
      out.diff = Math.max(out.diff, (html.size / orig) * 100);
    }
    return out;
  });
}

export const mimeEvals: Array<[string, EvalFn]> = [
  ['check_for_mime', (ctx, [test]) => (stats(ctx).counts.get(String(test)) ?? 0) > 0],
  ['check_for_mime_html', (ctx) => topIsHtml(ctx) || (stats(ctx).counts.get('mime_body_html_count') ?? 0) > 0],
  [
    'check_for_mime_html_only',
    (ctx) => {
      if (topIsHtml(ctx)) return true;
      const c = stats(ctx).counts;
      return (c.get('mime_body_html_count') ?? 0) > 0 && (c.get('mime_body_text_count') ?? 0) === 0;
    },
  ],
  ['check_mime_multipart_ratio', (ctx, [min, max]) => stats(ctx).multipartRatio >= num(min) && stats(ctx).multipartRatio < num(max)],
  ['check_for_ascii_text_illegal', (ctx) => (stats(ctx).counts.get('mime_ascii_text_illegal') ?? 0) > 0],
  ['check_abundant_unicode_ratio', (ctx, [ratio]) => /^\d{0,3}\.\d{1,3}$/.test(String(ratio)) && stats(ctx).unicodeRatio >= num(ratio)],
  ['check_qp_ratio', (ctx, [min]) => stats(ctx).qpRatio >= num(min)],
  [
    'check_msg_parse_flags',
    (ctx, [flag]) => {
      const f = ctx.view.message.flags;
      switch (flag) {
        case 'missing_mime_head_body_separator':
          return f.missingHeadBodySeparator;
        case 'missing_mime_headers':
          return f.missingMimeHeaders;
        case 'mime_epilogue_exists':
          return f.epilogue;
        case 'missing_head_body_separator':
          return false;
        case 'truncated_header':
          return false;
        default:
          return false;
      }
    },
  ],
  [
    'check_ma_non_text',
    (ctx) =>
      allNodes(ctx.view.message.root)
        .filter((n) => n.type === 'multipart/alternative')
        .some((ma) => ma.children.filter(isLeaf).some((p) => p.type !== 'multipart/related' && p.type !== 'application/rtf' && !p.type.startsWith('text/'))),
  ],
  [
    'check_base64_length',
    (ctx, [min, max]) => {
      const longest = memo(ctx, 'b64len', () => {
        let result = 0;
        for (const p of ctx.view.message.leaves) {
          if (p.type === 'application/ics' || p.encoding !== 'base64') continue;
          const text = rawBody(ctx, p);
          for (let start = 0; start < text.length; start = lineEnd(text, start)) result = Math.max(result, lineEnd(text, start) - start);
        }
        return result;
      });
      if (max !== undefined && longest > num(max)) return false;
      return longest >= num(min);
    },
  ],
  [
    'check_for_uppercase',
    (ctx, [min, max]) => {
      const pct = memo(ctx, 'uppercase', () => {
        const charsets = [/charset=["']?([^"';\s]+)/i.exec(ctx.view.get('Content-Type') ?? '')?.[1], ...ctx.view.message.leaves.map((l) => l.charset)].filter(Boolean);
        if (charsets.some((c) => /^(?:iso-2022-jp|iso-2022-kr|euc-kr|euc-jp|shift_jis|big5|gb2312|windows-1251|koi8-r)$/i.test(c!))) return 0;
        let len = 0;
        let lower = 0;
        let upper = 0;
        for (const line of ctx.view.body) {
          if (!/\S\s+\S/.test(line) || /^(?:[A-Za-z0-9+/=]{60,76} ){2}/.test(line)) continue;
          const l = line.includes('\x1b') ? line.replace(/\x1b\$B.*\x1b\(B/gs, '') : line;
          len += l.length;
          // Counted by character code: a match array per line held every letter of a 100 KB body.
          for (let i = 0; i < l.length; i++) {
            const c = l.charCodeAt(i);
            if ((c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39)) lower++;
            else if (c >= 0x41 && c <= 0x5a) upper++;
          }
        }
        if (len < 200 || upper + lower === 0) return 0;
        return (upper / (upper + lower)) * 100;
      });
      return pct > num(min) && pct <= num(max);
    },
  ],
  ['multipart_alternative_difference', (ctx, [min, max]) => (num(min) === 0 || madiff(ctx).diff > num(min)) && (max === 'undef' || madiff(ctx).diff <= num(max))],
  [
    'multipart_alternative_difference_count',
    (ctx, [ratio, minhtml]) => {
      const d = madiff(ctx);
      return d.html > num(minhtml) && d.text / d.html > num(ratio);
    },
  ],
  [
    'check_blank_line_ratio',
    (ctx, [min, max, minlines]) => {
      const need = Math.max(1, num(minlines) || 1);
      let blank = 0;
      let lines = 0;
      for (const chunk of ctx.view.rawbody) {
        for (const line of chunk.split(/(?<=\n)/)) {
          lines++;
          if (!/\S/.test(line)) blank++;
        }
      }
      const ratio = lines < need ? -1 : (100 * blank) / lines;
      return (num(min) === 0 && ratio <= num(max)) || (ratio > num(min) && ratio <= num(max));
    },
  ],
  [
    'check_body_length',
    (ctx, [min]) => {
      const m = ctx.view.message;
      return m.octets.length - m.root.bodyStart <= num(min);
    },
  ],
  [
    'tvd_vertical_words',
    (ctx, [min, max]) => {
      // BodyEval: the highest share of spaces to non-spaces in any rendered line over 5 characters.
      const pct = memo(ctx, 'tvd_vertical_words', () => {
        let best = -1;
        for (const line of ctx.view.body) {
          if (line.length <= 5) continue;
          const spaces = line.split(' ').length - 1;
          const nonspaces = line.length - spaces;
          const p = spaces > nonspaces || nonspaces === 0 ? 100 : Math.trunc((100 * spaces) / nonspaces);
          if (p > best) best = p;
        }
        return best;
      });
      return pct >= num(min) && pct < (num(max) >= 100 ? 101 : num(max));
    },
  ],
  // ok_locales defaults to "all": no charset is far away.
  ['check_for_faraway_charset', () => false],
  ['check_for_faraway_charset_in_headers', () => false],
];
