import type { Db } from '../../db/open';
import type { SecretCipher } from './cipher';

/**
 * Secrets (SMTP passwords, DKIM private keys) by id. Only ciphertext reaches SQLite;
 * callers hold plaintext just long enough to use it.
 */
export class SecretStore {
  constructor(
    private readonly db: Db,
    readonly cipher: SecretCipher,
  ) {}

  put(id: string, purpose: string, plain: string): void {
    this.db
      .prepare('INSERT INTO secrets (id, purpose, ciphertext) VALUES (?, ?, ?) ON CONFLICT(id) DO UPDATE SET purpose = excluded.purpose, ciphertext = excluded.ciphertext')
      .run(id, purpose, this.cipher.encrypt(plain));
  }

  get(id: string): string | undefined {
    const row = this.db.prepare('SELECT ciphertext FROM secrets WHERE id = ?').get(id) as { ciphertext: Buffer } | undefined;
    return row ? this.cipher.decrypt(row.ciphertext) : undefined;
  }

  has(id: string): boolean {
    return this.db.prepare('SELECT 1 FROM secrets WHERE id = ?').get(id) !== undefined;
  }

  delete(id: string): void {
    this.db.prepare('DELETE FROM secrets WHERE id = ?').run(id);
  }
}
