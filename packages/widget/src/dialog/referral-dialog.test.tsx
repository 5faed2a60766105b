// @vitest-environment happy-dom
import { fireEvent, waitFor, within } from '@testing-library/preact';
import { http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { OnReferralQueued, OnReferralSent } from '@henvis/sdk';
import {
  MOCK_API,
  apiHandlers,
  createMockApi,
  demoContext,
  moveTo,
  seedReferral,
  slowSendHandlers,
  type MockApi,
} from '../mocks/handlers.js';
import { mountWidget, unmountAll } from '../mocks/mount-widget.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  unmountAll();
  server.resetHandlers();
});
afterAll(() => server.close());

const criteria = ['Borgeren er motiveret', 'Borgeren har behov for social støtte', 'Borgeren bor i eller har læge i kommunen'];

async function openDialog(seed: (api: MockApi) => void = () => {}, context = demoContext) {
  const api = createMockApi();
  seed(api);
  server.use(...apiHandlers(api));
  const onReferralSent = vi.fn<OnReferralSent>();
  const onReferralQueued = vi.fn<OnReferralQueued>();
  const { ui } = mountWidget({ view: 'launcher', context, onReferralSent, onReferralQueued });
  fireEvent.click(ui.getByRole('button', { name: 'Social henvisning' }));
  const dialog = within(await ui.findByRole('dialog'));
  return { api, ui, dialog, onReferralSent, onReferralQueued };
}

const send = (dialog: Awaited<ReturnType<typeof openDialog>>['dialog']) =>
  fireEvent.click(dialog.getByRole('button', { name: 'Send henvisning' }));

describe('the inclusion checklist', () => {
  it("starts unticked: each criterion is the GP's own tick, and one left out flags the referral without stopping it", async () => {
    const { api, ui, dialog, onReferralSent } = await openDialog();
    for (const label of criteria) expect(dialog.getByLabelText<HTMLInputElement>(label).checked).toBe(false);
    expect(
      within(dialog.getByRole('list', { name: 'Markeret' }))
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['Motivation ikke bekræftet', 'Behov for social støtte ikke bekræftet', 'Bopæl eller læge i kommunen ikke bekræftet']);
    fireEvent.click(dialog.getByLabelText('Borgeren har behov for social støtte'));
    expect(within(dialog.getByRole('list', { name: 'Markeret' })).getAllByRole('listitem')).toHaveLength(2);

    fireEvent.click(dialog.getByLabelText('Ensomhed'));
    send(dialog);
    await within(ui.getByRole('dialog')).findByText('Henvisningen er sendt');
    expect(api.received).toEqual([expect.objectContaining({ inclusion: { motivated: false, needsSocialSupport: true, inArea: false } })]);
    // Stored with the flags, so the navigator sees them; and in the journal note.
    expect(api.referrals[0]!.flags).toEqual(['not_motivated', 'outside_area']);
    expect(onReferralSent.mock.calls[0]![0].journalNote).toContain(
      'Inklusion, markeret: Motivation ikke bekræftet; Bopæl eller læge i kommunen ikke bekræftet.',
    );
  });

  it('sends without a flag once the GP has ticked every criterion', async () => {
    const { api, ui, dialog, onReferralSent } = await openDialog();
    for (const label of criteria) fireEvent.click(dialog.getByLabelText(label));
    expect(dialog.queryByRole('list', { name: 'Markeret' })).toBeNull();
    fireEvent.click(dialog.getByLabelText('Ensomhed'));
    send(dialog);
    await within(ui.getByRole('dialog')).findByText('Henvisningen er sendt');
    expect(api.referrals[0]!.flags).toEqual([]);
    expect(onReferralSent.mock.calls[0]![0].journalNote).toContain('Inklusionskriterierne er bekræftet.');
  });
});

describe('a citizen with neither phone nor e-mail', () => {
  const unreachable = { ...demoContext, patient: { cpr: demoContext.patient.cpr, name: demoContext.patient.name } };

  it('is warned of before sending, and the receipt says how the navigator will reach them instead of promising 2 working days', async () => {
    const { ui, dialog, onReferralSent } = await openDialog(() => {}, unreachable);
    const warning = dialog.getByText(
      /Borgeren har hverken telefon eller e-mail\. Socialnavigatøren kan derfor ikke kontakte borgeren direkte/,
    );
    expect(warning.textContent).toContain('skriver til jer i praksis her i journalen');
    // A number typed in takes the warning away; an empty field brings it back.
    fireEvent.input(dialog.getByLabelText('Telefon'), { target: { value: '20 30 40 50' } });
    expect(dialog.queryByText(/Socialnavigatøren kan derfor ikke kontakte borgeren/)).toBeNull();
    fireEvent.input(dialog.getByLabelText('Telefon'), { target: { value: '' } });
    expect(dialog.getByText(/Socialnavigatøren kan derfor ikke kontakte borgeren/)).toBeTruthy();

    fireEvent.click(dialog.getByLabelText('Ensomhed'));
    send(dialog);
    const receipt = within(ui.getByRole('dialog'));
    await receipt.findByText('Henvisningen er sendt');
    expect(ui.getByRole('dialog').textContent).not.toMatch(/2 arbejdsdage/);
    expect(receipt.getByText(/kan derfor ikke kontakte borgeren direkte, men skriver til jer i praksis her i journalen/)).toBeTruthy();
    expect(onReferralSent.mock.calls[0]![0].journalNote).toContain('Kontakt: hverken telefon eller e-mail.');
  });

  it('does not change the receipt of a citizen who can be reached', async () => {
    const { ui, dialog } = await openDialog();
    expect(dialog.queryByText(/Socialnavigatøren kan derfor ikke kontakte borgeren/)).toBeNull();
    fireEvent.click(dialog.getByLabelText('Ensomhed'));
    send(dialog);
    expect(await within(ui.getByRole('dialog')).findByText(/kontakter borgeren inden for 2 arbejdsdage/)).toBeTruthy();
  });
});

