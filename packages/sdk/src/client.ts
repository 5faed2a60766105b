import type {
  ConsentList,
  ConsentRecord,
  Disclosure,
  FhirConsent,
  FhirQuestionnaireResponse,
  FollowUpList,
  NewConsent,
  NewReferral,
  NewWho5Response,
  Problem,
  Referral,
  ReferralEvent,
  ReferralEventList,
  ReferralPage,
  ReferralStatus,
  TransitionRequest,
  Who5List,
  Who5Response,
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

  /** Records a consent decision (given or declined) under the signed-in user. Not retried automatically. */
  recordConsent(referralId: string, consent: NewConsent, options?: RequestOptions): Promise<ConsentRecord>;
  /** The consent history of the referral's citizen, newest first. */
  listConsents(referralId: string, options?: RequestOptions): Promise<ConsentRecord[]>;
  /** Withdraws a given consent, effective at once. Not retried automatically. */
  withdrawConsent(referralId: string, consentId: string, options?: RequestOptions): Promise<ConsentRecord>;
  /** A consent as a FHIR R4 Consent. */
  getConsentFhir(referralId: string, consentId: string, options?: RequestOptions): Promise<FhirConsent>;
  /** Records a disclosure of record data; refused (`journal_data_consent_invalid`) without a valid consent now. */
  discloseJournalData(referralId: string, options?: RequestOptions): Promise<Disclosure>;
  /** Stores WHO-5 answers (navigators); refused without a valid well-being consent. Not retried automatically. */
  recordWho5(referralId: string, response: NewWho5Response, options?: RequestOptions): Promise<Who5Response>;
  /** The WHO-5 answers of a referral and when its follow-up falls due (navigators). */
  listWho5(referralId: string, options?: RequestOptions): Promise<Who5List>;
  /** WHO-5 answers as a FHIR R4 QuestionnaireResponse. */
  getWho5Fhir(referralId: string, responseId: string, options?: RequestOptions): Promise<FhirQuestionnaireResponse>;
  /** Referrals whose WHO-5 follow-up is due or overdue (navigators). */
  listFollowUps(query?: { state?: 'due' | 'overdue' }, options?: RequestOptions): Promise<FollowUpList>;
}

/** One call of the API, as `ApiRequest` takes it. */
export interface Call {
  method: 'GET' | 'POST';
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
  retry: boolean;
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

  return request;
}

const at = (id: string) => `/v1/referrals/${encodeURIComponent(id)}`;
const withSignal = (signal?: AbortSignal) => (signal ? { signal } : {});

type ReferralMethods = Pick<HenvisClient, 'createReferral' | 'getReferral' | 'listReferrals' | 'transitionReferral' | 'listEvents'>;
type ConsentMethods = Pick<HenvisClient, 'recordConsent' | 'listConsents' | 'withdrawConsent' | 'getConsentFhir' | 'discloseJournalData'>;
type Who5Methods = Pick<HenvisClient, 'recordWho5' | 'listWho5' | 'getWho5Fhir' | 'listFollowUps'>;

/**
 * The client's methods in groups over one `ApiRequest`, for code that counts its bytes (the widget loads the
 * consent and WHO-5 methods only with their components). Most callers want `createHenvisClient`.
 */
export function referralMethods(request: ApiRequest): ReferralMethods {
  return {
    createReferral: (referral, { idempotencyKey = crypto.randomUUID(), signal } = {}) =>
      request({ method: 'POST', path: '/v1/referrals', body: referral, headers: { 'idempotency-key': idempotencyKey }, retry: true, ...withSignal(signal) }),
    getReferral: (id, { signal } = {}) => request({ method: 'GET', path: at(id), retry: true, ...withSignal(signal) }),
    listReferrals: (query = {}, { signal } = {}) => request({ method: 'GET', path: `/v1/referrals${queryString(query)}`, retry: true, ...withSignal(signal) }),
    transitionReferral: (id, change, { signal } = {}) =>
      request({ method: 'POST', path: `${at(id)}/transitions`, body: change, retry: false, ...withSignal(signal) }),
    listEvents: async (id, { signal } = {}) =>
      (await request<ReferralEventList>({ method: 'GET', path: `${at(id)}/events`, retry: true, ...withSignal(signal) })).items,
  };
}

export function consentMethods(request: ApiRequest): ConsentMethods {
  return {
    recordConsent: (id, consent, { signal } = {}) => request({ method: 'POST', path: `${at(id)}/consents`, body: consent, retry: false, ...withSignal(signal) }),
    listConsents: async (id, { signal } = {}) =>
      (await request<ConsentList>({ method: 'GET', path: `${at(id)}/consents`, retry: true, ...withSignal(signal) })).items,
    withdrawConsent: (id, consentId, { signal } = {}) =>
      request({ method: 'POST', path: `${at(id)}/consents/${encodeURIComponent(consentId)}/withdrawal`, body: {}, retry: false, ...withSignal(signal) }),
    getConsentFhir: (id, consentId, { signal } = {}) =>
      request({ method: 'GET', path: `${at(id)}/consents/${encodeURIComponent(consentId)}/fhir`, retry: true, ...withSignal(signal) }),
    discloseJournalData: (id, { signal } = {}) => request({ method: 'POST', path: `${at(id)}/disclosures`, body: {}, retry: false, ...withSignal(signal) }),
  };
}

export function who5Methods(request: ApiRequest): Who5Methods {
  return {
    recordWho5: (id, response, { signal } = {}) => request({ method: 'POST', path: `${at(id)}/who5`, body: response, retry: false, ...withSignal(signal) }),
    listWho5: (id, { signal } = {}) => request({ method: 'GET', path: `${at(id)}/who5`, retry: true, ...withSignal(signal) }),
    getWho5Fhir: (id, responseId, { signal } = {}) =>
      request({ method: 'GET', path: `${at(id)}/who5/${encodeURIComponent(responseId)}/fhir`, retry: true, ...withSignal(signal) }),
    listFollowUps: (query = {}, { signal } = {}) =>
      request({ method: 'GET', path: `/v1/who5-follow-ups${query.state ? `?state=${query.state}` : ''}`, retry: true, ...withSignal(signal) }),
  };
}

export function createHenvisClient(options: HenvisClientOptions): HenvisClient {
  const request = createApiRequest(options);
  return { ...referralMethods(request), ...consentMethods(request), ...who5Methods(request) };
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
