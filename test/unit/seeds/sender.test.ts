import { describe, expect, it } from 'vitest';
import { backoffMs, classifyError, classifyInfo, queueIdOf } from '../../../electron/services/seeds/sender';
import { parseSmtpUrl } from '../../../electron/cli/commands/seed';

describe('SMTP answers', () => {
  it('records acceptance with the code, text and queue id', () => {
    expect(classifyInfo({ response: '250 2.0.0 Ok: queued as 4XyZ1abc', rejected: [] }, 12)).toEqual({ kind: 'final', result: { status: 'accepted', code: 250, response: '250 2.0.0 Ok: queued as 4XyZ1abc', queueId: '4XyZ1abc', durationMs: 12 } });
  });

  it('treats 5xx as a permanent rejection and 4xx or a connection lost before the data went out as try-again', () => {
    expect(classifyError({ responseCode: 550, response: '550 5.1.1 No such user', message: 'x' }, 3, false)).toEqual({ kind: 'final', result: { status: 'rejected', code: 550, response: '550 5.1.1 No such user', durationMs: 3 } });
    expect(classifyError({ responseCode: 451, response: '451 4.7.1 Greylisted', message: 'x' }, 3, false)).toEqual({ kind: 'retry', failure: { code: 451, response: '451 4.7.1 Greylisted' } });
    expect(classifyError({ code: 'ECONNECTION', message: 'Connection closed unexpectedly' }, 3, false)).toEqual({ kind: 'retry', failure: { response: 'Connection closed unexpectedly' } });
    expect(classifyInfo({ response: '250 ok', rejected: ['a@b'], rejectedErrors: [{ responseCode: 552, response: '552 Mailbox full', message: 'x' }] }, 1)).toMatchObject({ kind: 'final', result: { status: 'rejected', code: 552 } });
  });

  it('never retries a message whose answer was lost after the whole message went out', () => {
    for (const error of [{ code: 'ECONNECTION', message: 'Connection closed unexpectedly' }, { code: 'ETIMEDOUT', message: 'Timeout' }]) {
      const attempt = classifyError(error, 3, true);
      expect(attempt.kind).toBe('unknown');
      if (attempt.kind === 'unknown') expect(attempt.result.response).toMatch(/not sent again/);
    }
    // an answer after the data is still an answer
    expect(classifyError({ responseCode: 451, response: '451 4.3.0 Try later', message: 'x' }, 3, true)).toMatchObject({ kind: 'retry' });
  });

  it.each([
    ['DEPTH_ZERO_SELF_SIGNED_CERT', /self-signed/],
    ['CERT_HAS_EXPIRED', /has expired/],
    ['ERR_TLS_CERT_ALTNAME_INVALID', /hostname mismatch/],
    ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', /unknown certificate authority/],
  ])('makes a certificate failure (%s) final, saying what failed and what to do', (originalCode, words) => {
    const attempt = classifyError({ code: 'ESOCKET', originalCode, message: 'certificate problem' }, 3, false);
    expect(attempt.kind).toBe('final');
    if (attempt.kind !== 'final') return;
    expect(attempt.result.status).toBe('failed');
    expect(attempt.result.response).toMatch(words);
    expect(attempt.result.response).toContain(originalCode);
    expect(attempt.result.response).toMatch(/Not retried.*Fix the server's certificate/);
  });

  it.each([
    ['250 2.0.0 Ok: queued as 3F1A2B4C5D', '3F1A2B4C5D'],
    ['250 OK id=1qABCD-0001xY-2Z', '1qABCD-0001xY-2Z'],
    ['250 2.0.0 OK  1732600000 d9443c01a7336-2122f4b2c3asi123456pls.123 - gsmtp', 'd9443c01a7336-2122f4b2c3asi123456pls.123'],
    ['250 2.6.0 <mb-1@shop.example> [InternalId=123456789, Hostname=AM0PR01MB1234] Queued mail for delivery', '123456789'],
    ['250 2.0.0 Ok', undefined],
  ])('finds the queue id in %s', (response, id) => {
    expect(queueIdOf(response)).toBe(id);
  });

  it('backs off exponentially with jitter, capped', () => {
    const policy = { maxAttempts: 5, baseDelayMs: 1000, maxDelayMs: 5000 };
    for (let i = 0; i < 50; i++) {
      expect(backoffMs(1, policy)).toBeGreaterThanOrEqual(800);
      expect(backoffMs(1, policy)).toBeLessThanOrEqual(1200);
      expect(backoffMs(3, policy)).toBeGreaterThanOrEqual(3200);
      expect(backoffMs(10, policy)).toBeLessThanOrEqual(6000);
    }
  });
});

describe('--smtp URLs', () => {
  it('reads implicit TLS, STARTTLS and loopback forms; the password comes from the environment', () => {
    expect(parseSmtpUrl('smtps://me%40shop.example@smtp.shop.example', 4, 10)).toEqual({ host: 'smtp.shop.example', port: 465, security: 'tls', user: 'me@shop.example', poolSize: 4, ratePerSecond: 10, password: { kind: 'env', name: 'MAILBENCH_SMTP_PASSWORD' } });
    expect(parseSmtpUrl('smtp://me@smtp.shop.example:2525', 1, 0)).toMatchObject({ port: 2525, security: 'starttls' });
    expect(parseSmtpUrl('smtp://127.0.0.1:2525', 1, 0)).toMatchObject({ security: 'none', password: { kind: 'none' } });
  });

  it('treats only real loopback hosts as loopback: 127.example.com is a remote name', () => {
    expect(parseSmtpUrl('smtp://127.attacker.example:25', 1, 0)).toMatchObject({ security: 'starttls' });
    expect(parseSmtpUrl('smtp://[::1]:2525', 1, 0)).toMatchObject({ security: 'none' });
    expect(parseSmtpUrl('smtp://localhost:2525', 1, 0)).toMatchObject({ security: 'none' });
  });

  it.each([
    ['smtp://me:hunter2@host', /MAILBENCH_SMTP_PASSWORD, not in the URL/],
    ['http://host', /must start with smtp:\/\/ or smtps:\/\//],
    ['not a url', /is not a URL/],
  ])('refuses %s', (url, message) => {
    expect(() => parseSmtpUrl(url, 1, 0)).toThrow(message);
  });
});
