import { join } from 'node:path';
import { type Db, openDatabase } from '../db/open';
import { createDispatcher, type Dispatcher } from '../rpc/dispatch';
import { ensureDataDir } from './app/data-dir';
import type { FileDialogs } from './editor/dialogs';
import { createHandlers } from './handlers';
import { nodeCipher, type SecretCipher } from './secrets/cipher';
import { SecretStore } from './secrets/store';
import { SettingsStore } from './settings/store';

/** Everything a service may use. Built once per process by whichever face starts (Electron, web host, CLI). */
export interface Runtime {
  readonly dataDir: string;
  readonly transport: 'electron' | 'web';
  readonly db: Db;
  readonly settings: SettingsStore;
  readonly secrets: SecretStore;
  /** Set once the dispatcher exists; services use it to emit events from background work. */
  readonly dispatcher: Dispatcher;
  /** Opens a validated link in the system browser; absent in browser mode, where the page opens it. */
  readonly openExternal?: (url: string) => Promise<boolean>;
  /** Native open/save dialogs from the desktop shell (electron/adapters); absent in browser mode and the CLI. */
  readonly dialogs?: FileDialogs;
  /** Closes what the runtime opened; services register their own cleanup (timers, pools). */
  onClose(cleanup: () => void | Promise<void>): void;
  close(): Promise<void>;
}

export interface RuntimeOptions {
  dataDir: string;
  transport: Runtime['transport'];
  /** The desktop app passes the OS keychain; elsewhere a key from env or a key file is used. */
  cipher?: SecretCipher;
  logError?: (where: string, error: unknown) => void;
  openExternal?: (url: string) => Promise<boolean>;
  dialogs?: FileDialogs;
}

export function createRuntime(options: RuntimeOptions): Runtime {
  const dataDir = ensureDataDir(options.dataDir);
  const db = openDatabase(join(dataDir, 'mailbench.db'));
  const cleanups: Array<() => void | Promise<void>> = [];
  const runtime = {
    dataDir,
    transport: options.transport,
    db,
    settings: new SettingsStore(db),
    secrets: new SecretStore(db, options.cipher ?? nodeCipher(dataDir)),
    ...(options.openExternal ? { openExternal: options.openExternal } : {}),
    ...(options.dialogs ? { dialogs: options.dialogs } : {}),
    onClose(cleanup: () => void | Promise<void>) {
      cleanups.push(cleanup);
    },
    async close() {
      for (const cleanup of cleanups.reverse()) await cleanup();
      db.close();
    },
  } as Omit<Runtime, 'dispatcher'> & { dispatcher: Dispatcher };
  runtime.dispatcher = createDispatcher(createHandlers(runtime), {
    logError: options.logError ?? ((where, error) => console.error(`[mailbench] ${where}:`, error)),
  });
  return runtime;
}
