import { HenvisError, type ApiRequest, type HenvisClient } from '@henvis/sdk';

// Why not the SDK's `consentMethods`/`who5Methods`: they live in one module (client.ts) with `createApiRequest`,
// which the launcher needs, and a bundler drops unused exports per module, not per chunk. Importing them, even
// from a lazily loaded chunk, puts all of them (FHIR views, disclosures, follow-up lists) in the launcher's first
// chunk, over its 8 KB budget. These are only the calls the consent panel and the WHO-5 form make, with the
// signatures and retry rules of the SDK's methods; the component tests run them against the msw API.

/** The consent calls of the consent panel. */
export type ConsentCalls = Pick<HenvisClient, 'listConsents' | 'recordConsent' | 'withdrawConsent'>;
/** The calls of the WHO-5 form; it reads the consents only to warn before the citizen answers. */
export type Who5Calls = Pick<HenvisClient, 'listWho5' | 'recordWho5' | 'listConsents'>;

const at = (id: string) => `/v1/referrals/${encodeURIComponent(id)}`;

export function consentCalls(request: ApiRequest): ConsentCalls {
  return {
    listConsents: async (id) => (await request<{ items: Awaited<ReturnType<HenvisClient['listConsents']>> }>({ method: 'GET', path: `${at(id)}/consents`, retry: true })).items,
    // Not retried: a lost answer may mean the decision was stored.
    recordConsent: (id, consent) => request({ method: 'POST', path: `${at(id)}/consents`, body: consent, retry: false }),
    withdrawConsent: (id, consentId) => request({ method: 'POST', path: `${at(id)}/consents/${encodeURIComponent(consentId)}/withdrawal`, body: {}, retry: false }),
  };
}

export function who5Calls(request: ApiRequest): Who5Calls {
  const { listConsents } = consentCalls(request);
  return {
    listConsents,
    listWho5: (id) => request({ method: 'GET', path: `${at(id)}/who5`, retry: true }),
    recordWho5: (id, response) => request({ method: 'POST', path: `${at(id)}/who5`, body: response, retry: false }),
  };
}

/** Any failure as a `HenvisError`: a stable code to report to the host, and a message for people. */
export const asHenvisError = (error: unknown) => (error instanceof HenvisError ? error : new HenvisError('unexpected_response', { cause: error }));
