import type fc from 'fast-check';
import { AppError } from '../../shared/contract/errors';

/**
 * One parser of the app under fuzzing. `run` must return for input it accepts and throw
 * an AppError that says what is wrong (and, for line-based formats, on which line) for
 * input it refuses. Any other throw is a crash.
 */
export interface FuzzTarget<T = string> {
  name: string;
  summary: string;
  input: fc.Arbitrary<T>;
  /** Inputs `npm run fuzz` generates for it; all targets together make at least 200,000. */
  runs: number;
  run(input: T): unknown;
  /** A refused input names its line (zone files, CSV), so the editor can point at it. */
  errorsHaveLines?: boolean;
  /** Removes what `run` left behind (a scratch folder), once the run is over. */
  cleanup?(): void;
}

export type Outcome = { kind: 'accepted' } | { kind: 'refused'; code: string } | { kind: 'crashed'; reason: string };

const refusalCodes = new Set(['parse_error', 'invalid_input']);

/** Runs one input and judges what came back. */
export async function attempt<T>(target: FuzzTarget<T>, input: T): Promise<Outcome> {
  try {
    await target.run(input);
    return { kind: 'accepted' };
  } catch (error) {
    if (!(error instanceof AppError)) {
      const reason = error instanceof Error ? `${error.name}: ${error.message}\n${error.stack?.split('\n').slice(1, 4).join('\n')}` : String(error);
      return { kind: 'crashed', reason: `not an AppError: ${reason}` };
    }
    if (!refusalCodes.has(error.code)) return { kind: 'crashed', reason: `refused with code ${error.code}: ${error.message}` };
    if (error.message.trim().length < 10) return { kind: 'crashed', reason: `refused without a clear message: ${JSON.stringify(error.message)}` };
    if (!error.details.hint) return { kind: 'crashed', reason: `refused without a hint on what to do: ${error.message}` };
    if (target.errorsHaveLines && !(Number.isInteger(error.details.line) && error.details.line! >= 1)) {
      return { kind: 'crashed', reason: `refused without a line number: ${error.message}` };
    }
    return { kind: 'refused', code: error.code };
  }
}
