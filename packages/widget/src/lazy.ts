import { useSignal, useSignalEffect } from '@preact/signals';
import type { ComponentType } from 'preact';

export interface LazyComponent<P> {
  /** The component, once its chunk is there. */
  Component: ComponentType<P> | null;
  /** The last load failed; `retry()` tries again. */
  failed: boolean;
  retry: () => void;
}

/**
 * A component from a chunk loaded the first time `wanted()` is true, so what is not shown is not paid for.
 * `onFailed` runs when the chunk cannot be loaded; the next wish, or `retry()`, loads it again.
 */
export function useLazyComponent<P>(wanted: () => boolean, load: () => Promise<ComponentType<P>>, onFailed: () => void): LazyComponent<P> {
  const component = useSignal<{ C: ComponentType<P> } | null>(null);
  const state = useSignal<'idle' | 'loading' | 'failed'>('idle');
  const attempt = useSignal(0);
  useSignalEffect(() => {
    // Read to subscribe: a retry counts up, and the effect runs again.
    const _retries = attempt.value;
    if (!wanted() || component.peek() || state.peek() === 'loading') return;
    state.value = 'loading';
    load().then(
      (C) => {
        component.value = { C };
        state.value = 'idle';
      },
      () => {
        state.value = 'failed';
        onFailed();
      },
    );
  });
  return { Component: component.value?.C ?? null, failed: state.value === 'failed', retry: () => attempt.value++ };
}
