import { generateKeyPairSync } from 'node:crypto';
import { dkimVerify } from 'mailauth/lib/dkim/verify.js';
import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import type { MessageSpec } from '../../../shared/contract/seeds';
import { composeMessage, messageIdFor, testIdFor } from '../../../electron/services/seeds/compose';
import { SeedService } from '../../../electron/services/seeds/service';
import { testRuntime } from '../../support/runtime';

const spec: MessageSpec = {
  from: '"Shop" <news@shop.example>',
  replyTo: 'help@shop.example',
  subject: 'Autumn',
  html: '<html><body><p>Hi</p></body></html>',
  text: 'Hi\n\n',
  unsubscribeMailto: 'mailto:u@shop.example',
  unsubscribeUrl: 'https://shop.example/u/1',
};

describe('test ids', () => {
  it('are fixed width so one is never a substring of another', () => {
    expect(testIdFor('abcdef012345', 7)).toBe('mb-abcdef012345-00007');
    expect(testIdFor('abcdef012345', 12345)).toHaveLength(testIdFor('abcdef012345', 0).length);
    expect(messageIdFor('mb-abcdef012345-00007', '"Shop" <News@Shop.Example>')).toBe('mb-abcdef012345-00007@shop.example');
  });
});

describe('composing a seed copy', () => {
  it('carries the test id in a header and in both bodies, and one-click unsubscribe', () => {
    const mail = composeMessage(spec, { to: 'seed@x.example', testId: 'mb-abcdef012345-00001', date: new Date('2026-01-02T03:04:05Z') });
    expect(mail).toMatchObject({
      messageId: '<mb-abcdef012345-00001@shop.example>',
      replyTo: 'help@shop.example',
      list: { unsubscribe: [['mailto:u@shop.example', 'https://shop.example/u/1']] },
      headers: { 'X-Mailbench-Test-Id': 'mb-abcdef012345-00001', 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
    });
    expect(mail.html).toBe('<html><body><p>Hi</p><p style="font-size:11px;color:#777777;margin:16px 0 0">Mailbench seed test mb-abcdef012345-00001</p></body></html>');
    expect(mail.text).toBe('Hi\n\nMailbench seed test mb-abcdef012345-00001\n');
  });

  it('leaves out List-Unsubscribe-Post when there is no https target to POST to', () => {
    const mail = composeMessage({ ...spec, unsubscribeUrl: undefined }, { to: 'seed@x.example', testId: 'mb-abcdef012345-00001' });
    expect(mail.headers).toEqual({ 'X-Mailbench-Test-Id': 'mb-abcdef012345-00001' });
    expect(mail.list).toEqual({ unsubscribe: [['mailto:u@shop.example']] });
  });

  it('shows the raw MIME before sending, DKIM-signed over List-Unsubscribe-Post, and the signature verifies', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const key = { domain: 'shop.example', selector: 's1', privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() };
    const { rt, cleanup } = testRuntime();
    try {
      const service = new SeedService({ db: rt.db, secrets: rt.secrets, emit: () => {} }, { dkimKey: (id) => (id === 'k1' ? key : Promise.reject(new Error('no such key'))) });
      const { raw, testId } = await service.preview({ ...spec, dkimKeyId: 'k1' }, 'seed@x.example');
      expect(testId).toBe('mb-000000000000-00000');
      expect(raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r$/m);
      const parsed = await simpleParser(raw);
      expect(parsed.headers.get('x-mailbench-test-id')).toBe(testId);
      expect(parsed.text).toContain(`Mailbench seed test ${testId}`);
      const record = `v=DKIM1; k=rsa; p=${publicKey.export({ type: 'spki', format: 'der' }).toString('base64')}`;
      const result = await dkimVerify(Buffer.from(raw), {
        resolver: async (name: string, type: string) => {
          if (name === 's1._domainkey.shop.example' && type === 'TXT') return [[record]];
          throw Object.assign(new Error('none'), { code: 'ENOTFOUND' });
        },
      });
      expect(result.results[0]?.status.result).toBe('pass');
      expect(result.results[0]?.signingHeaders?.keys.toLowerCase().split(': ')).toEqual(expect.arrayContaining(['list-unsubscribe', 'list-unsubscribe-post', 'x-mailbench-test-id']));
      await expect(service.preview({ ...spec }, 'seed@x.example')).resolves.toMatchObject({ raw: expect.not.stringContaining('DKIM-Signature') });
    } finally {
      await cleanup();
    }
  });

  it('says clearly when a DKIM key is asked for but no key store is available', async () => {
    const { rt, cleanup } = testRuntime();
    try {
      const service = new SeedService({ db: rt.db, secrets: rt.secrets, emit: () => {} });
      await expect(service.preview({ ...spec, dkimKeyId: 'k1' })).rejects.toMatchObject({ code: 'unavailable' });
    } finally {
      await cleanup();
    }
  });
});
