import type { z } from 'zod';
import { appMethods } from './app';
import { authMethods } from './auth';
import type { EventSpec, MethodSpec } from './define';
import { dmarcMethods } from './dmarc';
import { editorMethods } from './editor';
import { jobEvents } from './jobs';
import { lintMethods } from './lint';
import { seedsEvents, seedsMethods } from './seeds';
import { shellEvents, shellMethods } from './shell';
import { warmupMethods } from './warmup';

/**
 * The whole contract between the UI and the main process. Each feature keeps its
 * methods and events in its own file beside this one and adds one spread here.
 */
export const methods = {
  ...appMethods,
  ...authMethods,
  ...editorMethods,
  ...lintMethods,
  ...shellMethods,
  ...seedsMethods,
  ...warmupMethods,
  ...dmarcMethods,
} satisfies Record<string, MethodSpec>;

export const events = {
  ...jobEvents,
  ...shellEvents,
  ...seedsEvents,
} satisfies Record<string, EventSpec>;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type Events = typeof events;
export type EventName = keyof Events;

/** What a caller passes (before defaults are applied). */
export type InputOf<N extends MethodName> = z.input<Methods[N]['input']>;
/** What a handler receives (after parsing and defaults). */
export type ParsedInputOf<N extends MethodName> = z.output<Methods[N]['input']>;
/** What the caller gets back. */
export type OutputOf<N extends MethodName> = z.output<Methods[N]['output']>;
export type PayloadOf<E extends EventName> = z.output<Events[E]['payload']>;

export const methodNames = Object.keys(methods) as MethodName[];
export const isMethodName = (name: unknown): name is MethodName =>
  typeof name === 'string' && Object.prototype.hasOwnProperty.call(methods, name);

export * from './errors';
export type { EventSpec, MethodSpec } from './define';
