import type { LintInput } from '../../../shared/lint/index';

/** A small, clean HTML email: each rule test changes one thing in it. */
export function htmlDoc(body: string, options: { head?: string; title?: string; lang?: string; doctype?: boolean; preheader?: boolean } = {}): string {
  const { head = '', title = 'Your March statement', lang = 'en', doctype = true, preheader = true } = options;
  return [
    doctype ? '<!DOCTYPE html>' : '',
    `<html${lang ? ` lang="${lang}"` : ''}>`,
    `<head><meta charset="utf-8"><title>${title}</title>${head}</head>`,
    '<body style="background-color:#ffffff;color:#222222">',
    preheader ? '<div style="display:none;max-height:0;overflow:hidden" aria-hidden="true">Your statement is ready to view.</div>' : '',
    '<table role="presentation" width="600"><tr><td style="font-size:16px">',
    body,
    '</td></tr></table>',
    '</body></html>',
  ].join('\n');
}

export const cleanBody =
  '<p>Hello Ana, your March statement is ready. It lists every payment and the balance carried over from February.</p>\n<p><a href="https://example.com/statement">View your statement</a></p>';

export const html = (body: string = cleanBody, options?: Parameters<typeof htmlDoc>[1]): LintInput => ({ kind: 'html', source: htmlDoc(body, options) });

export const footer =
  '<p>Example Co, 100 Main Street, Springfield, IL 62701. <a href="https://example.com/unsubscribe">Unsubscribe</a></p>';
const footerText = 'Example Co, 100 Main Street, Springfield, IL 62701. Unsubscribe: https://example.com/unsubscribe';

export interface EmlOptions {
  headers?: Record<string, string | undefined>;
  footer?: string;
  html?: string | null;
  text?: string | null;
}

/** A clean bulk message with both parts and every header senders need; `undefined` header values drop a header. */
export function eml(options: EmlOptions = {}): LintInput {
  const headers: Record<string, string | undefined> = {
    From: 'Example Co <news@example.com>',
    To: 'ana@example.org',
    Subject: 'Your March statement',
    Date: 'Thu, 26 Nov 2026 05:00:00 +0000',
    'Message-ID': '<statement-1@example.com>',
    'MIME-Version': '1.0',
    // A bulk sender names its list: without List-Id, SpamAssassin scores LIST_PARTIAL_SHORT_MSG on short mail.
    'List-Id': 'Example Co statements <statements.example.com>',
    'List-Unsubscribe': '<https://example.com/u/1>, <mailto:unsubscribe@example.com>',
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    ...options.headers,
  };
  const htmlPart = options.html === null ? undefined : htmlDoc(`${options.html ?? cleanBody}\n${options.footer ?? footer}`);
  const textPart = options.text === null ? undefined : (options.text ?? `Hello Ana, your March statement is ready. It lists every payment and the balance carried over from February.\nView your statement: https://example.com/statement\n${footerText}`);
  const lines = Object.entries(headers).filter(([, v]) => v !== undefined).map(([k, v]) => `${k}: ${v}`);
  if (htmlPart && textPart) {
    lines.push('Content-Type: multipart/alternative; boundary="b1"', '', '--b1', 'Content-Type: text/plain; charset=utf-8', '', textPart, '--b1', 'Content-Type: text/html; charset=utf-8', '', htmlPart, '--b1--', '');
  } else if (htmlPart) lines.push('Content-Type: text/html; charset=utf-8', '', htmlPart);
  else lines.push('Content-Type: text/plain; charset=utf-8', '', textPart ?? '');
  return { kind: 'eml', source: lines.join('\r\n') };
}

/** Text of exactly `bytes` bytes of ordinary words. */
export function words(bytes: number): string {
  const base = 'Our team shipped the new reporting view this week, with faster exports and clearer charts. ';
  return base.repeat(Math.ceil(bytes / base.length)).slice(0, bytes);
}
