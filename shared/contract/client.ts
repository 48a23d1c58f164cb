import { AppError, type CallResult } from './errors';
import { type EventName, type InputOf, type MethodName, type OutputOf, type PayloadOf } from './index';

/** How a UI reaches the main process: Electron IPC through the preload, or HTTP+SSE in browser mode. */
export interface Transport {
  invoke(name: string, input: unknown): Promise<CallResult<unknown>>;
  subscribe(listener: (name: string, payload: unknown) => void): () => void;
}

export interface Client {
  call<N extends MethodName>(name: N, input: InputOf<N>): Promise<OutputOf<N>>;
  on<E extends EventName>(name: E, listener: (payload: PayloadOf<E>) => void): () => void;
}

/**
 * Typed face over a transport. Results were validated by the serving side, so the
 * client only unwraps them; failures come back as AppError with the contract's shape.
 */
export function createClient(transport: Transport): Client {
  return {
    async call(name, input) {
      const result = await transport.invoke(name, input);
      if (!result.ok) throw AppError.fromShape(result.error);
      return result.value as never;
    },
    on(name, listener) {
      return transport.subscribe((eventName, payload) => {
        if (eventName === name) listener(payload as never);
      });
    },
  };
}
