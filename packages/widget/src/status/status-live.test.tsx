// @vitest-environment happy-dom
/**
 * The status list kept current by the page's one live stream: each event fetches only what it names, counted here
 * request by request (before this, every event cost 1 + 3N requests: the list, then each of the N referrals'
 * timeline, consents and messages).
 */
import { fireEvent, waitFor, within } from '@testing-library/preact';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConsultationContext } from '@henvis/contracts';
import type { OnStatusChanged } from '@henvis/sdk';
import {
  MOCK_API,
  apiHandlers,
  createMockApi,
  demoContext,
  demoNavigator,
  endStreams,
  moveTo,
  seedConsent,
  seedMessage,
  seedReferral,
  withdrawConsent,
  type MockApi,
} from '../mocks/handlers.js';
import { mountWidget, unmountAll } from '../mocks/mount-widget.js';
import { openPageStreams } from './page-stream.js';

const server = setupServer();
/** Every request the widgets made, in order, with the Last-Event-ID of a stream's. */
let requests: { call: string; lastEventId: string | null }[] = [];
beforeAll(() => {
  server.listen({ onUnhandledRequest: 'error' });
  server.events.on('request:start', ({ request }) => {
    requests.push({ call: `${request.method} ${new URL(request.url).pathname}`, lastEventId: request.headers.get('last-event-id') });
  });
});
beforeEach(() => {
  requests = [];
});
afterEach(() => {
  unmountAll();
  server.resetHandlers();
  vi.restoreAllMocks();
});
afterAll(() => server.close());

const STREAM = 'GET /v1/events/stream';
/** The journal feed's look at the changes after its position: one per wake, whatever the changes. */
const CHANGES = 'GET /v1/events';
/**
 * The API calls made since `from`, the stream and the feed's looks at the changes left out: the feed files each
 * change from what the list fetched for it, so what a change costs is counted here.
 */
const callsSince = (from: number) => requests.slice(from).flatMap((r) => (r.call === STREAM || r.call === CHANGES ? [] : [r.call]));
const streamsOpened = () => requests.filter((r) => r.call === STREAM).length;
/** Long enough for a request that an event would cause to have started (the old list waited 150 ms, then 1 + 3N). */
const quiet = () => new Promise((resolve) => setTimeout(resolve, 300));

const otherPatient: ConsultationContext = { ...demoContext, patient: { cpr: '120345-1234', name: 'Ole Olsen' } };

/** N referrals of the patient, each with a message and a consent, behind the mock API. */
function seeded(n: number): MockApi {
  const api = createMockApi();
  for (let i = 0; i < n; i++) {
    const referral = seedReferral(api, 'contacted', demoContext, new Date(Date.UTC(2026, 10, 10 + i, 9)));
    seedMessage(api, referral.id, `Besked ${i + 1}`, undefined, new Date(Date.UTC(2026, 10, 11 + i, 9)));
    seedConsent(api, referral.id, 'journal_data', 'given', { at: new Date(Date.UTC(2026, 10, 11 + i, 10)), by: demoNavigator });
  }
  server.use(...apiHandlers(api));
  return api;
}

/** A status list on the page, with a spy on its status changes, once its first look is done. */
async function statusList(api: MockApi, n = api.referrals.length) {
  const onStatusChanged = vi.fn<OnStatusChanged>();
  const mounted = mountWidget({ view: 'status', onStatusChanged });
  await waitFor(() => expect(mounted.shadow.querySelectorAll('.card')).toHaveLength(n));
  await waitFor(() => expect(api.live.streams.size).toBeGreaterThan(0));
  await quiet();
  return { ...mounted, onStatusChanged };
}

