// @vitest-environment happy-dom
/**
 * Catching up: what happened while the journal was closed reaches the record on the next mount, from the position
 * the journal kept, each note once, across page loads.
 */
import { waitFor } from '@testing-library/preact';
import { http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { HenvisEventMeta, HenvisMountOptions } from '@henvis/sdk';
import {
  MOCK_API,
  apiHandlers,
  createMockApi,
  demoContext,
  demoNavigator,
  moveTo,
  problemResponse,
  seedConsent,
  seedMessage,
  seedReferral,
  withdrawConsent,
  type MockApi,
} from '../mocks/handlers.js';
import { mountWidget, unmountAll } from '../mocks/mount-widget.js';
import { filedOnPage } from '../widget-store.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  unmountAll();
  filedOnPage.clear();
  server.resetHandlers();
  vi.restoreAllMocks();
});
afterAll(() => server.close());

/** A journal as the demo hosts keep one: its notes by id and the position of the last, across page loads. */
function journal() {
  const notes: { id: string; text: string }[] = [];
  let position: string | null = null;
  const file = (payload: { journalNote: string }, meta: HenvisEventMeta) => {
    if (!notes.some((n) => n.id === meta.noteId)) notes.push({ id: meta.noteId!, text: payload.journalNote });
    if (meta.position) position = meta.position;
  };
  /** One page load: a status list whose callbacks file into this journal, catching up from its position. */
  const open = (options: Partial<HenvisMountOptions> = {}) =>
    mountWidget({
      view: 'status',
      catchUp: { after: position },
      onReferralSent: file,
      onStatusChanged: file,
      onMessageReceived: file,
      onMessageSent: file,
      onConsentRecorded: file,
      onConsentWithdrawn: file,
      ...options,
    });
  return { notes, open, position: () => position };
}

/** Karen's day while the journal was closed: a referral worked, written about, consented to, and closed. */
function day(api: MockApi) {
  const referral = seedReferral(api, 'sent');
  moveTo(api, referral.id, 'received');
  seedMessage(api, referral.id, 'Må jeg ringe til Karen om formiddagen?');
  const gp = { id: 'demo-doctor', name: 'Mette Holm', role: 'doctor' as const, orgId: demoContext.practice.id };
  seedMessage(api, referral.id, 'Ja, formiddag passer hende bedst.', gp);
  const consent = seedConsent(api, referral.id, 'wellbeing_data', 'given', { by: demoNavigator });
  withdrawConsent(api, consent, demoNavigator);
  return referral;
}

