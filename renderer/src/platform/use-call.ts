import { useCallback, useEffect, useState } from 'react';
import type { AppError } from '../../../shared/contract/errors';

export type Loadable<T> = { state: 'loading' } | { state: 'ready'; value: T } | { state: 'failed'; error: AppError };

/** Runs a contract call when the component mounts (and on `reload`), tracking its state. */
export function useLoad<T>(load: () => Promise<T>, deps: readonly unknown[]): [Loadable<T>, () => void] {
  const [state, setState] = useState<Loadable<T>>({ state: 'loading' });
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    let live = true;
    setState({ state: 'loading' });
    load().then(
      (value) => live && setState({ state: 'ready', value }),
      (error: AppError) => live && setState({ state: 'failed', error }),
    );
    return () => {
      live = false;
    };
  }, [...deps, generation]);
  return [state, useCallback(() => setGeneration((value) => value + 1), [])];
}
