/**
 * The SDK's public types, checked by the compiler (`pnpm typecheck`): what a vendor may write compiles, and what
 * would be a bug does not (each `@ts-expect-error` fails the typecheck if the line ever starts compiling).
 */
import { expectTypeOf } from 'vitest';
import type { HenvisErrorCode, Referral, ReferralStatus } from '@henvis/contracts';
import {
  createHenvisClient,
  henvisEventNames,
  loadHenvis,
  type Henvis,
  type HenvisClient,
  type HenvisError,
  type HenvisEventMeta,
  type HenvisEventName,
  type HenvisHandle,
  type HenvisMountOptions,
  type OnError,
  type OnReferralSent,
  type OnStatusChanged,
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
// @ts-expect-error a referralSent payload has no `status` to read
const wrongCallback: OnReferralSent = (payload: { status: string }) => void payload;
void wrongCallback;

// The event names are a closed, stable list.
expectTypeOf(henvisEventNames).toEqualTypeOf<readonly ['ready', 'referralSent', 'referralQueued', 'statusChanged', 'error']>();
expectTypeOf<HenvisEventMeta['event']>().toEqualTypeOf<HenvisEventName>();

// The client: typed methods, typed errors with the API's stable codes.
const client: HenvisClient = createHenvisClient({ apiUrl: 'https://api.example', getToken: () => 'token' });
expectTypeOf(client.getReferral).returns.toEqualTypeOf<Promise<Referral>>();
expectTypeOf<HenvisError['code']>().toEqualTypeOf<HenvisErrorCode>();
void client.transitionReferral('id', { to: 'received' });
void client.transitionReferral('id', { to: 'closed', reason: 'goal_reached', note: 'Går nu fast i strikkeklubben.' });
// @ts-expect-error closing needs a reason and a note
void client.transitionReferral('id', { to: 'closed' });
// @ts-expect-error no such status
void client.transitionReferral('id', { to: 'archived' });
