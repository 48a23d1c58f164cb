let markStarted: () => void = () => undefined;
let markPreloaded: () => void = () => undefined;

/**
 * Settles once the first editor has painted its document (or failed to start). Work that
 * would compete with Monaco's start for the CPU, such as the lint worker's first run with its
 * spam-rule compile, waits for it.
 */
export const editorStarted: Promise<void> = new Promise((resolve) => (markStarted = resolve));

/** Called by MonacoEditor after its first frame with the document shown. */
export function editorHasStarted(): void {
  markStarted();
}

/**
 * Settles once Monaco and the Editor panel have loaded behind the welcome screen: the page
 * is then idle while the person reads, and the lint worker may start there.
 */
export const editorPreloaded: Promise<void> = new Promise((resolve) => (markPreloaded = resolve));

export function editorHasPreloaded(): void {
  markPreloaded();
}
