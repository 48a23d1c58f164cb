import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { verifyMessage } from '../../../electron/services/auth/verify-message';
import { openDns } from '../../../electron/services/dns/source';

const fixture = (name: string) => readFileSync(fileURLToPath(new URL(`../../fixtures/dkim/${name}`, import.meta.url)), 'utf8');
const zone = fixture('football.example.com.zone');
const text = fixture('signed.eml');
const message = Buffer.from(text, 'latin1');

describe('the RFC 8463 example against an offline zone', () => {
  it.each([false, true])('verifies both signatures, ed25519 and rsa (strict: %s)', async (strict) => {
    const report = await verifyMessage(openDns({ mode: 'zone', zone }), { message, ip: '213.165.64.12', helo: 'mail.football.example.com', mailFrom: 'joe@football.example.com', useReceived: false, strict });
    expect(report.dkim).toEqual([
      expect.objectContaining({ result: 'pass', domain: 'football.example.com', selector: 'brisbane', algorithm: 'ed25519-sha256', keyBits: 256, aligned: true, coversListUnsubscribePost: false }),
      expect.objectContaining({ result: 'pass', domain: 'football.example.com', selector: 'test', algorithm: 'rsa-sha256', keyBits: 1024, aligned: true }),
    ]);
    expect(report.dkim[0]!.signedHeaders).toEqual(['From', 'To', 'Subject', 'Date', 'Message-ID']);
    expect(report.dkim[0]!.fix).toBeUndefined();
    expect(report.dkim[1]!.fix).toMatch(/^The key is 1024 bits: rotate to a 2048-bit key/);
    expect(report.bimi.fix).toContain('default._bimi.football.example.com');
    expect(report.dmarc).toMatchObject({ result: 'pass', policy: 'reject', alignment: { dkim: { result: 'aligned' }, spf: { result: 'aligned' } } });
    expect(report.trail.every((lookup) => lookup.source === 'zone')).toBe(true);
  });

  it('tells a changed body from a changed header, and says how to fix each', async () => {
    const dns = () => openDns({ mode: 'zone', zone });
    const body = await verifyMessage(dns(), { message: Buffer.from(text.replace('We lost the game.', 'We won the game.')), ip: '213.165.64.12', mailFrom: 'joe@football.example.com', useReceived: false, strict: false });
    expect(body.dkim.map((row) => row.failure)).toEqual(['body-hash', 'body-hash']);
    expect(body.dkim[0]!.fix).toMatch(/rewrites the body/);
    const header = await verifyMessage(dns(), { message: Buffer.from(text.replace('Subject: Is dinner ready?', 'Subject: Is lunch ready?')), ip: '213.165.64.12', mailFrom: 'joe@football.example.com', useReceived: false, strict: false });
    expect(header.dkim.map((row) => row.failure)).toEqual(['signature', 'signature']);
    expect(header.dmarc.result).toBe('pass'); // SPF still aligns
    expect(header.dkim[1]!.why).toMatch(/signed headers changed/);
  });

  it('explains a missing key with the record name to publish', async () => {
    const report = await verifyMessage(openDns({ mode: 'zone', zone: '$ORIGIN football.example.com.\n@ IN TXT "v=spf1 -all"\n' }), { message, ip: '192.0.2.1', mailFrom: 'joe@football.example.com', useReceived: false, strict: false });
    expect(report.dkim[0]).toMatchObject({ failure: 'key' });
    expect(report.dkim[0]!.fix).toContain('brisbane._domainkey.football.example.com');
    expect(report.spf).toMatchObject({ result: 'fail' });
    expect(report.spf.fix).toContain('ip4:192.0.2.1');
    expect(report.dmarc).toMatchObject({ result: 'none' });
    expect(report.dmarc.fix).toContain('_dmarc.football.example.com');
  });
});
