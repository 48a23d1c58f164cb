// `npm run fuzz`: every registered parser target with its full number of generated
// inputs (at least 100,000 in all). `npm run fuzz -- zone eml` runs only those;
// `--scale 0.1` runs a tenth; `--seed N` replays a run. Exits 1 on any crash.
import { parseArgs } from 'node:util';
import { fuzzTargets } from './index';
import { fuzzInWorker } from './pool';

const { values, positionals } = parseArgs({ options: { scale: { type: 'string', default: '1' }, seed: { type: 'string' } }, allowPositionals: true });
const scale = Number(values.scale);
const seed = values.seed === undefined ? Date.now() ^ (Math.random() * 0x7fffffff) : Number(values.seed);
const selected = positionals.length === 0 ? fuzzTargets : fuzzTargets.filter((target) => positionals.includes(target.name));
if (selected.length === 0 || !Number.isFinite(scale) || scale <= 0) {
  console.error(`usage: npm run fuzz -- [--scale N] [--seed N] [${fuzzTargets.map((target) => target.name).join('|')} …]`);
  process.exit(2);
}

console.log(`fuzz seed ${seed} (replay with --seed ${seed})`);
let total = 0;
let failed = 0;
for (const target of selected) {
  const report = await fuzzInWorker(target.name, { runs: Math.max(1, Math.round(target.runs * scale)), seed });
  total += report.inputs;
  const rate = Math.round(report.inputs / (report.ms / 1000));
  console.log(
    `${target.name.padEnd(12)} ${String(report.inputs).padStart(7)} inputs: ${report.accepted} accepted, ${report.refused} refused with a clear error  (${(report.ms / 1000).toFixed(1)} s, ${rate}/s)  ${target.summary}`,
  );
  if (report.failure) {
    failed++;
    console.log(`  FAILED: ${report.failure}\n  input: ${JSON.stringify(report.counterexample).slice(0, 2000)}`);
  }
}
console.log(`total: ${total} generated inputs over ${selected.length} parsers; ${failed ? `${failed} parser(s) crashed` : 'none crashed'}`);
process.exit(failed ? 1 : 0);
