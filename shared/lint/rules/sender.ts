import { textOf } from '../html/parse';
import type { LintContext, Report, RuleFamily, RuleMeta } from '../types';

const source = 'Gmail and Yahoo bulk-sender requirements (February 2024); RFC 8058; CAN-SPAM 15 U.S.C. 7704(a)(5)';
const rules: RuleMeta[] = [
  { id: 'list-unsubscribe', family: 'sender', severity: 'error', message: 'No List-Unsubscribe header.', why: 'Gmail and Yahoo require it from bulk senders; without it mail is more likely to be filtered.', fix: 'Add List-Unsubscribe with an https URL (and a mailto).', source },
  { id: 'one-click-unsubscribe', family: 'sender', severity: 'error', message: 'No RFC 8058 one-click unsubscribe.', why: 'Gmail and Yahoo require List-Unsubscribe-Post: List-Unsubscribe=One-Click with an https List-Unsubscribe URL.', fix: 'Add List-Unsubscribe-Post: List-Unsubscribe=One-Click and an https URL that unsubscribes on POST.', source },
  { id: 'visible-unsubscribe', family: 'sender', severity: 'warning', message: 'No visible unsubscribe link in the body.', why: 'Bulk-sender rules and CAN-SPAM require a clear way to opt out in the message itself.', fix: 'Add an "Unsubscribe" link in the footer.', source },
  { id: 'postal-address', family: 'sender', severity: 'warning', message: 'No postal address found in the body.', why: 'CAN-SPAM requires a valid physical postal address in commercial mail.', fix: 'Add your postal address to the footer.', source },
];

const unsubscribeWords = /unsubscribe|opt[ -]?out|manage (?:your )?(?:preferences|subscriptions?|email)|abmelden|désabonner|darse de baja/i;
const postalAddress =
  /\b\d{1,6}\s+(?:[A-Z0-9][\w.'-]*\s+){0,5}(?:street|st\.?|avenue|ave\.?|road|rd\.?|boulevard|blvd\.?|lane|ln\.?|drive|dr\.?|way|suite|court|ct\.?|place|pl\.?|square|sq\.?|parkway|highway|hwy)\b|\bp\.?\s?o\.?\s+box\s+\d+|\b[A-Z]{2}\s+\d{5}(?:-\d{4})?\b|\b\d{5}\s+[A-Z][a-z]+|\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b/i;

function check(ctx: LintContext, report: Report): void {
  const message = ctx.message;
  if (ctx.kind !== 'eml' || !message) return;
  const unsubscribe = message.header('List-Unsubscribe');
  const post = message.header('List-Unsubscribe-Post');
  if (!unsubscribe) report({ rule: 'list-unsubscribe', span: { in: 'document' } });
  const hasHttps = /<https:\/\/[^>]+>/i.test(unsubscribe?.value ?? '');
  if (!post || !/^\s*List-Unsubscribe=One-Click\s*$/i.test(post.value) || !hasHttps) {
    report({
      rule: 'one-click-unsubscribe',
      span: post ? { in: 'header', name: 'List-Unsubscribe-Post' } : unsubscribe ? { in: 'header', name: 'List-Unsubscribe' } : { in: 'document' },
      message: !post ? 'No List-Unsubscribe-Post: List-Unsubscribe=One-Click header (RFC 8058).' : !hasHttps ? 'List-Unsubscribe has no https URL for the one-click POST.' : `List-Unsubscribe-Post must be exactly "List-Unsubscribe=One-Click", not "${post.value}".`,
    });
  }
  const doc = ctx.html;
  const links = doc ? doc.byTag('a').some((a) => unsubscribeWords.test(a.attrs.href ?? '') || unsubscribeWords.test(textOf(doc, a))) : false;
  if (!links && !unsubscribeWords.test(ctx.text ?? '')) report({ rule: 'visible-unsubscribe', span: { in: 'document' } });
  const text = `${doc?.visibleText ?? ''}\n${ctx.text ?? ''}`;
  if (!postalAddress.test(text)) report({ rule: 'postal-address', span: { in: 'document' } });
}

export const senderFamily: RuleFamily = { family: 'sender', rules, check };
