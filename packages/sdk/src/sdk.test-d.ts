/**
 * The SDK's public types, checked by the compiler (`pnpm typecheck`): what a vendor may write compiles, and what
 * would be a bug does not (each `@ts-expect-error` fails the typecheck if the line ever starts compiling).
 */
import { expectTypeOf } from 'vitest';
import type { ConsentRecord, HenvisErrorCode, Measures, Plan, Referral, ReferralStatus, Refusals } from '@henvis/contracts';
import {
  cacheToken,
  createHenvisClient,
  type GetToken,
  type HenvisCatchUp,
  type MessageSentPayload,
  type OnMessageSent,
  type AuditApi,
  type CatalogueApi,
  type ConsentApi,
  type CourseApi,
  type ReferralApi,
  type ResultsApi,
  type Who5Api,
  henvisEventNames,
  loadHenvis,
  type Henvis,
  type HenvisClient,
  type HenvisError,
  type HenvisEventMeta,
  type HenvisEventName,
  type HenvisHandle,
  type HenvisMountOptions,
  type HenvisView,
  type HenvisWho5Options,
  type OnConsentRecorded,
  type OnConsentWithdrawn,
  type OnError,
  type OnReferralSent,
  type OnStatusChanged,
  type OnWho5Recorded,
} from './index.js';

declare const context: HenvisMountOptions['context'];
declare const henvis: Henvis;

// loadHenvis resolves the embed API, or null outside a browser.
expectTypeOf(loadHenvis({ remoteUrl: 'https://widget.example/script/henvis.js' })).toEqualTypeOf<Promise<Henvis | null>>();
// @ts-expect-error the remote URL is required
void loadHenvis({});

// mount takes an element or a selector, and gives a handle.
const handle = henvis.mount('#henvis', { apiUrl: 'https://api.example', context, getToken: () => 'token' });
expectTypeOf(handle).toEqualTypeOf<HenvisHandle>();
expectTypeOf(henvis.mount).parameter(0).toEqualTypeOf<string | HTMLElement>();
// getToken may answer synchronously or with a promise, and is told when the old token was refused.
expectTypeOf<HenvisMountOptions['getToken']>().parameter(0).toEqualTypeOf<{ refresh: boolean }>();
henvis.mount('#henvis', { apiUrl: '', context, getToken: async ({ refresh }) => (refresh ? 'new' : 'cached') });
// @ts-expect-error a widget without a way to get tokens cannot call the API
henvis.mount('#henvis', { apiUrl: '', context });
// @ts-expect-error Danish and English only
henvis.mount('#henvis', { apiUrl: '', context, getToken: () => '', locale: 'de' });
// @ts-expect-error the views are launcher, status and both
henvis.mount('#henvis', { apiUrl: '', context, getToken: () => '', view: 'sidebar' });
// The consent and WHO-5 views work on one referral, named by its id.
expectTypeOf<HenvisView>().toEqualTypeOf<'launcher' | 'status' | 'both' | 'consent' | 'who5'>();
henvis.mount('#henvis', {
  apiUrl: '',
  context,
  getToken: () => '',
  view: 'consent',
  referralId: 'r-1',
  onConsentRecorded: ({ journalNote }) => void journalNote,
});
henvis.mount('#henvis', {
  apiUrl: '',
  context,
  getToken: () => '',
  view: 'who5',
  referralId: 'r-1',
  who5: { audience: 'citizen', onePerScreen: true },
});
expectTypeOf<HenvisWho5Options['audience']>().toEqualTypeOf<'navigator' | 'citizen' | undefined>();
// @ts-expect-error a referral id is a string
henvis.mount('#henvis', { apiUrl: '', context, getToken: () => '', view: 'consent', referralId: 42 });
// @ts-expect-error the WHO-5 screen is held by the navigator or the citizen, never shown to another audience
henvis.mount('#henvis', { apiUrl: '', context, getToken: () => '', view: 'who5', referralId: 'r-1', who5: { audience: 'doctor' } });
// @ts-expect-error one statement per screen is on or off
henvis.mount('#henvis', { apiUrl: '', context, getToken: () => '', view: 'who5', referralId: 'r-1', who5: { onePerScreen: 'yes' } });
// @ts-expect-error density is compact or comfortable
henvis.mount('#henvis', { apiUrl: '', context, getToken: () => '', theme: { density: 'tiny' } });

// update changes what the journal may change while mounted: not where the API is, nor how tokens are got.
handle.update({ context, locale: 'en', theme: { colorPrimary: '#005a70' } });
// @ts-expect-error the API address is fixed for a mounted widget
handle.update({ apiUrl: 'https://elsewhere.example' });
// @ts-expect-error so is the token source
handle.update({ getToken: () => '' });