describe('catching up', () => {
  it("hands a journal that kept nothing the patient's whole history once, in order, each with its id and position", async () => {
    const api = createMockApi();
    const referral = day(api);
    moveTo(api, referral.id, 'closed');
    Object.assign(api.events[referral.id]!.at(-1)!, { reason: 'goal_reached', note: 'Karen går fast i gåklubben.' });
    server.use(...apiHandlers(api));
    const record = journal();
    record.open();
    await waitFor(() => expect(record.notes).toHaveLength(7));
    expect(record.notes.map((n) => n.id.split(':')[0])).toEqual([
      'referral',
      'status',
      'message',
      'message',
      'consent',
      'consent',
      'status',
    ]);
    const [sent, received, question, answer, consented, withdrawn, closed] = record.notes.map((n) => n.text);
    expect(sent).toMatch(/^Social henvisning sendt .* af Mette Holm\.\nÅrsag: Ensomhed\./);
    expect(received).toMatch(/status ændret fra "Sendt" til "Modtaget af/);
    expect(question).toMatch(/fra Sofie Kjær .*: Må jeg ringe til Karen om formiddagen\?$/);
    // The GP's own reply is filed too, as written to the social navigator.
    expect(answer).toMatch(/til socialnavigatøren fra Mette Holm .*: Ja, formiddag passer hende bedst\.$/);
    expect(consented).toMatch(/^Samtykke til trivselsdata givet/);
    expect(withdrawn).toMatch(/^Samtykke til trivselsdata \(givet .*\) trukket tilbage/);
    // The closing note says why, and how it went.
    expect(closed).toMatch(/til "Afsluttet" .*\. Årsag: Målet er nået\. Bemærkning: Karen går fast i gåklubben\.$/);
    expect(record.position()).toBe(api.live.events.at(-1)!.id);
    expect(record.notes.map((n) => n.text).join('\n')).not.toContain(demoContext.patient.cpr);
  });

  it('hands over only what came after the kept position, then the live changes, and nothing twice across page loads', async () => {
    const api = createMockApi();
    server.use(...apiHandlers(api));
    const referral = seedReferral(api, 'sent');
    const record = journal();
    const onStatusChanged = vi.fn();
    record.open();
    await waitFor(() => expect(record.notes).toHaveLength(1));
    unmountAll(); // the journal is closed
    filedOnPage.clear();

    moveTo(api, referral.id, 'received');
    moveTo(api, referral.id, 'accepted');
    seedMessage(api, referral.id, 'Jeg ringer til Karen i morgen.');
    // Opened again: the three changes, in order, each once; then a live one.
    record.open();
    await waitFor(() => expect(record.notes).toHaveLength(4));
    expect(record.notes.slice(1).map((n) => n.text)).toEqual([
      expect.stringMatching(/status ændret fra "Sendt" til "Modtaget af/),
      expect.stringMatching(/status ændret fra "Modtaget af .*" til "/),
      expect.stringMatching(/^Besked om social henvisning .*: Jeg ringer til Karen i morgen\.$/),
    ]);
    await waitFor(() => expect(api.live.streams.size).toBeGreaterThan(0));
    moveTo(api, referral.id, 'contacted');
    await waitFor(() => expect(record.notes).toHaveLength(5));
    expect(record.position()).toBe(api.live.events.at(-1)!.id);

    // Reloaded: nothing is handed over again, not even to a journal that files every call.
    unmountAll();
    filedOnPage.clear();
    const reloaded = record.open({ onStatusChanged });
    await waitFor(() => expect(api.live.streams.size).toBeGreaterThan(0));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(onStatusChanged).not.toHaveBeenCalled();
    expect(reloaded.callbacks.onError).not.toHaveBeenCalled();
    expect(record.notes).toHaveLength(5);
  });

  it('tries a failed read again and keeps the order: no later note passes one that could not be fetched yet', async () => {
    const api = createMockApi();
    const referral = seedReferral(api, 'sent');
    moveTo(api, referral.id, 'received');
    seedMessage(api, referral.id, 'Hej fra navigatøren.');
    let failures = 1;
    server.use(
      http.get(`${MOCK_API}/v1/referrals/:id/events`, () => (failures-- > 0 ? problemResponse('internal_error') : undefined)),
      ...apiHandlers(api),
    );
    const record = journal();
    const widget = record.open();
    await waitFor(() => expect(record.notes).toHaveLength(3), { timeout: 8000 });
    expect(record.notes.map((n) => n.id.split(':')[0])).toEqual(['referral', 'status', 'message']);
    expect(widget.callbacks.onError).not.toHaveBeenCalled();
  });

  it('without catchUp hands over only the changes made while it is mounted', async () => {
    const api = createMockApi();
    const referral = seedReferral(api, 'received');
    server.use(...apiHandlers(api));
    const onStatusChanged = vi.fn();
    const widget = mountWidget({ view: 'status', onStatusChanged });
    await waitFor(() => expect(api.live.streams.size).toBeGreaterThan(0));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(onStatusChanged).not.toHaveBeenCalled();
    moveTo(api, referral.id, 'accepted');
    await waitFor(() => expect(onStatusChanged).toHaveBeenCalledTimes(1));
    expect(onStatusChanged.mock.calls[0]![1]).toMatchObject({
      noteId: expect.stringMatching(/^status:/),
      position: api.live.events.at(-1)!.id,
    });
    expect(widget.callbacks.onError).not.toHaveBeenCalled();
  });

  it('says nothing is handed over, once, against an API that lists no changes', async () => {
    const api = createMockApi();
    seedReferral(api, 'sent');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    server.use(
      http.get(`${MOCK_API}/v1/events`, () => problemResponse('not_found')),
      ...apiHandlers(api),
    );
    journal().open();
    await waitFor(() => expect(warn).toHaveBeenCalledWith(expect.stringMatching(/does not list its changes/)));
  });
});
