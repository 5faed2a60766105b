import type { ConsentList, ConsentRecord, Disclosure, FhirConsent, NewConsent } from '@henvis/contracts';
import { referralPath, withSignal, type ApiRequest, type RequestOptions } from './api-request.js';

/** The consent (samtykke) calls of the client: record, list, withdraw, read as FHIR, and disclose record data. */
export interface ConsentApi {
  /** Records a consent decision (given or declined) under the signed-in user. Not retried automatically. */
  recordConsent(this: void, referralId: string, consent: NewConsent, options?: RequestOptions): Promise<ConsentRecord>;
  /** The consent history of the referral's citizen, newest first. */
  listConsents(this: void, referralId: string, options?: RequestOptions): Promise<ConsentRecord[]>;
  /** Withdraws a given consent, effective at once. Not retried automatically. */
  withdrawConsent(this: void, referralId: string, consentId: string, options?: RequestOptions): Promise<ConsentRecord>;
  /** A consent as a FHIR R4 Consent shaped like SDOHCC Consent (`/fhir/Consent/{id}`). */
  getConsentFhir(this: void, consentId: string, options?: RequestOptions): Promise<FhirConsent>;
  /** Records a disclosure of record data; refused (`journal_data_consent_invalid`) without a valid consent now. */
  discloseJournalData(this: void, referralId: string, options?: RequestOptions): Promise<Disclosure>;
}

/** The consent calls over one request core, for code that loads them apart (the widget's consent view). */
export function consentApi(request: ApiRequest): ConsentApi {
  return {
    recordConsent: (id, consent, { signal } = {}) =>
      request({ method: 'POST', path: `${referralPath(id)}/consents`, body: consent, retry: false, ...withSignal(signal) }),
    listConsents: async (id, { signal } = {}) =>
      (await request<ConsentList>({ method: 'GET', path: `${referralPath(id)}/consents`, retry: true, ...withSignal(signal) })).items,
    withdrawConsent: (id, consentId, { signal } = {}) =>
      request({
        method: 'POST',
        path: `${referralPath(id)}/consents/${encodeURIComponent(consentId)}/withdrawal`,
        body: {},
        retry: false,
        ...withSignal(signal),
      }),
    getConsentFhir: (consentId, { signal } = {}) =>
      request({
        method: 'GET',
        path: `/fhir/Consent/${encodeURIComponent(consentId)}`,
        retry: true,
        ...withSignal(signal),
      }),
    discloseJournalData: (id, { signal } = {}) =>
      request({ method: 'POST', path: `${referralPath(id)}/disclosures`, body: {}, retry: false, ...withSignal(signal) }),
  };
}
