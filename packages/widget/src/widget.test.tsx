// @vitest-environment happy-dom
import { fireEvent, waitFor, within } from '@testing-library/preact';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { HenvisHandle, HenvisMountOptions } from '@henvis/sdk';
import {
  MOCK_API,
  apiHandlers,
  createMockApi,
  demoContext,
  moveTo,
  offlineHandlers,
  seedReferral,
  type MockApi,
} from './mocks/handlers.js';
import { mockToken } from './mocks/mock-http.js';
import { mount } from './mount.js';

let api: MockApi = createMockApi();
const server = setupServer();
const mounted: HenvisHandle[] = [];
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  vi.spyOn(console, 'warn').mockImplementation(() => {});
  for (const handle of mounted.splice(0)) handle.destroy();
  server.resetHandlers();
  document.body.innerHTML = '';
  vi.restoreAllMocks();
});
afterAll(() => server.close());

function setup(overrides: Partial<HenvisMountOptions> = {}, seed: (api: MockApi) => void = () => {}) {
  api = createMockApi();
  seed(api);
  server.use(...apiHandlers(api));
  const element = document.createElement('div');
  document.body.append(element);
  const callbacks = { onReady: vi.fn(), onReferralSent: vi.fn(), onReferralQueued: vi.fn(), onStatusChanged: vi.fn(), onError: vi.fn() };
  const getToken = () => mockToken({ sub: 'demo-doctor', name: 'Mette Holm', exp: Math.floor(Date.now() / 1000) + 300 });
  const handle = mount(element, { apiUrl: MOCK_API, context: demoContext, getToken, ...callbacks, ...overrides });
  mounted.push(handle);
  const shadow = element.querySelector<HTMLElement>('[data-henvis]')!.shadowRoot!;
  return {
    handle,
    callbacks,
    shadow,
    ui: within([...shadow.children].find((child): child is HTMLElement => child.tagName === 'DIV')!),
    element,
  };
}

describe('mounting', () => {
  it('renders inside a shadow root with its own styles, and is ready once', async () => {
    const { shadow, ui, callbacks } = setup();
    expect(shadow.querySelector('style')?.textContent).toContain('--henvis-color-primary');
    expect(ui.getByRole('button', { name: 'Social henvisning' })).toBeTruthy();
    await waitFor(() => expect(callbacks.onReady).toHaveBeenCalledTimes(1));
    expect(callbacks.onReady.mock.calls[0]![1]).toMatchObject({ event: 'ready', widgetVersion: '0.1.0' });
  });

  it("puts the page's CSP nonce on every <style> of its shadow root, the lazily loaded views' too", async () => {
    const { shadow, ui } = setup({ cspNonce: 'n0nce-of-the-page' });
    fireEvent.click(ui.getByRole('button', { name: 'Social henvisning' }));
    await waitFor(() => expect(ui.getByRole('dialog')).toBeTruthy());
    await waitFor(() => expect(shadow.querySelector('.status')).toBeTruthy());
    // A browser keeps a nonce in the element's property (and hides the attribute); happy-dom has only the attribute.
    const nonceOf = (style: HTMLStyleElement) => style.nonce || style.getAttribute('nonce') || '';
    const styles = [...shadow.querySelectorAll('style')];
    expect(styles.length).toBeGreaterThanOrEqual(3); // the launcher's, the status list's and the dialog's
    expect(styles.map(nonceOf)).toEqual(styles.map(() => 'n0nce-of-the-page'));
    expect(nonceOf(setup().shadow.querySelector('style')!)).toBe('');
  });

  it('warns and does nothing when called before ready or after destroy', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { handle, ui, callbacks, element } = setup();
    handle.open();
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('before the widget was ready'));
    await waitFor(() => expect(callbacks.onReady).toHaveBeenCalled());
    handle.destroy();
    expect(element.querySelector('[data-henvis]')).toBeNull();
    handle.update({ locale: 'en' });
    expect(warn).toHaveBeenLastCalledWith(expect.stringContaining('after destroy()'));
    expect(ui.queryByRole('dialog')).toBeNull();
  });

  it('applies the host theme as custom properties and switches language on update', async () => {
    const { handle, ui, element, callbacks } = setup({ theme: { colorPrimary: '#2a6f3e', density: 'compact' } });
    const host = element.querySelector<HTMLElement>('[data-henvis]')!;
    expect(host.style.getPropertyValue('--henvis-color-primary')).toBe('#2a6f3e');
    await waitFor(() => expect(callbacks.onReady).toHaveBeenCalled());
    handle.update({ locale: 'en', theme: { colorPrimary: '#000000' } });
    await waitFor(() => expect(ui.getByRole('button', { name: 'Social prescribing' })).toBeTruthy());
    expect(host.style.getPropertyValue('--henvis-color-primary')).toBe('#000000');
  });
});

