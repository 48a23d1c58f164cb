// Entry of a lint worker thread (bundled as dist/lint-worker.mjs by scripts/build-node.mjs): lints the
// files the pool (pool.ts) posts, one at a time and in the order posted, with the run's config from workerData.
import { parentPort, workerData } from 'node:worker_threads';
import type { LintConfig } from '../../../shared/lint/config';
import { lintBytes } from './lint-file';
import type { LintTask, LintTaskResult } from './pool';

const port = parentPort!;
const { config } = workerData as { config: LintConfig };

async function answer(task: LintTask): Promise<void> {
  try {
    port.postMessage({ id: task.id, ok: true, result: await lintBytes(task.file, task.bytes, config) } satisfies LintTaskResult);
  } catch (error) {
    port.postMessage({ id: task.id, ok: false, message: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies LintTaskResult);
  }
}

// The pool posts the next file before this one is done and matches answers to files in posting order: a
// file whose lint awaits real I/O (the first MJML file loads mjml) must not let the next one overtake it.
let last = Promise.resolve();
port.on('message', (task: LintTask) => {
  last = last.then(() => answer(task));
});
