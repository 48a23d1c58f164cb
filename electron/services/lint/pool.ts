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
 * Lint worker threads, one file at a time each. Tasks queue in order and go to whichever worker is free;
 * `roomForMore` lets the caller read files only as fast as the workers take them, so a run of thousands of
 * files does not hold them all in memory. A worker that dies fails every file not yet linted, with why.
 */
export class LintPool {
  private readonly queue: Pending[] = [];
  private readonly idle: Worker[] = [];
  private readonly running = new Map<Worker, Pending>();
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
      this.idle.push(worker);
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
    while (this.idle.length > 0 && this.queue.length > 0) {
      const worker = this.idle.pop()!;
      const next = this.queue.shift()!;
      this.running.set(worker, next);
      worker.postMessage(next.task);
    }
    if (this.queue.length < this.workers.length) for (const wake of this.waiting.splice(0)) wake();
  }

  private settle(worker: Worker, message: LintTaskResult): void {
    const pending = this.running.get(worker);
    if (!pending || pending.task.id !== message.id) return;
    this.running.delete(worker);
    this.idle.push(worker);
    if (message.ok) pending.resolve(message.result);
    else pending.reject(new Error(`Linting ${pending.task.file} failed: ${message.message}`));
    this.dispatch();
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const pending of [...this.running.values(), ...this.queue.splice(0)]) pending.reject(this.failure);
    this.running.clear();
    for (const wake of this.waiting.splice(0)) wake();
  }
}
