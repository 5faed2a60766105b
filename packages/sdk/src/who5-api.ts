import { referralPath, withSignal, type ApiRequest } from './api-request.js';
import type { HenvisClient } from './client.js';

/** The WHO-5 calls of the client, for code that loads them apart (the widget's WHO-5 view). */
export type Who5Api = Pick<HenvisClient, 'recordWho5' | 'listWho5' | 'getWho5Fhir' | 'listFollowUps'>;

export function who5Api(request: ApiRequest): Who5Api {
  return {
    recordWho5: (id, response, { signal } = {}) => request({ method: 'POST', path: `${referralPath(id)}/who5`, body: response, retry: false, ...withSignal(signal) }),
    listWho5: (id, { signal } = {}) => request({ method: 'GET', path: `${referralPath(id)}/who5`, retry: true, ...withSignal(signal) }),
    getWho5Fhir: (id, responseId, { signal } = {}) =>
      request({ method: 'GET', path: `${referralPath(id)}/who5/${encodeURIComponent(responseId)}/fhir`, retry: true, ...withSignal(signal) }),
    listFollowUps: (query = {}, { signal } = {}) =>
      request({ method: 'GET', path: `/v1/who5-follow-ups${query.state ? `?state=${query.state}` : ''}`, retry: true, ...withSignal(signal) }),
  };
}