// Every callback is (payload, meta) => void, with the payload typed per event.
expectTypeOf<OnReferralSent>().parameters.toEqualTypeOf<[{ referral: Referral; journalNote: string }, HenvisEventMeta]>();
expectTypeOf<OnStatusChanged>().parameter(0).toHaveProperty('to').toEqualTypeOf<ReferralStatus>();
expectTypeOf<OnError>().parameter(0).toEqualTypeOf<{ code: HenvisErrorCode; message: string }>();
expectTypeOf<OnConsentRecorded>().parameters.toEqualTypeOf<[{ consent: ConsentRecord; journalNote: string }, HenvisEventMeta]>();
expectTypeOf<OnConsentWithdrawn>().parameter(0).toEqualTypeOf<{ consent: ConsentRecord; journalNote: string }>();
expectTypeOf<OnWho5Recorded>().parameter(0).toEqualTypeOf<{ responseId: string; kind: 'baseline' | 'follow_up' }>();
// @ts-expect-error WHO-5 answers are evaluation data, not journal data: the event carries no answers to file
const leakingCallback: OnWho5Recorded = ({ answers }) => void answers;
void leakingCallback;
// @ts-expect-error nor a score
const scoringCallback: OnWho5Recorded = (payload) => void payload.score;
void scoringCallback;
// @ts-expect-error a referralSent payload has no `status` to read
const wrongCallback: OnReferralSent = (payload: { status: string }) => void payload;
void wrongCallback;

// The event names are a closed, stable list.
expectTypeOf(henvisEventNames).toEqualTypeOf<
  readonly [
    'ready',
    'referralSent',
    'referralQueued',
    'statusChanged',
    'error',
    'consentRecorded',
    'consentWithdrawn',
    'who5Recorded',
    'messageReceived',
    'messageSent',
  ]
>();
expectTypeOf<HenvisEventMeta['event']>().toEqualTypeOf<HenvisEventName>();
// A note carries its id and, from a change, its position: what the journal keeps to catch up and file once.
expectTypeOf<HenvisEventMeta['noteId']>().toEqualTypeOf<string | undefined>();
expectTypeOf<HenvisEventMeta['position']>().toEqualTypeOf<string | undefined>();
expectTypeOf<OnMessageSent>().parameter(0).toEqualTypeOf<MessageSentPayload>();
// Catching up: the position kept, or null for the first time; nothing else.
expectTypeOf<NonNullable<HenvisMountOptions['catchUp']>>().toEqualTypeOf<HenvisCatchUp>();
expectTypeOf<HenvisCatchUp['after']>().toEqualTypeOf<string | null>();
// @ts-expect-error the position is the meta's string, not a number
const numbered: HenvisCatchUp = { after: 42 };
void numbered;
// The referrer is whoever the token names: a practitioner in the context is deprecated and optional.
const withoutPractitioner: HenvisMountOptions['context'] = {
  patient: { cpr: '010190-2345', name: 'Karen Jensen' },
  practice: { id: '045678', name: 'Lægehuset Grenaa' },
};
void withoutPractitioner;
// The token cache keeps the shape of a GetToken.
expectTypeOf(cacheToken(() => 'token')).toExtend<GetToken>();

// The client: typed methods, typed errors with the API's stable codes.
const client: HenvisClient = createHenvisClient({ apiUrl: 'https://api.example', getToken: () => 'token' });
// The client is its method groups together, each an interface of its own for code that takes only some of them.
type MethodGroups = ReferralApi & ConsentApi & Who5Api & CourseApi & CatalogueApi & ResultsApi & AuditApi;
expectTypeOf<HenvisClient>().toExtend<MethodGroups>();
expectTypeOf<keyof HenvisClient>().toEqualTypeOf<keyof MethodGroups>();
expectTypeOf<CourseApi['getPlan']>().returns.toEqualTypeOf<Promise<Plan | null>>();
expectTypeOf(client.getReferral).returns.toEqualTypeOf<Promise<Referral>>();
expectTypeOf(client.getMeasures).returns.toEqualTypeOf<Promise<Measures>>();
// @ts-expect-error a month is YYYY-MM, not a date
void client.getMeasures({ from: 2026 });
expectTypeOf(client.getRefusals).returns.toEqualTypeOf<Promise<Refusals>>();
// @ts-expect-error a day is YYYY-MM-DD text, not a Date
void client.getRefusals({ from: new Date() });
expectTypeOf<HenvisError['code']>().toEqualTypeOf<HenvisErrorCode>();
void client.transitionReferral('id', { to: 'received' });
void client.transitionReferral('id', { to: 'closed', reason: 'goal_reached', note: 'Går nu fast i strikkeklubben.' });
// @ts-expect-error closing needs a reason and a note
void client.transitionReferral('id', { to: 'closed' });
// @ts-expect-error no such status
void client.transitionReferral('id', { to: 'archived' });
