import { app, BrowserWindow } from 'electron';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { openExternal } from './adapters/external';
import { safeStorageCipher } from './adapters/safe-storage';
import { serveContract } from './ipc';
import { rendererDir } from './paths';
import { registerAppScheme, serveRenderer } from './protocol';
import { createRuntime, type Runtime } from './services/runtime';
import { createMainWindow, hardenSession, type WindowBounds } from './window';

const WindowState = z.object({
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  width: z.number().int().min(400),
  height: z.number().int().min(300),
  maximized: z.boolean(),
});
const defaultBounds: WindowBounds = { width: 1400, height: 900, maximized: false };

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  registerAppScheme();
  let runtime: Runtime | undefined;
  let win: BrowserWindow | undefined;

  app.on('second-instance', () => {
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  });

  app.whenReady().then(() => {
    hardenSession();
    const cipher = safeStorageCipher();
    runtime = createRuntime({
      dataDir: app.getPath('userData'),
      transport: 'electron',
      ...(cipher ? { cipher } : {}),
      openExternal,
    });
    serveRenderer(rendererDir());
    serveContract(runtime.dispatcher, () => BrowserWindow.getAllWindows());
    const rt = runtime;
    win = createMainWindow(dirname(fileURLToPath(import.meta.url)), rt.settings.get('window.state', WindowState, defaultBounds));
    const remember = () => {
      if (!win || win.isDestroyed()) return;
      rt.settings.set('window.state', WindowState, { ...win.getNormalBounds(), maximized: win.isMaximized() });
    };
    win.on('close', remember);
  });

  app.on('window-all-closed', () => {
    void runtime?.close().finally(() => app.quit());
  });
}
