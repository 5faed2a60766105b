import { useState } from 'preact/hooks';
import { problemText } from './api.js';

export interface Action {
  busy: boolean;
  /** The failure of the last run, for people; empty after a success. */
  error: string;
  run(work: () => Promise<unknown>): Promise<boolean>;
}

/** One button's work: busy while it runs (so a double click sends nothing twice), and its error kept for the form. */
export function useAction(): Action {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  return {
    busy,
    error,
    async run(work) {
      if (busy) return false;
      setBusy(true);
      setError('');
      try {
        await work();
        return true;
      } catch (failure) {
        setError(problemText(failure));
        return false;
      } finally {
        setBusy(false);
      }
    },
  };
}
