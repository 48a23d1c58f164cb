import { Worker } from 'node:worker_threads';
import type { FuzzReport } from './session';
import { progressOf, readCurrent, SHARED_BYTES, threadIdOf } from './shared-input';
import { threadCpuMs } from './thread-clock';

/**
 * Fuzzes one target in a worker thread with a watchdog: an input on which the parser
 * spends `stallMs` of its thread's CPU time (an endless loop, a runaway regex) is reported
 * with the input itself, and the worker is stopped instead of hanging the run. CPU time,
 * not wall time: on a busy machine a worker waiting for a core is slow, not stuck.
 */
export function fuzzInWorker(name: string, options: { runs: number; seed: number; stallMs?: number; registry?: URL }): Promise<FuzzReport> {
  const shared = new SharedArrayBuffer(SHARED_BYTES);
  const stallMs = options.stallMs ?? 10_000;
  const started = performance.now();
  const worker = new Worker(new URL('./worker-boot.mjs', import.meta.url), {
    workerData: { registry: (options.registry ?? new URL('./index.ts', import.meta.url)).href, name, runs: options.runs, seed: options.seed, shared },
  });
  return new Promise((resolve, reject) => {
    let lastProgress = 0;
    let clock: (() => number) | undefined;
    let since = 0;
    const watchdog = setInterval(() => {
      const progress = progressOf(shared);
      // Loading the targets' modules is not judged: the clock starts with the first input.
      if (progress === 0) return;
      clock ??= pickClock(threadIdOf(shared));
      if (progress !== lastProgress) {
        lastProgress = progress;
        since = clock();
        return;
      }
      if (clock() - since < stallMs) return;
      clearInterval(watchdog);
      const input = readCurrent(shared);
      void worker.terminate();
      resolve({
        inputs: progress,
        accepted: 0,
        refused: 0,
        kind: 'hang',
        failure: `no answer within ${stallMs / 1000} s of ${clock === wallClock ? 'wall' : 'CPU'} time (an endless loop or runaway regex)`,
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

const wallClock = () => performance.now();

/** The worker thread's CPU clock where the OS gives one (Linux), else wall time. */
function pickClock(tid: number): () => number {
  if (tid === 0 || threadCpuMs(tid) === undefined) return wallClock;
  let last = 0;
  // A thread that has exited reads as undefined: its time stands still.
  return () => (last = threadCpuMs(tid) ?? last);
}
