/**
 * The source the MJML worker is compiling now. Linting waits for that compile's HTML instead
 * of linting the new source beside the old HTML on the same cores (and then again once the
 * HTML arrives).
 */
let current: { source: string; since: number } | undefined;

/** Longer than any compile: a worker that never answers does not hold linting back. */
const STALE_MS = 3000;

export function compileStarted(source: string): void {
  current = { source, since: performance.now() };
}

/** The compile of `source` answered (or was given up); a newer compile in flight stays recorded. */
export function compileSettled(source: string): void {
  if (current?.source === source) current = undefined;
}

export function isCompiling(source: string): boolean {
  return current !== undefined && current.source === source && performance.now() - current.since < STALE_MS;
}
