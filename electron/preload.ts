import { contextBridge, ipcRenderer, webUtils } from 'electron';
import type { Transport } from '../shared/contract/client';

/** The contract's method names, inlined by scripts/build-node.mjs so the schemas stay out of the preload. */
declare const __MAILBENCH_METHOD_NAMES__: readonly string[];
const methodNames = new Set(__MAILBENCH_METHOD_NAMES__);

// Channel names are repeated from ipc.ts on purpose: importing it would pull ipcMain into the preload.
const INVOKE_CHANNEL = 'mailbench:invoke';
const EVENT_CHANNEL = 'mailbench:event';

/**
 * The renderer's only door to the main process: the contract's methods and events,
 * nothing of ipcRenderer itself.
 */
const workbench: Transport = {
  invoke(name, input) {
    if (typeof name !== 'string' || !methodNames.has(name)) return Promise.resolve({ ok: false, error: { code: 'unknown_method', message: `There is no method called ${String(name).slice(0, 80)}.` } });
    return ipcRenderer.invoke(`${INVOKE_CHANNEL}:${name}`, input);
  },
  subscribe(listener) {
    const relay = (_event: unknown, message: { name: string; payload: unknown }) => listener(message.name, message.payload);
    ipcRenderer.on(EVENT_CHANNEL, relay);
    return () => ipcRenderer.removeListener(EVENT_CHANNEL, relay);
  },
};

contextBridge.exposeInMainWorld('workbench', workbench);

// The path of a file the person dropped or picked, so the editor can save it back in place.
contextBridge.exposeInMainWorld('mailbenchFiles', {
  pathFor: (file: File): string => webUtils.getPathForFile(file),
});
