// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { statusLabels, type ListedReferral, type ReferralPage } from '@henvis/contracts';
import { HenvisError, type HenvisClient } from '@henvis/sdk';
import { Inbox, type InboxContext } from '../client-context.js';
import { formatInstant } from '../locale.js';
import { ReferralList } from './referral-list.js';

const base: ListedReferral = {
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
const ole: ListedReferral = {
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

  it('lists "Mine forløb" as the caller\'s open courses with the last contact and the next step, the soonest first', async () => {
    const planned: ListedReferral = {
      ...ole,
      course: {
        lastContactAt: new Date(Date.now() - 2 * 86_400_000).toISOString(),
        nextStep: 'Følges til gåklubben.',
        nextStepDate: '2026-12-08',
      },
    };
    const client = setup('caseload', [
      { items: [planned, { ...base, id: '33333333-3333-4333-8333-333333333333', course: {} }] },
      { items: [] },
    ]);
    expect(screen.getByRole('heading', { level: 1, name: 'Mine forløb' })).toBeTruthy();
    const table = await screen.findByRole('table');
    expect(client.listReferrals.mock.calls[0]![0]).toMatchObject({
      owner: 'me',
      status: ['sent', 'received', 'accepted', 'contacted', 'plan_made', 'linked'],
      sort: 'next_step',
    });
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((th) => th.textContent),
    ).toEqual(['Borger', 'Praksis', 'Status', 'Seneste kontakt', 'Næste skridt', 'Dato for næste skridt', 'Henvist']);
    const row = within(screen.getByRole('link', { name: 'Ole Madsen' }).closest('tr')!);
    expect(row.getByText('Følges til gåklubben.')).toBeTruthy();
    expect(row.getByText(formatInstant('2026-12-08T12:00:00Z', 'date'))).toBeTruthy();
    expect(row.getByText(/2 dage siden/)).toBeTruthy();
    const karen = within(screen.getByRole('link', { name: 'Karen Jensen' }).closest('tr')!);
    expect(karen.getByText('Ingen kontakt endnu')).toBeTruthy();
    expect(karen.getByText('Ingen plan endnu')).toBeTruthy();

    const sorts = within(screen.getByLabelText('Sortering'))
      .getAllByRole('option')
      .map((o) => o.getAttribute('value'));
    expect(sorts).toEqual(['newest', 'oldest', 'next_step', 'last_contact']);
    fireEvent.change(screen.getByLabelText('Sortering'), { target: { value: 'last_contact' } });
    fireEvent.click(screen.getByRole('button', { name: 'Søg' }));
    await waitFor(() => expect(client.listReferrals).toHaveBeenCalledTimes(2));
    expect(client.listReferrals.mock.calls[1]![0]).toMatchObject({ owner: 'me', sort: 'last_contact' });
  });

  it('offers the next step and last contact orders in "Mine forløb" alone', async () => {
    setup('all');
    await screen.findByRole('table');
    const sorts = within(screen.getByLabelText('Sortering'))
      .getAllByRole('option')
      .map((o) => o.getAttribute('value'));
    expect(sorts).toEqual(['newest', 'oldest']);
    expect(screen.queryByRole('button', { name: 'Hent som CSV' })).toBeNull();
  });

  it('filters by the days referred, both included, together with the age, and refuses a from after the to', async () => {
    const client = setup('all', [{ items: [base] }, { items: [] }, { items: [] }]);
    await screen.findByRole('table');
    fireEvent.input(screen.getByLabelText('Henvist fra'), { target: { value: '2026-11-01' } });
    fireEvent.input(screen.getByLabelText('Henvist til'), { target: { value: '2026-11-30' } });
    fireEvent.click(screen.getByRole('button', { name: 'Søg' }));
    await waitFor(() => expect(client.listReferrals).toHaveBeenCalledTimes(2));
    // Danish days: from the start of 1 November (CET) to the start of 1 December.
    expect(client.listReferrals.mock.calls[1]![0]).toMatchObject({ from: '2026-10-31T23:00:00.000Z', to: '2026-11-30T23:00:00.000Z' });

    // With "the last 7 days" as well, the later start wins.
    fireEvent.change(screen.getByLabelText('Henvisningens alder'), { target: { value: 'week' } });
    fireEvent.input(screen.getByLabelText('Henvist til'), { target: { value: '' } });
    fireEvent.click(screen.getByRole('button', { name: 'Søg' }));
    await waitFor(() => expect(client.listReferrals).toHaveBeenCalledTimes(3));
    const third = client.listReferrals.mock.calls[2]![0]!;
    expect(Date.now() - Date.parse(third.from!)).toBeLessThanOrEqual(7 * 86_400_000 + 60_000);
    expect(third).not.toHaveProperty('to');

    fireEvent.input(screen.getByLabelText('Henvist til'), { target: { value: '2026-10-01' } });
    expect(screen.getByRole('alert').textContent).toBe('Fra-datoen ligger efter til-datoen.');
    fireEvent.click(screen.getByRole('button', { name: 'Søg' }));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(client.listReferrals).toHaveBeenCalledTimes(3);
  });

  it("moves through the rows with j and k (to each row's link, which Enter opens), goes to the search with /, and leaves keys typed in fields alone", async () => {
    setup('new');
    await screen.findByRole('table');
    expect(screen.getByText('Tastatur: j næste henvisning · k forrige · Enter åbner · / søg')).toBeTruthy();
    const karen = screen.getByRole('link', { name: 'Karen Jensen' });
    const oleLink = screen.getByRole('link', { name: 'Ole Madsen' });
    fireEvent.keyDown(document.body, { key: 'j' });
    expect(document.activeElement).toBe(karen);
    fireEvent.keyDown(karen, { key: 'j' });
    expect(document.activeElement).toBe(oleLink);
    fireEvent.keyDown(oleLink, { key: 'j' });
    expect(document.activeElement).toBe(oleLink);
    fireEvent.keyDown(oleLink, { key: 'k' });
    expect(document.activeElement).toBe(karen);
    // A modifier is the browser's: ctrl+k stays with it.
    expect(fireEvent.keyDown(karen, { key: 'k', ctrlKey: true })).toBe(true);
    fireEvent.keyDown(karen, { key: '/' });
    const search = screen.getByLabelText('Søg på navn eller CPR-nummer');
    expect(document.activeElement).toBe(search);
    // Typed in the search field, j and k are letters of a name.
    expect(fireEvent.keyDown(search, { key: 'j' })).toBe(true);
    expect(document.activeElement).toBe(search);
  });

  it("marks a likely duplicate and shows the citizen's other open referrals as links", async () => {
    const twice: ListedReferral = {
      ...base,
      likelyDuplicates: [
        { id: ole.id, createdAt: '2026-12-01T09:00:00Z', status: 'received', practiceName: 'Lægerne i Auning' },
        { id: '33333333-3333-4333-8333-333333333333', createdAt: '2026-12-01T09:05:00Z', status: 'sent', practiceName: 'Lægehuset Grenaa' },
      ],
    };
    setup('all', [{ items: [twice, ole] }]);
    await screen.findByRole('table');
    const karen = within(screen.getByRole('link', { name: 'Karen Jensen' }).closest('tr')!);
    const mark = karen.getByText('Mulig dublet: 2 andre henvisninger');
    fireEvent.click(mark.closest('summary')!);
    expect(mark.closest('details')!.open).toBe(true);
    const other = karen.getByRole('link', {
      name: `${formatInstant('2026-12-01T09:00:00Z')} · Lægerne i Auning · ${statusLabels.da.received}`,
    });
    expect(other.getAttribute('href')).toBe(`#/referrals/${ole.id}`);
    expect(karen.getByText('Samme borger har disse åbne henvisninger inden for 14 dage:')).toBeTruthy();
    expect(within(screen.getByRole('link', { name: 'Ole Madsen' }).closest('tr')!).queryByText(/Mulig dublet/)).toBeNull();
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
