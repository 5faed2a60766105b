import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { problemText } from './api.js';

export type Loaded<T> = { state: 'loading' } | { state: 'error'; message: string } | { state: 'ready'; value: T };

/**
 * Loads data for a view and reloads it when `keys` change or `reload()` is called; a load that is overtaken by a
 * newer one is dropped, so a slow answer never replaces a newer one. New keys mean other data: the old is not shown
 * as if it answered them (the state is `loading` again); a reload keeps showing the data until the new arrives.
 */
export function useLoad<T>(load: (signal: AbortSignal) => Promise<T>, keys: unknown[]): [Loaded<T>, () => void] {
  const [result, setResult] = useState<Loaded<T>>({ state: 'loading' });
  const [generation, setGeneration] = useState(0);
  const loadedKeys = useRef<string | undefined>(undefined);
  const keyText = JSON.stringify(keys);
  const stale = loadedKeys.current !== undefined && loadedKeys.current !== keyText;
  useEffect(() => {
    if (loadedKeys.current !== keyText) setResult({ state: 'loading' });
    loadedKeys.current = keyText;
    const controller = new AbortController();
    load(controller.signal).then(
      (value) => !controller.signal.aborted && setResult({ state: 'ready', value }),
      (error: unknown) => !controller.signal.aborted && setResult({ state: 'error', message: problemText(error) }),
    );
    return () => controller.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...keys, generation]);
  return [stale ? { state: 'loading' } : result, useCallback(() => setGeneration((g) => g + 1), [])];
}

/** The failure of a load, for an `<Alert>`; undefined while it loads or once it is ready. */
export const failureOf = (loaded: Loaded<unknown>): string | undefined => (loaded.state === 'error' ? loaded.message : undefined);
