/**
 * What a worker shares with the watchdog, in shared memory: [progress, length, thread id]
 * as Int32, then the input it is trying as UTF-16 units. A parser stuck in a loop never
 * returns, but the main thread can still read what it was given and how much CPU its
 * thread has spent.
 */
const HEADER_INTS = 4;
const HEADER_BYTES = HEADER_INTS * 4;
export const SHARED_BYTES = HEADER_BYTES + 2 * 65_536;

const header = (shared: SharedArrayBuffer) => new Int32Array(shared, 0, HEADER_INTS);

export function writeCurrent(shared: SharedArrayBuffer, input: unknown): void {
  const text = typeof input === 'string' ? input : JSON.stringify(input) ?? String(input);
  const units = new Uint16Array(shared, HEADER_BYTES);
  const length = Math.min(text.length, units.length);
  for (let i = 0; i < length; i++) units[i] = text.charCodeAt(i);
  Atomics.store(header(shared), 1, length);
  Atomics.add(header(shared), 0, 1);
}

export function progressOf(shared: SharedArrayBuffer): number {
  return Atomics.load(header(shared), 0);
}

export function readCurrent(shared: SharedArrayBuffer): string {
  const length = Atomics.load(header(shared), 1);
  return String.fromCharCode(...new Uint16Array(shared, HEADER_BYTES, length));
}

/** The worker's OS thread id (0 while unknown, or where the OS does not say). */
export function publishThreadId(shared: SharedArrayBuffer, tid: number): void {
  Atomics.store(header(shared), 2, tid);
}

export function threadIdOf(shared: SharedArrayBuffer): number {
  return Atomics.load(header(shared), 2);
}
