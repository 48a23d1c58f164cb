import { parentPort, workerData } from 'node:worker_threads';
import type { FuzzTarget } from './target';
import { fuzzOnce } from './session';
import { writeCurrent } from './shared-input';

/** Runs one target in a worker thread, writing each input to shared memory before trying it. */
const { registry, name, runs, seed, shared } = workerData as { registry: string; name: string; runs: number; seed: number; shared: SharedArrayBuffer };
const { fuzzTargets } = (await import(registry)) as { fuzzTargets: readonly FuzzTarget<unknown>[] };
// Parsers that talk on the console (mjml warns about every unknown tag) would bury the report.
for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) console[method] = () => {};
const target = fuzzTargets.find((candidate) => candidate.name === name);
if (!target) throw new Error(`no fuzz target called ${name}`);
const report = await fuzzOnce(target, { runs, seed, onInput: (input) => writeCurrent(shared, input) });
parentPort!.postMessage(report);
