import { type Provider, type ProviderMix, providers } from '../../../shared/contract/warmup';

/**
 * Consumer mailbox domains of the providers the planner paces on their own. Yahoo
 * and AOL share one platform (Yahoo Inc.), so they are one provider; Apple is iCloud
 * Mail. Business mailboxes hosted by Google or Microsoft look like `other` here: telling
 * them apart needs an MX lookup, which an offline import does not do.
 */
const domainProviders: Readonly<Record<string, Provider>> = Object.fromEntries([
  ...['gmail.com', 'googlemail.com'].map((d) => [d, 'gmail'] as const),
  ...[
    'outlook.com', 'hotmail.com', 'live.com', 'msn.com', 'passport.com', 'outlook.fr', 'outlook.de', 'outlook.es', 'outlook.it',
    'hotmail.co.uk', 'hotmail.fr', 'hotmail.de', 'hotmail.it', 'hotmail.es', 'live.co.uk', 'live.fr', 'live.de', 'live.nl', 'live.it', 'windowslive.com',
  ].map((d) => [d, 'microsoft'] as const),
  ...[
    'yahoo.com', 'ymail.com', 'rocketmail.com', 'yahoo.co.uk', 'yahoo.fr', 'yahoo.de', 'yahoo.es', 'yahoo.it', 'yahoo.ca', 'yahoo.com.br',
    'yahoo.co.jp', 'yahoo.co.in', 'yahoo.com.au', 'aol.com', 'aim.com', 'aol.co.uk', 'aol.fr', 'aol.de', 'verizon.net', 'att.net', 'sbcglobal.net',
  ].map((d) => [d, 'yahoo'] as const),
  ...['icloud.com', 'me.com', 'mac.com'].map((d) => [d, 'apple'] as const),
]);

/** The provider of an address (`ann@gmail.com`) or a bare domain (`gmail.com`). */
export function providerOf(addressOrDomain: string): Provider {
  const at = addressOrDomain.lastIndexOf('@');
  const domain = (at === -1 ? addressOrDomain : addressOrDomain.slice(at + 1)).trim().toLowerCase().replace(/\.$/, '');
  return domainProviders[domain] ?? 'other';
}

/** A fast path for importers: the same answer, cached per distinct domain string. */
export function providerCache(): (recipient: string) => Provider {
  const cache = new Map<string, Provider>();
  return (recipient) => {
    const at = recipient.lastIndexOf('@');
    const domain = at === -1 ? recipient : recipient.slice(at + 1);
    let provider = cache.get(domain);
    if (provider === undefined) {
      provider = providerOf(domain);
      cache.set(domain, provider);
    }
    return provider;
  };
}

/**
 * The mix of a recipient list (one address or domain per line, CSV first column
 * accepted), in whole percents that add up to exactly 100 (largest remainder).
 */
export function mixFromRecipients(text: string): { mix: ProviderMix; counted: number; ignored: number } {
  const counts: Record<Provider, number> = { gmail: 0, microsoft: 0, yahoo: 0, apple: 0, other: 0 };
  let counted = 0;
  let ignored = 0;
  for (const raw of text.split(/\r?\n/)) {
    const value = raw.split(/[,;\t]/)[0]!.trim().replace(/^"|"$/g, '');
    if (value === '') continue;
    // An address is at most 254 characters (RFC 5321); the length check comes first because the
    // pattern's two overlapping runs backtrack quadratically on one long line (megabytes: minutes).
    if (value.length > 254 || !/^[^\s@]*@?[a-z0-9.-]+\.[a-z]{2,}$/i.test(value)) {
      ignored++;
      continue;
    }
    counts[providerOf(value)]++;
    counted++;
  }
  if (counted === 0) return { mix: { gmail: 0, microsoft: 0, yahoo: 0, apple: 0, other: 100 }, counted, ignored };
  return { mix: toPercents(counts, counted), counted, ignored };
}

function toPercents(counts: Record<Provider, number>, total: number): ProviderMix {
  const exact = providers.map((p) => ({ p, value: (counts[p] * 100) / total }));
  const mix = Object.fromEntries(exact.map(({ p, value }) => [p, Math.floor(value)])) as ProviderMix;
  let left = 100 - providers.reduce((sum, p) => sum + mix[p], 0);
  for (const { p } of [...exact].sort((a, b) => (b.value % 1) - (a.value % 1))) {
    if (left-- <= 0) break;
    mix[p]++;
  }
  return mix;
}
