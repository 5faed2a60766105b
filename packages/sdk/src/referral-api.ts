import type { ReferralEventList, ReferralReason, ReferralStatus } from '@henvis/contracts';
import { referralPath, withSignal, type ApiRequest } from './api-request.js';
import type { HenvisClient } from './client.js';

/** Filters of `listReferrals`. */
export interface ListReferralsOptions {
  status?: ReferralStatus | ReferralStatus[];
  /** Practice id (ydernummer). */
  practice?: string;
  /** `me`: the caller's caseload; `none`: not yet taken by a navigator. */
  owner?: 'me' | 'none';
  reason?: ReferralReason;
  /** `newest` first (default) or `oldest` first. */
  sort?: 'newest' | 'oldest';
  /** Created on or after: `YYYY-MM-DD` (a Danish day) or an ISO time. */
  from?: string;
  /** Created on or before: `YYYY-MM-DD` (inclusive) or before an ISO time. */
  to?: string;
  cursor?: string;
  /** 1-100, default 25. */
  limit?: number;
}

export type ReferralApi = Pick<HenvisClient, 'createReferral' | 'getReferral' | 'listReferrals' | 'searchReferrals' | 'transitionReferral' | 'listEvents'>;

/** The referral calls of the client: create (idempotent), read, list, change status, timeline. */
export function referralApi(request: ApiRequest): ReferralApi {
  return {
    createReferral: (referral, { idempotencyKey = crypto.randomUUID(), signal } = {}) =>
      request({ method: 'POST', path: '/v1/referrals', body: referral, headers: { 'idempotency-key': idempotencyKey }, retry: true, ...withSignal(signal) }),
    getReferral: (id, { signal } = {}) => request({ method: 'GET', path: referralPath(id), retry: true, ...withSignal(signal) }),
    listReferrals: (query = {}, { signal } = {}) => request({ method: 'GET', path: `/v1/referrals${queryString(query)}`, retry: true, ...withSignal(signal) }),
    searchReferrals: (query, { signal } = {}) =>
      request({ method: 'POST', path: '/v1/referrals/search', body: searchBody(query), retry: true, ...withSignal(signal) }),
    transitionReferral: (id, change, { signal } = {}) =>
      request({ method: 'POST', path: `${referralPath(id)}/transitions`, body: change, retry: false, ...withSignal(signal) }),
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
