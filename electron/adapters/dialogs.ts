import { type BrowserWindow, dialog } from 'electron';
import { fileKinds, openableExtensions } from '../../shared/shell/files';
import type { FileDialogs } from '../services/editor/dialogs';

const templateFilter = { name: fileKinds.template.label, extensions: [...fileKinds.template.extensions] };

/** Native open and save dialogs, attached to the main window so they are modal to it. */
export function nativeDialogs(window: () => BrowserWindow | undefined): FileDialogs & { pickAnyOpenable(): Promise<string | undefined> } {
  const parent = () => {
    const win = window();
    return win && !win.isDestroyed() ? win : undefined;
  };
  const open = async (filters: Electron.FileFilter[]) => {
    const win = parent();
    const options: Electron.OpenDialogOptions = { properties: ['openFile'], filters };
    const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
    return result.canceled ? undefined : result.filePaths[0];
  };
  return {
    pickOpenPath: () => open([templateFilter]),
    pickAnyOpenable: () =>
      open([
        { name: 'Everything Mailbench opens', extensions: [...openableExtensions] },
        ...Object.values(fileKinds).map((kind) => ({ name: kind.label, extensions: [...kind.extensions] })),
      ]),
    async pickSavePath(suggestedName) {
      const win = parent();
      const options: Electron.SaveDialogOptions = { filters: [templateFilter], ...(suggestedName ? { defaultPath: suggestedName } : {}) };
      const result = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
      return result.canceled ? undefined : result.filePath;
    },
  };
}

/** A file that could not be opened (moved, too large, not ours): said in a native box, with what to do. */
export function showOpenError(title: string, message: string): void {
  dialog.showErrorBox(title, message);
}
