import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createHenvisClient } from './client.js';
import { cacheToken } from './token-cache.js';

/** An unsigned JWT with these claims: the cache reads `exp` and `iat`, it never verifies. */
const jwt = (claims: Record<string, unknown>) =>
  ['{"alg":"none"}', JSON.stringify(claims)]
    .map((part) => btoa(part).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_'))
    .join('.') + '.';

const now = () => Math.floor(Date.now() / 1000);

/** A token endpoint that takes `delayMs` to answer, with a token living `lifeS` seconds, counting its calls. */
function slowTokens(delayMs: number, lifeS = 300) {
  let issued = 0;
  const getToken = vi.fn(async ({ refresh }: { refresh: boolean }) => {
    if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
    issued++;
    return jwt({ sub: `token-${issued}`, refresh, iat: now(), exp: now() + lifeS });
  });
  return getToken;
}

const subOf = (token: string) => (JSON.parse(atob(token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/'))) as { sub: string }).sub;

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date('2026-11-24T10:00:00Z'));
});
afterEach(() => vi.useRealTimers());

describe('cacheToken', () => {
  it('shares one slow fetch among callers at once, then reuses the token without asking again', async () => {
    const getToken = slowTokens(5000);
    const cached = cacheToken(getToken);
    const first = Promise.all([cached({ refresh: false }), cached({ refresh: false }), cached({ refresh: false })]);
    await vi.advanceTimersByTimeAsync(5000);
    expect((await first).map(subOf)).toEqual(['token-1', 'token-1', 'token-1']);
    expect(getToken).toHaveBeenCalledTimes(1);

    // Four minutes on, twenty calls: none waits for the endpoint.
    await vi.advanceTimersByTimeAsync(240_000);
    const later = await Promise.all(Array.from({ length: 20 }, () => cached({ refresh: false })));
    expect(new Set(later.map(subOf))).toEqual(new Set(['token-1']));
    expect(getToken).toHaveBeenCalledTimes(1);
  });

  it('fetches anew 30 s before exp, or at half the life of a short token, whatever the two clocks say', async () => {
    const getToken = slowTokens(0, 300);
    const cached = cacheToken(getToken);
    expect(subOf(await cached({ refresh: false }))).toBe('token-1');
    await vi.advanceTimersByTimeAsync(269_000);
    expect(subOf(await cached({ refresh: false }))).toBe('token-1');
    await vi.advanceTimersByTimeAsync(1_000);
    expect(subOf(await cached({ refresh: false }))).toBe('token-2');

    // A 40-second token is reused for 20 s, not 10.
    const short = cacheToken(slowTokens(0, 40));
    expect(subOf(await short({ refresh: false }))).toBe('token-1');
    await vi.advanceTimersByTimeAsync(19_000);
    expect(subOf(await short({ refresh: false }))).toBe('token-1');
    await vi.advanceTimersByTimeAsync(1_000);
    expect(subOf(await short({ refresh: false }))).toBe('token-2');

    // Signed by a server whose clock is an hour ahead: its life (exp - iat) counts, not the exp on this clock.
    const ahead = vi.fn(() => jwt({ iat: now() + 3600, exp: now() + 3600 + 300 }));
    const skewed = cacheToken(ahead);
    await skewed({ refresh: false });
    await vi.advanceTimersByTimeAsync(200_000);
    await skewed({ refresh: false });
    expect(ahead).toHaveBeenCalledTimes(1);
  });

  it('fetches anew on refresh, with refresh passed on, sharing that fetch among the callers turned away together', async () => {
    const getToken = slowTokens(1000);
    const cached = cacheToken(getToken);
    const first = cached({ refresh: false });
    await vi.advanceTimersByTimeAsync(1000);
    expect(subOf(await first)).toBe('token-1');
    const refreshed = Promise.all([cached({ refresh: true }), cached({ refresh: true }), cached({ refresh: false })]);
    await vi.advanceTimersByTimeAsync(1000);
    expect((await refreshed).map(subOf)).toEqual(['token-2', 'token-2', 'token-2']);
    expect(getToken.mock.calls.map(([r]) => r.refresh)).toEqual([false, true]);
  });

  it('keeps no failed fetch, never reuses a token without exp, and forgets on clear()', async () => {
    let fail = true;
    const flaky = vi.fn(() => (fail ? Promise.reject(new Error('down')) : Promise.resolve(jwt({ exp: now() + 300 }))));
    const cached = cacheToken(flaky);
    await expect(cached({ refresh: false })).rejects.toThrow('down');
    fail = false;
    await cached({ refresh: false });
    await cached({ refresh: false });
    expect(flaky).toHaveBeenCalledTimes(2);
    cached.clear();
    await cached({ refresh: false });
    expect(flaky).toHaveBeenCalledTimes(3);

    const opaque = vi.fn(() => 'not-a-jwt');
    const plain = cacheToken(opaque);
    await plain({ refresh: false });
    await plain({ refresh: false });
    expect(opaque).toHaveBeenCalledTimes(2);
  });

  it('makes a client ask a slow token endpoint once for many requests, and again after a 401', async () => {
    const getToken = slowTokens(3000);
    let answers = [401, 200, 200, 200, 200];
    const fetch = vi.fn((_url: string | URL | Request, _init?: RequestInit) => {
      const status = answers[0] ?? 200;
      answers = answers.slice(1);
      const body = status === 401 ? { type: 'about:blank', title: 'Invalid', status, code: 'token_invalid' } : { items: [] };
      return Promise.resolve(new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }));
    });
    const client = createHenvisClient({ apiUrl: 'https://api.test', getToken: cacheToken(getToken), fetch });
    const lists = Promise.all([1, 2, 3, 4].map(() => client.listReferrals()));
    await vi.advanceTimersByTimeAsync(6000);
    await lists;
    // One fetch for the four, a refresh for the one turned away (token_invalid is a 401 too), nothing more.
    expect(getToken.mock.calls.map(([r]) => r.refresh)).toEqual([false, true]);
    expect(fetch).toHaveBeenCalledTimes(5);
  });
});
