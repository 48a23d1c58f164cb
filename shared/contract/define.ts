import type { z } from 'zod';

/**
 * One call between the UI and the main process. The input schema is applied by the
 * serving side (never trusted from the caller); the output schema is applied before
 * the result leaves the main process, so a service bug cannot leak an off-contract shape.
 */
export interface MethodSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  readonly summary: string;
  readonly input: I;
  readonly output: O;
}

/** A named push from the main process to every UI that listens (progress, live rows). */
export interface EventSpec<P extends z.ZodType = z.ZodType> {
  readonly summary: string;
  readonly payload: P;
}

export const method = <I extends z.ZodType, O extends z.ZodType>(spec: MethodSpec<I, O>): MethodSpec<I, O> => spec;
export const event = <P extends z.ZodType>(spec: EventSpec<P>): EventSpec<P> => spec;
