// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FirstContactList, FollowUpList, NextStepItem } from '@henvis/contracts';
import { HenvisError, type HenvisClient } from '@henvis/sdk';
import { Inbox, type InboxContext } from '../client-context.js';
import { formatDeadline, formatInstant } from '../locale.js';
import { Deadlines } from './deadlines.js';

const late: FirstContactList['items'][number] = {
  referralId: '11111111-1111-4111-8111-111111111111',
  patientName: 'Inge Hansen',
  practiceId: '123456',
  practiceName: 'Lægehuset Grenaa',
  sentAt: '2026-11-16T08:00:00Z',
  dueAt: '2026-11-18T08:00:00Z',
  overdue: true,
};
const fresh: FirstContactList['items'][number] = {
  ...late,
  referralId: '22222222-2222-4222-8222-222222222222',
  patientName: 'Ole Berg',
  sentAt: '2026-11-23T08:00:00Z',
  dueAt: '2026-11-25T08:00:00Z',
  overdue: false,
  owner: { id: 'n1', name: 'Sofie Kjær' },
};
const followUps: FollowUpList = {
  items: [
    {
      referralId: '33333333-3333-4333-8333-333333333333',
      patientName: 'Jens Lund',
      baselineTakenAt: '2026-03-02T10:00:00Z',
      dueAt: '2026-09-01T22:00:00Z',
      overdueAt: '2026-11-01T23:00:00Z',
      state: 'overdue',
    },
    {
      referralId: '44444444-4444-4444-8444-444444444444',
      patientName: 'Maja Friis',
      baselineTakenAt: '2026-05-12T10:00:00Z',
      dueAt: '2026-11-11T23:00:00Z',
      overdueAt: '2027-01-11T23:00:00Z',
      state: 'due',
    },
  ],
};

const stepLate: NextStepItem = {
  referralId: '55555555-5555-4555-8555-555555555555',
  patientName: 'Bent Holm',
  practiceName: 'Lægerne i Auning',
  nextStep: 'Ring og hør, hvordan første gang i koret gik.',
  nextStepDate: '2026-11-30',
  overdue: true,
  owner: { id: 'n2', name: 'Rasmus Friis' },
};
const stepToday: NextStepItem = {
  ...stepLate,
  referralId: '66666666-6666-4666-8666-666666666666',
  patientName: 'Lise Dam',
  nextStep: 'Følges til gåklubben.',
  nextStepDate: '2026-12-04',
  overdue: false,
  owner: { id: 'n1', name: 'Sofie Kjær' },
};

function setup(client: Partial<HenvisClient> = {}) {
  const fake = {
    listNextSteps: vi.fn<HenvisClient['listNextSteps']>(client.listNextSteps ?? (async () => [stepLate, stepToday])),
    listFirstContacts: vi.fn<HenvisClient['listFirstContacts']>(client.listFirstContacts ?? (async () => [late, fresh])),
    listFollowUps: vi.fn<HenvisClient['listFollowUps']>(client.listFollowUps ?? (async () => followUps)),
  };
  const user: InboxContext['user'] = { sub: 'n1', name: 'Sofie Kjær', role: 'navigator', org: { id: 'org-1', name: 'Norddjurs Kommune' } };
  render(
    <Inbox.Provider value={{ client: fake as Partial<HenvisClient> as HenvisClient, user }}>
      <Deadlines />
    </Inbox.Provider>,
  );
  return fake;
}

const rowOf = (name: string) => within(screen.getByRole('link', { name }).closest('tr')!);

afterEach(cleanup);

