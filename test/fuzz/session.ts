import fc from 'fast-check';
import { watchPrototypes } from './oracle';
import { attempt, type FuzzTarget } from './target';

/** A crash (a throw that is not a clear refusal), a hang (the watchdog), or pollution (the prototype oracle). */
export type FindingKind = 'crash' | 'hang' | 'pollution';

export interface FuzzReport {
  inputs: number;
  accepted: number;
  refused: number;
  /** What the first failing input did, when one failed. */
  kind?: FindingKind;
  /** Why the first failing input failed (a crash, a changed prototype, or no answer within the watchdog's CPU time). */
  failure?: string;
  /** The shrunk (or, for a hang, the exact) failing input. */
  counterexample?: unknown;
  ms: number;
}

/**
 * Feeds `runs` generated inputs to one target. On a crash or pollution fast-check shrinks
 * the input to a small one. `onInput` sees each input before it runs (the worker records
 * it, so an input that hangs the parser can still be named). The prototypes are watched
 * from the moment the session starts, after the targets' modules have loaded.
 */
export async function fuzzOnce<T>(target: FuzzTarget<T>, options: { runs: number; seed?: number; onInput?: (input: T) => void }): Promise<FuzzReport> {
  const report: FuzzReport = { inputs: 0, accepted: 0, refused: 0, ms: 0 };
  const oracle = watchPrototypes();
  let shrinking = false;
  const started = performance.now();
  const result = await fc.check(
    fc.asyncProperty(target.input, async (input) => {
      options.onInput?.(input);
      const outcome = await attempt(target, input);
      const pollution = oracle.check();
      const finding: { kind: FindingKind; reason: string } | undefined = pollution
        ? { kind: 'pollution', reason: `changed a shared prototype: ${pollution}` }
        : outcome.kind === 'crashed'
          ? { kind: 'crash', reason: outcome.reason }
          : undefined;
      if (!shrinking) {
        report.inputs++;
        if (!finding && outcome.kind === 'accepted') report.accepted++;
        if (!finding && outcome.kind === 'refused') report.refused++;
      }
      if (!finding) return true;
      if (!shrinking) {
        report.kind = finding.kind;
        report.failure = finding.reason;
      }
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
