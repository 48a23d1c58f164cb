import { Worker } from 'node:worker_threads';
import type { FuzzReport } from './session';
import { progressOf, readCurrent, SHARED_BYTES } from './shared-input';

/**
 * Fuzzes one target in a worker thread with a watchdog: an input that keeps the parser
 * busy for `stallMs` (an endless loop, a runaway regex) is reported with the input
 * itself, and the worker is stopped instead of hanging the run.
 */
export function fuzzInWorker(name: string, options: { runs: number; seed: number; stallMs?: number; registry?: URL }): Promise<FuzzReport> {
  const shared = new SharedArrayBuffer(SHARED_BYTES);
  const stallMs = options.stallMs ?? 10_000;
  const started = performance.now();
  const worker = new Worker(new URL('./worker-boot.mjs', import.meta.url), {
    workerData: { registry: (options.registry ?? new URL('./index.ts', import.meta.url)).href, name, runs: options.runs, seed: options.seed, shared },
  });
  return new Promise((resolve, reject) => {
    let lastProgress = -1;
    let lastChange = performance.now();
    const watchdog = setInterval(() => {
      const progress = progressOf(shared);
      if (progress !== lastProgress) {
        lastProgress = progress;
        lastChange = performance.now();
        return;
      }
      if (performance.now() - lastChange < stallMs) return;
      clearInterval(watchdog);
      const input = readCurrent(shared);
      void worker.terminate();
      resolve({
        inputs: progress,
        accepted: 0,
        refused: 0,
        failure: `no answer within ${stallMs / 1000} s (an endless loop or runaway regex)`,
        counterexample: input,
        ms: performance.now() - started,
      });
    }, 250);
    worker.once('message', (report: FuzzReport) => {
      clearInterval(watchdog);
      void worker.terminate();
      resolve(report);
    });
    worker.once('error', (error) => {
      clearInterval(watchdog);
      reject(error);
    });
  });
}
