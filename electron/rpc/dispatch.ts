import { z } from 'zod';
import {
  AppError,
  type CallResult,
  type EventName,
  events,
  isMethodName,
  invalidInputMessage,
  issuesFromZod,
  type MethodName,
  methods,
  type OutputOf,
  type ParsedInputOf,
  type PayloadOf,
} from '../../shared/contract/index';

/** What every handler gets besides its input. */
export interface CallContext {
  /** Push a contract event to every listening UI; the payload is validated first. */
  emit<E extends EventName>(name: E, payload: PayloadOf<E>): void;
}

export type Handler<N extends MethodName> = (input: ParsedInputOf<N>, ctx: CallContext) => Promise<OutputOf<N>> | OutputOf<N>;
export type Handlers = { [N in MethodName]: Handler<N> };

export type EventSink = (name: EventName, payload: unknown) => void;

export interface Dispatcher {
  call(name: unknown, input: unknown): Promise<CallResult<unknown>>;
  emit<E extends EventName>(name: E, payload: PayloadOf<E>): void;
  subscribe(sink: EventSink): () => void;
}

export interface DispatcherOptions {
  /** Where unexpected errors go with their stack; never shown to the caller as is. */
  logError?: (method: string, error: unknown) => void;
}

/**
 * The one place that turns an untrusted (name, input) pair into a handler call. Both
 * transports (Electron IPC, loopback host) and the tests go through here, so input
 * parsing, output checking and error shaping are the same everywhere.
 */
export function createDispatcher(handlers: Handlers, options: DispatcherOptions = {}): Dispatcher {
  const sinks = new Set<EventSink>();

  const emit = <E extends EventName>(name: E, payload: PayloadOf<E>): void => {
    const parsed = events[name].payload.safeParse(payload);
    if (!parsed.success) {
      options.logError?.(`event ${name}`, parsed.error);
      return;
    }
    for (const sink of sinks) sink(name, parsed.data);
  };

  const ctx: CallContext = { emit };

  return {
    emit,
    subscribe(sink) {
      sinks.add(sink);
      return () => sinks.delete(sink);
    },
    async call(name, input) {
      if (!isMethodName(name)) {
        return failure(new AppError('unknown_method', `There is no method called ${describe(name)}.`, {
          hint: 'Call one of the methods the contract in shared/contract names.',
        }));
      }
      const spec = methods[name];
      const parsedInput = spec.input.safeParse(input);
      if (!parsedInput.success) {
        return failure(new AppError('invalid_input', invalidInputMessage(parsedInput.error), {
          issues: issuesFromZod(parsedInput.error),
          hint: `Correct the field${parsedInput.error.issues.length === 1 ? '' : 's'} named and try again (${name}).`,
        }));
      }
      try {
        const handler = handlers[name] as Handler<MethodName>;
        const value = await handler(parsedInput.data as never, ctx);
        const parsedOutput = (spec.output as z.ZodType).safeParse(value);
        if (!parsedOutput.success) {
          options.logError?.(name, parsedOutput.error);
          return failure(new AppError('internal', `Mailbench produced a result for ${name} that breaks its own contract.`, {
            issues: issuesFromZod(parsedOutput.error),
            hint: 'This is a bug in Mailbench; the log has the details.',
          }));
        }
        return { ok: true, value: parsedOutput.data };
      } catch (error) {
        if (error instanceof AppError) return failure(error);
        options.logError?.(name, error);
        return failure(new AppError('internal', `${name} failed unexpectedly: ${error instanceof Error ? error.message : String(error)}`, {
          hint: 'This is a bug in Mailbench; the log has the stack trace.',
        }));
      }
    },
  };
}

function failure(error: AppError): CallResult<never> {
  return { ok: false, error: error.toShape() };
}

function describe(name: unknown): string {
  if (typeof name !== 'string') return `of type ${typeof name}`;
  return JSON.stringify(name.length > 80 ? `${name.slice(0, 80)}…` : name);
}
