/**
 * Native open/save dialogs, supplied by the desktop shell (electron/adapters) through the
 * Runtime. Browser mode has none: there the page offers a path field and a file input.
 */
export interface FileDialogs {
  /** Resolves to the chosen absolute path, or undefined when the person cancelled. */
  pickOpenPath(): Promise<string | undefined>;
  pickSavePath(suggestedName?: string): Promise<string | undefined>;
}

export type PickResult = { status: 'picked'; path: string } | { status: 'cancelled' } | { status: 'unavailable' };

export async function pickPath(dialogs: FileDialogs | undefined, mode: 'open' | 'save', suggestedName?: string): Promise<PickResult> {
  if (!dialogs) return { status: 'unavailable' };
  const path = mode === 'open' ? await dialogs.pickOpenPath() : await dialogs.pickSavePath(suggestedName);
  return path === undefined ? { status: 'cancelled' } : { status: 'picked', path };
}
