import type { GetToken } from './api-request.js';

/** How `cacheToken` reuses a token. */
export interface CacheTokenOptions {
  /**
   * A token is fetched anew this long before it expires (default 30 s), or when half its life is left if that comes
   * sooner, so a request never sets out with a token about to lapse.
   */
  marginMs?: number;
}

/** A `GetToken` that reuses its token; `clear()` forgets it (the user logged out, or the consultation changed). */
export interface CachedGetToken {
  (request: { refresh: boolean }): Promise<string>;
  clear(): void;
}

interface Held {
  token: string;
  /** Reused until this time (ms since the epoch, this machine's clock). */
  until: number;
}

/**
 * How long a token lives from when it arrived, read from its claims (`exp`, and `iat` where given), not verified:
 * only for knowing when to ask again. With `iat`, the life is `exp - iat` from now, so a clock that differs from
 * the signer's does not matter; without it, until `exp`. Undefined when the token is no JWT or has no `exp`.
 */
function lifeOf(token: string, now: number): number | undefined {
  try {
    const payload = token.split('.')[1];
    if (!payload) return undefined;
    const claims = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/'))) as { exp?: unknown; iat?: unknown };
    if (typeof claims.exp !== 'number') return undefined;
    return typeof claims.iat === 'number' ? (claims.exp - claims.iat) * 1000 : claims.exp * 1000 - now;
  } catch {
    return undefined;
  }
}

/**
 * Wraps your `getToken` (tokenbuffer) so that Henvis asks your backend for a token only when it needs a new one:
 * the token is reused until shortly before its `exp`, fetched anew when Henvis asks with `{ refresh: true }` (the API
 * answered 401), and callers asking at the same time share one fetch. A fetch that fails is not kept: the next call
 * tries again. A token without a readable `exp` is never reused. The widget does this by itself; use it with
 * `createHenvisClient` and `subscribeToEvents`, one per user and patient (a cache never mixes two users' tokens
 * only if you give each its own).
 */
export function cacheToken(getToken: GetToken, { marginMs = 30_000 }: CacheTokenOptions = {}): CachedGetToken {
  let held: Held | undefined;
  let fetching: { refresh: boolean; promise: Promise<string> } | undefined;
  let generation = 0;

  const fetchToken = (refresh: boolean): Promise<string> => {
    const mine = generation;
    const current = { refresh, promise: Promise.resolve('') };
    current.promise = (async () => {
      try {
        const token = await getToken({ refresh });
        const now = Date.now();
        const life = lifeOf(token, now);
        if (mine === generation) held = life === undefined ? undefined : { token, until: now + life - Math.min(marginMs, life / 2) };
        return token;
      } finally {
        if (fetching === current) fetching = undefined;
      }
    })();
    fetching = current;
    return current.promise;
  };

  const cached = ((request: { refresh: boolean }) => {
    if (request.refresh) {
      held = undefined;
      // A refresh under way serves every caller the API turned away at once; a plain fetch under way may bring the
      // very token that failed, so a refresh does not wait for it.
      return fetching?.refresh ? fetching.promise : fetchToken(true);
    }
    if (held && Date.now() < held.until) return Promise.resolve(held.token);
    return fetching ? fetching.promise : fetchToken(false);
  }) as CachedGetToken;
  cached.clear = () => {
    held = undefined;
    fetching = undefined;
    generation++;
  };
  return cached;
}
