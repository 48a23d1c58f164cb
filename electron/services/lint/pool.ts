import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { LintConfig } from '../../../shared/lint/config';
import type { FileLint } from './lint-file';

export interface LintTask {
  id: number;
  file: string;
  bytes: Uint8Array;
}

export type LintTaskResult = { id: number; ok: true; result: FileLint } | { id: number; ok: false; message: string };

/**
 * The bundled worker entry (dist/lint-worker.mjs), found from this module's place in the build: dist/cli.mjs
 * or a chunk in dist/cli-chunks/. Absent when running from the TypeScript sources (tests under vitest), where
 * the run lints on the calling thread instead.
 */
export function lintWorkerFile(): string | undefined {
  for (const relative of ['./lint-worker.mjs', '../lint-worker.mjs']) {
    const file = fileURLToPath(new URL(relative, import.meta.url));
    if (existsSync(file)) return file;
  }
  return undefined;
}

interface Pending {
  task: LintTask;
  resolve(result: FileLint): void;
  reject(error: Error): void;
}

/**
 * Files a worker holds at once: the one it lints and the next, already in its message queue. With one, a worker
 * that finished a file idled until the main thread, which competes with the workers for the same cores, was
 * scheduled to post it another; about a tenth of the run's wall time on two busy cores.
 */
const IN_FLIGHT = 2;

/**
 * Lint worker threads, each linting one file at a time in the order posted (worker.ts) with the next one
 * waiting in its queue. Tasks queue in order and go to whichever worker holds the fewest; `roomForMore` lets
 * the caller read files only as fast as the workers take them, so a run of thousands of files does not hold
 * them all in memory. A worker that dies fails every file not yet linted, with why.
 */
export class LintPool {
  private readonly queue: Pending[] = [];
  /** Per worker, the tasks posted to it and not yet answered, oldest first: it answers in that order. */
  private readonly posted = new Map<Worker, Pending[]>();
  private readonly waiting: Array<() => void> = [];
  private failure: Error | undefined;
  private closing = false;
  private nextId = 0;

  private constructor(private readonly workers: readonly Worker[]) {
    for (const worker of workers) {
      worker.on('message', (message: LintTaskResult) => this.settle(worker, message));
      worker.on('error', (error) => this.fail(new Error(`A lint worker failed: ${error.message}`)));
      worker.on('exit', (code) => {
        if (this.failure === undefined && !this.closing) this.fail(new Error(`A lint worker stopped (exit code ${code}).`));
      });
      this.posted.set(worker, []);
    }
  }

  static start(size: number, config: LintConfig, workerFile: string): LintPool {
    return new LintPool(Array.from({ length: size }, () => new Worker(workerFile, { workerData: { config } })));
  }

  lint(file: string, bytes: Uint8Array): Promise<FileLint> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.queue.push({ task: { id: this.nextId++, file, bytes }, resolve, reject });
      this.dispatch();
    });
  }

  /** Resolves once fewer files wait than there are workers (or the pool failed: `lint` then says why). */
  roomForMore(): Promise<void> {
    if (this.queue.length < this.workers.length || this.failure) return Promise.resolve();
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      let least: Pending[] | undefined;
      let target: Worker | undefined;
      for (const [worker, tasks] of this.posted) {
        if (tasks.length < IN_FLIGHT && (least === undefined || tasks.length < least.length)) [least, target] = [tasks, worker];
      }
      if (!least || !target) break;
      const next = this.queue.shift()!;
      least.push(next);
      target.postMessage(next.task);
    }
    if (this.queue.length < this.workers.length) for (const wake of this.waiting.splice(0)) wake();
  }

  private settle(worker: Worker, message: LintTaskResult): void {
    const tasks = this.posted.get(worker);
    const pending = tasks?.[0];
    if (!tasks || !pending || pending.task.id !== message.id) return;
    tasks.shift();
    if (message.ok) pending.resolve(message.result);
    else pending.reject(new Error(`Linting ${pending.task.file} failed: ${message.message}`));
    this.dispatch();
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const pending of [...[...this.posted.values()].flatMap((tasks) => tasks.splice(0)), ...this.queue.splice(0)]) pending.reject(this.failure);
    for (const wake of this.waiting.splice(0)) wake();
  }
}
