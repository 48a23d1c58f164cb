import { ImapFlow, type ListResponse } from 'imapflow';
import { type AuthVerdicts, parseAuthResults } from './auth-results';
import { TEST_ID_HEADER } from './compose';
import { headerValue, readHeaders } from './headers';

export interface MailboxLogin {
  host: string;
  port: number;
  tls: boolean;
  user: string;
  password: string;
}

export interface CopyQuery {
  testId: string;
  /** Message-ID without angle brackets, for Gmail's rfc822msgid: search. */
  messageId: string;
}

export interface FoundCopy {
  folder: string;
  kind: 'inbox' | 'spam';
  /** Gmail's tab (primary, promotions, social, updates, forums) when the server is Gmail. */
  tab?: string;
  arrivedAt: Date;
  auth?: AuthVerdicts;
  /** How many copies with this test id the mailbox holds (more than one means a duplicate send). */
  copies: number;
}

/** Names providers give their spam folder, for servers without RFC 6154 special-use flags. */
export const SPAM_FOLDER_NAMES = ['[Gmail]/Spam', 'Junk', 'Junk Email', 'Junk E-mail', 'Bulk', 'Bulk Mail', 'Spam'];
export const GMAIL_TABS = ['promotions', 'social', 'updates', 'forums'] as const;

/** The X-GM-RAW query that finds one message in one Gmail tab. */
export function gmailTabQuery(tab: string, messageId: string): string {
  return `category:${tab} rfc822msgid:${messageId.replace(/^<|>$/g, '')}`;
}

/**
 * Spam folders first (by \Junk flag, then by known names), then the inbox: a copy the
 * provider moved to spam is found where it is, not where it first arrived.
 */
export function foldersToSearch(list: ReadonlyArray<Pick<ListResponse, 'path' | 'name' | 'specialUse'>>): Array<{ path: string; kind: 'inbox' | 'spam' }> {
  const spam = list.filter((box) => box.specialUse === '\\Junk');
  for (const name of SPAM_FOLDER_NAMES) {
    const hit = list.find((box) => box.path.toLowerCase() === name.toLowerCase() || box.name.toLowerCase() === name.toLowerCase());
    if (hit && !spam.includes(hit)) spam.push(hit);
  }
  const inbox = list.find((box) => box.specialUse === '\\Inbox' || box.path.toUpperCase() === 'INBOX');
  return [...spam.map((box) => ({ path: box.path, kind: 'spam' as const })), ...(inbox ? [{ path: inbox.path, kind: 'inbox' as const }] : [])];
}

/**
 * Looks for copies by test id in one mailbox, read-only (EXAMINE and BODY.PEEK), so
 * the seed's \Seen flags and the provider's engagement signals are left alone.
 */
export async function findCopies(login: MailboxLogin, queries: readonly CopyQuery[]): Promise<Map<string, FoundCopy>> {
  const client = new ImapFlow({
    host: login.host,
    port: login.port,
    secure: login.tls,
    auth: { user: login.user, pass: login.password },
    logger: false,
    disableAutoIdle: true,
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
  });
  await client.connect();
  const found = new Map<string, FoundCopy>();
  try {
    const gmail = client.capabilities.has('X-GM-EXT-1');
    for (const folder of foldersToSearch(await client.list())) {
      const lock = await client.getMailboxLock(folder.path, { readOnly: true });
      try {
        if (client.mailbox && client.mailbox.exists === 0) continue;
        for (const query of queries) {
          const hits = await matchingMessages(client, query.testId);
          if (hits.length === 0) continue;
          const earlier = found.get(query.testId);
          if (earlier) {
            earlier.copies += hits.length;
            continue;
          }
          const first = hits[0]!;
          const tab = gmail && folder.kind === 'inbox' ? await gmailTab(client, query.messageId, first.uid) : undefined;
          found.set(query.testId, {
            folder: folder.path,
            kind: folder.kind,
            arrivedAt: first.arrivedAt,
            copies: hits.length,
            ...(tab ? { tab } : {}),
            ...(first.authResults ? { auth: parseAuthResults(first.authResults) } : {}),
          });
        }
      } finally {
        lock.release();
      }
    }
  } finally {
    await client.logout().catch(() => client.close());
  }
  return found;
}

interface Hit {
  uid: number;
  arrivedAt: Date;
  authResults?: string;
}

/** By the test-id header (compared exactly: IMAP HEADER search matches substrings), else by body text. */
async function matchingMessages(client: ImapFlow, testId: string): Promise<Hit[]> {
  const byHeader = await fetchHits(client, (await client.search({ header: { [TEST_ID_HEADER]: testId } }, { uid: true })) || [], (fields) => headerValue(fields, TEST_ID_HEADER) === testId);
  if (byHeader.length > 0) return byHeader;
  return fetchHits(client, (await client.search({ body: testId }, { uid: true })) || [], () => true);
}

async function fetchHits(client: ImapFlow, uids: number[], accept: (fields: Array<[string, string]>) => boolean): Promise<Hit[]> {
  if (uids.length === 0) return [];
  const hits: Hit[] = [];
  for await (const message of client.fetch(uids, { uid: true, internalDate: true, headers: [TEST_ID_HEADER, 'Authentication-Results'] }, { uid: true })) {
    const fields = readHeaders(message.headers?.toString('utf8') ?? '');
    if (!accept(fields)) continue;
    const authResults = headerValue(fields, 'authentication-results');
    const date = message.internalDate;
    hits.push({ uid: message.uid, arrivedAt: date instanceof Date ? date : new Date(date ?? Date.now()), ...(authResults ? { authResults } : {}) });
  }
  return hits;
}

async function gmailTab(client: ImapFlow, messageId: string, uid: number): Promise<string> {
  for (const tab of GMAIL_TABS) {
    const uids = (await client.search({ gmraw: gmailTabQuery(tab, messageId) }, { uid: true })) || [];
    if (uids.includes(uid)) return tab;
  }
  return 'primary';
}
