import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { dkimSign } from 'mailauth';
import type { DkimAlgorithm, DkimKeyView } from '../../../shared/contract/auth';
import { AppError } from '../../../shared/contract/errors';
import type { Runtime } from '../runtime';

/** What signing needs; the private key is plaintext only in the caller's hands, never stored so. */
export interface DkimSigningKey {
  domain: string;
  selector: string;
  privateKeyPem: string;
  algorithm: DkimAlgorithm;
}

/**
 * Header fields Mailbench signs: mailauth's default list plus List-Unsubscribe-Post, which
 * Gmail and Yahoo's one-click unsubscribe requires to be covered by the signature (RFC 8058).
 */
export const DKIM_HEADER_LIST = [
  'From', 'Sender', 'Reply-To', 'Subject', 'Date', 'Message-ID', 'To', 'Cc', 'MIME-Version', 'Content-Type',
  'Content-Transfer-Encoding', 'In-Reply-To', 'References', 'List-Id', 'List-Unsubscribe', 'List-Unsubscribe-Post', 'Feedback-ID',
];

interface KeyRow {
  id: string;
  domain: string;
  selector: string;
  algorithm: DkimAlgorithm;
  bits: number;
  public_key: string;
  created_at: string;
}

const secretId = (id: string) => `dkim:${id}`;

/** Splits a TXT value into the 255-byte strings DNS carries, so the zone line can be pasted as is. */
export function txtStrings(value: string): string[] {
  const parts: string[] = [];
  for (let i = 0; i < value.length; i += 255) parts.push(value.slice(i, i + 255));
  return parts;
}

export function dkimRecordValue(algorithm: DkimAlgorithm, publicKey: string): string {
  return `v=DKIM1; k=${algorithm === 'ed25519-sha256' ? 'ed25519' : 'rsa'}; p=${publicKey}`;
}

function view(row: KeyRow): DkimKeyView {
  const dnsName = `${row.selector}._domainkey.${row.domain}`;
  const value = dkimRecordValue(row.algorithm, row.public_key);
  const strings = txtStrings(value).map((part) => `"${part}"`);
  return {
    id: row.id,
    domain: row.domain,
    selector: row.selector,
    algorithm: row.algorithm,
    bits: row.bits,
    dnsName,
    dnsRecord: value,
    zoneLine: `${dnsName}. 3600 IN TXT ${strings.length > 1 ? `( ${strings.join('\n    ')} )` : strings[0]}`,
    createdAt: row.created_at,
  };
}

/** A new key pair: RSA 2048 (the size receivers expect) or Ed25519 (RFC 8463, raw 32-byte public key). */
function newKeyPair(algorithm: DkimAlgorithm): { privateKeyPem: string; publicKey: string; bits: number } {
  if (algorithm === 'ed25519-sha256') {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const spki = publicKey.export({ type: 'spki', format: 'der' });
    return { privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), publicKey: spki.subarray(spki.length - 32).toString('base64'), bits: 256 };
  }
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKey: publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
    bits: 2048,
  };
}

export function generateDkimKey(rt: Runtime, input: { domain: string; selector: string; algorithm: DkimAlgorithm }): DkimKeyView {
  const domain = input.domain.toLowerCase().replace(/\.$/, '');
  const selector = input.selector.toLowerCase();
  const exists = rt.db.prepare('SELECT 1 FROM auth_dkim_keys WHERE domain = ? AND selector = ?').get(domain, selector);
  if (exists) {
    throw new AppError('conflict', `A DKIM key for ${selector}._domainkey.${domain} already exists.`, { hint: 'Choose another selector (rotating keys means a new selector), or delete the old key first.' });
  }
  const id = randomUUID();
  const pair = newKeyPair(input.algorithm);
  rt.db.transaction(() => {
    rt.db.prepare('INSERT INTO auth_dkim_keys (id, domain, selector, algorithm, bits, public_key) VALUES (?, ?, ?, ?, ?, ?)').run(id, domain, selector, input.algorithm, pair.bits, pair.publicKey);
    rt.secrets.put(secretId(id), 'dkim-private-key', pair.privateKeyPem);
  })();
  return getDkimKey(rt, id);
}

export function getDkimKey(rt: Runtime, id: string): DkimKeyView {
  const row = rt.db.prepare('SELECT * FROM auth_dkim_keys WHERE id = ?').get(id) as KeyRow | undefined;
  if (!row) throw new AppError('not_found', `There is no DKIM key with id ${id}.`, { hint: 'List the keys with auth.dkimList and use one of their ids.' });
  return view(row);
}

export function listDkimKeys(rt: Runtime): DkimKeyView[] {
  return (rt.db.prepare('SELECT * FROM auth_dkim_keys ORDER BY domain, selector').all() as KeyRow[]).map(view);
}

export function deleteDkimKey(rt: Runtime, id: string): boolean {
  return rt.db.transaction(() => {
    rt.secrets.delete(secretId(id));
    return rt.db.prepare('DELETE FROM auth_dkim_keys WHERE id = ?').run(id).changes > 0;
  })();
}

/** For the seed-send feature: the key to sign with, decrypted just for this call. */
export function getDkimSigningKey(rt: Runtime, keyId: string): DkimSigningKey {
  const key = getDkimKey(rt, keyId);
  const privateKeyPem = rt.secrets.get(secretId(keyId));
  if (!privateKeyPem) {
    throw new AppError('not_found', `The private key of ${key.dnsName} is missing from the secret store.`, { hint: 'Generate a new key under Authentication → Builders and publish its record.' });
  }
  return { domain: key.domain, selector: key.selector, privateKeyPem, algorithm: key.algorithm };
}

/** Signs a raw message with a stored key, covering DKIM_HEADER_LIST; returns the message with the signature on top. */
export async function signWithDkimKey(rt: Runtime, keyId: string, message: string): Promise<string> {
  const key = getDkimSigningKey(rt, keyId);
  const signature = { signingDomain: key.domain, selector: key.selector, privateKey: key.privateKeyPem, algorithm: key.algorithm, canonicalization: 'relaxed/relaxed' };
  // mailauth signs only what is listed in signatureData; the top-level fields name the defaults
  const signed = await dkimSign(message, { ...signature, signatureData: [signature], headerList: DKIM_HEADER_LIST });
  if (signed.errors.length > 0 || !signed.signatures) {
    throw new AppError('internal', `Signing with ${key.selector}._domainkey.${key.domain} failed: ${signed.errors.map((error) => String((error as { err?: unknown }).err ?? error)).join('; ')}`, {
      hint: 'Generate a new key; this one may be damaged.',
    });
  }
  return signed.signatures + message;
}
