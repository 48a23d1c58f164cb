import { safeStorage } from 'electron';
import type { SecretCipher } from '../services/secrets/cipher';

/** Secrets through the OS keychain (Keychain, DPAPI, libsecret/kwallet). */
export function safeStorageCipher(): SecretCipher | undefined {
  if (!safeStorage.isEncryptionAvailable()) return undefined;
  const backend = process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : 'os';
  const weak = backend === 'basic_text' || backend === 'unknown';
  return {
    kind: 'os-keychain',
    ...(weak
      ? { warning: `No system keyring was found (Electron chose ${backend}); secrets are only obfuscated. Install and unlock gnome-keyring or KWallet.` }
      : {}),
    encrypt: (plain) => safeStorage.encryptString(plain),
    decrypt: (data) => safeStorage.decryptString(data),
  };
}
