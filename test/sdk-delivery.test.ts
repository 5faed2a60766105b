/**
 * The SDK against the real server, through a fetch that fails in the ways networks do: a referral is stored
 * exactly once whether the server is down, slow, or its answer is lost after it stored the referral.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleNewReferral, type LiveEvent } from '@henvis/contracts';
import { createHenvisClient, createReferralOutbox, subscribeToEvents } from '@henvis/sdk';
import { signDevToken } from '@henvis/server';
import { AUDIENCE, startInProcessApi, type InProcessApi } from './in-process-api.js';

let api: InProcessApi;
beforeAll(async () => {
  api = await startInProcessApi();
});
afterAll(() => api.close());

const count = async () => (await api.db.query<{ n: number }>('select count(*)::int as n from referrals'))[0]!.n;
const getToken = () => signDevToken({ role: 'doctor', org: '045678', audience: AUDIENCE });

/** A fetch whose n-th call (from 1) behaves as `faults[n]` says; other calls go through. */
function faulty(faults: Record<number, 'down' | 'lose-answer' | 'slow'>) {
  let n = 0;
  return async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const fault = faults[++n];
    if (fault === 'down') throw new TypeError('fetch failed: ECONNREFUSED');
    if (fault === 'slow') {
      await new Promise((_, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal!.reason as Error)));
    }
    const response = await fetch(input, init);
    if (fault === 'lose-answer') throw new TypeError('fetch failed: socket hang up');
    return response;
  };
}

describe('delivering a referral through failures', () => {
  it.each([
    ['the server is down twice', { 1: 'down', 2: 'down' }],
    ['the answer is lost after the server stored it', { 1: 'lose-answer' }],
    ['the answer is lost twice', { 1: 'lose-answer', 2: 'lose-answer' }],
    ['the first attempt hangs until it times out', { 1: 'slow' }],
  ] as const)('stores exactly one referral when %s', async (_what, faults) => {
    const before = await count();
    const client = createHenvisClient({
      apiUrl: api.url,
      getToken,
      fetch: faulty(faults),
      timeoutMs: 500,
      retry: { baseDelayMs: 5, maxDelayMs: 20 },
    });
    const referral = await client.createReferral(exampleNewReferral);
    expect(referral.status).toBe('sent');
    expect(await count()).toBe(before + 1);
  });

  it('queues through a longer outage and delivers once when the service is back', async () => {
    const before = await count();
    const faults = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [i + 1, i % 3 === 2 ? 'lose-answer' : 'down'])) as Record<
      number,
      'down'
    >;
    const client = createHenvisClient({
      apiUrl: api.url,
      getToken,
      fetch: faulty(faults),
      retry: { attempts: 2, baseDelayMs: 1, maxDelayMs: 2 },
    });
    const outbox = createReferralOutbox(client, { maxDelayMs: 10 });
    let queued = 0;
    const referral = await outbox.send(exampleNewReferral, { onQueued: () => queued++ });
    expect(queued).toBe(1);
    expect(outbox.pending).toEqual([]);
    expect(await count()).toBe(before + 1);
    expect((await api.db.query<{ id: string }>('select id from referrals order by created_at desc limit 1'))[0]!.id).toBe(referral.id);
  });
});

describe("the outbox's single attempts against the real server", () => {
  it.each([
    ['the first answer is lost after the server stored it, the second attempt hangs', { 1: 'lose-answer', 2: 'slow' }],
    ['the first attempt hangs, the second answer is lost', { 1: 'slow', 2: 'lose-answer' }],
  ] as const)('stores exactly one referral when %s', async (_what, faults) => {
    const before = await count();
    // The client's own retries would hide what the outbox does: it asks for one attempt at a time.
    const client = createHenvisClient({
      apiUrl: api.url,
      getToken,
      fetch: faulty(faults),
      retry: { attempts: 5, baseDelayMs: 1, maxDelayMs: 1 },
    });
    const outbox = createReferralOutbox(client, { attemptTimeoutMs: 300, maxDelayMs: 5 });
    let queued = 0;
    const referral = await outbox.send(exampleNewReferral, { onQueued: () => queued++ });
    expect(referral.status).toBe('sent');
    expect(queued).toBe(1);
    expect(await count()).toBe(before + 1);
  });
});

