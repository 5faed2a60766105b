import type {
  AssignRequest,
  Colleague,
  ColleagueList,
  ContactLog,
  ContactLogEntry,
  FirstContactList,
  Message,
  MessageList,
  NavigatorOrgContact,
  NewContactLogEntry,
  NewMessage,
  NewPlan,
  NextStepList,
  Plan,
  Referral,
} from '@henvis/contracts';
import { referralPath, withSignal, type ApiRequest, type RequestOptions } from './api-request.js';

/**
 * The course (forløb) calls of the client: the dialogue between navigator and practice, the navigators' contact
 * log, hand-overs between colleagues, the individual plan and the first contacts due.
 */
export interface CourseApi {
  /** Writes to the other side (besked): navigator ↔ practice; `inReplyTo` threads a reply. Not retried automatically. */
  sendMessage(this: void, referralId: string, message: NewMessage, options?: RequestOptions): Promise<Message>;
  /** The dialogue on a referral, oldest first. */
  listMessages(this: void, referralId: string, options?: RequestOptions): Promise<Message[]>;
  /**
   * Logs a contact with the citizen and what came of it (navigators): only one with `outcome: 'reached'` is a first
   * contact. Not retried automatically.
   */
  logContact(this: void, referralId: string, contact: NewContactLogEntry, options?: RequestOptions): Promise<ContactLogEntry>;
  /** The contact log, with the first contact that reached the citizen against its 2 working days (navigators). */
  listContacts(this: void, referralId: string, options?: RequestOptions): Promise<ContactLog>;
  /** The navigators and coordinators of the caller's organisation, to hand a referral over to (navigators). */
  listColleagues(this: void, options?: RequestOptions): Promise<Colleague[]>;
  /** The caller's navigator organisation and its phone (navigatørorganisation), to print for the citizen (navigators). */
  getNavigatorOrgContact(this: void, options?: RequestOptions): Promise<NavigatorOrgContact>;
  /** Hands a taken referral to a colleague in the same navigator organisation (navigators). */
  reassignReferral(this: void, referralId: string, to: AssignRequest, options?: RequestOptions): Promise<Referral>;
  /** Saves the individual plan as a new version (navigators). Safe to retry: the same plan is saved again. */
  savePlan(this: void, referralId: string, plan: NewPlan, options?: RequestOptions): Promise<Plan>;
  /** The current plan, or null before one is made. */
  getPlan(this: void, referralId: string, options?: RequestOptions): Promise<Plan | null>;
  /** Referrals still waiting for their first contact, oldest first, with when each is overdue (navigators). */
  listFirstContacts(this: void, query?: { state?: 'overdue' }, options?: RequestOptions): Promise<FirstContactList['items']>;
  /** Open courses whose plan's next step has come (today or past), the earliest first; `owner: 'me'` the caller's own (navigators). */
  listNextSteps(this: void, query?: { owner?: 'me' }, options?: RequestOptions): Promise<NextStepList['items']>;
}

/** The course calls over one request core, for code that loads them apart. */
export function courseApi(request: ApiRequest): CourseApi {
  return {
    sendMessage: (id, message, { signal } = {}) =>
      request({ method: 'POST', path: `${referralPath(id)}/messages`, body: message, retry: false, ...withSignal(signal) }),
    listMessages: async (id, { signal } = {}) =>
      (await request<MessageList>({ method: 'GET', path: `${referralPath(id)}/messages`, retry: true, ...withSignal(signal) })).items,
    logContact: (id, contact, { signal } = {}) =>
      request({ method: 'POST', path: `${referralPath(id)}/contacts`, body: contact, retry: false, ...withSignal(signal) }),
    listColleagues: async ({ signal } = {}) =>
      (await request<ColleagueList>({ method: 'GET', path: '/v1/colleagues', retry: true, ...withSignal(signal) })).items,
    getNavigatorOrgContact: ({ signal } = {}) => request({ method: 'GET', path: '/v1/organisation', retry: true, ...withSignal(signal) }),
    reassignReferral: (id, to, { signal } = {}) =>
      request({ method: 'POST', path: `${referralPath(id)}/owner`, body: to, retry: false, ...withSignal(signal) }),
    savePlan: (id, plan, { signal } = {}) =>
      request({ method: 'PUT', path: `${referralPath(id)}/plan`, body: plan, retry: true, ...withSignal(signal) }),
    getPlan: async (id, { signal } = {}) =>
      (await request<{ plan: Plan | null }>({ method: 'GET', path: `${referralPath(id)}/plan`, retry: true, ...withSignal(signal) })).plan,
    listFirstContacts: async (query = {}, { signal } = {}) =>
      (
        await request<FirstContactList>({
          method: 'GET',
          path: `/v1/first-contacts${query.state ? `?state=${query.state}` : ''}`,
          retry: true,
          ...withSignal(signal),
        })
      ).items,
    listNextSteps: async (query = {}, { signal } = {}) =>
      (
        await request<NextStepList>({
          method: 'GET',
          path: `/v1/next-steps${query.owner ? `?owner=${query.owner}` : ''}`,
          retry: true,
          ...withSignal(signal),
        })
      ).items,
    listContacts: (id, { signal } = {}) =>
      request({ method: 'GET', path: `${referralPath(id)}/contacts`, retry: true, ...withSignal(signal) }),
  };
}
