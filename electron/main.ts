import { app, BrowserWindow, Menu, nativeTheme } from 'electron';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { AppError } from '../shared/contract/errors';
import type { RecentDocument } from '../shared/contract/shell';
import { nativeDialogs, showOpenError } from './adapters/dialogs';
import { openExternal } from './adapters/external';
import { buildMenu } from './adapters/menu';
import { safeStorageCipher } from './adapters/safe-storage';
import { serveContract } from './ipc';
import { rendererDir } from './paths';
import { registerAppScheme, serveRenderer } from './protocol';
import { createRuntime, type Runtime } from './services/runtime';
import { openIntoInbox } from './services/shell/inbox';
import { filesInArgv } from './services/shell/launch-args';
import { readPreferences } from './services/shell/preferences';
import { clearRecent, listRecent } from './services/shell/recent';
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
  // The running instance gets our argv through 'second-instance' and opens the files.
  app.quit();
} else {
  registerAppScheme();
  let runtime: Runtime | undefined;
  let win: BrowserWindow | undefined;
  // macOS sends 'open-file' before 'ready' when a double-click launches the app.
  const early: string[] = filesInArgv(process.argv, process.cwd());

  const openFile = (path: string) => {
    if (!runtime) {
      early.push(path);
      return;
    }
    openIntoInbox(runtime, path).then(
      (file) => app.addRecentDocument(file.path),
      (error: unknown) => {
        const shape = error instanceof AppError ? error.toShape() : { message: String(error), hint: undefined };
        showOpenError('Mailbench could not open the file', [shape.message, shape.hint].filter(Boolean).join('\n\n'));
      },
    );
  };

  app.on('open-file', (event, path) => {
    event.preventDefault();
    openFile(path);
  });

  app.on('second-instance', (_event, argv, workingDirectory) => {
    filesInArgv(argv, workingDirectory).forEach(openFile);
    if (!win || win.isDestroyed()) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  });

  app.whenReady().then(() => {
    hardenSession();
    const cipher = safeStorageCipher();
    const dialogs = nativeDialogs(() => win);
    runtime = createRuntime({
      dataDir: app.getPath('userData'),
      transport: 'electron',
      ...(cipher ? { cipher } : {}),
      openExternal,
      dialogs,
    });
    const rt = runtime;
    serveRenderer(rendererDir());
    serveContract(rt.dispatcher, () => BrowserWindow.getAllWindows());

    const setMenu = (recent: readonly RecentDocument[]) =>
      Menu.setApplicationMenu(
        buildMenu(
          {
            send: (command) => rt.dispatcher.emit('shell.command', { command }),
            open: () => void dialogs.pickAnyOpenable().then((path) => path && openFile(path)),
            openRecent: openFile,
            clearRecent: () => clearRecent(rt),
          },
          recent,
        ),
      );
    setMenu(listRecent(rt).documents);
    nativeTheme.themeSource = readPreferences(rt).theme;
    // Recent documents and the theme can change from the UI; the menu, the OS list and native dialogs follow.
    rt.dispatcher.subscribe((name, payload) => {
      if (name === 'shell.recentChanged') {
        const { documents } = payload as { documents: RecentDocument[] };
        setMenu(documents);
        if (documents[0]) app.addRecentDocument(documents[0].path);
        else app.clearRecentDocuments();
      }
      if (name === 'shell.preferencesChanged') nativeTheme.themeSource = (payload as { theme: 'system' | 'light' | 'dark' }).theme;
    });

    win = createMainWindow(dirname(fileURLToPath(import.meta.url)), rt.settings.get('window.state', WindowState, defaultBounds));
    const remember = () => {
      if (!win || win.isDestroyed()) return;
      rt.settings.set('window.state', WindowState, { ...win.getNormalBounds(), maximized: win.isMaximized() });
    };
    // Kept as the window moves too (debounced), so a crash or a kill does not lose the layout.
    let pending: NodeJS.Timeout | undefined;
    const rememberSoon = () => {
      clearTimeout(pending);
      pending = setTimeout(remember, 500);
    };
    win.on('resized', rememberSoon);
    win.on('moved', rememberSoon);
    win.on('maximize', rememberSoon);
    win.on('unmaximize', rememberSoon);
    win.on('close', () => {
      clearTimeout(pending);
      remember();
    });
    early.splice(0).forEach(openFile);
  });

  app.on('window-all-closed', () => {
    void runtime?.close().finally(() => app.quit());
  });
}
