import { parentPort, workerData } from 'node:worker_threads';
import type { FuzzTarget } from './target';
import { fuzzOnce } from './session';
import { publishThreadId, writeCurrent } from './shared-input';
import { currentThreadId } from './thread-clock';

/** Runs one target in a worker thread, writing each input to shared memory before trying it. */
const { registry, name, runs, seed, shared } = workerData as { registry: string; name: string; runs: number; seed: number; shared: SharedArrayBuffer };
// The watchdog reads this thread's CPU time by its id.
publishThreadId(shared, currentThreadId() ?? 0);
const { fuzzTargets } = (await import(registry)) as { fuzzTargets: readonly FuzzTarget<unknown>[] };
// Parsers that talk on the console (mjml warns about every unknown tag) would bury the report.
for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) console[method] = () => {};
const target = fuzzTargets.find((candidate) => candidate.name === name);
if (!target) throw new Error(`no fuzz target called ${name}`);
const report = await fuzzOnce(target, { runs, seed, onInput: (input) => writeCurrent(shared, input) });
parentPort!.postMessage(report);
