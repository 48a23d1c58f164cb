import { type ChildProcess, spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fuzzTargets } from '../fuzz/index';
import { fuzzInWorker } from '../fuzz/pool';

/**
 * A slice of `npm run fuzz` in every `npm test`: each parser gets a few hundred generated
 * inputs (the full run feeds over 200,000). A fresh seed each run widens coverage over
 * time; a failure prints the seed and the input.
 *
 * It runs with every core kept busy by a spinning process, as on a loaded CI machine (a
 * watchdog that read wall time once called the empty input a hang there): the watchdog
 * must judge by the worker's CPU time, and still catch a real endless loop.
 */
const seed = Date.now() % 2_147_483_647;

/** One spinning process per core. It spins in slices so it can notice its stdin close and exit if this runner dies. */
const burnerSource = `process.stdin.on('close', () => process.exit(0)); process.stdin.resume();
const spin = () => { const end = Date.now() + 50; while (Date.now() < end) {} setImmediate(spin); }; spin();`;
const burners: ChildProcess[] = [];
beforeAll(() => {
  for (let i = 0; i < availableParallelism(); i++) burners.push(spawn(process.execPath, ['-e', burnerSource], { stdio: ['pipe', 'ignore', 'ignore'] }));
});
afterAll(async () => {
  await Promise.all(
    burners.map((burner) => {
      const exited = new Promise((resolve) => burner.once('exit', resolve));
      if (burner.exitCode === null && burner.signalCode === null) burner.kill('SIGKILL');
      return exited;
    }),
  );
});

describe('fuzzing every parser (a slice of npm run fuzz, every core busy)', () => {
  it('has the app\'s parsers registered, over 200,000 inputs in the full run, and the cores busy', () => {
    expect(fuzzTargets.map((target) => target.name)).toEqual(expect.arrayContaining(['zone', 'dns-records', 'eml', 'seed-csv', 'esp-import', 'lint-config', 'lint-html', 'mjml']));
    expect(fuzzTargets.reduce((sum, target) => sum + target.runs, 0)).toBeGreaterThanOrEqual(200_000);
    expect(burners.length).toBe(availableParallelism());
    for (const burner of burners) expect(burner.exitCode).toBeNull();
  });

  it.each(fuzzTargets.map((target) => [target.name, target.runs]))('%s takes generated input without crashing, hanging or changing a prototype (seed printed on failure)', { timeout: 180_000 }, async (name, runs) => {
    const slice = Math.max(50, Math.min(300, Math.round(runs / 100)));
    const report = await fuzzInWorker(name, { runs: slice, seed });
    expect(report.failure, `seed ${seed}, ${report.kind}, input ${JSON.stringify(report.counterexample)?.slice(0, 500)}`).toBeUndefined();
    expect(report.inputs).toBe(slice);
    expect(report.accepted + report.refused).toBe(slice);
  });
});

describe('the fuzz harness itself (every core busy)', () => {
  const broken = new URL('../fuzz/fixtures/broken-targets.ts', import.meta.url);

  it('names the input that makes a parser loop forever, and stops it', { timeout: 90_000 }, async () => {
    const report = await fuzzInWorker('loops-on-vertical-tab', { runs: 200, seed: 1, stallMs: 1500, registry: broken });
    expect(report.kind).toBe('hang');
    expect(report.failure).toMatch(/no answer within 1.5 s of CPU time/);
    expect(report.counterexample).toBe('a\vb');
  });

  it('does not call an input that waits without using the CPU a hang', { timeout: 90_000 }, async () => {
    const report = await fuzzInWorker('sleeps-on-marker', { runs: 2, seed: 1, stallMs: 1000, registry: broken });
    expect(report.failure).toBeUndefined();
    expect(report.accepted).toBe(2);
  });

  it('shrinks a crashing input to a small one and says why it crashed', { timeout: 90_000 }, async () => {
    const report = await fuzzInWorker('crashes-on-brace', { runs: 2000, seed: 1, registry: broken });
    expect(report.kind).toBe('crash');
    expect(report.failure).toMatch(/not an AppError: TypeError/);
    expect(report.counterexample).toBe('{');
  });

  it('reports an input that writes Object.prototype as pollution, naming the property', { timeout: 90_000 }, async () => {
    const report = await fuzzInWorker('pollutes-on-dotted-key', { runs: 500, seed: 1, registry: broken });
    expect(report.kind).toBe('pollution');
    expect(report.failure).toMatch(/Object\.prototype gained polluted = "yes"/);
    expect(report.counterexample).toBe('__proto__.polluted');
  });

  it('counts a refusal without a line as a failure for line-based formats', { timeout: 90_000 }, async () => {
    const report = await fuzzInWorker('refuses-without-line', { runs: 10, seed: 1, registry: broken });
    expect(report.kind).toBe('crash');
    expect(report.failure).toMatch(/without a line number/);
  });
});
