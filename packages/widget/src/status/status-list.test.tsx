// @vitest-environment happy-dom
import { fireEvent, waitFor, within } from '@testing-library/preact';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { apiHandlers, createMockApi, moveTo, seedReferral } from '../mocks/handlers.js';
import { mountWidget, unmountAll } from '../mocks/mount-widget.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  unmountAll();
  server.resetHandlers();
});
afterAll(() => server.close());

const day = (d: number) => new Date(Date.UTC(2026, 10, d, 10));
const steps = (list: HTMLElement) =>
  within(list)
    .getAllByRole('listitem')
    .map((li) => li.textContent);

describe("the status list's timeline", () => {
  it('shows the latest steps, and the whole timeline from "Sendt" on demand, each step led by its date', async () => {
    const api = createMockApi();
    const referral = seedReferral(api, 'sent');
    moveTo(api, referral.id, 'received', day(21));
    moveTo(api, referral.id, 'accepted', day(21));
    moveTo(api, referral.id, 'contacted', day(23));
    moveTo(api, referral.id, 'plan_made', day(26));
    server.use(...apiHandlers(api));
    const { ui } = mountWidget({ view: 'status' });
    const timeline = await ui.findByRole('list', { name: 'Forløb' });
    await waitFor(() => expect(steps(timeline)).toHaveLength(3));
    expect(steps(timeline)).toEqual([
      '21. nov. 2026 · Socialnavigatør tildelt · Sofie Kjær',
      '23. nov. 2026 · Borgeren er kontaktet · Sofie Kjær',
      '26. nov. 2026 · Plan lagt · Sofie Kjær',
    ]);
    expect(within(timeline).getAllByRole('listitem')[0]!.firstElementChild?.getAttribute('datetime')).toBe(day(21).toISOString());

    const more = ui.getByRole('button', { name: 'Vis hele forløbet (5 trin)' });
    expect(more.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(more);
    expect(steps(timeline)).toEqual([
      '20. nov. 2026 · Sendt · Mette Holm',
      '21. nov. 2026 · Modtaget af socialnavigatør · Sofie Kjær',
      '21. nov. 2026 · Socialnavigatør tildelt · Sofie Kjær',
      '23. nov. 2026 · Borgeren er kontaktet · Sofie Kjær',
      '26. nov. 2026 · Plan lagt · Sofie Kjær',
    ]);
    const fewer = ui.getByRole('button', { name: 'Vis kun de seneste trin' });
    expect(fewer.getAttribute('aria-expanded')).toBe('true');
    fireEvent.click(fewer);
    expect(steps(timeline)).toHaveLength(3);
  });

  it('needs no button for a short timeline, and shows "Sendt" at once for a referral just sent from the page', async () => {
    const api = createMockApi();
    server.use(...apiHandlers(api));
    const { ui } = mountWidget({ view: 'both' });
    await ui.findByText('Ingen sociale henvisninger for denne borger.');
    fireEvent.click(ui.getByRole('button', { name: 'Social henvisning' }));
    const dialog = within(await ui.findByRole('dialog'));
    fireEvent.click(dialog.getByLabelText('Ensomhed'));
    fireEvent.click(dialog.getByRole('button', { name: 'Send henvisning' }));
    await dialog.findByText('Henvisningen er sendt');
    const timeline = await ui.findByRole('list', { name: 'Forløb' });
    expect(steps(timeline)).toEqual([expect.stringMatching(/^\d{1,2}\. \w+\.? \d{4} · Sendt · Mette Holm$/)]);
    expect(ui.queryByRole('button', { name: /Vis hele forløbet/ })).toBeNull();
  });
});
