import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { invalidInputMessage, issuesFromZod } from '../../../shared/contract/errors';
import { testRuntime } from '../../support/runtime';

/** Form refusals read as a person would say them, naming the field, never the contract's schema. */
describe('invalid input in words', () => {
  const schema = z.object({
    name: z.string().min(1),
    poolSize: z.number().int().min(1).max(20),
    from: z.email(),
    seeds: z.array(z.object({ address: z.email() })).min(1),
    kind: z.enum(['gmail', 'microsoft']),
  }).strict();

  it('names each field and its limit', () => {
    const result = schema.safeParse({ name: '', poolSize: 0, from: 'not an address', seeds: [{ address: 'x' }], kind: 'aol', extra: 1 });
    expect(result.success).toBe(false);
    const messages = issuesFromZod(result.error!).map((issue) => issue.message);
    expect(messages).toEqual(expect.arrayContaining([
      'Name cannot be empty.',
      'Pool size must be at least 1.',
      'From must be an email address.',
      'Address must be an email address.',
      'Kind must be one of "gmail", "microsoft".',
      'The input has fields it does not take: extra.',
    ]));
    expect(invalidInputMessage(result.error!)).toMatch(/^Name cannot be empty\. \(and 5 more problems\)$/);
  });

  it('the dispatcher answers a form with the field, not "does not fit its schema"', async () => {
    const env = testRuntime();
    try {
      const result = await env.rt.dispatcher.call('warmup.replan', { planId: 'seven' });
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.error.message).toBe('Plan id must be a number.');
      expect(result.error.message).not.toMatch(/schema|expected/);
      expect(result.error.issues).toEqual([{ path: 'planId', message: 'Plan id must be a number.' }]);
    } finally {
      await env.cleanup();
    }
  });
});
