import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto';
import { chmodSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../../fs/atomic';

/** Turns secrets into ciphertext and back. The desktop app supplies the OS keychain (safeStorage). */
export interface SecretCipher {
  readonly kind: 'os-keychain' | 'key-file' | 'environment';
  /** Set when the protection is weaker than a keychain, in words a person can act on. */
  readonly warning?: string;
  encrypt(plain: string): Buffer;
  decrypt(data: Buffer): string;
}

const VERSION = 1;

/** AES-256-GCM with a random nonce: version byte, 12-byte nonce, 16-byte tag, ciphertext. */
export function aesGcmCipher(key: Buffer, kind: SecretCipher['kind'], warning?: string): SecretCipher {
  if (key.length !== 32) throw new Error('A secret key must be 32 bytes.');
  return {
    kind,
    ...(warning ? { warning } : {}),
    encrypt(plain) {
      const nonce = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, nonce);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([Buffer.from([VERSION]), nonce, cipher.getAuthTag(), body]);
    },
    decrypt(data) {
      if (data[0] !== VERSION || data.length < 29) throw new Error('This secret was stored in a format Mailbench does not know.');
      const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(1, 13));
      decipher.setAuthTag(data.subarray(13, 29));
      return Buffer.concat([decipher.update(data.subarray(29)), decipher.final()]).toString('utf8');
    },
  };
}

/**
 * Outside Electron (browser mode, CLI) there is no OS keychain. MAILBENCH_SECRET_KEY, a
 * passphrase kept outside the data folder, is preferred; otherwise a random key file
 * readable only by the user is created in the data folder, which keeps secrets out of
 * the database, its backups and exports, but not from someone who can read the folder.
 */
export function nodeCipher(dataDir: string, env: NodeJS.ProcessEnv = process.env): SecretCipher {
  const passphrase = env.MAILBENCH_SECRET_KEY;
  if (passphrase) {
    return aesGcmCipher(scryptSync(passphrase, 'mailbench-secrets-v1', 32), 'environment');
  }
  const file = join(dataDir, 'secret.key');
  if (!existsSync(file)) writeFileAtomic(file, randomBytes(32), { mode: 0o600 });
  chmodSync(file, 0o600);
  const key = readFileSync(file);
  return aesGcmCipher(
    key,
    'key-file',
    `Secrets are encrypted with ${file}; anyone who can read that folder can decrypt them. Use the desktop app (OS keychain) or set MAILBENCH_SECRET_KEY to a passphrase kept elsewhere.`,
  );
}
