import { parseMessage } from '../../../shared/lint/message/mime';

/** Words that name an unsubscribe link in the languages senders use most. */
const UNSUBSCRIBE = /unsubscribe|opt[\s_-]?out|abmelden|abbestellen|d[ée]sinscri|d[ée]sabonner|darse de baja|cancelar (?:la )?suscripci|uitschrijven|disiscriviti|annulla l'iscrizione/i;
const ANCHOR = /<a\b[^>]*\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))[^>]*>([\s\S]*?)<\/a\s*>/gi;
const URL = /\b(?:https?:\/\/|mailto:)[^\s<>"')]+/gi;

/**
 * The unsubscribe links in a message's body: an HTML anchor whose address or text names
 * unsubscribing, or a URL in a text part on (or just after) a line that does. Microsoft asks for "a working
 * unsubscribe link", which a body link satisfies without List-Unsubscribe.
 */
export function bodyUnsubscribeLinks(message: Buffer): string[] {
  const links = new Set<string>();
  for (const part of parseMessage(message).parts) {
    if (part.attachment) continue;
    if (part.contentType === 'text/html') {
      for (const match of part.body.matchAll(ANCHOR)) {
        const href = (match[1] ?? match[2] ?? match[3] ?? '').trim();
        const text = match[4]!.replace(/<[^>]*>/g, ' ');
        if (/^(?:https?:|mailto:)/i.test(href) && (UNSUBSCRIBE.test(href) || UNSUBSCRIBE.test(text))) links.add(href);
      }
    } else if (part.contentType === 'text/plain') {
      // "To unsubscribe, visit:" is often followed by the URL on the next line
      let named = false;
      for (const line of part.body.split(/\r?\n/)) {
        const here = UNSUBSCRIBE.test(line);
        for (const url of line.match(URL) ?? []) if (here || named) links.add(url);
        named = here;
      }
    }
  }
  return [...links];
}