describe('referring', () => {
  const openDialog = async (ui: ReturnType<typeof setup>['ui']) => {
    fireEvent.click(ui.getByRole('button', { name: 'Social henvisning' }));
    return within(await ui.findByRole('dialog'));
  };

  it('opens a dialog prefilled from the journal that says plainly what social prescribing is not', async () => {
    const { ui } = setup();
    const dialog = await openDialog(ui);
    expect(dialog.getByText(/Karen Jensen, \d+ år/)).toBeTruthy();
    expect(dialog.getByText('Lægehuset Grenaa')).toBeTruthy();
    expect(await dialog.findByText('Mette Holm')).toBeTruthy();
    expect(dialog.getByText(/hverken behandling eller en bevilling af en offentlig ydelse/)).toBeTruthy();
    expect(dialog.getByLabelText<HTMLInputElement>('Telefon').value).toBe('+45 20 30 40 50');
  });

  it('shows as the referrer whoever the token names, as the API records it, never a name the page gives', async () => {
    const token = mockToken({ sub: 'gp-17', name: 'Søren Ærø', exp: Math.floor(Date.now() / 1000) + 300 });
    const { ui } = setup({
      getToken: () => token,
      // eslint-disable-next-line @typescript-eslint/no-deprecated -- the ignored option, given on purpose
      context: { ...demoContext, practitioner: { id: 'x', name: 'Anden Læge', role: 'doctor' } },
    });
    const dialog = await openDialog(ui);
    expect(await dialog.findByText('Søren Ærø')).toBeTruthy();
    expect(dialog.queryByText('Anden Læge')).toBeNull();
  });

  it('asks for no consent in the dialog: it says who collects it and where, with the text, once the referral is sent', async () => {
    const { ui } = setup();
    const dialog = await openDialog(ui);
    const consents = dialog.getByRole('region', { name: 'Samtykker' });
    expect(consents.textContent).toMatch(/indhenter de skriftlige samtykker ved første samtale/);
    expect(within(consents).queryByRole('combobox')).toBeNull();
    expect(dialog.queryByLabelText(/Samtykke til/)).toBeNull();
  });

  it('sends: open, a reason, the three criteria ticked by hand, send; then shows the receipt and tells the host', async () => {
    const { ui, callbacks, shadow } = setup();
    const dialog = await openDialog(ui);
    fireEvent.click(dialog.getByLabelText('Ensomhed'));
    for (const criterion of ['Borgeren er motiveret', 'Borgeren har behov for social støtte', 'Borgeren bor i eller har læge i kommunen']) {
      fireEvent.click(dialog.getByLabelText(criterion));
    }
    fireEvent.click(dialog.getByRole('button', { name: 'Send henvisning' }));
    await within(ui.getByRole('dialog')).findByText('Henvisningen er sendt');
    await waitFor(() => expect((shadow.activeElement as HTMLElement | null)?.textContent).toBe('Luk'));
    expect(api.received).toEqual([
      {
        patient: { cpr: '010190-2345', name: 'Karen Jensen' },
        reasons: ['loneliness'],
        contact: { phone: '+45 20 30 40 50', sms: false },
        companion: 'unknown',
        inclusion: { motivated: true, needsSocialSupport: true, inArea: true },
      },
    ]);
    expect(callbacks.onReferralSent).toHaveBeenCalledTimes(1);
    const [payload, meta] = callbacks.onReferralSent.mock.calls[0]!;
    expect(meta.event).toBe('referralSent');
    expect(payload.referral.status).toBe('sent');
    expect(payload.journalNote).toMatch(/^Social henvisning sendt .* af Mette Holm\.\nÅrsag: Ensomhed\./);
    // A consent exists only as a consent record; the referral's note claims none.
    expect(payload.journalNote).toContain('Samtykker: indhentes særskilt med den skriftlige tekst');
    expect(payload.journalNote).not.toMatch(/givet|afslået/i);
    await waitFor(() => expect(ui.getByText('Sendt', { selector: '.pill' })).toBeTruthy());
  });

  it('shows what to fix, in Danish, and sends nothing while a field is wrong', async () => {
    const { ui } = setup();
    const dialog = await openDialog(ui);
    fireEvent.input(dialog.getByLabelText('Telefon'), { target: { value: 'ring til datteren' } });
    fireEvent.click(dialog.getByRole('button', { name: 'Send henvisning' }));
    expect(await dialog.findByText('Vælg mindst én årsag.')).toBeTruthy();
    expect(dialog.getByText('Telefonnummer skal være 8-15 cifre.')).toBeTruthy();
    expect(dialog.getByLabelText('Telefon').getAttribute('aria-invalid')).toBe('true');
    expect(dialog.getByRole('alert').textContent).toBe('Ret de markerede felter.');
    expect(api.received).toEqual([]);
  });

  it('flags a missing inclusion criterion without blocking the referral', async () => {
    const { ui } = setup();
    const dialog = await openDialog(ui);
    fireEvent.click(dialog.getByLabelText('Borgeren har behov for social støtte'));
    fireEvent.click(dialog.getByLabelText('Borgeren bor i eller har læge i kommunen'));
    expect(dialog.getByText('Motivation ikke bekræftet')).toBeTruthy();
    fireEvent.click(dialog.getByLabelText('Sorg eller tab'));
    fireEvent.click(dialog.getByRole('button', { name: 'Send henvisning' }));
    await within(ui.getByRole('dialog')).findByText('Henvisningen er sendt');
    expect(api.referrals[0]!.flags).toEqual(['not_motivated']);
  });

  it('queues a referral while the service is away and sends it once it is back', async () => {
    const { callbacks, handle } = setup();
    await waitFor(() => expect(callbacks.onReady).toHaveBeenCalled());
    handle.destroy();
    // A store with short delays, mounted the same way the embed does, through the root component.
    const { createWidgetStore } = await import('./widget-store.js');
    const { WidgetRoot } = await import('./widget-root.js');
    // eslint-disable-next-line @typescript-eslint/no-deprecated -- only render's replaceNode overload is deprecated; two arguments are used
    const { render } = await import('preact');
    const host = document.createElement('div');
    document.body.append(host);
    const store = createWidgetStore(
      {
        apiUrl: MOCK_API,
        context: demoContext,
        getToken: () => 't',
        onReferralQueued: callbacks.onReferralQueued,
        onReferralSent: callbacks.onReferralSent,
      },
      { retry: { attempts: 1, baseDelayMs: 1, maxDelayMs: 1 }, queueMaxDelayMs: 20 },
    );
    render(<WidgetRoot store={store} />, host);
    const view = within(host);
    server.use(...offlineHandlers);
    fireEvent.click(view.getByRole('button', { name: 'Social henvisning' }));
    const dialog = within(await view.findByRole('dialog'));
    fireEvent.click(dialog.getByLabelText('Inaktivitet'));
    fireEvent.click(dialog.getByRole('button', { name: 'Send henvisning' }));
    expect(await view.findByText('Henvisningen er ikke sendt endnu')).toBeTruthy();
    expect(view.getByText('1 henvisning venter på at blive sendt')).toBeTruthy();
    expect(callbacks.onReferralQueued).toHaveBeenCalledWith(expect.objectContaining({ reason: 'network_error' }), expect.anything());
    server.resetHandlers(...apiHandlers(api));
    expect(await view.findByText('Henvisningen er sendt', {}, { timeout: 3000 })).toBeTruthy();
    expect(api.received).toHaveLength(1);
    expect(callbacks.onReferralSent).toHaveBeenCalledTimes(1);
    expect(view.queryByText(/venter på at blive sendt/)).toBeNull();
    store.dispose();
  });
});