describe('a citizen who already has an open referral', () => {
  it('shows it in the dialog before sending: when, by whom, where it stands and why; closed ones are not shown', async () => {
    const searched: unknown[] = [];
    server.events.on('request:start', ({ request }) => {
      if (request.url.endsWith('/v1/referrals/search')) searched.push(request.url);
    });
    const { dialog } = await openDialog((api) => {
      seedReferral(api, 'received');
      const closed = seedReferral(api, 'contacted', demoContext, new Date('2026-06-02T09:00:00Z'));
      moveTo(api, closed.id, 'closed');
    });
    const warning = within(await dialog.findByRole('region', { name: 'Borgeren har allerede en åben henvisning' }));
    expect(warning.getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'Sendt 20. nov. 2026 af Mette Holm · Modtaget af socialnavigatør · Ensomhed',
    ]);
    expect(warning.getByText(/Send kun en ny, hvis der er brug for det/)).toBeTruthy();
    // One look, by POST: the CPR number is in no URL.
    expect(searched).toEqual([`${MOCK_API}/v1/referrals/search`]);
    server.events.removeAllListeners();
  });

  it('shows nothing when there is none, and still sends when the look fails', async () => {
    const { api, ui, dialog } = await openDialog();
    server.use(http.post(`${MOCK_API}/v1/referrals/search`, () => Response.error()));
    await waitFor(() => expect(dialog.getByLabelText('Ensomhed')).toBeTruthy());
    expect(dialog.queryByRole('region', { name: /åben henvisning/ })).toBeNull();
    fireEvent.click(dialog.getByLabelText('Ensomhed'));
    send(dialog);
    await within(ui.getByRole('dialog')).findByText('Henvisningen er sendt');
    expect(api.referrals).toHaveLength(1);
  });
});

describe('field errors', () => {
  it('go as soon as the field is right, each on its own; the summary goes with the last', async () => {
    const { dialog } = await openDialog();
    fireEvent.input(dialog.getByLabelText('Telefon'), { target: { value: 'ring til datteren' } });
    send(dialog);
    expect(await dialog.findByText('Vælg mindst én årsag.')).toBeTruthy();
    expect(dialog.getByText('Telefonnummer skal være 8-15 cifre.')).toBeTruthy();
    expect(dialog.getByRole('alert').textContent).toBe('Ret de markerede felter.');

    fireEvent.input(dialog.getByLabelText('Telefon'), { target: { value: '20 3' } });
    expect(dialog.getByText('Telefonnummer skal være 8-15 cifre.')).toBeTruthy(); // still wrong: stays
    fireEvent.input(dialog.getByLabelText('Telefon'), { target: { value: '+45 20 30 40 50' } });
    expect(dialog.queryByText('Telefonnummer skal være 8-15 cifre.')).toBeNull();
    expect(dialog.getByLabelText('Telefon').getAttribute('aria-invalid')).toBeNull();
    expect(dialog.getByText('Vælg mindst én årsag.')).toBeTruthy();
    expect(dialog.getByRole('alert').textContent).toBe('Ret de markerede felter.');

    fireEvent.click(dialog.getByLabelText('Inaktivitet'));
    expect(dialog.queryByText('Vælg mindst én årsag.')).toBeNull();
    expect(dialog.queryByRole('alert')).toBeNull();
  });

  it('do not show before the GP sends', async () => {
    const { dialog } = await openDialog();
    fireEvent.input(dialog.getByLabelText('Telefon'), { target: { value: 'ring til datteren' } });
    expect(dialog.queryByText('Telefonnummer skal være 8-15 cifre.')).toBeNull();
  });
});

describe('a hanging API', () => {
  it('queues the referral within seconds, says it keeps trying, and tells the host', async () => {
    const { ui, dialog, onReferralQueued } = await openDialog();
    server.use(...slowSendHandlers);
    fireEvent.click(dialog.getByLabelText('Ensomhed'));
    const started = Date.now();
    send(dialog);
    expect(await dialog.findByRole('button', { name: 'Sender…' })).toBeTruthy();
    expect(await within(ui.getByRole('dialog')).findByText('Henvisningen er ikke sendt endnu', {}, { timeout: 8000 })).toBeTruthy();
    expect(Date.now() - started).toBeLessThan(6000);
    expect(ui.getByText(/Vi bliver ved med at prøve og sender henvisningen automatisk/)).toBeTruthy();
    expect(onReferralQueued).toHaveBeenCalledWith(expect.objectContaining({ reason: 'timeout' }), expect.anything());
  }, 15_000);
});
