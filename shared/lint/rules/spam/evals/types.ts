import type { SpamView } from '../../../message/spam-view';

/** What an eval function reads: the message view, hits so far, and a per-message cache for shared work. */
export interface EvalContext {
  view: SpamView;
  hits: Map<string, number>;
  memo: Map<string, unknown>;
}

export type EvalArg = string | number;
export type EvalFn = (ctx: EvalContext, args: EvalArg[]) => boolean | number;

/** Computes a value once per message. */
export function memo<T>(ctx: EvalContext, key: string, make: () => T): T {
  if (ctx.memo.has(key)) return ctx.memo.get(key) as T;
  const value = make();
  ctx.memo.set(key, value);
  return value;
}

export const num = (v: EvalArg | undefined): number => (v === undefined || v === 'undef' ? NaN : Number(v));
