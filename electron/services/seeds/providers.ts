import type { Provider } from '../../../shared/contract/seeds';
import { providerOfDomain } from '../../../shared/model/mailbox-providers';

/** MX host suffixes of providers that also host custom domains (Google Workspace, Microsoft 365, …). */
const MX_SUFFIXES: Array<[string, Provider]> = [
  ['google.com', 'gmail'], ['googlemail.com', 'gmail'],
  ['protection.outlook.com', 'microsoft'], ['outlook.com', 'microsoft'], ['hotmail.com', 'microsoft'],
  ['yahoodns.net', 'yahoo'],
  ['icloud.com', 'apple'],
  ['gmx.net', 'gmx'], ['web.de', 'gmx'],
  ['zoho.com', 'zoho'], ['zoho.eu', 'zoho'],
  ['messagingengine.com', 'fastmail'],
  ['protonmail.ch', 'proton'],
  ['yandex.net', 'yandex'], ['yandex.ru', 'yandex'],
  ['mail.ru', 'mailru'],
];

export const domainOf = (address: string): string => address.slice(address.lastIndexOf('@') + 1).toLowerCase();

export function providerFromDomain(domain: string): Provider | undefined {
  return providerOfDomain(domain);
}

export function providerFromMx(exchanges: readonly string[]): Provider | undefined {
  for (const exchange of exchanges) {
    const host = exchange.toLowerCase().replace(/\.$/, '');
    const hit = MX_SUFFIXES.find(([suffix]) => host === suffix || host.endsWith(`.${suffix}`));
    if (hit) return hit[1];
  }
  return undefined;
}

/** How MX records are looked up; a `dns.promises.Resolver` fits. Absent offline. */
export type MxLookup = (domain: string) => Promise<Array<{ exchange: string }>>;

/** The provider of an address: by its domain, else by its MX hosts when DNS can be asked, else 'other'. */
export async function guessProvider(address: string, resolveMx?: MxLookup): Promise<Provider> {
  const domain = domainOf(address);
  const known = providerFromDomain(domain);
  if (known || !resolveMx) return known ?? 'other';
  try {
    return providerFromMx((await resolveMx(domain)).map((mx) => mx.exchange)) ?? 'other';
  } catch {
    // No MX, no network, refused: the guess stays 'other' and the user can pick the provider.
    return 'other';
  }
}
