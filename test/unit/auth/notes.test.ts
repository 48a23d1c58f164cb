import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { dkimSign } from 'mailauth';
import { describe, expect, it } from 'vitest';
import { verifyMessage } from '../../../electron/services/auth/verify-message';
import { openDns } from '../../../electron/services/dns/source';

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const ed = generateKeyPairSync('ed25519');
const pem = (key: KeyObject) => key.export({ type: 'pkcs8', format: 'pem' }).toString();
const rsaPublic = rsa.publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
// the raw 32-byte Ed25519 key of RFC 8463, after the 12-byte SPKI prefix
const edPublic = ed.publicKey.export({ type: 'spki', format: 'der' }).subarray(12).toString('base64');
const split = (text: string) => text.match(/.{1,250}/g)!.map((part) => `"${part}"`).join(' ');

const zone = `$ORIGIN example.com.
@                IN TXT "v=spf1 ip4:192.0.2.10 -all"
@                IN A 192.0.2.1
_dmarc           IN TXT "v=DMARC1; p=none; sp=reject; np=quarantine"
news             IN A 192.0.2.2
test             IN A 192.0.2.3
_dmarc.test      IN TXT "v=DMARC1; p=reject; t=y"
strict           IN A 192.0.2.4
_dmarc.strict    IN TXT "v=DMARC1; p=reject; adkim=s"
s1._domainkey    IN TXT ( "v=DKIM1; k=rsa; p=" ${split(rsaPublic)} )
ed._domainkey    IN TXT "v=DKIM1; p=${edPublic}"
$ORIGIN football.example.com.
@                IN A 192.0.2.5
_dmarc           IN TXT "v=DMARC1; p=reject"
default._bimi    IN TXT "v=BIMI1; l=https://football.example.com/logo.svg"
s1._domainkey    IN TXT ( "v=DKIM1; k=rsa; p=" ${split(rsaPublic)} )
`;

const message = (from: string, body = 'Hello,\r\nthe match is on Sunday.\r\n') =>
  `From: ${from}\r\nTo: fan@example.net\r\nSubject: Match\r\nDate: Sat, 05 Dec 2026 10:00:00 +0000\r\nMessage-ID: <n1@example.com>\r\n\r\n${body}`;

async function sign(raw: string, options: { domain: string; selector: string; key: KeyObject; algorithm?: string; maxBodyLength?: number }): Promise<string> {
  const data = { signingDomain: options.domain, selector: options.selector, privateKey: pem(options.key), canonicalization: 'relaxed/relaxed', ...(options.algorithm ? { algorithm: options.algorithm } : {}), ...(options.maxBodyLength !== undefined ? { maxBodyLength: options.maxBodyLength } : {}) };
  const signed = await dkimSign(raw, { ...data, signatureData: [data] });
  return signed.signatures + raw;
}

const check = (raw: string, mailFrom = 'bounce@example.com', strict = false) =>
  verifyMessage(openDns({ mode: 'zone', zone }), { message: Buffer.from(raw, 'latin1'), ip: '192.0.2.10', helo: 'mail.example.com', mailFrom, useReceived: false, strict });

