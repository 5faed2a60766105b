import { useRef } from 'preact/hooks';

/**
 * The value of the latest render, in a ref that keeps its identity: for an effect that runs when something else
 * changes (the referral) but must call the function the latest render made.
 */
export function useLatest<T>(value: T): { readonly current: T } {
  const ref = useRef(value);
  ref.current = value;
  return ref;
}
