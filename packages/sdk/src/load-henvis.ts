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

/**
 * How long a load may take. A tag the host added may already have failed before we listened, and then it never
 * says so: after this long the load fails with `timeout`, and the next call adds a fresh tag.
 */
const LOAD_TIMEOUT_MS = 30_000;

/** The one load of the page: a page holds one widget build, so its URL is fixed by the first call. */
let loading: { url: string; promise: Promise<Henvis | null> } | undefined;

/**
 * Loads the Henvis widget once and resolves its embed API. Resolves `null` outside a browser (server rendering).
 * A script tag with the same URL already on the page is used instead of adding a second one. Calls with the same
 * URL share one promise; a call with another URL rejects with `HenvisError` `loader_url_conflict`. A failed load
 * (or one that took more than 30 s) is forgotten, so calling again retries.
 */
export function loadHenvis({ remoteUrl }: LoadHenvisOptions): Promise<Henvis | null> {
  if (typeof window === 'undefined' || typeof document === 'undefined') return Promise.resolve(null);
  const url = new URL(remoteUrl, document.baseURI).href;
  if (loading) {
    if (loading.url === url) return loading.promise;
    return Promise.reject(
      new HenvisError('loader_url_conflict', {
        detail: `loadHenvis was called with ${url}, but this page already loads Henvis from ${loading.url}`,
      }),
    );
  }
  const promise = window.Henvis ? Promise.resolve(window.Henvis) : loadScript(url);
  const attempt = { url, promise };
  loading = attempt;
  promise.catch(() => {
    if (loading === attempt) loading = undefined;
  });
  return promise;
}

/** A script tag of the page with this URL (as Stripe.js's `findScript`): a host may have added it by hand. */
function findScript(url: string): HTMLScriptElement | undefined {
  return Array.from(document.querySelectorAll<HTMLScriptElement>('script[src]')).find((script) => script.src === url);
}

function loadScript(url: string): Promise<Henvis | null> {
  return new Promise((resolve, reject) => {
    let script = findScript(url);
    const found = script !== undefined;
    if (!script) {
      script = document.createElement('script');
      script.src = url;
      script.async = true;
      script.dataset.henvis = '';
    }
    const tag = script;
    let settled = false;
    const timer = setTimeout(() => {
      fail(new HenvisError('timeout', { detail: `${url} did not load within ${LOAD_TIMEOUT_MS / 1000} s` }));
    }, LOAD_TIMEOUT_MS);
    const fail = (error: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      tag.remove(); // a failed tag never loads again: the retry adds a fresh one
      reject(error);
    };
    tag.addEventListener('load', () => {
      if (settled) return;
      if (!window.Henvis) {
        fail(new HenvisError('unexpected_response', { detail: `${url} loaded but did not define window.Henvis` }));
        return;
      }
      settled = true;
      clearTimeout(timer);
      resolve(window.Henvis);
    });
    tag.addEventListener('error', () => fail(new HenvisError('network_error', { detail: `could not load ${url}` })));
    if (!found) document.head.append(tag);
  });
}
