import { zoneDns } from '../dns/source';
import { Zone } from '../dns/zone';
import type { Runtime } from '../runtime';
import { getDkimKey, signWithDkimKey, txtStrings } from './dkim-keys';
import { verifyMessage } from './verify-message';

/**
 * Proves a stored key works before anyone publishes it: signs a sample bulk message and
 * verifies it against an offline zone holding exactly the record the user would publish.
 */
export async function dkimRoundTrip(rt: Runtime, keyId: string): Promise<{ result: string; coversListUnsubscribePost: boolean; authenticationResults: string }> {
  const key = getDkimKey(rt, keyId);
  const message = [
    `From: Mailbench <test@${key.domain}>`,
    'To: seed@example.net',
    'Subject: DKIM round trip',
    `Date: ${new Date().toUTCString()}`,
    `Message-ID: <${Date.now()}.roundtrip@${key.domain}>`,
    `List-Unsubscribe: <https://${key.domain}/unsubscribe?u=1>`,
    'List-Unsubscribe-Post: List-Unsubscribe=One-Click',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'This message checks that the DKIM key signs and verifies.',
    '',
  ].join('\r\n');
  const signed = await signWithDkimKey(rt, keyId, message);
  const zone = new Zone(key.domain);
  zone.add({ name: key.dnsName, ttl: 3600, type: 'TXT', strings: txtStrings(key.dnsRecord) });
  const report = await verifyMessage(zoneDns(zone), { message: Buffer.from(signed, 'utf8'), useReceived: false, strict: false });
  const signature = report.dkim.find((row) => row.selector === key.selector && row.domain === key.domain);
  return {
    result: signature?.result ?? 'none',
    coversListUnsubscribePost: signature?.coversListUnsubscribePost ?? false,
    authenticationResults: report.authenticationResults,
  };
}
