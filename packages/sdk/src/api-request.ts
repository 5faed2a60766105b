import { problemStatuses, type Problem } from '@henvis/contracts';
import { backoffDelay, defaultRetryPolicy, sleep, type RetryPolicy } from './backoff.js';
import { HenvisError } from './henvis-error.js';

/**
 * Returns an access token (JWT) for the current user, signed by the vendor's backend. Henvis calls it before
 * requests, and with `{ refresh: true }` when the API turned the token away (401: expired, or signed with a key it
 * no longer trusts). Wrap it in `cacheToken` to reuse a token until shortly before it expires (the widget does so by
 * itself).
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

export interface RequestOptions {
  signal?: AbortSignal;
}

/** One call of the API, as `ApiRequest` takes it. */
export interface Call {
  method: 'GET' | 'POST' | 'PUT';
  path: string;
  /** Sent as JSON, unless `contentType` is given. */
  body?: unknown;
  /** Sends `body` as it is (a Blob or ArrayBuffer, e.g. a file) with this content type instead of as JSON. */
  contentType?: string;
  /** `blob`: a successful answer's bytes as a Blob (a download) instead of parsed JSON; errors stay typed. */
  as?: 'json' | 'blob';
  headers?: Record<string, string>;
  retry: boolean;
  /** Time limit of each attempt of this call, instead of the client's `timeoutMs`. */
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** Sends one call with a token, retries and typed errors: the core the method groups below are built on. */
export type ApiRequest = <T>(call: Call) => Promise<T>;

export function createApiRequest(options: HenvisClientOptions): ApiRequest {
  const policy: RetryPolicy = { ...defaultRetryPolicy, ...options.retry };
  const timeoutMs = options.timeoutMs ?? 10_000;
  const base = options.apiUrl.replace(/\/+$/, '');
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));

  async function attempt<T>(call: Call, refresh: boolean): Promise<T> {
    const token = await options.getToken({ refresh });
    const timeout = AbortSignal.timeout(call.timeoutMs ?? timeoutMs);
    const signal = call.signal ? AbortSignal.any([call.signal, timeout]) : timeout;
    let response: Response;
    try {
      response = await doFetch(base + call.path, {
        method: call.method,
        headers: {
          authorization: `Bearer ${token}`,
          accept: 'application/json',
          ...(call.body !== undefined ? { 'content-type': call.contentType ?? 'application/json' } : {}),
          ...call.headers,
        },
        ...(call.body !== undefined ? { body: call.contentType ? (call.body as BodyInit) : JSON.stringify(call.body) } : {}),
        signal,
      });
    } catch (error) {
      if (call.signal?.aborted) throw call.signal.reason;
      throw new HenvisError(timeout.aborted ? 'timeout' : 'network_error', { cause: error });
    }
    if (response.ok && call.as === 'blob') {
      return (await response.blob().catch((error: unknown) => {
        if (call.signal?.aborted) throw call.signal.reason;
        throw new HenvisError(timeout.aborted ? 'timeout' : 'network_error', { cause: error });
      })) as T;
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
    if (problem?.code && problem.code in problemStatuses) {
      throw new HenvisError(problem.code, {
        status: response.status,
        errors: problem.errors ?? [],
        ...(problem.title ? { title: problem.title } : {}),
        ...(problem.detail ? { detail: problem.detail } : {}),
      });
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
        if (error.status === 401 && !refreshed) {
          refreshed = true;
          n--;
          continue;
        }
        if (!call.retry || !error.retryable || n >= policy.attempts) throw error;
        await sleep(backoffDelay(policy, n), call.signal);
      }
    }
  }

  return request;
}

/** The path of a referral. */
export const referralPath = (id: string) => `/v1/referrals/${encodeURIComponent(id)}`;
export const withSignal = (signal?: AbortSignal) => (signal ? { signal } : {});
