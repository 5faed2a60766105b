// @vitest-environment happy-dom
import { cleanup, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { HenvisClient } from '@henvis/sdk';
import { App } from '../app.js';
import type { Auth, Session } from '../auth.js';
import { parseRoute, route } from '../router.js';
import { exampleMeasures } from './results-fixture.js';

const auth: Auth = {
  session: () => undefined,
  accessToken: async () => 'token',
  login: async () => undefined,
  completeLogin: async () => undefined,
  logout: async () => undefined,
};

function setup(role: Session['user']['role'], hash = '#/new') {
  route.value = parseRoute(hash);
  const session: Session = {
    accessToken: 'token',
    idToken: 'id',
    refreshToken: 'refresh',
    expiresAt: Date.now() + 900_000,
    user: { sub: 'u1', name: 'Karen Koordinator', role, org: { id: 'org-1', name: 'Norddjurs Kommune' } },
  };
  const client = {
    getMeasures: vi.fn<HenvisClient['getMeasures']>(async () => exampleMeasures),
    listReferrals: vi.fn(async () => ({ items: [] })),
  };
  render(<App auth={auth} client={client as Partial<HenvisClient> as HenvisClient} session={session} />);
  return client;
}

const nav = () => within(screen.getByRole('navigation', { name: 'Indbakkens sider' }));

afterEach(() => {
  cleanup();
  route.value = parseRoute('#/new');
});

describe('the results in the inbox', () => {
  it('are in the navigation of a coordinator, and open as their own chunk', async () => {
    const client = setup('coordinator', '#/results?from=2026-01');
    const link = nav().getByRole('link', { name: 'Resultater' });
    expect(link.getAttribute('href')).toBe('#/results');
    expect(link.getAttribute('aria-current')).toBe('page');
    expect(await screen.findByRole('heading', { level: 1, name: 'Resultater' })).toBeTruthy();
    await screen.findByRole('heading', { name: 'Nøgletal' });
    expect(client.getMeasures).toHaveBeenCalledWith({ from: '2026-01' }, expect.anything());
  });

  it('keep the link current on the report', async () => {
    setup('coordinator', '#/results/report');
    expect(nav().getByRole('link', { name: 'Resultater' }).getAttribute('aria-current')).toBe('page');
    expect(await screen.findByRole('heading', { level: 1, name: 'Resultatrapport til styregruppen' })).toBeTruthy();
  });

  it('are not in the navigation of a navigator, and their address says whose page it is', () => {
    const client = setup('navigator', '#/results');
    expect(nav().queryByRole('link', { name: 'Resultater' })).toBeNull();
    expect(nav().getAllByRole('link')).toHaveLength(5);
    expect(screen.getByText(/Resultaterne er koordinatorens side/)).toBeTruthy();
    expect(client.getMeasures).not.toHaveBeenCalled();
  });
});
