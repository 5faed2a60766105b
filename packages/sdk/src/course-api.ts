import type { ColleagueList, FirstContactList, MessageList, Plan } from '@henvis/contracts';
import { referralPath, withSignal, type ApiRequest } from './api-request.js';
import type { HenvisClient } from './client.js';

/** The dialogue and the navigators' contact log, for code that loads them apart. */
export type CourseApi = Pick<HenvisClient, 'sendMessage' | 'listMessages' | 'logContact' | 'listContacts' | 'reassignReferral' | 'listColleagues' | 'savePlan' | 'getPlan' | 'listFirstContacts'>;

export function courseApi(request: ApiRequest): CourseApi {
  return {
    sendMessage: (id, message, { signal } = {}) => request({ method: 'POST', path: `${referralPath(id)}/messages`, body: message, retry: false, ...withSignal(signal) }),
    listMessages: async (id, { signal } = {}) =>
      (await request<MessageList>({ method: 'GET', path: `${referralPath(id)}/messages`, retry: true, ...withSignal(signal) })).items,
    logContact: (id, contact, { signal } = {}) => request({ method: 'POST', path: `${referralPath(id)}/contacts`, body: contact, retry: false, ...withSignal(signal) }),
    listColleagues: async ({ signal } = {}) => (await request<ColleagueList>({ method: 'GET', path: '/v1/colleagues', retry: true, ...withSignal(signal) })).items,
    reassignReferral: (id, to, { signal } = {}) => request({ method: 'POST', path: `${referralPath(id)}/owner`, body: to, retry: false, ...withSignal(signal) }),
    savePlan: (id, plan, { signal } = {}) => request({ method: 'PUT', path: `${referralPath(id)}/plan`, body: plan, retry: true, ...withSignal(signal) }),
    getPlan: async (id, { signal } = {}) => (await request<{ plan: Plan | null }>({ method: 'GET', path: `${referralPath(id)}/plan`, retry: true, ...withSignal(signal) })).plan,
    listFirstContacts: async (query = {}, { signal } = {}) =>
      (await request<FirstContactList>({ method: 'GET', path: `/v1/first-contacts${query.state ? `?state=${query.state}` : ''}`, retry: true, ...withSignal(signal) })).items,
    listContacts: (id, { signal } = {}) => request({ method: 'GET', path: `${referralPath(id)}/contacts`, retry: true, ...withSignal(signal) }),
  };
}