describe('the typed client across the whole course', () => {
  it('carries a referral from the GP to the navigator and back: status, contact, messages, plan, offers; WHO-5 stays with the navigators', async () => {
    const gp = createHenvisClient({ apiUrl: api.url, getToken });
    const navigator = createHenvisClient({
      apiUrl: api.url,
      getToken: () => signDevToken({ role: 'navigator', org: 'norddjurs-navigatorer', audience: AUDIENCE }),
    });
    const { id } = await gp.createReferral(exampleNewReferral);
    for (const to of ['received', 'accepted'] as const) await navigator.transitionReferral(id, { to });
    await navigator.logContact(id, { kind: 'phone', outcome: 'reached', at: new Date().toISOString(), durationMinutes: 10 });
    expect((await gp.getReferral(id)).status).toBe('contacted');
    expect(await navigator.listContacts(id)).toMatchObject({ count: 1, firstContactOverdue: false });
    const question = await navigator.sendMessage(id, { body: 'Hvornår passer det Karen at blive ringet op?' });
    await gp.sendMessage(id, { body: 'Om formiddagen.', inReplyTo: question.id });
    expect((await navigator.listMessages(id)).map((m) => m.author.role)).toEqual(['navigator', 'doctor']);
    const error = await gp.recordWho5(id, { kind: 'baseline', answers: [3, 3, 3, 3, 3] }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'role_not_allowed', status: 403 });

    await navigator.savePlan(id, {
      goals: 'Ud af huset to gange om ugen.',
      bridgeBuilder: false,
      companion: true,
      nextStep: 'Gåklubben tirsdag.',
      nextStepDate: '2026-12-01',
    });
    const [walk] = await navigator.searchOffers({ category: 'walking', weekday: 'TU' });
    const link = await navigator.linkOffer(id, walk!.id);
    await navigator.moveOfferLink(id, link.id, 'started');
    expect((await gp.getReferral(id)).status).toBe('linked');
    expect((await gp.listOfferLinks(id)).map((l) => [l.offerName, l.state])).toEqual([['Gåture for alle', 'started']]);
    await navigator.recordUnmetNeed({ referralId: id, category: 'creative', area: 'Grenaa' });
    expect(await navigator.unmetNeedSummary()).toEqual([expect.objectContaining({ category: 'creative', area: 'Grenaa', count: 1 })]);
  });
});

describe('live events in the SDK', () => {
  it('hears every change in order, once, and stops when closed', async () => {
    const gp = createHenvisClient({ apiUrl: api.url, getToken });
    const navigator = createHenvisClient({
      apiUrl: api.url,
      getToken: () => signDevToken({ role: 'navigator', org: 'norddjurs-navigatorer', audience: AUDIENCE }),
    });
    const heard: LiveEvent[] = [];
    const live = subscribeToEvents({ apiUrl: api.url, getToken, onEvent: (event) => heard.push(event) });
    await new Promise((resolve) => setTimeout(resolve, 500));
    const { id } = await gp.createReferral(exampleNewReferral);
    await navigator.transitionReferral(id, { to: 'received' });
    await navigator.sendMessage(id, { body: 'Hej' });
    await expect
      .poll(() => heard.filter((e) => e.referralId === id).map((e) => e.type), { timeout: 5000 })
      .toEqual(['referral.created', 'referral.status_changed', 'message.created']);
    expect(heard.find((e) => e.type === 'referral.status_changed')!.data).toEqual({
      referralId: id,
      from: 'sent',
      to: 'received',
      eventId: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    live.close();
    await navigator.transitionReferral(id, { to: 'accepted' });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(heard.filter((e) => e.referralId === id)).toHaveLength(3);
  });
});
