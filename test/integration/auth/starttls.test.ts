import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditDomain } from '../../../electron/services/auth/domain-audit';
import { openDns } from '../../../electron/services/dns/source';
import { type Nsd, startNsd } from './nsd';

const zone = `$ORIGIN tls.example.
$TTL 300
@   IN SOA ns1 hostmaster 1 3600 900 604800 300
    IN NS  ns1
    IN MX  10 mx1
    IN TXT "v=spf1 mx -all"
ns1 IN A 127.0.0.1
mx1 IN A 127.0.0.1
_mta-sts IN TXT "v=STSv1; id=2026"
`;

async function listen(server: SMTPServer): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.server.address() as AddressInfo).port;
}

let nsd: Nsd;
// smtp-server offers STARTTLS with its built-in self-signed certificate unless told to hide it
const withTls = new SMTPServer({ authOptional: true, disabledCommands: ['AUTH'], logger: false });
const withoutTls = new SMTPServer({ authOptional: true, disabledCommands: ['AUTH'], hideSTARTTLS: true, logger: false });
let tlsPort: number;
let plainPort: number;

beforeAll(async () => {
  nsd = await startNsd({ 'tls.example': zone });
  tlsPort = await listen(withTls);
  plainPort = await listen(withoutTls);
});
afterAll(async () => {
  await nsd?.stop();
  await new Promise<void>((resolve) => withTls.close(() => resolve()));
  await new Promise<void>((resolve) => withoutTls.close(() => resolve()));
});

const audit = (smtpPort: number) =>
  auditDomain(openDns({ mode: 'server', server: nsd.server }), { domain: 'tls.example', selectors: [], ips: [], mtaStsPolicy: 'version: STSv1\nmode: enforce\nmx: mail.tls.example\nmax_age: 86400' }, { smtpPort, timeoutMs: 3000 });

describe('MX STARTTLS against real SMTP servers on loopback', () => {
  it('reads the TLS version and certificate an MX offers, and flags a certificate that does not validate', async () => {
    const report = await audit(tlsPort);
    const starttls = report.sections.find((section) => section.id === 'starttls')!;
    expect(starttls.summary).toBe('1 of 1 MX host(s) answered.');
    expect(starttls.records[0]).toMatch(/^mx1\.tls\.example: TLSv1\.[23], certificate /);
    expect(report.findings.find((finding) => finding.rule === 'starttls-certificate')?.message).toMatch(/^mx1\.tls\.example's certificate does not validate/);
    expect(report.findings.find((finding) => finding.rule === 'mta-sts-mx-unlisted')?.message).toBe('The MX mx1.tls.example is not listed in the MTA-STS policy.');
  });

  it('says when an MX does not offer STARTTLS', async () => {
    const report = await audit(plainPort);
    expect(report.findings.find((finding) => finding.rule === 'starttls-missing')?.message).toBe('mx1.tls.example does not offer STARTTLS.');
  });
});
