import { BrowserWindow, screen, session } from 'electron';
import { join } from 'node:path';
import { openExternal } from './adapters/external';
import { APP_ORIGIN } from './protocol';

export interface WindowBounds {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

/** Locks the session down: no permission is ever granted (camera, notifications, geolocation…). */
export function hardenSession(): void {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
}

export function createMainWindow(preloadDir: string, bounds: WindowBounds): BrowserWindow {
  const visible = bounds.x !== undefined && bounds.y !== undefined && screen.getAllDisplays().some((display) => {
    const area = display.workArea;
    return bounds.x! >= area.x && bounds.y! >= area.y && bounds.x! < area.x + area.width && bounds.y! < area.y + area.height;
  });
  const win = new BrowserWindow({
    ...(visible ? { x: bounds.x, y: bounds.y } : {}),
    width: bounds.width,
    height: bounds.height,
    minWidth: 900,
    minHeight: 560,
    show: false,
    title: 'Mailbench',
    webPreferences: {
      preload: join(preloadDir, 'preload.cjs'),
      nodeIntegration: false,
      contextIsolation: true,
      sandbox: true,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      // Middle-click would otherwise try to open links in new windows (they are denied anyway).
      disableBlinkFeatures: 'Auxclick',
    },
  });
  if (bounds.maximized) win.maximize();
  win.once('ready-to-show', () => win.show());

  // The app never navigates away from itself; links go to the system browser after validation.
  win.webContents.on('will-navigate', (event, url) => {
    if (!url.startsWith(`${APP_ORIGIN}/`)) event.preventDefault();
  });
  win.webContents.on('will-redirect', (event, url) => {
    if (!url.startsWith(`${APP_ORIGIN}/`)) event.preventDefault();
  });
  win.webContents.setWindowOpenHandler(({ url }) => {
    void openExternal(url);
    return { action: 'deny' };
  });
  win.webContents.on('will-attach-webview', (event) => event.preventDefault());
  void win.loadURL(`${APP_ORIGIN}/index.html`);
  return win;
}
