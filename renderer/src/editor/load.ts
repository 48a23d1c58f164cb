let loading: Promise<typeof import('./monaco')> | undefined;

/**
 * Monaco's chunk (about 3.5 MB with its CSS), fetched once. The rail starts it together
 * with the Editor panel's own chunk, so the two downloads and compiles overlap.
 */
export function loadMonaco(): Promise<typeof import('./monaco')> {
  loading ??= import('./monaco');
  return loading;
}
