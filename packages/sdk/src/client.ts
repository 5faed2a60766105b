import type {
  NewReferral,
  Problem,
  Referral,
  ReferralEvent,
  ReferralEventList,
  ReferralPage,
  ReferralStatus,
  TransitionRequest,
} from '@henvis/contracts';
import { problemCatalog } from '@henvis/contracts';
import { backoffDelay, defaultRetryPolicy, sleep, type RetryPolicy } from './backoff.js';
import { HenvisError } from './henvis-error.js';

/**
 * Returns an access token (JWT) for the current user, signed by the vendor's backend. Henvis calls it before
 * requests, and with `{ refresh: true }` when the API says the token has expired.
 */
export type GetToken = (request: { refresh: boolean }) => string | Promise<string>;

export interface HenvisClientOptions {
  /** Base URL of the Henvis API, e.g. `https://api.henvis.dk`. */
  apiUrl: string;
  getToken: GetToken;
  /** Retries of idempotent requests after network errors, timeouts and 5xx. */
  retry?: Partial<RetryPolicy>;
  /** Time limit of one attempt in milliseconds (default 10000). */
  timeoutMs?: number;
  /** A `fetch` to use instead of the global one. */
  fetch?: typeof fetch;
}

/** Filters of `listReferrals`. */
export interface ListReferralsOptions {
  status?: ReferralStatus | ReferralStatus[];
  /** Practice id (ydernummer). */
  practice?: string;
  /** Created on or after: `YYYY-MM-DD` (a Danish day) or an ISO time. */
  from?: string;
  /** Created on or before: `YYYY-MM-DD` (inclusive) or before an ISO time. */
  to?: string;
  cursor?: string;
  /** 1-100, default 25. */
  limit?: number;
}

export interface RequestOptions {
  signal?: AbortSignal;
}

/** A typed client of the Henvis API. Every method rejects with a `HenvisError`. */
export interface HenvisClient {
  /**
   * Sends a referral (henvisning). Retried with the same Idempotency-Key, so it is stored once however often
   * the network fails. Pass your own `idempotencyKey` to make retries across page loads safe too.
   */
  createReferral(referral: NewReferral, options?: RequestOptions & { idempotencyKey?: string }): Promise<Referral>;
  getReferral(id: string, options?: RequestOptions): Promise<Referral>;
  /** One page of the referrals the token may see, newest first. */
  listReferrals(query?: ListReferralsOptions, options?: RequestOptions): Promise<ReferralPage>;
  /** Changes the status. Not retried automatically: a lost answer may mean the change was made. */
  transitionReferral(id: string, change: TransitionRequest, options?: RequestOptions): Promise<Referral>;
  /** The timeline (forløb): creation and each status change, oldest first. */
  listEvents(id: string, options?: RequestOptions): Promise<ReferralEvent[]>;
}

interface Call {
  method: 'GET' | 'POST';
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
  retry: boolean;
  signal?: AbortSignal;
}

export function createHenvisClient(options: HenvisClientOptions): HenvisClient {
  const policy: RetryPolicy = { ...defaultRetryPolicy, ...options.retry };
  const timeoutMs = options.timeoutMs ?? 10_000;
  const base = options.apiUrl.replace(/\/+$/, '');
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));

  async function attempt<T>(call: Call, refresh: boolean): Promise<T> {
    const token = await options.getToken({ refresh });
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = call.signal ? AbortSignal.any([call.signal, timeout]) : timeout;
    let response: Response;
    try {
      response = await doFetch(base + call.path, {
        method: call.method,
        headers: {
          authorization: `Bearer ${token}`,
          accept: 'application/json',
          ...(call.body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...call.headers,
        },
        ...(call.body !== undefined ? { body: JSON.stringify(call.body) } : {}),
        signal,
      });
    } catch (error) {
      if (call.signal?.aborted) throw call.signal.reason;
      throw new HenvisError(timeout.aborted ? 'timeout' : 'network_error', { cause: error });
    }
    const text = await response.text().catch(() => '');
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = undefined;
    }
    if (response.ok) return body as T;
    const problem = body as Partial<Problem> | undefined;
    if (problem?.code && problem.code in problemCatalog) {
      throw new HenvisError(problem.code, { status: response.status, errors: problem.errors ?? [], ...(problem.detail ? { detail: problem.detail } : {}) });
    }
    throw new HenvisError(response.status >= 500 ? 'internal_error' : 'unexpected_response', { status: response.status });
  }

  async function request<T>(call: Call): Promise<T> {
    let refreshed = false;
    for (let n = 1; ; n++) {
      try {
        return await attempt<T>(call, refreshed);
      } catch (error) {
        if (!(error instanceof HenvisError)) throw error;
        if (error.code === 'token_expired' && !refreshed) {
          refreshed = true;
          n--;
          continue;
        }
        if (!call.retry || !error.retryable || n >= policy.attempts) throw error;
        await sleep(backoffDelay(policy, n), call.signal);
      }
    }
  }

  const at = (id: string) => `/v1/referrals/${encodeURIComponent(id)}`;

  return {
    createReferral: (referral, { idempotencyKey = crypto.randomUUID(), signal } = {}) =>
      request({ method: 'POST', path: '/v1/referrals', body: referral, headers: { 'idempotency-key': idempotencyKey }, retry: true, ...(signal ? { signal } : {}) }),
    getReferral: (id, { signal } = {}) => request({ method: 'GET', path: at(id), retry: true, ...(signal ? { signal } : {}) }),
    listReferrals: (query = {}, { signal } = {}) => request({ method: 'GET', path: `/v1/referrals${queryString(query)}`, retry: true, ...(signal ? { signal } : {}) }),
    transitionReferral: (id, change, { signal } = {}) =>
      request({ method: 'POST', path: `${at(id)}/transitions`, body: change, retry: false, ...(signal ? { signal } : {}) }),
    listEvents: async (id, { signal } = {}) =>
      (await request<ReferralEventList>({ method: 'GET', path: `${at(id)}/events`, retry: true, ...(signal ? { signal } : {}) })).items,
  };
}

function queryString(query: ListReferralsOptions): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined) continue;
    params.set(name, Array.isArray(value) ? value.join(',') : String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}
