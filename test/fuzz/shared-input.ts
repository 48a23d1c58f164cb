/**
 * The input a worker is trying, in shared memory: [progress, length] as Int32 then
 * UTF-16 units. A parser stuck in a loop never returns, but the main thread can still
 * read what it was given.
 */
const HEADER_BYTES = 8;
export const SHARED_BYTES = HEADER_BYTES + 2 * 65_536;

export function writeCurrent(shared: SharedArrayBuffer, input: unknown): void {
  const text = typeof input === 'string' ? input : JSON.stringify(input) ?? String(input);
  const header = new Int32Array(shared, 0, 2);
  const units = new Uint16Array(shared, HEADER_BYTES);
  const length = Math.min(text.length, units.length);
  for (let i = 0; i < length; i++) units[i] = text.charCodeAt(i);
  Atomics.store(header, 1, length);
  Atomics.add(header, 0, 1);
}

export function progressOf(shared: SharedArrayBuffer): number {
  return Atomics.load(new Int32Array(shared, 0, 2), 0);
}

export function readCurrent(shared: SharedArrayBuffer): string {
  const length = Atomics.load(new Int32Array(shared, 0, 2), 1);
  return String.fromCharCode(...new Uint16Array(shared, HEADER_BYTES, length));
}
