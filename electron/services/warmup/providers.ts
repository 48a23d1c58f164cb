import { type Provider, type ProviderMix, providers } from '../../../shared/contract/warmup';
import { planningProvider, providerOfDomain } from '../../../shared/model/mailbox-providers';

/**
 * The provider of an address (`ann@gmail.com`) or a bare domain (`gmail.com`), as the
 * planner paces it: the consumer domain table is the one seeds use
 * (shared/model/mailbox-providers), with Yahoo and AOL on one platform and Apple as
 * iCloud Mail. Business mailboxes hosted by Google or Microsoft look like `other` here:
 * telling them apart needs an MX lookup, which an offline import does not do.
 */
export function providerOf(addressOrDomain: string): Provider {
  const at = addressOrDomain.lastIndexOf('@');
  const provider = providerOfDomain(at === -1 ? addressOrDomain : addressOrDomain.slice(at + 1));
  return provider ? planningProvider(provider) : 'other';
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
