import type { SendMailOptions } from 'nodemailer';
import type { MessageSpec } from '../../../shared/contract/seeds';
import { domainOf } from './providers';

/** A stored DKIM signing key, as the authentication feature keeps it. */
export interface DkimKey {
  domain: string;
  selector: string;
  privateKeyPem: string;
}

/**
 * Headers the signature covers. nodemailer's and mailauth's defaults leave out
 * List-Unsubscribe-Post, and an unsigned one-click header does not count for Gmail and Yahoo.
 */
export const DKIM_SIGNED_HEADERS = [
  'From', 'Sender', 'Reply-To', 'Subject', 'Date', 'Message-ID', 'To', 'Cc', 'MIME-Version',
  'Content-Type', 'Content-Transfer-Encoding', 'List-Unsubscribe', 'List-Unsubscribe-Post', 'X-Mailbench-Test-Id',
].join(':');

export const TEST_ID_HEADER = 'X-Mailbench-Test-Id';

/**
 * Test ids are fixed width ("mb-" + 12 hex run id + "-" + 5 digit sequence), so IMAP's
 * substring HEADER search cannot mistake one id for the prefix of another.
 */
export function testIdFor(runId: string, seq: number): string {
  return `mb-${runId}-${String(seq).padStart(5, '0')}`;
}

export interface Envelope {
  to: string;
  testId: string;
  date?: Date;
}

/** The nodemailer message one seed gets: the template plus Message-ID, Date, list headers and the test id. */
export function composeMessage(spec: MessageSpec, envelope: Envelope, dkim?: DkimKey): SendMailOptions {
  const unsubscribe = [spec.unsubscribeMailto, spec.unsubscribeUrl].filter((value): value is string => Boolean(value));
  const footer = `Mailbench seed test ${envelope.testId}`;
  return {
    from: spec.from,
    to: envelope.to,
    ...(spec.replyTo ? { replyTo: spec.replyTo } : {}),
    subject: spec.subject,
    messageId: `<${messageIdFor(envelope.testId, spec.from)}>`,
    date: envelope.date ?? new Date(),
    html: withHtmlFooter(spec.html, footer),
    text: `${spec.text.replace(/\s+$/, '')}\n\n${footer}\n`,
    // One List-Unsubscribe header with both targets (nested array): two headers would leave one unsigned.
    ...(unsubscribe.length > 0 ? { list: { unsubscribe: [unsubscribe] } } : {}),
    headers: {
      [TEST_ID_HEADER]: envelope.testId,
      // RFC 8058: one-click only makes sense with an https target to POST to.
      ...(spec.unsubscribeUrl ? { 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } : {}),
    },
    ...(dkim
      ? { dkim: { domainName: dkim.domain, keySelector: dkim.selector, privateKey: dkim.privateKeyPem, headerFieldNames: DKIM_SIGNED_HEADERS } }
      : {}),
  };
}

/** Message-ID (without brackets) of a seed copy: the test id at the From domain, also used by Gmail's rfc822msgid: search. */
export function messageIdFor(testId: string, from: string): string {
  return `${testId}@${domainOf(addressOf(from))}`;
}

/** The bare address of a From like `"Shop" <news@shop.example>`. */
export function addressOf(from: string): string {
  const angle = /<([^<>]+)>\s*$/.exec(from);
  return (angle ? angle[1]! : from).trim();
}

/** The test id goes into the visible body too, so a copy whose headers were rewritten is still found. */
function withHtmlFooter(html: string, footer: string): string {
  const line = `<p style="font-size:11px;color:#777777;margin:16px 0 0">${footer}</p>`;
  const close = html.search(/<\/body\s*>/i);
  return close === -1 ? `${html}\n${line}` : `${html.slice(0, close)}${line}${html.slice(close)}`;
}
