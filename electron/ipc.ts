import { type BrowserWindow, ipcMain, type IpcMainInvokeEvent } from 'electron';
import { AppError } from '../shared/contract/errors';
import { methodNames } from '../shared/contract/index';
import { APP_ORIGIN } from './protocol';
import type { Dispatcher } from './rpc/dispatch';

export const INVOKE_CHANNEL = 'mailbench:invoke';
export const EVENT_CHANNEL = 'mailbench:event';

/** Only the app's own top frame, loaded from app://mailbench, may call the contract. */
function trustedSender(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  return frame !== null && frame === event.sender.mainFrame && frame.url.startsWith(`${APP_ORIGIN}/`);
}

/**
 * One `ipcMain.handle` per contract method, each going through the shared dispatcher
 * (input parsed, output checked, errors shaped). Results are plain data, never thrown.
 */
export function serveContract(dispatcher: Dispatcher, windows: () => BrowserWindow[]): () => void {
  for (const name of methodNames) {
    ipcMain.handle(`${INVOKE_CHANNEL}:${name}`, (event, input: unknown) => {
      if (!trustedSender(event)) {
        return { ok: false, error: new AppError('forbidden', 'Only the Mailbench window may call Mailbench.').toShape() };
      }
      return dispatcher.call(name, input);
    });
  }
  const unsubscribe = dispatcher.subscribe((name, payload) => {
    for (const win of windows()) if (!win.isDestroyed()) win.webContents.send(EVENT_CHANNEL, { name, payload });
  });
  return () => {
    unsubscribe();
    for (const name of methodNames) ipcMain.removeHandler(`${INVOKE_CHANNEL}:${name}`);
  };
}
