// @vitest-environment happy-dom
import { fireEvent, waitFor, within } from '@testing-library/preact';
import { http } from 'msw';
import { describe, expect, it } from 'vitest';
import { consentText, consentTextHash, type ConsentKind } from '@henvis/contracts';
import { MOCK_API, daysAgo, demoContext, problemResponse, seedConsent, seedReferral, type MockApi } from '../mocks/handlers.js';
import { mountWidget, setupReferralMockApi } from '../mocks/mount-widget.js';

let api: MockApi;
let referralId: string;
const server = setupReferralMockApi((fresh) => ({ api, referralId } = fresh));

const show = (overrides = {}) => mountWidget({ view: 'consent', referralId, ...overrides });
const sectionOf = async (ui: ReturnType<typeof show>['ui'], kind: ConsentKind) =>
  within(await ui.findByRole('region', { name: kind === 'journal_data' ? 'Samtykke til journaldata' : 'Samtykke til trivselsdata' }));

describe('consent panel', () => {
  it('shows two separate consents, each with its exact text, its state and its own decision', async () => {
    const { ui } = show();
    for (const kind of ['journal_data', 'wellbeing_data'] as const) {
      const section = await sectionOf(ui, kind);
      const text = consentText(kind, 'da');
      expect(section.getByText(text.title)).toBeTruthy();
      for (const s of text.sections) expect(section.getByText(s.body)).toBeTruthy();
      expect(section.getAllByRole('heading', { level: 5 }).map((h) => h.textContent)).toEqual(text.sections.map((s) => s.heading));
      expect(section.getByText('Ikke spurgt endnu')).toBeTruthy();
      expect(section.getByRole('button', { name: 'Borgeren giver samtykke' })).toBeTruthy();
      expect(section.getByRole('button', { name: 'Borgeren siger nej' })).toBeTruthy();
    }
    expect(ui.getAllByRole('checkbox')).toHaveLength(2);
    expect(ui.getByText(/siger borgeren nej til det ene eller begge, ændrer det intet ved den sociale henvisning/)).toBeTruthy();
    expect((await sectionOf(ui, 'journal_data')).getByText('Gives samtykket i dag, gælder det til og med 23. nov. 2027.')).toBeTruthy();
    expect((await sectionOf(ui, 'wellbeing_data')).queryByText(/gælder det til og med/)).toBeNull();
  });

  it('records a journal data consent signed on screen with the hash of the text shown, and emits its Danish journal note', async () => {
    const { ui, callbacks } = show();
    const section = await sectionOf(ui, 'journal_data');
    fireEvent.click(section.getByLabelText('Borgeren har læst teksten og bekræfter sit valg her på skærmen'));
    fireEvent.click(section.getByRole('button', { name: 'Borgeren giver samtykke' }));
    await waitFor(() => expect(callbacks.onConsentRecorded).toHaveBeenCalledTimes(1));
    expect(api.received).toEqual([
      {
        kind: 'journal_data',
        decision: 'given',
        method: 'signed_on_screen',
        textVersion: '2026-11-1',
        locale: 'da',
        textHash: await consentTextHash(consentText('journal_data', 'da')),
      },
    ]);
    const [payload, meta] = callbacks.onConsentRecorded.mock.calls[0]!;
    expect(meta.event).toBe('consentRecorded');
    expect(payload.consent).toMatchObject({ kind: 'journal_data', decision: 'given', referralId });
    expect(payload.journalNote).toBe(
      'Samtykke til journaldata givet 24. nov. 2026, skriftligt (underskrevet på skærmen), efter information ved Sofie Kjær (socialnavigatør), ved første samtale med socialnavigatøren. Tekstversion 2026-11-1. Gælder til og med 23. nov. 2027.',
    );
    expect(payload.journalNote).not.toContain(demoContext.patient.cpr.slice(0, 6));
    expect(await section.findByText('Givet 24. nov. 2026')).toBeTruthy();
    expect(section.getByText('Gælder til og med 23. nov. 2027.')).toBeTruthy();
    expect(section.getByRole('status').textContent).toBe('Samtykket er registreret.');
    expect(section.getByRole('listitem').textContent).toMatch(/^24\. nov\. 2026: Givet, underskrevet på skærmen, informeret af Sofie Kjær/);
    // The other consent is untouched.
    expect((await sectionOf(ui, 'wellbeing_data')).getByText('Ikke spurgt endnu')).toBeTruthy();
  });

  it('sends nothing when signed on screen without the citizen confirming, and says what is missing', async () => {
    const { ui, shadow, callbacks } = show();
    const section = await sectionOf(ui, 'wellbeing_data');
    fireEvent.click(section.getByRole('button', { name: 'Borgeren giver samtykke' }));
    expect(section.getByText('Borgeren skal bekræfte sit valg på skærmen, før det kan registreres.')).toBeTruthy();
    const box = section.getByLabelText('Borgeren har læst teksten og bekræfter sit valg her på skærmen');
    expect(shadow.activeElement).toBe(box);
    expect(box.getAttribute('aria-invalid')).toBe('true');
    await new Promise((r) => setTimeout(r, 20));
    expect(api.received).toEqual([]);
    expect(callbacks.onConsentRecorded).not.toHaveBeenCalled();
  });

  it('records a no to well-being data, noted on paper, and emits it', async () => {
    const { ui, callbacks } = show();
    const section = await sectionOf(ui, 'wellbeing_data');
    fireEvent.click(section.getByLabelText('Underskrevet på papir og noteret her'));
    expect(section.queryByRole('checkbox')).toBeNull();
    fireEvent.click(section.getByRole('button', { name: 'Borgeren siger nej' }));
    await waitFor(() => expect(callbacks.onConsentRecorded).toHaveBeenCalledTimes(1));
    expect(api.received).toEqual([expect.objectContaining({ kind: 'wellbeing_data', decision: 'declined', method: 'paper_noted' })]);
    expect(callbacks.onConsentRecorded.mock.calls[0]![0].journalNote).toBe(
      'Samtykke til trivselsdata afslået 24. nov. 2026, skriftligt (underskrevet på papir), efter information ved Sofie Kjær (socialnavigatør), ved første samtale med socialnavigatøren. Tekstversion 2026-11-1. Et nej ændrer intet ved den sociale henvisning.',
    );
    expect(await section.findByText('Afslået 24. nov. 2026')).toBeTruthy();
  });

  it('withdraws a given consent in one action, and emits the journal note', async () => {
    const given = seedConsent(api, referralId, 'wellbeing_data', 'given', { at: daysAgo(10) });
    const { ui, callbacks } = show();
    const section = await sectionOf(ui, 'wellbeing_data');
    expect(await section.findByText('Givet 14. nov. 2026')).toBeTruthy();
    expect(section.getByText('Gælder, indtil borgeren trækker det tilbage.')).toBeTruthy();
    fireEvent.click(section.getByRole('button', { name: 'Træk samtykket tilbage' }));
    await waitFor(() => expect(callbacks.onConsentWithdrawn).toHaveBeenCalledTimes(1));
    expect(api.consents.find((c) => c.id === given.id)?.withdrawnAt).toBe('2026-11-24T10:00:00.000Z');
    const [payload, meta] = callbacks.onConsentWithdrawn.mock.calls[0]!;
    expect(meta.event).toBe('consentWithdrawn');
    expect(payload.consent.id).toBe(given.id);
    expect(payload.journalNote).toBe(
      'Samtykke til trivselsdata (givet 14. nov. 2026) trukket tilbage 24. nov. 2026, registreret af Sofie Kjær (socialnavigatør). Der indsamles ikke flere trivselssvar. Det ændrer intet ved den sociale henvisning.',
    );
    expect(await section.findByText('Trukket tilbage 24. nov. 2026')).toBeTruthy();
    // Once withdrawn, it can be given again.
    expect(section.getByRole('button', { name: 'Borgeren giver samtykke' })).toBeTruthy();
    expect(callbacks.onConsentRecorded).not.toHaveBeenCalled();
  });

  it('folds the text away once the citizen has decided, a click from being read again; shows it in full until then', async () => {
    seedConsent(api, referralId, 'journal_data', 'given', { at: daysAgo(10) });
    seedConsent(api, referralId, 'wellbeing_data', 'given', { at: daysAgo(30), withdrawnAt: daysAgo(5) });
    const { ui } = show();
    const given = await sectionOf(ui, 'journal_data');
    const folded = given.getByText('Vis samtykketeksten').closest('details')!;
    expect(folded.open).toBe(false);
    expect(folded.contains(given.getByText(consentText('journal_data', 'da').title))).toBe(true);
    fireEvent.click(given.getByText('Vis samtykketeksten'));
    await waitFor(() => expect(folded.open).toBe(true));
    // A withdrawn consent may be asked for again: its text is read before the next decision.
    const withdrawn = await sectionOf(ui, 'wellbeing_data');
    expect(withdrawn.queryByText('Vis samtykketeksten')).toBeNull();
    expect(withdrawn.getByText(consentText('wellbeing_data', 'da').title).closest('details')).toBeNull();
    fireEvent.click(withdrawn.getByLabelText('Borgeren har læst teksten og bekræfter sit valg her på skærmen'));
    fireEvent.click(withdrawn.getByRole('button', { name: 'Borgeren siger nej' }));
    expect((await withdrawn.findByText('Vis samtykketeksten')).closest('details')!.open).toBe(false);
  });

  it('shows a declined, a withdrawn and an expired consent for what they are, with the whole history', async () => {
    seedConsent(api, referralId, 'journal_data', 'given', { at: daysAgo(400) });
    seedConsent(api, referralId, 'wellbeing_data', 'given', { at: daysAgo(30), withdrawnAt: daysAgo(5) });
    seedConsent(api, referralId, 'wellbeing_data', 'declined', { at: daysAgo(60), method: 'paper_noted' });
    const { ui } = show();
    const journal = await sectionOf(ui, 'journal_data');
    expect(await journal.findByText('Udløbet (gjaldt til og med 19. okt. 2026)')).toBeTruthy();
    expect(journal.getByRole('button', { name: 'Borgeren giver samtykke' })).toBeTruthy();
    const wellbeing = await sectionOf(ui, 'wellbeing_data');
    expect(wellbeing.getByText('Trukket tilbage 19. nov. 2026')).toBeTruthy();
    const history = wellbeing.getAllByRole('listitem').map((li) => li.textContent);
    expect(history).toHaveLength(2);
    expect(history[0]).toMatch(/^25\. okt\. 2026: Givet, .* Trukket tilbage 19\. nov\. 2026 af Sofie Kjær\.$/);
    expect(history[1]).toMatch(/^25\. sep\. 2026: Afslået, underskrevet på papir og noteret her/);
  });

  it('shows the text in English and records it with the English hash; the journal note stays Danish', async () => {
    const { ui, callbacks } = show({ locale: 'en' });
    const section = within(await ui.findByRole('region', { name: 'Consent to journal data' }));
    expect(section.getByText(consentText('journal_data', 'en').title)).toBeTruthy();
    expect(section.getByText('If given today, it is valid through 23 Nov 2027.')).toBeTruthy();
    fireEvent.click(section.getByLabelText('Signed on paper and noted here'));
    fireEvent.click(section.getByRole('button', { name: 'The citizen gives consent' }));
    await waitFor(() => expect(callbacks.onConsentRecorded).toHaveBeenCalledTimes(1));
    expect(api.received[0]).toMatchObject({ locale: 'en', textHash: await consentTextHash(consentText('journal_data', 'en')) });
    expect(callbacks.onConsentRecorded.mock.calls[0]![0].journalNote).toContain('Tekstversion 2026-11-1 (engelsk).');
  });

  it("shows the server's refusal inline in Danish, keeps the choice, and tells the host", async () => {
    api.referrals[0]!.patient.cpr = '150610-4321'; // 16 years old: no evaluation data
    const { ui, callbacks } = show();
    const section = await sectionOf(ui, 'journal_data');
    fireEvent.click(section.getByLabelText('Borgeren har læst teksten og bekræfter sit valg her på skærmen'));
    fireEvent.click(section.getByRole('button', { name: 'Borgeren giver samtykke' }));
    expect((await section.findByRole('alert')).textContent).toBe(
      'Der indsamles ikke data til resultatopfølgningen for borgere under 18 år.',
    );
    expect(callbacks.onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'under_18_no_data' }), expect.anything());
    expect(callbacks.onConsentRecorded).not.toHaveBeenCalled();
    expect(section.getByText('Ikke spurgt endnu')).toBeTruthy();
    expect(section.getByRole<HTMLInputElement>('checkbox').checked).toBe(true);
  });

  it('shows a refused text hash (a text that is not current) as such', async () => {
    server.use(http.post(`${MOCK_API}/v1/referrals/:id/consents`, () => problemResponse('consent_text_mismatch')));
    const { ui } = show();
    const section = await sectionOf(ui, 'wellbeing_data');
    fireEvent.click(section.getByLabelText('Borgeren har læst teksten og bekræfter sit valg her på skærmen'));
    fireEvent.click(section.getByRole('button', { name: 'Borgeren siger nej' }));
    expect((await section.findByRole('alert')).textContent).toBe(
      'Samtykketeksten svarer ikke til den gældende tekst. Vis den gældende tekst og prøv igen.',
    );
  });

  it('refuses to mount the consent or WHO-5 view without a referral id', () => {
    expect(() => mountWidget({ view: 'consent' })).toThrow('Henvis: view "consent" needs a referralId');
    expect(() => mountWidget({ view: 'who5' })).toThrow('Henvis: view "who5" needs a referralId');
  });

  it("follows the host to another referral, without carrying over the first one's state", async () => {
    seedConsent(api, referralId, 'journal_data', 'given', { at: daysAgo(10) });
    const other = seedReferral(api, 'received').id;
    const { ui, handle } = show();
    expect(await (await sectionOf(ui, 'journal_data')).findByText('Givet 14. nov. 2026')).toBeTruthy();
    handle.update({ referralId: other });
    await waitFor(async () => expect((await sectionOf(ui, 'journal_data')).getByText('Ikke spurgt endnu')).toBeTruthy());
    expect(() => handle.update({ view: 'who5', referralId: '' })).toThrow('needs a referralId');
  });

  it('shows only the consents, not the launcher or the status list', async () => {
    const { ui } = show();
    await sectionOf(ui, 'journal_data');
    expect(ui.queryByRole('button', { name: 'Social henvisning' })).toBeNull();
    expect(ui.queryByText('Sociale henvisninger')).toBeNull();
  });
});
