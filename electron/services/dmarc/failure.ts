import { createHash } from 'node:crypto';
import { budget, refuse } from './budget';
import { decodeWords, headerOf, leaves, type MimePart, parseHeaders, partText } from './mime';
import type { FailureReport } from './model';

const feedbackTypes = new Set(['message/feedback-report']);
const originalTypes = new Set(['message/rfc822', 'text/rfc822-headers', 'message/rfc822-headers']);

/** Whether an email looks like a DMARC failure report: an ARF part, or the wording of plain-text ones. */
export function isFailureReport(email: MimePart): boolean {
  if (leaves(email).some((p) => feedbackTypes.has(p.contentType))) return true;
  const subject = headerOf(email, 'subject');
  return /(dmarc|authentication).{0,20}(failure|forensic)|(failure|forensic).{0,20}dmarc/i.test(subject);
}

/**
 * A failure report (RFC 6591 ARF, RFC 7489 section 7.3) from its email. With an ARF part the
 * fields come from it; without one (Exim and others send only prose and a copy of the
 * headers), the prose's "Sender IP Address:"-style lines and the copied headers are read, and
 * a warning says the report had no machine-readable part. The report id is the report mail's
 * Message-ID, or a hash of the file when it has none.
 */
export function parseFailure(file: string, email: MimePart, bytes: Uint8Array): FailureReport {
  const warnings: string[] = [];
  const parts = leaves(email);
  const arfPart = parts.find((p) => feedbackTypes.has(p.contentType));
  const originalPart = parts.find((p) => originalTypes.has(p.contentType));
  const textPart = parts.find((p) => p.contentType === 'text/plain' && p !== originalPart);
  const fields = new Map<string, string>();
  if (arfPart) {
    for (const [name, value] of parseHeaders(partText(arfPart))) if (!fields.has(name)) fields.set(name, value);
  }
  let headers = '';
  if (originalPart) {
    const text = partText(originalPart);
    headers = text.slice(0, text.search(/\r?\n\r?\n|$/));
  }
  const prose = textPart ? partText(textPart) : '';
  if (!arfPart) {
    warnings.push('The report has no machine-readable ARF part (message/feedback-report); its fields were read from the text.');
    const marker = prose.search(/copy of the headers|original headers|headers of the (original )?message/i);
    const intro = marker >= 0 ? prose.slice(0, marker) : prose;
    for (const match of intro.matchAll(/^[ \t]*([A-Za-z][A-Za-z -]{2,40}):[ \t]*(\S.*)$/gm)) {
      const key = match[1]!.trim().toLowerCase();
      if (!fields.has(key)) fields.set(key, match[2]!.trim());
    }
    if (!headers) {
      if (marker >= 0) headers = prose.slice(prose.indexOf('\n', marker) + 1).replace(/^\s*\n/, '');
    }
  }
  if (headers.length > budget.failureHeaders) {
    headers = headers.slice(0, budget.failureHeaders);
    warnings.push(`Kept the first ${budget.failureHeaders / 1024} kB of the original headers.`);
  }
  const original = new Map<string, string>();
  for (const [name, value] of parseHeaders(headers)) if (!original.has(name)) original.set(name, value);
  const field = (...names: string[]) => {
    for (const name of names) {
      const value = fields.get(name) ?? '';
      if (value) return decodeWords(value);
    }
    return '';
  };
  const fromDomain = (value: string) => /@([^\s>]+)/.exec(value)?.[1]?.toLowerCase() ?? '';
  const subject = decodeWords(headerOf(email, 'subject'));
  const domain = (field('reported-domain', 'sender domain') || fromDomain(original.get('from') ?? '')
    || /\bfor\s+([a-z0-9.-]+\.[a-z]{2,})/i.exec(subject)?.[1] || '').toLowerCase();
  const sourceIp = field('source-ip', 'sender ip address', 'source ip') || /\bIP[: ]+([0-9a-f.:]{3,45})/i.exec(subject)?.[1] || '';
  if (!domain && !sourceIp && !headers) {
    throw refuse(file, 'The email looks like a failure report but names no domain, source IP or original headers.', 'Check that this is a DMARC failure (ruf) report.');
  }
  const arrivalText = field('arrival-date', 'received date') || headerOf(email, 'date');
  const arrivalMs = Date.parse(arrivalText.replace(/\s*\([^)]*\)\s*$/, ''));
  if (!Number.isFinite(arrivalMs)) warnings.push('The report gives no arrival date that can be read; it is dated 1970-01-01.');
  const messageId = headerOf(email, 'message-id').replace(/^<|>$/g, '');
  return {
    kind: 'failure',
    orgName: fromDomain(headerOf(email, 'from')) || field('user-agent') || 'unknown',
    reportId: messageId || `sha256:${createHash('sha256').update(bytes).digest('hex').slice(0, 32)}`,
    domain,
    arrival: Number.isFinite(arrivalMs) ? Math.floor(arrivalMs / 1000) : 0,
    sourceIp,
    feedbackType: field('feedback-type') || 'auth-failure',
    authFailure: field('auth-failure') || [field('spf alignment') === 'no' ? 'spf' : '', field('dkim alignment') === 'no' ? 'dkim' : ''].filter(Boolean).join(', '),
    deliveryResult: field('delivery-result', 'dmarc results'),
    originalMailFrom: field('original-mail-from') || (original.get('return-path') ?? ''),
    originalRcptTo: field('original-rcpt-to') || (original.get('to') ?? ''),
    subject: decodeWords(original.get('subject') ?? ''),
    authResults: field('authentication-results') || decodeWords(original.get('authentication-results') ?? ''),
    headers,
    arf: Boolean(arfPart),
    warnings,
  };
}
