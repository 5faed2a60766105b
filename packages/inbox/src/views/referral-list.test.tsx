// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Referral, ReferralPage } from '@henvis/contracts';
import { HenvisError, type HenvisClient } from '@henvis/sdk';
import { Inbox, type InboxContext } from '../client-context.js';
import { ReferralList } from './referral-list.js';

const base: Referral = {
  id: '11111111-1111-4111-8111-111111111111',
  status: 'sent',
  createdAt: new Date(Date.now() - 3 * 86_400_000).toISOString(),
  updatedAt: new Date().toISOString(),
  practice: { id: '045678', name: 'Lægehuset Grenaa' },
  referrer: { id: 'gp', name: 'Mette Holm', role: 'doctor' },
  patient: { cpr: '010190-2345', name: 'Karen Jensen', birthDate: '1990-01-01', ageAtReferral: 36 },
  reasons: ['loneliness', 'inactivity'],
  contact: { phone: '+45 20 30 40 50' },
  companion: 'unknown',
  inclusion: { motivated: true, needsSocialSupport: true, inArea: true },
  flags: [],
};
const ole: Referral = {
  ...base,
  id: '22222222-2222-4222-8222-222222222222',
  status: 'accepted',
  patient: { ...base.patient, name: 'Ole Madsen' },
  owner: { id: 'n1', name: 'Sofie Kjær' },
};

function setup(view: 'new' | 'caseload' | 'all', pages: (ReferralPage | Error)[] = [{ items: [base, ole] }]) {
  const client = {
    listReferrals: vi.fn<HenvisClient['listReferrals']>(async () => {
      const next = pages.shift() ?? { items: [] };
      if (next instanceof Error) throw next;
      return next;
    }),
    searchReferrals: vi.fn<HenvisClient['searchReferrals']>(async () => ({ items: [base] })),
  };
  const user: InboxContext['user'] = { sub: 'n1', name: 'Sofie Kjær', role: 'navigator', org: { id: 'norddjurs', name: 'Norddjurs' } };
  render(
    <Inbox.Provider value={{ client: client as Partial<HenvisClient> as HenvisClient, user }}>
      <ReferralList view={view} />
    </Inbox.Provider>,
  );
  return client;
}

afterEach(cleanup);

describe('the referral lists', () => {
  it('shows new referrals not yet taken, the oldest first, each linked to its course', async () => {
    const client = setup('new');
    expect(client.listReferrals.mock.calls[0]![0]).toEqual({ owner: 'none', status: ['sent', 'received'], sort: 'oldest' });
    const table = await screen.findByRole('table', { name: '2 henvisninger på side 1' });
    const karen = within(screen.getByRole('link', { name: 'Karen Jensen' }).closest('tr')!);
    expect(screen.getByRole('link', { name: 'Karen Jensen' }).getAttribute('href')).toBe(`#/referrals/${base.id}`);
    expect(karen.getByText('Ensomhed, Inaktivitet')).toBeTruthy();
    expect(karen.getByText('Sendt')).toBeTruthy();
    expect(karen.getByText(/3 dage siden/)).toBeTruthy();
    expect(karen.getByText('Ikke taget')).toBeTruthy();
    expect(within(table).getByText('Sofie Kjær')).toBeTruthy();
  });

  it("lists the caseload as the caller's open courses", async () => {
    const client = setup('caseload');
    await screen.findByRole('table');
    expect(client.listReferrals.mock.calls[0]![0]).toMatchObject({
      owner: 'me',
      status: ['sent', 'received', 'accepted', 'contacted', 'plan_made', 'linked'],
      sort: 'newest',
    });
  });

  it('filters by status, practice, reason and age, and searches by name through the POST search', async () => {
    const client = setup('all', [{ items: [base] }, { items: [] }]);
    await screen.findByRole('table');
    fireEvent.change(screen.getByLabelText('Status'), { target: { value: 'plan_made' } });
    fireEvent.change(screen.getByLabelText('Praksis'), { target: { value: '045678' } });
    fireEvent.change(screen.getByLabelText('Årsag'), { target: { value: 'grief_or_loss' } });
    fireEvent.change(screen.getByLabelText('Henvisningens alder'), { target: { value: 'older7' } });
    fireEvent.click(screen.getByRole('button', { name: 'Søg' }));
    await waitFor(() => expect(client.listReferrals).toHaveBeenCalledTimes(2));
    const query = client.listReferrals.mock.calls[1]![0]!;
    expect(query).toMatchObject({ status: ['plan_made'], practice: '045678', reason: 'grief_or_loss', sort: 'newest' });
    expect(Date.now() - Date.parse(query.to!)).toBeGreaterThanOrEqual(7 * 86_400_000);
    expect(await screen.findByText('Ingen henvisninger matcher.')).toBeTruthy();

    fireEvent.input(screen.getByLabelText('Søg på navn eller CPR-nummer'), { target: { value: ' 010190-2345 ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Søg' }));
    await waitFor(() => expect(client.searchReferrals).toHaveBeenCalledTimes(1));
    expect(client.searchReferrals.mock.calls[0]![0]).toMatchObject({ text: '010190-2345', status: ['plan_made'] });
    expect(await screen.findByRole('link', { name: 'Karen Jensen' })).toBeTruthy();
  });

  it('pages forward with the cursor and back again', async () => {
    const client = setup('all', [{ items: [base], nextCursor: 'c1' }, { items: [ole] }, { items: [base], nextCursor: 'c1' }]);
    await screen.findByRole('link', { name: 'Karen Jensen' });
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Forrige side' }).disabled).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Næste side' }));
    await screen.findByRole('link', { name: 'Ole Madsen' });
    expect(client.listReferrals.mock.calls[1]![0]).toMatchObject({ cursor: 'c1' });
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Næste side' }).disabled).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Forrige side' }));
    await screen.findByRole('link', { name: 'Karen Jensen' });
    expect(client.listReferrals.mock.calls[2]![0]).not.toHaveProperty('cursor');
  });

  it('says what went wrong when the list cannot be fetched', async () => {
    setup('new', [new HenvisError('service_unavailable', { status: 503 })]);
    expect((await screen.findByRole('alert')).textContent).toContain('Tjenesten er midlertidigt utilgængelig.');
    expect(screen.queryByRole('table')).toBeNull();
  });
});
