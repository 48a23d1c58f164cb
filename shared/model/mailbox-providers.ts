/**
 * One vocabulary of mailbox providers for seeds, warm-up plans, placement and reports.
 * Seeds tell more providers apart than the warm-up planner paces on their own; a seed's
 * provider maps to the planner's with `planningProvider`, so both speak the same names
 * (`microsoft`, never `outlook` in one place and `microsoft` in another).
 */
export const MAILBOX_PROVIDERS = ['gmail', 'microsoft', 'yahoo', 'aol', 'apple', 'gmx', 'zoho', 'fastmail', 'proton', 'yandex', 'mailru', 'other'] as const;
export type MailboxProvider = (typeof MAILBOX_PROVIDERS)[number];

/** The providers the warm-up planner paces separately; Yahoo and AOL share one platform. */
export const PLANNING_PROVIDERS = ['gmail', 'microsoft', 'yahoo', 'apple', 'other'] as const;
export type PlanningProvider = (typeof PLANNING_PROVIDERS)[number];

/** Other common spellings people and tools use for the same provider. */
const ALIASES: ReadonlyMap<string, MailboxProvider> = new Map([
  ...(['outlook', 'hotmail', 'live', 'msn', 'office365', 'o365', 'microsoft365', 'm365', 'exchange', 'outlook.com', 'hotmail.com', 'live.com'] as const).map((word) => [word, 'microsoft'] as const),
  ...(['google', 'googlemail', 'gsuite', 'google workspace', 'workspace', 'gmail.com'] as const).map((word) => [word, 'gmail'] as const),
  ...(['ymail', 'yahoo mail', 'yahoo.com', 'rocketmail'] as const).map((word) => [word, 'yahoo'] as const),
  ...(['aol.com', 'aim'] as const).map((word) => [word, 'aol'] as const),
  ...(['icloud', 'me', 'mac', 'icloud.com', 'apple mail'] as const).map((word) => [word, 'apple'] as const),
  ...(['web.de', 'webde', 'gmx.de', 'gmx.net'] as const).map((word) => [word, 'gmx'] as const),
  ...(['zohomail', 'zoho mail'] as const).map((word) => [word, 'zoho'] as const),
  ...(['fastmail.com', 'fastmail.fm'] as const).map((word) => [word, 'fastmail'] as const),
  ...(['protonmail', 'proton mail', 'pm.me', 'proton.me'] as const).map((word) => [word, 'proton'] as const),
  ...(['yandex.ru', 'ya.ru'] as const).map((word) => [word, 'yandex'] as const),
  ...(['mail.ru', 'mail-ru', 'mail_ru'] as const).map((word) => [word, 'mailru'] as const),
]);
const NAMES: ReadonlySet<string> = new Set(MAILBOX_PROVIDERS);

/** A provider named by its own word or a common alias (`Outlook`, `hotmail` → `microsoft`); undefined for anything else. */
export function providerNamed(word: string): MailboxProvider | undefined {
  const key = word.trim().toLowerCase();
  if (NAMES.has(key)) return key as MailboxProvider;
  return ALIASES.get(key);
}

/** For a schema's preprocess: a known word becomes the provider's name; anything else is left for the enum to refuse. */
export const normalizeProviderWord = (value: unknown): unknown => (typeof value === 'string' ? (providerNamed(value) ?? value) : value);

/** The bucket the warm-up planner paces a provider in. */
export function planningProvider(provider: MailboxProvider): PlanningProvider {
  if (provider === 'aol') return 'yahoo';
  return (PLANNING_PROVIDERS as readonly string[]).includes(provider) ? (provider as PlanningProvider) : 'other';
}

/** Consumer mailbox domains by the provider that hosts them. */
const CONSUMER_DOMAINS: ReadonlyMap<string, MailboxProvider> = new Map([
  ...['gmail.com', 'googlemail.com'].map((d) => [d, 'gmail'] as const),
  ...[
    'outlook.com', 'hotmail.com', 'live.com', 'msn.com', 'passport.com', 'outlook.fr', 'outlook.de', 'outlook.es', 'outlook.it',
    'hotmail.co.uk', 'hotmail.fr', 'hotmail.de', 'hotmail.it', 'hotmail.es', 'live.co.uk', 'live.fr', 'live.de', 'live.nl', 'live.it', 'windowslive.com',
  ].map((d) => [d, 'microsoft'] as const),
  ...[
    'yahoo.com', 'ymail.com', 'rocketmail.com', 'yahoo.co.uk', 'yahoo.fr', 'yahoo.de', 'yahoo.es', 'yahoo.it', 'yahoo.ca', 'yahoo.com.br',
    'yahoo.co.jp', 'yahoo.co.in', 'yahoo.com.au', 'verizon.net', 'att.net', 'sbcglobal.net',
  ].map((d) => [d, 'yahoo'] as const),
  ...['aol.com', 'aim.com', 'aol.co.uk', 'aol.fr', 'aol.de'].map((d) => [d, 'aol'] as const),
  ...['icloud.com', 'me.com', 'mac.com'].map((d) => [d, 'apple'] as const),
  ...['gmx.com', 'gmx.de', 'gmx.net', 'web.de'].map((d) => [d, 'gmx'] as const),
  ...['zoho.com', 'zohomail.com'].map((d) => [d, 'zoho'] as const),
  ...['fastmail.com', 'fastmail.fm'].map((d) => [d, 'fastmail'] as const),
  ...['proton.me', 'protonmail.com', 'pm.me'].map((d) => [d, 'proton'] as const),
  ...['yandex.com', 'yandex.ru', 'ya.ru'].map((d) => [d, 'yandex'] as const),
  ...['mail.ru', 'bk.ru', 'inbox.ru', 'list.ru'].map((d) => [d, 'mailru'] as const),
]);

/** The provider hosting a consumer domain (`hotmail.co.uk` → `microsoft`); undefined for any other domain. */
export function providerOfDomain(domain: string): MailboxProvider | undefined {
  return CONSUMER_DOMAINS.get(domain.trim().toLowerCase().replace(/\.$/, ''));
}