describe('deadlines', () => {
  it('lists referrals waiting for their first contact, the overdue ones marked in words', async () => {
    const client = setup();
    expect(screen.getByRole('heading', { level: 1, name: 'Frister' })).toBeTruthy();
    const table = await screen.findByRole('table', { name: '2 borgere venter på første kontakt' });
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((th) => th.textContent),
    ).toEqual(['Borger', 'Praksis', 'Henvist', 'Frist', 'Status', 'Socialnavigatør']);
    expect(screen.getByRole('link', { name: 'Inge Hansen' }).getAttribute('href')).toBe(`#/referrals/${late.referralId}`);
    const overdue = rowOf('Inge Hansen');
    expect(overdue.getByText('Overskredet')).toBeTruthy();
    expect(overdue.getByText('Ikke taget')).toBeTruthy();
    expect(overdue.getByText('Lægehuset Grenaa')).toBeTruthy();
    expect(overdue.queryByText('123456')).toBeNull();
    expect(overdue.getByText(formatDeadline(late.dueAt))).toBeTruthy();
    const onTime = rowOf('Ole Berg');
    expect(onTime.queryByText('Overskredet')).toBeNull();
    expect(onTime.getByText('Inden for fristen')).toBeTruthy();
    expect(onTime.getByText('Sofie Kjær')).toBeTruthy();
    expect(client.listFirstContacts.mock.calls[0]![0]).toEqual({});

    client.listFirstContacts.mockResolvedValueOnce([late]);
    fireEvent.click(screen.getByLabelText('Kun overskredne'));
    await waitFor(() => expect(client.listFirstContacts).toHaveBeenLastCalledWith({ state: 'overdue' }, expect.anything()));
    await waitFor(() => expect(screen.queryByRole('link', { name: 'Ole Berg' })).toBeNull());
  });

  it("lists the courses whose plan's next step has come, with the practice by name, and only the caller's on demand", async () => {
    const client = setup();
    const table = await screen.findByRole('table', { name: '2 næste skridt' });
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((th) => th.textContent),
    ).toEqual(['Borger', 'Praksis', 'Næste skridt', 'Dato', 'Status', 'Ansvarlig']);
    expect(screen.getByRole('link', { name: 'Bent Holm' }).getAttribute('href')).toBe(`#/referrals/${stepLate.referralId}`);
    const bent = rowOf('Bent Holm');
    expect(bent.getByText('Ring og hør, hvordan første gang i koret gik.')).toBeTruthy();
    expect(bent.getByText('Lægerne i Auning')).toBeTruthy();
    expect(bent.getByText(formatInstant('2026-11-30T12:00:00Z', 'date'))).toBeTruthy();
    expect(bent.getByText('Overskredet')).toBeTruthy();
    expect(bent.getByText('Rasmus Friis')).toBeTruthy();
    expect(rowOf('Lise Dam').getByText('I dag')).toBeTruthy();
    expect(client.listNextSteps.mock.calls[0]![0]).toEqual({});

    client.listNextSteps.mockResolvedValueOnce([stepToday]);
    fireEvent.click(screen.getByLabelText('Kun mine forløb'));
    await waitFor(() => expect(client.listNextSteps).toHaveBeenLastCalledWith({ owner: 'me' }, expect.anything()));
    await waitFor(() => expect(screen.queryByRole('link', { name: 'Bent Holm' })).toBeNull());
    expect(await screen.findByRole('table', { name: '1 næste skridt' })).toBeTruthy();
  });

  it('lists the WHO-5 follow-ups with baseline, due and overdue dates, and filters them', async () => {
    const client = setup();
    const table = await screen.findByRole('table', { name: '2 opfølgninger' });
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((th) => th.textContent),
    ).toEqual(['Borger', 'Baseline', 'Forfalder fra', 'Overskredet fra', 'Status']);
    const jens = rowOf('Jens Lund');
    expect(screen.getByRole('link', { name: 'Jens Lund' }).getAttribute('href')).toBe(`#/referrals/${followUps.items[0]!.referralId}`);
    expect(jens.getByText(formatInstant('2026-03-02T10:00:00Z', 'date'))).toBeTruthy();
    expect(jens.getByText(formatInstant('2026-09-01T22:00:00Z', 'date'))).toBeTruthy();
    expect(jens.getByText('Overskredet')).toBeTruthy();
    expect(rowOf('Maja Friis').getByText('Forfalden')).toBeTruthy();
    expect(client.listFollowUps.mock.calls[0]![0]).toEqual({});

    fireEvent.change(screen.getByLabelText('Vis'), { target: { value: 'overdue' } });
    await waitFor(() => expect(client.listFollowUps).toHaveBeenLastCalledWith({ state: 'overdue' }, expect.anything()));
    fireEvent.change(screen.getByLabelText('Vis'), { target: { value: 'due' } });
    await waitFor(() => expect(client.listFollowUps).toHaveBeenLastCalledWith({ state: 'due' }, expect.anything()));
  });

  it('says when nobody is waiting, and shows a failed load in an alert', async () => {
    setup({
      listFirstContacts: async () => [],
      listNextSteps: async () => [],
      listFollowUps: async () => Promise.reject(new HenvisError('role_not_allowed', { status: 403 })),
    });
    expect(screen.getByText('Henter borgere, der venter på første kontakt…')).toBeTruthy();
    expect(await screen.findByText('Ingen borgere venter på første kontakt.')).toBeTruthy();
    expect(await screen.findByText('Ingen næste skridt skal tages i dag.')).toBeTruthy();
    const alert = await screen.findByRole('alert');
    expect(alert.closest('section')!.querySelector('h2')!.textContent).toBe('WHO-5-opfølgning');
    expect(alert.textContent).not.toBe('');
  });
});
