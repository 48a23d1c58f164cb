import type { Provider } from '../../../shared/contract/seeds';

/** Consumer mailbox domains by the provider that hosts them. */
const DOMAINS: Record<string, Provider> = {
  'gmail.com': 'gmail', 'googlemail.com': 'gmail',
  'outlook.com': 'outlook', 'hotmail.com': 'outlook', 'live.com': 'outlook', 'msn.com': 'outlook', 'hotmail.co.uk': 'outlook', 'outlook.de': 'outlook', 'hotmail.fr': 'outlook',
  'yahoo.com': 'yahoo', 'ymail.com': 'yahoo', 'rocketmail.com': 'yahoo', 'yahoo.co.uk': 'yahoo', 'yahoo.fr': 'yahoo', 'yahoo.de': 'yahoo',
  'aol.com': 'aol', 'aim.com': 'aol',
  'icloud.com': 'icloud', 'me.com': 'icloud', 'mac.com': 'icloud',
  'gmx.com': 'gmx', 'gmx.de': 'gmx', 'gmx.net': 'gmx', 'web.de': 'gmx',
  'zoho.com': 'zoho', 'zohomail.com': 'zoho',
  'fastmail.com': 'fastmail', 'fastmail.fm': 'fastmail',
  'proton.me': 'proton', 'protonmail.com': 'proton', 'pm.me': 'proton',
  'yandex.com': 'yandex', 'yandex.ru': 'yandex', 'ya.ru': 'yandex',
  'mail.ru': 'mailru', 'bk.ru': 'mailru', 'inbox.ru': 'mailru', 'list.ru': 'mailru',
};

/** MX host suffixes of providers that also host custom domains (Google Workspace, Microsoft 365, …). */
const MX_SUFFIXES: Array<[string, Provider]> = [
  ['google.com', 'gmail'], ['googlemail.com', 'gmail'],
  ['protection.outlook.com', 'outlook'], ['outlook.com', 'outlook'], ['hotmail.com', 'outlook'],
  ['yahoodns.net', 'yahoo'],
  ['icloud.com', 'icloud'],
  ['gmx.net', 'gmx'], ['web.de', 'gmx'],
  ['zoho.com', 'zoho'], ['zoho.eu', 'zoho'],
  ['messagingengine.com', 'fastmail'],
  ['protonmail.ch', 'proton'],
  ['yandex.net', 'yandex'], ['yandex.ru', 'yandex'],
  ['mail.ru', 'mailru'],
];

export const domainOf = (address: string): string => address.slice(address.lastIndexOf('@') + 1).toLowerCase();

export function providerFromDomain(domain: string): Provider | undefined {
  return DOMAINS[domain.toLowerCase()];
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
