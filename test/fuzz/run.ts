// `npm run fuzz`: every registered parser target with its full number of generated
// inputs. `npm run fuzz -- --help` for the options. Exits 1 on any finding, 2 on bad usage.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { fuzzTargets } from './index';
import { fuzzInWorker } from './pool';
import type { FindingKind } from './session';

const names = fuzzTargets.map((target) => target.name);
const usage = `usage: npm run fuzz -- [--scale N] [--seed N] [--stall S] [target …]

Feeds generated inputs to every parser (or the named ones), each in a worker thread.
After every input a prototype oracle checks that Object.prototype, Array.prototype,
Function.prototype and the other built-in prototypes are unchanged, and a watchdog
stops an input that spends too much of its thread's CPU time.

  --scale N   inputs per target times N (default 1: ${fuzzTargets.reduce((sum, target) => sum + target.runs, 0)} in all; 0.1 for a tenth)
  --seed N    replay a run with the seed it printed
  --stall S   CPU seconds one input may take before it counts as a hang (default 10)
  --help      this text

targets: ${names.join(', ')}
A finding's input is saved under test-results/fuzz/.`;

function fail(message: string): never {
  console.error(`npm run fuzz: ${message} (npm run fuzz -- --help for usage)`);
  process.exit(2);
}

/** Reads the command line, or says in one line which flag or target is wrong. */
function options() {
  let parsed;
  try {
    parsed = parseArgs({ options: { scale: { type: 'string', default: '1' }, seed: { type: 'string' }, stall: { type: 'string', default: '10' }, help: { type: 'boolean', short: 'h' } }, allowPositionals: true });
  } catch (error) {
    const flag = /'(-[^' ]*)/.exec(String((error as Error).message))?.[1];
    if ((error as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') fail(`unknown option ${flag ?? ''}`.trim());
    fail(flag ? `option ${flag} needs a value` : (error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(usage);
    process.exit(0);
  }
  const scale = Number(values.scale);
  if (!Number.isFinite(scale) || scale <= 0) fail(`--scale must be a number above 0, not ${JSON.stringify(values.scale)}`);
  const stall = Number(values.stall);
  if (!Number.isFinite(stall) || stall <= 0) fail(`--stall must be a number of seconds above 0, not ${JSON.stringify(values.stall)}`);
  const seed = values.seed === undefined ? Date.now() ^ (Math.random() * 0x7fffffff) : Number(values.seed);
  if (!Number.isSafeInteger(seed)) fail(`--seed must be an integer, not ${JSON.stringify(values.seed)}`);
  const unknown = positionals.filter((name) => !names.includes(name));
  if (unknown.length > 0) fail(`no target called ${unknown.join(', ')}; targets: ${names.join(', ')}`);
  const selected = positionals.length === 0 ? fuzzTargets : fuzzTargets.filter((target) => positionals.includes(target.name));
  return { scale, seed, stallMs: stall * 1000, selected };
}

const { scale, seed, stallMs, selected } = options();
console.log(`fuzz seed ${seed} (replay with --seed ${seed})`);
let total = 0;
const findings = new Map<FindingKind, number>([['crash', 0], ['hang', 0], ['pollution', 0]]);
for (const target of selected) {
  const report = await fuzzInWorker(target.name, { runs: Math.max(1, Math.round(target.runs * scale)), seed, stallMs });
  total += report.inputs;
  const rate = Math.round(report.inputs / (report.ms / 1000));
  console.log(
    `${target.name.padEnd(12)} ${String(report.inputs).padStart(7)} inputs: ${report.accepted} accepted, ${report.refused} refused with a clear error  (${(report.ms / 1000).toFixed(1)} s, ${rate}/s)  ${target.summary}`,
  );
  if (report.kind) {
    findings.set(report.kind, findings.get(report.kind)! + 1);
    const dir = join('test-results', 'fuzz');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `${target.name}-${report.kind}-seed${seed}.json`);
    writeFileSync(file, `${JSON.stringify({ target: target.name, kind: report.kind, seed, failure: report.failure, input: report.counterexample }, null, 2)}\n`);
    console.log(`  ${report.kind.toUpperCase()}: ${report.failure}\n  input (saved in ${file}): ${JSON.stringify(report.counterexample)?.slice(0, 2000)}`);
  }
}
console.log(`total: ${total} generated inputs over ${selected.length} parsers; crashes ${findings.get('crash')}, hangs ${findings.get('hang')}, pollution ${findings.get('pollution')}`);
process.exit([...findings.values()].some((count) => count > 0) ? 1 : 0);