describe('every mailauth warning and policy detail, with its meaning and fix', () => {
  it('rsa-sha1 passes in lenient mode but says RFC 8301 forbids it', async () => {
    const report = await check(await sign(message('a@example.com'), { domain: 'example.com', selector: 's1', key: rsa.privateKey, algorithm: 'rsa-sha1' }));
    expect(report.dkim[0]).toMatchObject({ result: 'pass', algorithm: 'rsa-sha1' });
    expect(report.dkim[0]!.notes).toEqual([expect.objectContaining({ code: 'rsa-sha1', message: expect.stringContaining('RFC 8301'), fix: expect.stringContaining('rsa-sha256') })]);
  });

  it('l= with appended bytes says what was left unsigned', async () => {
    const body = 'Hello,\r\nthe match is on Sunday.\r\n';
    const signed = await sign(message('a@example.com', body), { domain: 'example.com', selector: 's1', key: rsa.privateKey, maxBodyLength: Buffer.byteLength(body) });
    const report = await check(`${signed}Claim your prize at https://evil.example/win\r\n`);
    expect(report.dkim[0]!.result).toBe('pass');
    const note = report.dkim[0]!.notes.find((entry) => entry.code === 'body-length')!;
    expect(note.message).toMatch(/^l=\d+: the signature covers only the first \d+ body bytes; \d+ bytes after them are not signed/);
    expect(note.message).toContain('Claim your prize at https://evil.example/win');
  });

  it('an Ed25519 key published without k=ed25519 is named', async () => {
    const report = await check(await sign(message('a@example.com'), { domain: 'example.com', selector: 'ed', key: ed.privateKey }));
    expect(report.dkim[0]!.algorithm).toBe('ed25519-sha256');
    expect(report.dkim[0]!.notes.map((note) => note.code)).toContain('key-type-inferred');
    expect(report.dkim[0]!.notes.find((note) => note.code === 'key-type-inferred')!.fix).toContain('k=ed25519');
  });

  it('the DMARC line names the From domain and the tag that applied: sp for a subdomain, np for one that does not exist, t=y lowering p', async () => {
    const sub = await check(message('a@news.example.com'), 'bounce@news.example.com');
    expect(sub.dmarc).toMatchObject({ domain: 'news.example.com', orgDomain: 'example.com', policyDomain: 'example.com', policy: 'reject', appliedTag: 'sp' });
    const ghost = await check(message('a@ghost.example.com'), 'bounce@ghost.example.com');
    expect(ghost.dmarc).toMatchObject({ domain: 'ghost.example.com', policy: 'quarantine', appliedTag: 'np' });
    expect(ghost.dmarc.why).toContain('np=quarantine from the record of example.com');
    const testing = await check(message('a@test.example.com'), 'bounce@test.example.com');
    expect(testing.dmarc).toMatchObject({ domain: 'test.example.com', policy: 'quarantine', appliedTag: 'p', testMode: true });
    expect(testing.dmarc.notes.map((note) => note.code)).toContain('test-mode');
  });

  it('under adkim=s no fix suggests a subdomain', async () => {
    const report = await check(await sign(message('a@strict.example.com'), { domain: 'example.com', selector: 's1', key: rsa.privateKey }), 'bounce@elsewhere.example.net');
    expect(report.dmarc.result).toBe('fail');
    expect(report.dmarc.fix).toContain('d=strict.example.com exactly');
    expect(report.dmarc.fix).not.toMatch(/subdomain of it/);
    expect(report.dkim[0]!.fix).toContain('d=strict.example.com exactly');
    expect(report.dkim[0]!.fix).not.toMatch(/subdomain of it/);
  });

  it('BIMI says why it was skipped in the words of the DMARC line (the organizational domain\'s own p=none), not "the policy is too lax"', async () => {
    const report = await check(await sign(message('a@football.example.com'), { domain: 'football.example.com', selector: 's1', key: rsa.privateKey }), 'bounce@example.com');
    expect(report.dmarc).toMatchObject({ result: 'pass', domain: 'football.example.com', policy: 'reject', appliedTag: 'p' });
    expect(report.bimi.result).toBe('skipped');
    expect(report.bimi.why).toBe("BIMI was skipped: DMARC applied p=reject to football.example.com, but BIMI also requires the organizational domain example.com's own policy to enforce, and it is p=none.");
    expect(report.bimi.fix).toBe('Move _dmarc.example.com to p=quarantine or p=reject.');
  });
});

describe('the envelope line', () => {
  it('never shows postmaster@undefined for a message without MAIL FROM and HELO', async () => {
    // `mailbench auth msg.eml` without --ip takes the envelope from Received, and this message has none
    const report = await verifyMessage(openDns({ mode: 'zone', zone }), { message: Buffer.from(message('a@example.com')), useReceived: true, strict: false });
    expect(report.envelope).toEqual({ from: 'a@example.com' });
    expect(JSON.stringify(report.envelope)).not.toContain('undefined');
  });
});