describe('the store', () => {
  it('cleans up at once a part that loads after the widget was destroyed, so it does not live on', async () => {
    const { createWidgetStore } = await import('./widget-store.js');
    const store = createWidgetStore({ apiUrl: MOCK_API, context: demoContext, getToken: () => 't' });
    const early = vi.fn();
    store.onDispose(early);
    store.dispose();
    expect(early).toHaveBeenCalledTimes(1);
    const late = vi.fn();
    store.onDispose(late);
    expect(late).toHaveBeenCalledTimes(1);
  });
});

describe('status', () => {
  it("lists the patient's referrals with their status in plain Danish and the latest events", async () => {
    const { ui } = setup({}, (seeded) => seedReferral(seeded, 'contacted'));
    expect(await ui.findByText('Borgeren er kontaktet', { selector: '.pill' })).toBeTruthy();
    expect(ui.getByText(/Borgeren er kontaktet · Sofie Kjær/)).toBeTruthy();
    expect(ui.getByText(/Sendt .* · Ensomhed/)).toBeTruthy();
  });

  it('tells the host when a status changes, with a journal note', async () => {
    const { ui, callbacks } = setup();
    await waitFor(() => expect(ui.getByText('Ingen sociale henvisninger for denne borger.')).toBeTruthy());
    const referral = seedReferral(api, 'sent');
    document.dispatchEvent(new Event('visibilitychange'));
    await waitFor(() => expect(ui.getByText('Sendt', { selector: '.pill' })).toBeTruthy());
    moveTo(api, referral.id, 'received');
    document.dispatchEvent(new Event('visibilitychange'));
    await waitFor(() => expect(callbacks.onStatusChanged).toHaveBeenCalledTimes(1));
    const [payload] = callbacks.onStatusChanged.mock.calls[0]!;
    expect(payload).toMatchObject({ referralId: referral.id, from: 'sent', to: 'received' });
    expect(payload.journalNote).toMatch(/status ændret fra "Sendt" til "Modtaget af socialnavigatør" .* af Sofie Kjær\./);

    // Two changes between two looks: both reach the journal, in order, once.
    moveTo(api, referral.id, 'accepted');
    moveTo(api, referral.id, 'contacted');
    document.dispatchEvent(new Event('visibilitychange'));
    await waitFor(() => expect(callbacks.onStatusChanged).toHaveBeenCalledTimes(3));
    expect(callbacks.onStatusChanged.mock.calls.map(([p]) => [p.from, p.to])).toEqual([
      ['sent', 'received'],
      ['received', 'accepted'],
      ['accepted', 'contacted'],
    ]);
    document.dispatchEvent(new Event('visibilitychange'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(callbacks.onStatusChanged).toHaveBeenCalledTimes(3);
  });

  it('says so when the referrals cannot be fetched, and offers a retry', async () => {
    const { ui, callbacks } = setup();
    server.use(...offlineHandlers);
    document.dispatchEvent(new Event('visibilitychange'));
    expect(await ui.findByText('Henvisningerne kunne ikke hentes.', {}, { timeout: 5000 })).toBeTruthy();
    expect(callbacks.onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'network_error' }), expect.anything());
  }, 20_000);
});
