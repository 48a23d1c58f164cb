import fc from 'fast-check';
import { attempt, type FuzzTarget } from './target';

export interface FuzzReport {
  inputs: number;
  accepted: number;
  refused: number;
  /** Why the first failing input failed (a crash, or no answer within the watchdog time). */
  failure?: string;
  /** The shrunk (or, for a hang, the exact) failing input. */
  counterexample?: unknown;
  ms: number;
}

/**
 * Feeds `runs` generated inputs to one target. On a crash fast-check shrinks the input
 * to a small one. `onInput` sees each input before it runs (the worker records it, so
 * an input that hangs the parser can still be named).
 */
export async function fuzzOnce<T>(target: FuzzTarget<T>, options: { runs: number; seed?: number; onInput?: (input: T) => void }): Promise<FuzzReport> {
  const report: FuzzReport = { inputs: 0, accepted: 0, refused: 0, ms: 0 };
  let shrinking = false;
  const started = performance.now();
  const result = await fc.check(
    fc.asyncProperty(target.input, async (input) => {
      options.onInput?.(input);
      const outcome = await attempt(target, input);
      if (!shrinking) {
        report.inputs++;
        if (outcome.kind === 'accepted') report.accepted++;
        if (outcome.kind === 'refused') report.refused++;
      }
      if (outcome.kind !== 'crashed') return true;
      if (!shrinking) report.failure = outcome.reason;
      shrinking = true;
      return false;
    }),
    { numRuns: options.runs, ...(options.seed === undefined ? {} : { seed: options.seed }) },
  );
  report.ms = performance.now() - started;
  target.cleanup?.();
  if (result.failed) report.counterexample = result.counterexample?.[0];
  return report;
}
