import type {
  LiveEventPage,
  NewReferral,
  Referral,
  ReferralEvent,
  ReferralEventList,
  ReferralPage,
  ReferralReason,
  ReferralSort,
  ReferralStatus,
  TransitionRequest,
} from '@henvis/contracts';
import { referralPath, withSignal, type ApiRequest, type RequestOptions } from './api-request.js';

/** Filters of `listReferrals`. */
export interface ListReferralsOptions {
  status?: ReferralStatus | ReferralStatus[];
  /** Practice id (ydernummer). */
  practice?: string;
  /** `me`: the caller's caseload; `none`: not yet taken by a navigator. */
  owner?: 'me' | 'none';
  reason?: ReferralReason;
  /**
   * `newest` first (default) or `oldest` first; a caseload (`owner: 'me'`) also `next_step` (the soonest next step
   * first) or `last_contact` (never contacted first, then the longest since the last contact).
   */
  sort?: ReferralSort;
  /** Created on or after: `YYYY-MM-DD` (a Danish day) or an ISO time. */
  from?: string;
  /** Created on or before: `YYYY-MM-DD` (inclusive) or before an ISO time. */
  to?: string;
  cursor?: string;
  /** 1-100, default 25. */
  limit?: number;
}

/** The referral (henvisning) calls of the client: create (idempotent), read, list, search, change status, timeline. */
export interface ReferralApi {
  /**
   * Sends a referral (henvisning). Retried with the same Idempotency-Key, so it is stored once however often
   * the network fails. Pass your own `idempotencyKey` to make retries across page loads safe too; `retry: false`
   * and a `timeoutMs` of its own make one short attempt, for a caller that does the retrying (the outbox).
   */
  createReferral(
    this: void,
    referral: NewReferral,
    options?: RequestOptions & { idempotencyKey?: string; retry?: boolean; timeoutMs?: number },
  ): Promise<Referral>;
  getReferral(this: void, id: string, options?: RequestOptions): Promise<Referral>;
  /** One page of the referrals the token may see, newest first. */
  listReferrals(this: void, query?: ListReferralsOptions, options?: RequestOptions): Promise<ReferralPage>;
  /**
   * Like `listReferrals`, and `text` finds citizens by part of the name or by the whole CPR number. Sent as a
   * POST, so the name or number never lands in a URL.
   */
  searchReferrals(this: void, query: ListReferralsOptions & { text?: string }, options?: RequestOptions): Promise<ReferralPage>;
  /** Changes the status. Not retried automatically: a lost answer may mean the change was made. */
  transitionReferral(this: void, id: string, change: TransitionRequest, options?: RequestOptions): Promise<Referral>;
  /** The timeline (forløb): creation and each status change, oldest first. */
  listEvents(this: void, id: string, options?: RequestOptions): Promise<ReferralEvent[]>;
  /**
   * The changes (hændelser) the token may see after `after`, oldest first, as the live stream and the webhooks carry
   * them: `after` is the `id` of the last one handled, or `0.0` for everything from the beginning; without it, none,
   * and `position` says where the outbox stands now. Read on from `position` while `more` is true. This is how a
   * journal catches up on what happened while it was closed.
   */
  listChanges(this: void, query?: { after?: string; limit?: number }, options?: RequestOptions): Promise<LiveEventPage>;
}

/** The referral calls over one request core, for code that loads them apart from the rest of the client. */
export function referralApi(request: ApiRequest): ReferralApi {
  return {
    createReferral: (referral, { idempotencyKey = crypto.randomUUID(), signal, retry = true, timeoutMs } = {}) =>
      request({
        method: 'POST',
        path: '/v1/referrals',
        body: referral,
        headers: { 'idempotency-key': idempotencyKey },
        retry,
        ...(timeoutMs !== undefined ? { timeoutMs } : {}),
        ...withSignal(signal),
      }),
    getReferral: (id, { signal } = {}) => request({ method: 'GET', path: referralPath(id), retry: true, ...withSignal(signal) }),
    listReferrals: (query = {}, { signal } = {}) =>
      request({ method: 'GET', path: `/v1/referrals${queryString(query)}`, retry: true, ...withSignal(signal) }),
    searchReferrals: (query, { signal } = {}) =>
      request({ method: 'POST', path: '/v1/referrals/search', body: searchBody(query), retry: true, ...withSignal(signal) }),
    transitionReferral: (id, change, { signal } = {}) =>
      request({ method: 'POST', path: `${referralPath(id)}/transitions`, body: change, retry: false, ...withSignal(signal) }),
    listChanges: (query = {}, { signal } = {}) =>
      request({ method: 'GET', path: `/v1/events${queryString(query)}`, retry: true, ...withSignal(signal) }),
    listEvents: async (id, { signal } = {}) =>
      (await request<ReferralEventList>({ method: 'GET', path: `${referralPath(id)}/events`, retry: true, ...withSignal(signal) })).items,
  };
}

/** The filters as the API reads them: every value a string, a list comma-separated. */
function searchBody(query: ListReferralsOptions & { text?: string }): Record<string, string> {
  const body: Record<string, string> = {};
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined) body[name] = Array.isArray(value) ? value.join(',') : String(value);
  }
  return body;
}

function queryString(query: ListReferralsOptions): string {
  const text = new URLSearchParams(searchBody(query)).toString();
  return text ? `?${text}` : '';
}
