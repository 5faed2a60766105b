import type { ConsentList } from '@henvis/contracts';
import { referralPath, withSignal, type ApiRequest } from './api-request.js';
import type { HenvisClient } from './client.js';

/** The consent calls of the client, for code that loads them apart (the widget's consent view). */
export type ConsentApi = Pick<HenvisClient, 'recordConsent' | 'listConsents' | 'withdrawConsent' | 'getConsentFhir' | 'discloseJournalData'>;

export function consentApi(request: ApiRequest): ConsentApi {
  return {
    recordConsent: (id, consent, { signal } = {}) => request({ method: 'POST', path: `${referralPath(id)}/consents`, body: consent, retry: false, ...withSignal(signal) }),
    listConsents: async (id, { signal } = {}) =>
      (await request<ConsentList>({ method: 'GET', path: `${referralPath(id)}/consents`, retry: true, ...withSignal(signal) })).items,
    withdrawConsent: (id, consentId, { signal } = {}) =>
      request({ method: 'POST', path: `${referralPath(id)}/consents/${encodeURIComponent(consentId)}/withdrawal`, body: {}, retry: false, ...withSignal(signal) }),
    getConsentFhir: (id, consentId, { signal } = {}) =>
      request({ method: 'GET', path: `${referralPath(id)}/consents/${encodeURIComponent(consentId)}/fhir`, retry: true, ...withSignal(signal) }),
    discloseJournalData: (id, { signal } = {}) => request({ method: 'POST', path: `${referralPath(id)}/disclosures`, body: {}, retry: false, ...withSignal(signal) }),
  };
}
