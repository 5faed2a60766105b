// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Refusals } from '@henvis/contracts';
import { HenvisError, type HenvisClient } from '@henvis/sdk';
import { App } from '../app.js';
import type { Auth, Session } from '../auth.js';
import { parseRoute, route } from '../router.js';

const auth: Auth = {
  session: () => undefined,
  accessToken: async () => 'token',
  login: async () => undefined,
  completeLogin: async () => undefined,
  logout: async () => undefined,
};

const navigator = { issuer: 'http://127.0.0.1:4000/oidc', sub: 'demo-navigator', role: 'navigator' };

/** Two days of refusals; on 3 December 35 bad tokens from one address, a burst, and a navigator refused twice. */
const example: Refusals = {
  generatedAt: '2026-12-03T10:15:00.000Z',
  period: { from: '2026-12-02', to: '2026-12-03' },
  burstRule: { moreThan: 20, minutes: 10 },
  total: 38,
  byDay: [
    { day: '2026-12-03', count: 37 },
    { day: '2026-12-02', count: 1 },
  ],
  groups: [
    {
      day: '2026-12-03',
      actor: null,
      organisation: null,
      clientAddress: '192.0.2.44',
      outcome: 'denied',
      reason: 'token_invalid',
      count: 35,
      first: '2026-12-03T09:02:00.000Z',
      last: '2026-12-03T09:04:30.000Z',
    },
    {
      day: '2026-12-03',
      actor: navigator,
      organisation: 'norddjurs-navigatorer',
      clientAddress: '127.0.0.1',
      outcome: 'refused',
      reason: 'role_not_allowed',
      count: 2,
      first: '2026-12-03T08:00:00.000Z',
      last: '2026-12-03T08:01:00.000Z',
    },
    {
      day: '2026-12-02',
      actor: { issuer: 'https://journal.test', sub: 'vendor-user-1', role: 'doctor' },
      organisation: '045678',
      clientAddress: '127.0.0.1',
      outcome: 'denied',
      reason: 'owned_by_another_organisation',
      count: 1,
      first: '2026-12-02T13:00:00.000Z',
      last: '2026-12-02T13:00:00.000Z',
    },
  ],
  groupLimit: 2000,
  truncated: false,
  bursts: [
    {
      by: 'address',
      actor: null,
      organisation: null,
      clientAddress: '192.0.2.44',
      start: '2026-12-03T09:02:00.000Z',
      end: '2026-12-03T09:04:30.000Z',
      count: 35,
    },
  ],
};

function setup(role: Session['user']['role'], hash: string, getRefusals: HenvisClient['getRefusals'] = async () => example) {
  route.value = parseRoute(hash);
  const session: Session = {
    accessToken: 'token',
    idToken: 'id',
    refreshToken: 'refresh',
    expiresAt: Date.now() + 900_000,
    user: { sub: 'u1', name: 'Jonas Berg', role, org: { id: 'norddjurs-navigatorer', name: 'Norddjurs Kommune' } },
  };
  const client = { getRefusals: vi.fn(getRefusals), listReferrals: vi.fn(async () => ({ items: [] })) };
  render(<App auth={auth} client={client as Partial<HenvisClient> as HenvisClient} session={session} />);
  return client;
}

const nav = () => within(screen.getByRole('navigation', { name: 'Indbakkens sider' }));

afterEach(() => {
  cleanup();
  route.value = parseRoute('#/new');
});

