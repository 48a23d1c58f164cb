import { Resolver } from 'node:dns/promises';
import dns2 from 'dns2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guessProvider, providerFromDomain, providerFromMx } from '../../../electron/services/seeds/providers';
import { parseSeedCsv } from '../../../electron/services/seeds/seed-csv';
import { Provider, ProviderName } from '../../../shared/contract/seeds';
import { PLANNING_PROVIDERS, planningProvider } from '../../../shared/model/mailbox-providers';
import { providerOf } from '../../../electron/services/warmup/providers';

const { Packet } = dns2;
let server: ReturnType<typeof dns2.createServer>;
let resolver: Resolver;

// A real DNS server on loopback answering MX for two custom domains.
const MX: Record<string, string> = { 'workspace.example': 'aspmx.l.google.com', 'm365.example': 'm365-example.mail.protection.outlook.com', 'self.example': 'mx.self.example' };

beforeAll(async () => {
  server = dns2.createServer({
    udp: true,
    handle(request, send) {
      const response = Packet.createResponseFromRequest(request);
      const question = request.questions[0]!;
      const exchange = MX[question.name];
      if (exchange && question.type === Packet.TYPE.MX) response.answers.push({ name: question.name, type: Packet.TYPE.MX, class: Packet.CLASS.IN, ttl: 60, priority: 10, exchange } as (typeof response.answers)[number]);
      send(response);
    },
  });
  const listening = await server.listen({ udp: { port: 0, address: '127.0.0.1' } });
  resolver = new Resolver();
  resolver.setServers([`127.0.0.1:${(listening.udp as { port: number }).port}`]);
});
afterAll(async () => {
  await server?.close();
});

describe('provider guess', () => {
  it('knows consumer domains', () => {
    expect(providerFromDomain('GMAIL.com')).toBe('gmail');
    expect(providerFromDomain('hotmail.co.uk')).toBe('microsoft');
    expect(providerFromDomain('web.de')).toBe('gmx');
    expect(providerFromDomain('example.org')).toBeUndefined();
  });

  it('reads hosted domains from their MX hosts', () => {
    expect(providerFromMx(['alt1.aspmx.l.google.com.'])).toBe('gmail');
    expect(providerFromMx(['x.mail.protection.outlook.com'])).toBe('microsoft');
    expect(providerFromMx(['mta5.am0.yahoodns.net'])).toBe('yahoo');
    expect(providerFromMx(['notgoogle.com'])).toBeUndefined();
  });

  it('asks DNS for MX when the domain is not a known one, and falls back to other', async () => {
    const mx = (domain: string) => resolver.resolveMx(domain);
    expect(await guessProvider('a@workspace.example', mx)).toBe('gmail');
    expect(await guessProvider('a@m365.example', mx)).toBe('microsoft');
    expect(await guessProvider('a@self.example', mx)).toBe('other');
    expect(await guessProvider('a@nothing.example', mx)).toBe('other');
    expect(await guessProvider('a@yahoo.com')).toBe('yahoo');
  });

  it('guesses the providers of an imported list from MX, one lookup per domain', async () => {
    let lookups = 0;
    const mx = (domain: string) => {
      lookups++;
      return resolver.resolveMx(domain);
    };
    const seeds = await parseSeedCsv('address\na@workspace.example\nb@workspace.example\nc@m365.example\nd@gmail.com\n', 'team.csv', mx);
    expect(seeds.map((seed) => seed.provider)).toEqual(['gmail', 'gmail', 'microsoft', 'gmail']);
    expect(lookups).toBe(2);
  });
});

describe('one provider vocabulary for seeds and warm-up', () => {
  it('names providers as warm-up does, and both read one domain table', () => {
    for (const provider of PLANNING_PROVIDERS) expect(ProviderName.options).toContain(provider);
    for (const domain of ['gmail.com', 'hotmail.co.uk', 'live.nl', 'outlook.com', 'aol.com', 'yahoo.co.jp', 'icloud.com', 'web.de', 'corp.example']) {
      const seed = providerFromDomain(domain) ?? 'other';
      expect(planningProvider(seed)).toBe(providerOf(domain));
    }
  });

  it('takes the other common spellings as aliases in the contract, and refuses other words', () => {
    expect(['outlook', 'Hotmail', 'live', 'msn', 'icloud', 'googlemail'].map((word) => Provider.parse(word))).toEqual(['microsoft', 'microsoft', 'microsoft', 'microsoft', 'apple', 'gmail']);
    expect(Provider.safeParse('hotmial').success).toBe(false);
    expect(Provider.safeParse('__proto__').success).toBe(false);
  });
});
