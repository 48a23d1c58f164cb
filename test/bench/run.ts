// `npm run bench`: every feature's benchmark, printing figures (never pass/fail timing in tests).
// `npm run bench -- editor lint` runs only the named ones.
// It runs bundled by esbuild, as dist/cli.mjs ships, not under tsx: tsx keeps function names by
// wrapping every closure it creates in a `__name()` call, which alone cost 15 µs of a 790 µs auth check.
import { benches } from './index';

const wanted = process.argv.slice(2);
const selected = wanted.length === 0 ? benches : benches.filter((bench) => wanted.includes(bench.name));
if (selected.length === 0) {
  console.error(`No bench called ${wanted.join(', ')}. Known: ${benches.map((bench) => bench.name).join(', ')}`);
  process.exit(2);
}
for (const bench of selected) {
  console.log(`\n## ${bench.name}: ${bench.summary}`);
  await bench.run();
}
