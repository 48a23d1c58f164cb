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
  /** An MJML file: linting it loads mjml (about 0.3 s CPU) and warms its compile up in the worker. */
  mjml: boolean;
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
 * Files read ahead per worker, waiting for one, and their bytes in all: enough that a worker that has not
 * compiled MJML finds an HTML file past the MJML files queued for one that has, including while that one
 * loads mjml (the other lints about 30 files meanwhile); real templates are tens of kB.
 */
const READ_AHEAD = 32;
const READ_AHEAD_BYTES = 32 * 1024 * 1024;

/**
 * MJML files queued per worker that compiles MJML past which an idle worker takes one too: about what
 * loading mjml and warming its compile up costs (0.5 s CPU) at 10-15 ms a file.
 */
const MJML_BACKLOG = 24;

/**
 * Lint worker threads, each linting one file at a time in the order posted (worker.ts) with the next one
 * waiting in its queue. Tasks go to whichever worker holds the fewest; MJML files go to the workers that have
 * compiled MJML already, and another worker takes one only when it has nothing else to do, so a run that mixes
 * HTML and MJML loads mjml and warms its compile up in one worker, not in each (about 0.5 s CPU per worker
 * spared). `roomForMore` lets the caller read files only as fast as the workers take them, so a run of
 * thousands of files does not hold them all in memory. A worker that dies fails every file not yet linted, with why.
 */
export class LintPool {
  private readonly queue: Pending[] = [];
  /** Per worker, the tasks posted to it and not yet answered, oldest first: it answers in that order. */
  private readonly posted = new Map<Worker, Pending[]>();
  /** Workers that were given an MJML file. */
  private readonly compilesMjml = new Set<Worker>();
  private readonly waiting: Array<() => void> = [];
  private queuedBytes = 0;
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

  lint(file: string, bytes: Uint8Array, options: { mjml: boolean }): Promise<FileLint> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.queue.push({ task: { id: this.nextId++, file, bytes }, mjml: options.mjml, resolve, reject });
      this.queuedBytes += bytes.byteLength;
      this.dispatch();
    });
  }

  /** Resolves once fewer files and bytes wait than READ_AHEAD allows (or the pool failed: `lint` then says why). */
  roomForMore(): Promise<void> {
    if (this.hasRoom() || this.failure) return Promise.resolve();
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }

  private hasRoom(): boolean {
    return this.queue.length < READ_AHEAD * this.workers.length && this.queuedBytes < READ_AHEAD_BYTES;
  }

  private dispatch(): void {
    for (let posted = true; posted && this.queue.length > 0; ) {
      posted = false;
      // Fewest files held first, so work spreads evenly.
      for (const [worker, tasks] of [...this.posted].sort(([, a], [, b]) => a.length - b.length)) {
        if (tasks.length >= IN_FLIGHT) continue;
        const index = this.nextFor(worker, tasks.length === 0);
        if (index < 0) continue;
        const [next] = this.queue.splice(index, 1);
        this.queuedBytes -= next!.task.bytes.byteLength;
        if (next!.mjml) this.compilesMjml.add(worker);
        tasks.push(next!);
        worker.postMessage(next!.task);
        posted = true;
        break;
      }
    }
    if (this.hasRoom()) for (const wake of this.waiting.splice(0)) wake();
  }

  /**
   * The queued file this worker takes next, or -1 to wait. The oldest one, unless this worker has not compiled
   * MJML and another has: then the oldest HTML or message file; with only MJML files queued, it waits for the
   * reader to find another kind, and takes an MJML file itself only when idle and the MJML backlog outgrows
   * the workers that compile it (a run of MJML files) or fills the read-ahead.
   */
  private nextFor(worker: Worker, idle: boolean): number {
    if (this.compilesMjml.has(worker) || this.compilesMjml.size === 0) return 0;
    const other = this.queue.findIndex((pending) => !pending.mjml);
    if (other >= 0) return other;
    return idle && (this.queue.length >= MJML_BACKLOG * this.compilesMjml.size || !this.hasRoom()) ? 0 : -1;
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
    this.queuedBytes = 0;
    for (const wake of this.waiting.splice(0)) wake();
  }
}
