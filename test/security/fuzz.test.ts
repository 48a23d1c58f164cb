import { describe, expect, it } from 'vitest';
import { fuzzTargets } from '../fuzz/index';
import { fuzzInWorker } from '../fuzz/pool';

/**
 * A slice of `npm run fuzz` in every `npm test`: each parser gets a few hundred generated
 * inputs (the full run feeds over 100,000). A fresh seed each run widens coverage over
 * time; a failure prints the seed and the input.
 */
const seed = Date.now() % 2_147_483_647;

describe('fuzzing every parser (a slice of npm run fuzz)', () => {
  it('has the app\'s parsers registered, over 100,000 inputs in the full run', () => {
    expect(fuzzTargets.map((target) => target.name)).toEqual(expect.arrayContaining(['zone', 'dns-records', 'eml', 'seed-csv', 'esp-import', 'lint-config', 'lint-html', 'mjml']));
    expect(fuzzTargets.reduce((sum, target) => sum + target.runs, 0)).toBeGreaterThanOrEqual(100_000);
  });

  it.each(fuzzTargets.map((target) => [target.name, target.runs]))('%s takes generated input without crashing (seed printed on failure)', { timeout: 120_000 }, async (name, runs) => {
    const slice = Math.max(50, Math.min(300, Math.round(runs / 100)));
    const report = await fuzzInWorker(name, { runs: slice, seed });
    expect(report.failure, `seed ${seed}, input ${JSON.stringify(report.counterexample)?.slice(0, 500)}`).toBeUndefined();
    expect(report.inputs).toBe(slice);
    expect(report.accepted + report.refused).toBe(slice);
  });
});

describe('the fuzz harness itself', () => {
  const broken = new URL('../fuzz/fixtures/broken-targets.ts', import.meta.url);

  it('names the input that makes a parser loop forever, and stops it', { timeout: 60_000 }, async () => {
    const report = await fuzzInWorker('loops-on-vertical-tab', { runs: 200, seed: 1, stallMs: 1500, registry: broken });
    expect(report.failure).toMatch(/no answer within 1.5 s/);
    expect(report.counterexample).toBe('a\vb');
  });

  it('shrinks a crashing input to a small one and says why it crashed', { timeout: 60_000 }, async () => {
    const report = await fuzzInWorker('crashes-on-brace', { runs: 2000, seed: 1, registry: broken });
    expect(report.failure).toMatch(/not an AppError: TypeError/);
    expect(report.counterexample).toBe('{');
  });

  it('counts a refusal without a line as a failure for line-based formats', { timeout: 60_000 }, async () => {
    const report = await fuzzInWorker('refuses-without-line', { runs: 10, seed: 1, registry: broken });
    expect(report.failure).toMatch(/without a line number/);
  });
});