describe('the status list, live', () => {
  it('looks once at first, then fetches only what each event names: a status change 2 requests, a message 1, a consent 1', async () => {
    const n = 4;
    const api = seeded(n);
    const { ui, shadow, callbacks, onStatusChanged } = await statusList(api);
    // The first look: the list once, and what the view shows of each referral (timeline, consents, messages).
    expect(callsSince(0).filter((c) => c === 'GET /v1/referrals')).toHaveLength(1);
    expect(callsSince(0)).toHaveLength(1 + 3 * n);
    expect(streamsOpened()).toBe(1);
    expect(onStatusChanged).not.toHaveBeenCalled();
    expect(callbacks.onMessageReceived).not.toHaveBeenCalled();

    const target = api.referrals[2]!;
    let from = requests.length;
    moveTo(api, target.id, 'plan_made');
    await waitFor(() => expect(onStatusChanged).toHaveBeenCalledTimes(1));
    await quiet();
    expect(callsSince(from).sort()).toEqual([`GET /v1/referrals/${target.id}`, `GET /v1/referrals/${target.id}/events`]);
    expect(onStatusChanged.mock.calls[0]![0]).toMatchObject({ referralId: target.id, from: 'contacted', to: 'plan_made' });
    expect(onStatusChanged.mock.calls[0]![0].journalNote).toMatch(
      /status ændret fra "Borgeren er kontaktet" til "Plan lagt" .* af Sofie Kjær\./,
    );
    const card = within([...shadow.querySelectorAll<HTMLElement>('.card')].find((c) => c.textContent.includes('Plan lagt'))!);
    expect(card.getByText('Plan lagt', { selector: '.pill' })).toBeTruthy();

    from = requests.length;
    const message = seedMessage(api, target.id, 'Karen vil gerne prøve koret.');
    await waitFor(() => expect(callbacks.onMessageReceived).toHaveBeenCalledTimes(1));
    await ui.findByText(/Karen vil gerne prøve koret\./);
    await quiet();
    expect(callsSince(from)).toEqual([`GET /v1/referrals/${target.id}/messages`]);
    expect(callbacks.onMessageReceived.mock.calls[0]![0]).toMatchObject({ referralId: target.id, message: { id: message.id } });

    from = requests.length;
    const consent = seedConsent(api, target.id, 'wellbeing_data', 'given', { by: demoNavigator });
    await waitFor(() => expect(callbacks.onConsentRecorded).toHaveBeenCalledTimes(1));
    await quiet();
    expect(callsSince(from)).toEqual([`GET /v1/referrals/${target.id}/consents`]);
    expect(callbacks.onConsentRecorded.mock.calls[0]![0].consent.id).toBe(consent.id);

    from = requests.length;
    withdrawConsent(api, consent, demoNavigator);
    await waitFor(() => expect(callbacks.onConsentWithdrawn).toHaveBeenCalledTimes(1));
    await quiet();
    expect(callsSince(from)).toEqual([`GET /v1/referrals/${target.id}/consents`]);
    expect(callbacks.onConsentWithdrawn.mock.calls[0]![0].journalNote).toMatch(/^Samtykke til trivselsdata \(givet .*\) trukket tilbage/);

    // Each reached the journal once, and nothing older did.
    expect(onStatusChanged).toHaveBeenCalledTimes(1);
    expect(callbacks.onMessageReceived).toHaveBeenCalledTimes(1);
    expect(callbacks.onConsentRecorded).toHaveBeenCalledTimes(1);
    expect(streamsOpened()).toBe(1);
  });

  it("adds the patient's referral sent elsewhere with one request, and fetches another citizen's once, then ignores it", async () => {
    const api = seeded(1);
    const { shadow, onStatusChanged } = await statusList(api);
    let from = requests.length;
    const elsewhere = seedReferral(api, 'sent', demoContext, new Date());
    await waitFor(() => expect(shadow.querySelectorAll('.card')).toHaveLength(2));
    await quiet();
    expect(callsSince(from)).toEqual([`GET /v1/referrals/${elsewhere.id}`]);

    from = requests.length;
    const stranger = seedReferral(api, 'sent', otherPatient, new Date());
    await quiet();
    moveTo(api, stranger.id, 'received');
    seedMessage(api, stranger.id, 'Ikke til dig.');
    await quiet();
    expect(callsSince(from)).toEqual([`GET /v1/referrals/${stranger.id}`]);
    expect(shadow.querySelectorAll('.card')).toHaveLength(2);
    expect(shadow.textContent).not.toContain('Ikke til dig.');
    expect(onStatusChanged).not.toHaveBeenCalled();

    // The one sent elsewhere moves on: its timeline is fetched the first time, and only the change named is news.
    from = requests.length;
    moveTo(api, elsewhere.id, 'received');
    await waitFor(() => expect(onStatusChanged).toHaveBeenCalledTimes(1));
    await quiet();
    expect(callsSince(from).sort()).toEqual([`GET /v1/referrals/${elsewhere.id}`, `GET /v1/referrals/${elsewhere.id}/events`]);
    expect(onStatusChanged.mock.calls[0]![0]).toMatchObject({ referralId: elsewhere.id, from: 'sent', to: 'received' });
  });

  it('shows a referral sent from the launcher on the page without asking the API for it', async () => {
    const api = seeded(1);
    const launcher = mountWidget({ view: 'launcher' });
    const { shadow } = await statusList(api);
    const from = requests.length;
    fireEvent.click(launcher.ui.getByRole('button', { name: 'Social henvisning' }));
    const dialog = within(await launcher.ui.findByRole('dialog'));
    fireEvent.click(dialog.getByLabelText('Ensomhed'));
    fireEvent.click(dialog.getByRole('button', { name: 'Send henvisning' }));
    await dialog.findByText('Henvisningen er sendt');
    await waitFor(() => expect(shadow.querySelectorAll('.card')).toHaveLength(2));
    await quiet();
    // The dialog's one look for the citizen's open referrals, and the launcher's POST; its referral.created event
    // finds the referral in the list already.
    expect(callsSince(from)).toEqual(['POST /v1/referrals/search', 'POST /v1/referrals']);
    expect(api.live.events.at(-1)).toMatchObject({ type: 'referral.created', referralId: api.referrals[0]!.id });
    expect(streamsOpened()).toBe(1);
  });

  it('serves two status lists on one page with one stream, fetches once for both, and closes it when both are gone', async () => {
    const api = seeded(3);
    const first = await statusList(api);
    const second = await statusList(api);
    expect(streamsOpened()).toBe(1);
    expect(api.live.streams.size).toBe(1);
    expect(openPageStreams()).toBe(1);

    const from = requests.length;
    const target = api.referrals[1]!;
    moveTo(api, target.id, 'linked');
    seedMessage(api, target.id, 'Hun er startet i gåklubben.');
    await waitFor(() => expect(second.shadow.textContent).toContain('Hun er startet i gåklubben.'));
    await waitFor(() => expect(first.shadow.textContent).toContain('Hun er startet i gåklubben.'));
    await quiet();
    // The journal hears of each once, from whichever list got there first.
    expect(first.onStatusChanged.mock.calls.length + second.onStatusChanged.mock.calls.length).toBe(1);
    expect(first.callbacks.onMessageReceived.mock.calls.length + second.callbacks.onMessageReceived.mock.calls.length).toBe(1);
    // Both events came in one read of the stream: one batch of reads, shared by the two lists.
    expect(callsSince(from).sort()).toEqual([
      `GET /v1/referrals/${target.id}`,
      `GET /v1/referrals/${target.id}/events`,
      `GET /v1/referrals/${target.id}/messages`,
    ]);

    vi.spyOn(console, 'warn').mockImplementation(() => {}); // the test's cleanup destroys them again
    first.handle.destroy();
    await quiet();
    expect(api.live.streams.size).toBe(1);
    expect(openPageStreams()).toBe(1);
    moveTo(api, target.id, 'closed');
    await waitFor(() => expect(second.onStatusChanged.mock.calls.length + first.onStatusChanged.mock.calls.length).toBe(2));
    second.handle.destroy();
    await waitFor(() => expect(api.live.streams.size).toBe(0));
    expect(openPageStreams()).toBe(0);
    await quiet();
    expect(streamsOpened()).toBe(1);
  });

  it('resumes after a dropped connection with Last-Event-ID: what happened meanwhile arrives, without a look at everything', async () => {
    const api = seeded(3);
    const { callbacks, onStatusChanged } = await statusList(api);
    const target = api.referrals[0]!;
    seedMessage(api, target.id, 'Første besked.');
    await waitFor(() => expect(callbacks.onMessageReceived).toHaveBeenCalledTimes(1));
    const delivered = api.live.events.at(-1)!.id;
    await quiet();

    const from = requests.length;
    endStreams(api.live);
    moveTo(api, target.id, 'plan_made'); // while no stream is open: only the outbox has it
    await waitFor(() => expect(onStatusChanged).toHaveBeenCalledTimes(1));
    await quiet();
    expect(requests.slice(from).filter((r) => r.call === STREAM)).toEqual([{ call: STREAM, lastEventId: delivered }]);
    expect(callsSince(from).sort()).toEqual([`GET /v1/referrals/${target.id}`, `GET /v1/referrals/${target.id}/events`]);
  });

  it('looks at everything once when a reconnect cannot resume (no event came before it), and hands over what changed', async () => {
    const n = 2;
    const api = seeded(n);
    const { onStatusChanged } = await statusList(api);
    const from = requests.length;
    const target = api.referrals[1]!;
    // The change is made while the stream is away, and no event was delivered before: nothing to resume after.
    const quietStream = http.get(`${MOCK_API}/v1/events/stream`, () => HttpResponse.error());
    server.use(quietStream);
    endStreams(api.live);
    moveTo(api, target.id, 'linked');
    await quiet();
    server.resetHandlers(...apiHandlers(api));
    await waitFor(() => expect(onStatusChanged).toHaveBeenCalledTimes(1), { timeout: 5000 });
    await quiet();
    expect(
      requests
        .slice(from)
        .filter((r) => r.call === STREAM)
        .every((r) => r.lastEventId === null),
    ).toBe(true);
    expect(callsSince(from)).toHaveLength(1 + 3 * n);
    expect(callsSince(from).filter((c) => c === 'GET /v1/referrals')).toHaveLength(1);
    expect(onStatusChanged.mock.calls[0]![0]).toMatchObject({ referralId: target.id, to: 'linked' });
  });

  it('looks again when the page is shown only while the stream is down', async () => {
    const api = seeded(1);
    await statusList(api);
    let from = requests.length;
    document.dispatchEvent(new Event('visibilitychange'));
    await quiet();
    expect(callsSince(from)).toEqual([]);

    server.use(http.get(`${MOCK_API}/v1/events/stream`, () => HttpResponse.error()));
    endStreams(api.live);
    await quiet();
    from = requests.length;
    document.dispatchEvent(new Event('visibilitychange'));
    await waitFor(() => expect(callsSince(from)).toContain('GET /v1/referrals'));
  });

  it("stops showing the previous patient's referrals as soon as the journal moves to another patient", async () => {
    const api = seeded(1);
    seedReferral(api, 'received', otherPatient);
    const { handle, shadow, ui } = await statusList(api, 1);
    let answer!: () => void;
    const answered = new Promise<void>((resolve) => (answer = resolve));
    server.use(
      http.get(`${MOCK_API}/v1/referrals`, async () => {
        await answered;
        return HttpResponse.json({ items: api.referrals });
      }),
    );
    handle.update({ context: otherPatient });
    await ui.findByText('Henter henvisninger…');
    expect(shadow.querySelectorAll('.card')).toHaveLength(0);
    answer();
    await waitFor(() => expect(shadow.querySelector('.pill')?.textContent).toBe('Modtaget af socialnavigatør'));
    expect(shadow.querySelectorAll('.card')).toHaveLength(1);
    expect(api.live.streams.size).toBe(1);
  });
});
