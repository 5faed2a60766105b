import type { FhirQuestionnaireResponse, FollowUpList, NewWho5Response, Who5List, Who5Response } from '@henvis/contracts';
import { referralPath, withSignal, type ApiRequest, type RequestOptions } from './api-request.js';

/** The WHO-5 (trivselsindeks) calls of the client: the navigators' well-being answers and their follow-ups. */
export interface Who5Api {
  /** Stores WHO-5 answers (navigators); refused without a valid well-being consent. Not retried automatically. */
  recordWho5(this: void, referralId: string, response: NewWho5Response, options?: RequestOptions): Promise<Who5Response>;
  /** The WHO-5 answers of a referral and when its follow-up falls due (navigators). */
  listWho5(this: void, referralId: string, options?: RequestOptions): Promise<Who5List>;
  /** WHO-5 answers as a FHIR R4 QuestionnaireResponse to KL's WHO-5 Questionnaire (`/fhir/QuestionnaireResponse/{id}`). */
  getWho5Fhir(this: void, responseId: string, options?: RequestOptions): Promise<FhirQuestionnaireResponse>;
  /** Referrals whose WHO-5 follow-up is due or overdue (navigators). */
  listFollowUps(this: void, query?: { state?: 'due' | 'overdue' }, options?: RequestOptions): Promise<FollowUpList>;
}

/** The WHO-5 calls over one request core, for code that loads them apart (the widget's WHO-5 view). */
export function who5Api(request: ApiRequest): Who5Api {
  return {
    recordWho5: (id, response, { signal } = {}) =>
      request({ method: 'POST', path: `${referralPath(id)}/who5`, body: response, retry: false, ...withSignal(signal) }),
    listWho5: (id, { signal } = {}) => request({ method: 'GET', path: `${referralPath(id)}/who5`, retry: true, ...withSignal(signal) }),
    getWho5Fhir: (responseId, { signal } = {}) =>
      request({
        method: 'GET',
        path: `/fhir/QuestionnaireResponse/${encodeURIComponent(responseId)}`,
        retry: true,
        ...withSignal(signal),
      }),
    listFollowUps: (query = {}, { signal } = {}) =>
      request({
        method: 'GET',
        path: `/v1/who5-follow-ups${query.state ? `?state=${query.state}` : ''}`,
        retry: true,
        ...withSignal(signal),
      }),
  };
}
