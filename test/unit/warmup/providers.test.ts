import { describe, expect, it } from 'vitest';
import { looksLikeAppleMpp } from '../../../electron/services/warmup/machine-open';
import { mixFromRecipients, providerOf } from '../../../electron/services/warmup/providers';

describe('provider map', () => {
  it('maps well-known consumer domains, addresses or bare domains, case-insensitively', () => {
    expect(['ann@gmail.com', 'GoogleMail.com', 'x@hotmail.co.uk', 'y@outlook.com', 'z@aol.com', 'yahoo.co.jp', 'me@icloud.com', 'ceo@corp.example'].map(providerOf))
      .toEqual(['gmail', 'gmail', 'microsoft', 'microsoft', 'yahoo', 'yahoo', 'apple', 'other']);
  });

  it('computes a mix of whole percents adding up to 100 from a recipient list, ignoring what is not an address or domain', () => {
    const list = ['email', 'a@gmail.com', 'b@gmail.com', 'c@gmail.com', 'd@outlook.com', 'e@yahoo.com', 'f@icloud.com', 'g@example.org', '', 'not an address', 'gmail.com,Ann'].join('\n');
    const result = mixFromRecipients(list);
    expect(result.counted).toBe(8);
    expect(result.ignored).toBe(2);
    expect(result.mix).toEqual({ gmail: 50, microsoft: 13, yahoo: 13, apple: 12, other: 12 });
    expect(Object.values(result.mix).reduce((a, b) => a + b, 0)).toBe(100);
  });
});

describe('Apple Mail Privacy Protection heuristic', () => {
  it('flags the bare Mozilla/5.0 agent or an Apple 17/8 address, and not real clients or Gmail\'s proxy', () => {
    expect(looksLikeAppleMpp('Mozilla/5.0', '203.0.113.9')).toBe(true);
    expect(looksLikeAppleMpp('', '17.58.101.4')).toBe(true);
    expect(looksLikeAppleMpp('Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15', '198.51.100.7')).toBe(false);
    expect(looksLikeAppleMpp('Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)', '66.249.93.84')).toBe(false);
    expect(looksLikeAppleMpp(undefined, '170.1.2.3')).toBe(false);
  });
});

describe('the warm-up contract speaks the seeds vocabulary', () => {
  it('takes a provider alias in hand-entered actuals and in a mix, and still refuses an unknown word by name', async () => {
    const { ActualsEntry, ProviderMix } = await import('../../../shared/contract/warmup');
    expect(ActualsEntry.parse({ planId: 1, date: '2026-03-02', provider: 'Outlook', counts: { sent: 1 } }).provider).toBe('microsoft');
    expect(ActualsEntry.parse({ planId: 1, date: '2026-03-02', provider: 'icloud', counts: {} }).provider).toBe('apple');
    expect(ProviderMix.parse({ gmail: 50, outlook: 20, hotmail: 5, yahoo: 10, apple: 5, other: 10 })).toEqual({ gmail: 50, microsoft: 25, yahoo: 10, apple: 5, other: 10 });
    expect(ActualsEntry.safeParse({ planId: 1, date: '2026-03-02', provider: 'nowhere', counts: {} }).success).toBe(false);
    expect(ProviderMix.safeParse({ gmail: 100, __proto__x: 0 }).success).toBe(false);
  });
});
