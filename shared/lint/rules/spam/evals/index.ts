/** The eval functions SpamAssassin's rules call, by name. An eval not listed here is "not ported yet". */
import { headerEvals } from './header';
import { htmlEvals } from './html';
import { mimeEvals } from './mime';
import type { EvalFn } from './types';
import { uriEvals } from './uri';

export const evalFunctions = new Map<string, EvalFn>([...htmlEvals, ...mimeEvals, ...headerEvals, ...uriEvals]);
export type { EvalContext, EvalFn } from './types';
