// Entry of a lint worker thread (bundled as dist/lint-worker.mjs by scripts/build-node.mjs): lints the
// files the pool (pool.ts) posts, one at a time, with the run's config from workerData.
import { parentPort, workerData } from 'node:worker_threads';
import type { LintConfig } from '../../../shared/lint/config';
import { lintBytes } from './lint-file';
import type { LintTask, LintTaskResult } from './pool';

const port = parentPort!;
const { config } = workerData as { config: LintConfig };

port.on('message', (task: LintTask) => {
  lintBytes(task.file, task.bytes, config).then(
    (result) => port.postMessage({ id: task.id, ok: true, result } satisfies LintTaskResult),
    (error: unknown) => port.postMessage({ id: task.id, ok: false, message: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies LintTaskResult),
  );
});
