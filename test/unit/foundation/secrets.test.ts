import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { nodeCipher } from '../../../electron/services/secrets/cipher';
import type { Runtime } from '../../../electron/services/runtime';
import { testRuntime } from '../../support/runtime';
import { tempDir } from '../../support/temp';

let rt: Runtime;
let cleanup: () => Promise<void>;
beforeEach(() => ({ rt, cleanup } = testRuntime()));
afterEach(() => cleanup());

describe('secrets', () => {
  it('keeps only ciphertext in the database file', async () => {
    const password = 'correct-horse-battery-staple-4711';
    rt.secrets.put('smtp:test', 'smtp-password', password);
    expect(rt.secrets.get('smtp:test')).toBe(password);
    rt.db.pragma('wal_checkpoint(TRUNCATE)');
    const file = readFileSync(join(rt.dataDir, 'mailbench.db'));
    expect(file.includes(Buffer.from(password))).toBe(false);
  });

  it('creates a key file readable only by the user when no passphrase is set', () => {
    const cipher = rt.secrets.cipher;
    expect(cipher.kind).toBe('key-file');
    expect(cipher.warning).toMatch(/MAILBENCH_SECRET_KEY/);
    expect(statSync(join(rt.dataDir, 'secret.key')).mode & 0o777).toBe(0o600);
  });

  it('derives the key from MAILBENCH_SECRET_KEY and detects tampering', () => {
    const { dir, cleanup: done } = tempDir();
    const cipher = nodeCipher(dir, { MAILBENCH_SECRET_KEY: 'a long passphrase' });
    expect(cipher.kind).toBe('environment');
    const sealed = cipher.encrypt('s3cret');
    expect(nodeCipher(dir, { MAILBENCH_SECRET_KEY: 'a long passphrase' }).decrypt(sealed)).toBe('s3cret');
    sealed[sealed.length - 1]! ^= 1;
    expect(() => cipher.decrypt(sealed)).toThrow();
    expect(() => nodeCipher(dir, { MAILBENCH_SECRET_KEY: 'another' }).decrypt(cipher.encrypt('x'))).toThrow();
    done();
  });
});
