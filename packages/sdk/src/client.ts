import type {
  AssignRequest,
  Colleague,
  FirstContactList,
  NewOffer,
  NewUnmetNeed,
  Offer,
  OfferLink,
  OfferLinkState,
  OfferQuery,
  UnmetNeed,
  UnmetNeedSummary,
  NewPlan,
  Plan,
  ConsentRecord,
  ContactLog,
  ContactLogEntry,
  Message,
  NewContactLogEntry,
  NewMessage,
  Disclosure,
  FhirConsent,
  FhirQuestionnaireResponse,
  FollowUpList,
  HsdsImportReport,
  NewConsent,
  NewReferral,
  NewWho5Response,
  Referral,
  ReferralEvent,
  ReferralPage,
  TransitionRequest,
  Who5List,
  Who5Response,
} from '@henvis/contracts';
import { createApiRequest, type HenvisClientOptions, type RequestOptions } from './api-request.js';
import { catalogueApi } from './catalogue-api.js';
import { consentApi } from './consent-api.js';
import { courseApi } from './course-api.js';
import { referralApi, type ListReferralsOptions } from './referral-api.js';

export type { GetToken, HenvisClientOptions, RequestOptions } from './api-request.js';
export type { ListReferralsOptions } from './referral-api.js';
import { who5Api } from './who5-api.js';

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
  /**
   * Like `listReferrals`, and `text` finds citizens by part of the name or by the whole CPR number. Sent as a
   * POST, so the name or number never lands in a URL.
   */
  searchReferrals(query: ListReferralsOptions & { text?: string }, options?: RequestOptions): Promise<ReferralPage>;
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

  /** Writes to the other side (besked): navigator ↔ practice; `inReplyTo` threads a reply. Not retried automatically. */
  sendMessage(referralId: string, message: NewMessage, options?: RequestOptions): Promise<Message>;
  /** The dialogue on a referral, oldest first. */
  listMessages(referralId: string, options?: RequestOptions): Promise<Message[]>;
  /** Logs a contact with the citizen (navigators). Not retried automatically. */
  logContact(referralId: string, contact: NewContactLogEntry, options?: RequestOptions): Promise<ContactLogEntry>;
  /** Hands a taken referral to a colleague in the same navigator organisation (navigators). */
  /** The navigators and coordinators of the caller's organisation, to hand a referral over to (navigators). */
  listColleagues(options?: RequestOptions): Promise<Colleague[]>;
  reassignReferral(referralId: string, to: AssignRequest, options?: RequestOptions): Promise<Referral>;
  /** Saves the individual plan as a new version (navigators). Safe to retry: the same plan is saved again. */
  savePlan(referralId: string, plan: NewPlan, options?: RequestOptions): Promise<Plan>;
  /** The current plan, or null before one is made. */
  getPlan(referralId: string, options?: RequestOptions): Promise<Plan | null>;
  /** Searches the organisation's offers catalogue: category, area, weekday, time, text (navigators). */
  searchOffers(query?: Partial<OfferQuery>, options?: RequestOptions): Promise<Offer[]>;
  getOffer(offerId: string, options?: RequestOptions): Promise<Offer>;
  /** Adds an offer to the catalogue (coordinators). Not retried automatically. */
  createOffer(offer: NewOffer, options?: RequestOptions): Promise<Offer>;
  /** Replaces an offer's description; its ids stay (coordinators). */
  updateOffer(offerId: string, offer: NewOffer, options?: RequestOptions): Promise<Offer>;
  /** Takes an offer out of searches, keeping it for the courses that link to it (coordinators). */
  retireOffer(offerId: string, options?: RequestOptions): Promise<Offer>;
  /**
   * The whole catalogue, retired offers too, as Open Referral HSDS 3.1: `json` a service page, `zip` the tabular
   * data package (one CSV per HSDS table). Resolves to the file, ready to save.
   */
  exportOffers(format: 'json' | 'zip', options?: RequestOptions): Promise<Blob>;
  /**
   * Imports HSDS services (a `json` service page or list, or the `zip` tabular data package), adding or updating
   * offers by service id; each refused service is named in the report with its fields (coordinators). With
   * `dryRun` nothing is saved: the report says what an import would do. Only a dry run is retried automatically.
   */
  importOffers(file: Blob, how: { format: 'json' | 'zip'; dryRun: boolean }, options?: RequestOptions): Promise<HsdsImportReport>;
  /** Links an offer to a course, as proposed (navigators). Not retried automatically. */
  linkOffer(referralId: string, offerId: string, options?: RequestOptions): Promise<OfferLink>;
  /** Follows a linked offer: started, stopped, or attending at 3 months (navigators). Not retried automatically. */
  moveOfferLink(referralId: string, linkId: string, state: OfferLinkState, options?: RequestOptions): Promise<OfferLink>;
  listOfferLinks(referralId: string, options?: RequestOptions): Promise<OfferLink[]>;
  /** Records a need no offer met (navigators). Not retried automatically. */
  recordUnmetNeed(need: NewUnmetNeed, options?: RequestOptions): Promise<UnmetNeed>;
  /** Unmet needs by category and area (navigators, coordinators). */
  unmetNeedSummary(options?: RequestOptions): Promise<UnmetNeedSummary['items']>;
  /** Referrals still waiting for their first contact, oldest first, with when each is overdue (navigators). */
  listFirstContacts(query?: { state?: 'overdue' }, options?: RequestOptions): Promise<FirstContactList['items']>;
  /** The contact log, with the first contact against its 2 working days (navigators). */
  listContacts(referralId: string, options?: RequestOptions): Promise<ContactLog>;
}

export function createHenvisClient(options: HenvisClientOptions): HenvisClient {
  const request = createApiRequest(options);
  return { ...referralApi(request), ...consentApi(request), ...who5Api(request), ...courseApi(request), ...catalogueApi(request) };
}
