import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { getDkimSigningKey, signWithDkimKey } from '../../../electron/services/auth/dkim-keys';
import { readDkimKeyRecord } from '../../../electron/services/auth/audit/dkim';
import { testRuntime } from '../../support/runtime';

let env: ReturnType<typeof testRuntime> | undefined;
afterEach(async () => {
  await env?.cleanup();
  env = undefined;
});

const call = async (name: string, input: unknown) => {
  const result = await env!.rt.dispatcher.call(name, input);
  if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
  return result.value as Record<string, unknown>;
};

describe('DKIM keys', () => {
  it.each([
    ['rsa-sha256', 2048, 'rsa'],
    ['ed25519-sha256', 256, 'ed25519'],
  ] as const)('generates %s, publishes a record of the right size and signs a round trip that verifies', async (algorithm, bits, type) => {
    env = testRuntime();
    const key = await call('auth.dkimGenerate', { domain: 'Example.com', selector: 'mb1', algorithm });
    expect(key).toMatchObject({ domain: 'example.com', selector: 'mb1', algorithm, bits, dnsName: 'mb1._domainkey.example.com' });
    expect(readDkimKeyRecord(key.dnsRecord as string).facts).toMatchObject({ type, bits, testing: false, revoked: false });
    expect(key.zoneLine).toMatch(/^mb1\._domainkey\.example\.com\. 3600 IN TXT /);
    const roundTrip = await call('auth.dkimRoundTrip', { id: key.id });
    expect(roundTrip).toMatchObject({ result: 'pass', coversListUnsubscribePost: true });
    expect(roundTrip.authenticationResults).toContain('dkim=pass header.i=@example.com header.s=mb1');
  });

  it('keeps the private key only as ciphertext in SQLite and hands it to the seed sender on request', async () => {
    env = testRuntime();
    const key = await call('auth.dkimGenerate', { domain: 'example.com', selector: 'mb2', algorithm: 'rsa-sha256' });
    const signing = getDkimSigningKey(env.rt, key.id as string);
    expect(signing).toMatchObject({ domain: 'example.com', selector: 'mb2', algorithm: 'rsa-sha256' });
    expect(signing.privateKeyPem).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    env.rt.db.pragma('wal_checkpoint(TRUNCATE)');
    const body = signing.privateKeyPem.split('\n')[5]!;
    const stored = readdirSync(env.dir).filter((file) => file.startsWith('mailbench.db')).map((file) => readFileSync(join(env!.dir, file)).toString('latin1')).join('');
    expect(stored.length).toBeGreaterThan(0);
    expect(stored).not.toContain(body);
    expect(stored).not.toContain('PRIVATE KEY');
    const signed = await signWithDkimKey(env.rt, key.id as string, 'From: a@example.com\r\nSubject: hi\r\n\r\nbody\r\n');
    expect(signed).toMatch(/^DKIM-Signature: v=1; a=rsa-sha256; c=relaxed\/relaxed; d=example.com;/);
  });

  it('refuses a second key for the same selector and forgets a deleted key with its secret', async () => {
    env = testRuntime();
    const key = await call('auth.dkimGenerate', { domain: 'example.com', selector: 'mb3', algorithm: 'ed25519-sha256' });
    const again = await env.rt.dispatcher.call('auth.dkimGenerate', { domain: 'example.com', selector: 'mb3', algorithm: 'rsa-sha256' });
    expect(again).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await call('auth.dkimDelete', { id: key.id })).toEqual({ deleted: true });
    expect(env.rt.secrets.has(`dkim:${key.id as string}`)).toBe(false);
    expect(await env.rt.dispatcher.call('auth.dkimList', {})).toEqual({ ok: true, value: [] });
    expect(() => getDkimSigningKey(env!.rt, key.id as string)).toThrow(/no DKIM key/);
  });
});