describe('the refused access attempts in the inbox', () => {
  it("are in the coordinator's navigation and show the burst first, in a warning, then the refusals by day", async () => {
    const client = setup('coordinator', '#/refusals?from=2026-12-02&to=2026-12-03');
    const link = nav().getByRole('link', { name: 'Afviste adgangsforsøg' });
    expect(link.getAttribute('href')).toBe('#/refusals');
    expect(link.getAttribute('aria-current')).toBe('page');
    expect(await screen.findByRole('heading', { level: 1, name: 'Afviste adgangsforsøg' })).toBeTruthy();
    const warning = await screen.findByRole('region', { name: 'Advarsel: 1 byge af afviste forsøg' });
    expect(client.getRefusals).toHaveBeenCalledWith({ from: '2026-12-02', to: '2026-12-03' }, expect.anything());
    expect(warning.textContent).toContain('35 afviste');
    expect(warning.textContent).toContain('192.0.2.44');
    expect(warning.textContent).toContain('Mere end 20 afviste forsøg');
    // The warning comes before the table.
    const table = screen.getByRole('table');
    expect(warning.compareDocumentPosition(table) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();

    expect(within(table).getByText(/38 afviste forsøg pr\. dag/)).toBeTruthy();
    const dayHeaders = within(table)
      .getAllByRole('rowheader')
      .filter((h) => h.getAttribute('scope') === 'rowgroup')
      .map((h) => h.textContent);
    expect(dayHeaders).toEqual([expect.stringContaining('37 afviste'), expect.stringContaining('1 afviste')]);
    const rows = within(table)
      .getAllByRole('row')
      .filter((r) => r.querySelector('th[scope=row]'));
    expect(rows).toHaveLength(3);
    const [flood, refused, denied] = rows as [HTMLElement, HTMLElement, HTMLElement];
    expect(flood.className).toBe('in-burst');
    expect(flood.textContent).toContain('Intet gyldigt login');
    expect(flood.textContent).toContain('token_invalid');
    expect(flood.textContent).toContain('Adgangstokenet er ugyldigt.');
    expect(within(flood).getByText('35')).toBeTruthy();
    expect(refused.className).toBe('');
    expect(refused.textContent).toContain('demo-navigator');
    expect(refused.textContent).toContain('socialnavigatør');
    expect(refused.textContent).toContain('Din rolle må ikke udføre denne handling.');
    expect(denied.textContent).toContain('Borgeren er taget af en anden organisation.');
  });

  it('check the period before asking: a backwards one is not sent, and a good one is', async () => {
    const client = setup('coordinator', '#/refusals');
    await screen.findByRole('region', { name: /Advarsel/ });
    expect(client.getRefusals).toHaveBeenLastCalledWith({}, expect.anything());
    fireEvent.change(screen.getByLabelText('Fra dag'), { target: { value: '2026-12-05' } });
    fireEvent.change(screen.getByLabelText('Til dag'), { target: { value: '2026-12-01' } });
    expect((await screen.findByRole('alert')).textContent).toContain('"Fra dag" skal ligge før');
    fireEvent.change(screen.getByLabelText('Fra dag'), { target: { value: '2026-06-01' } });
    expect((await screen.findByRole('alert')).textContent).toContain('højst 92 dage');
    expect(client.getRefusals).toHaveBeenCalledTimes(2);
    fireEvent.change(screen.getByLabelText('Fra dag'), { target: { value: '2026-11-20' } });
    await waitFor(() => expect(client.getRefusals).toHaveBeenLastCalledWith({ from: '2026-11-20', to: '2026-12-01' }, expect.anything()));
  });

  it('say so when there is no burst, and when there is nothing at all', async () => {
    setup('coordinator', '#/refusals', async () => ({ ...example, total: 0, byDay: [], groups: [], bursts: [] }));
    expect(await screen.findByText(/Ingen byger i perioden/)).toBeTruthy();
    expect(screen.queryByRole('region', { name: /Advarsel/ })).toBeNull();
    expect(screen.getByText('Ingen afviste forsøg i perioden.')).toBeTruthy();
  });

  it('show a refusal of the API in words, with a retry', async () => {
    const client = setup('coordinator', '#/refusals', async () => {
      throw new HenvisError('role_not_allowed', { status: 403 });
    });
    expect((await screen.findByRole('alert')).textContent).toContain('Din rolle må ikke');
    fireEvent.click(screen.getByRole('button', { name: 'Prøv igen' }));
    await waitFor(() => expect(client.getRefusals).toHaveBeenCalledTimes(2));
  });

  it('are not in the navigation of a navigator, and their address says whose page it is', () => {
    const client = setup('navigator', '#/refusals');
    expect(nav().queryByRole('link', { name: 'Afviste adgangsforsøg' })).toBeNull();
    expect(screen.getByText('De afviste adgangsforsøg er koordinatorens side.')).toBeTruthy();
    expect(client.getRefusals).not.toHaveBeenCalled();
  });
});
