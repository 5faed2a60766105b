// @vitest-environment happy-dom
import { fireEvent, waitFor, within } from '@testing-library/preact';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  apiHandlers,
  createMockApi,
  daysAgo,
  demoNavigator,
  moveTo,
  seedConsent,
  seedMessage,
  seedReferral,
  withdrawConsent,
} from '../mocks/handlers.js';
import { mountWidget, unmountAll } from '../mocks/mount-widget.js';
import { REFERRALS_CHANGED, pageBus } from '../widget-store.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  unmountAll();
  server.resetHandlers();
});
afterAll(() => server.close());

const lookAgain = () => pageBus.dispatchEvent(new Event(REFERRALS_CHANGED));

describe('the status list and consents recorded elsewhere', () => {
  it('hands the journal a note for each consent the navigator records or the citizen withdraws, once', async () => {
    const api = createMockApi();
    const referral = seedReferral(api, 'contacted');
    const older = seedConsent(api, referral.id, 'journal_data', 'given', { at: daysAgo(30), by: demoNavigator });
    server.use(...apiHandlers(api));
    const { ui, callbacks } = mountWidget({ view: 'status' });
    await ui.findByText(/Samtykke til journaldata: givet/);
    // Without catchUp, what came before the widget was mounted is not handed over (catching up: journal-feed.test).
    expect(callbacks.onConsentRecorded).not.toHaveBeenCalled();

    const wellbeing = seedConsent(api, referral.id, 'wellbeing_data', 'given', { by: demoNavigator });
    lookAgain();
    await waitFor(() => expect(callbacks.onConsentRecorded).toHaveBeenCalledTimes(1));
    const [payload] = callbacks.onConsentRecorded.mock.calls[0]!;
    expect(payload.consent.id).toBe(wellbeing.id);
    expect(payload.journalNote).toMatch(/^Samtykke til trivselsdata givet .* Sofie Kjær \(socialnavigatør\)/);
    expect(payload.journalNote).not.toContain(referral.patient.cpr);

    withdrawConsent(api, wellbeing, demoNavigator);
    lookAgain();
    await waitFor(() => expect(callbacks.onConsentWithdrawn).toHaveBeenCalledTimes(1));
    expect(callbacks.onConsentWithdrawn.mock.calls[0]![0].journalNote).toMatch(
      /^Samtykke til trivselsdata \(givet .*\) trukket tilbage .*Der indsamles ikke flere trivselssvar/,
    );
    await ui.findByText(/Samtykke til trivselsdata: trukket tilbage/);

    lookAgain();
    lookAgain();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(callbacks.onConsentRecorded).toHaveBeenCalledTimes(1);
    expect(callbacks.onConsentWithdrawn).toHaveBeenCalledTimes(1);
    expect(older.withdrawnAt).toBeUndefined();
  });

  it('lets the GP open the consents under a referral and withdraw one in one action, filed once', async () => {
    const api = createMockApi();
    const referral = seedReferral(api, 'contacted');
    seedConsent(api, referral.id, 'wellbeing_data', 'given', { at: daysAgo(3), by: demoNavigator });
    server.use(...apiHandlers(api));
    const { ui, callbacks } = mountWidget({ view: 'status' });
    const open = await ui.findByRole('button', { name: 'Samtykker' });
    expect(open.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(open);
    const section = await ui.findByRole('region', { name: 'Samtykke til trivselsdata' });
    fireEvent.click(within(section).getByRole('button', { name: 'Træk samtykket tilbage' }));
    await waitFor(() => expect(callbacks.onConsentWithdrawn).toHaveBeenCalledTimes(1));
    fireEvent.click(ui.getByRole('button', { name: 'Samtykker' })); // closing looks again
    await ui.findByText(/Samtykke til trivselsdata: trukket tilbage/);
    lookAgain();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(callbacks.onConsentWithdrawn).toHaveBeenCalledTimes(1);
  });

  it("shows the navigator's messages and the closing summary, hands new messages to the journal once, and lets the GP reply", async () => {
    const api = createMockApi();
    const referral = seedReferral(api, 'plan_made');
    seedMessage(api, referral.id, 'Karen er startet i gåklubben.', undefined, daysAgo(2));
    server.use(...apiHandlers(api));
    const { ui, callbacks } = mountWidget({ view: 'status' });
    await ui.findByText(/Karen er startet i gåklubben\./);
    expect(callbacks.onMessageReceived).not.toHaveBeenCalled(); // from before the widget was mounted

    const question = seedMessage(api, referral.id, 'Må jeg ringe til hende om formiddagen?');
    lookAgain();
    await waitFor(() => expect(callbacks.onMessageReceived).toHaveBeenCalledTimes(1));
    expect(callbacks.onMessageReceived.mock.calls[0]![0]).toMatchObject({ referralId: referral.id, message: { id: question.id } });
    expect(callbacks.onMessageReceived.mock.calls[0]![0].journalNote).toMatch(
      /^Besked om social henvisning \(ref\. \w{8}\) fra Sofie Kjær .*: Må jeg ringe til hende om formiddagen\?$/,
    );

    fireEvent.click(ui.getByRole('button', { name: 'Send besked' }));
    expect((await ui.findByRole('alert')).textContent).toBe('Skriv en besked først.');
    fireEvent.input(ui.getByLabelText('Skriv til socialnavigatøren'), { target: { value: 'Ja, formiddag passer hende bedst.' } });
    fireEvent.click(ui.getByRole('button', { name: 'Send besked' }));
    await ui.findByText('Beskeden er sendt.');
    await ui.findByText(/Ja, formiddag passer hende bedst\./);
    expect(api.messages.at(-1)).toMatchObject({ body: 'Ja, formiddag passer hende bedst.', author: { name: 'Mette Holm' } });
    expect(callbacks.onMessageReceived).toHaveBeenCalledTimes(1); // the GP's own message is not "received"

    moveTo(api, referral.id, 'closed');
    api.events[referral.id]!.at(-1)!.note = 'Karen går fast i gåklubben og har fået en ven.';
    lookAgain();
    await ui.findByText('Karen går fast i gåklubben og har fået en ven.');
  });
});
