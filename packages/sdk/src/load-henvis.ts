import type { Henvis } from './embed.js';
import { HenvisError } from './henvis-error.js';

declare global {
  interface Window {
    Henvis?: Henvis;
  }
}

export interface LoadHenvisOptions {
  /** URL of the widget's script build, e.g. `https://widget.henvis.dk/henvis.js`. */
  remoteUrl: string;
}

let loading: Promise<Henvis | null> | undefined;

/**
 * Loads the Henvis widget once and resolves its embed API. Resolves `null` outside a browser (server rendering).
 * A failed load is forgotten, so calling again retries.
 */
export function loadHenvis({ remoteUrl }: LoadHenvisOptions): Promise<Henvis | null> {
  if (typeof window === 'undefined' || typeof document === 'undefined') return Promise.resolve(null);
  if (window.Henvis) return Promise.resolve(window.Henvis);
  if (loading) return loading;
  const attempt = new Promise<Henvis | null>((resolve, reject) => {
    const script = document.createElement('script');
    script.src = remoteUrl;
    script.async = true;
    script.dataset.henvis = '';
    let settled = false;
    const fail = (error: Error) => {
      if (settled) return;
      settled = true;
      script.remove();
      reject(error);
    };
    script.addEventListener('load', () => {
      if (settled) return;
      if (!window.Henvis) return fail(new HenvisError('unexpected_response', { detail: `${remoteUrl} loaded but did not define window.Henvis` }));
      settled = true;
      resolve(window.Henvis);
    });
    script.addEventListener('error', () => fail(new HenvisError('network_error', { detail: `could not load ${remoteUrl}` })));
    document.head.append(script);
  });
  loading = attempt;
  attempt.catch(() => {
    if (loading === attempt) loading = undefined;
  });
  return attempt;
}
