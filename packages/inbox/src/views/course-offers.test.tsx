// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Offer, OfferLink, Plan, Referral } from '@henvis/contracts';
import type { HenvisClient } from '@henvis/sdk';
import { Inbox, type InboxContext } from '../client-context.js';
import { OffersSection } from './course-offers.js';
import { PlanSection } from './course-plan.js';

const referral = { id: '11111111-1111-4111-8111-111111111111', status: 'contacted' } as Referral;
const sofie = { id: 'n1', name: 'Sofie Kjær', role: 'navigator', orgId: 'norddjurs' } as const;

const meal: Offer = {
  id: '22222222-2222-4222-8222-222222222201',
  organization: { id: '22222222-2222-4222-8222-222222222202', name: 'Aktivitetscenter Grenaa' },
  service: { id: '22222222-2222-4222-8222-222222222203', name: 'Fællesspisning', status: 'active' },
  location: { id: '22222222-2222-4222-8222-222222222204', address: { address1: 'Ålykkevej 12', postalCode: '8500', city: 'Grenaa' } },
  schedules: [{ byDay: ['TH'], opensAt: '17:30', closesAt: '19:30' }],
  contacts: [{ name: 'Aktivitetscentret', phone: '+45 89 59 10 00' }],
  categories: ['shared_meal', 'community'],
  receptionAgreement: 'En medarbejder tager imod ved døren første gang.',
};
const walk: Offer = {
  ...meal,
  id: '33333333-3333-4333-8333-333333333301',
  service: { id: '33333333-3333-4333-8333-333333333303', name: 'Gåture for alle', status: 'active' },
  categories: ['walking'],
};
const linkTo = (offer: Offer, state: OfferLink['state'], id: string): OfferLink => ({
  id,
  referralId: referral.id,
  offerId: offer.id,
  offerName: offer.service.name,
  state,
  history: [{ state, at: '2026-11-20T10:00:00Z', by: sofie }],
});

function setup(plan: Plan | null = null) {
  let links: OfferLink[] = [linkTo(walk, 'stopped', '44444444-4444-4444-8444-444444444401')];
  const fake = {
    listOfferLinks: vi.fn<HenvisClient['listOfferLinks']>(async () => links),
    searchOffers: vi.fn<HenvisClient['searchOffers']>(async () => [meal, walk]),
    linkOffer: vi.fn<HenvisClient['linkOffer']>(async (_id, offerId) => {
      const link = linkTo(offerId === meal.id ? meal : walk, 'proposed', '44444444-4444-4444-8444-444444444402');
      links = [...links, link];
      return link;
    }),
    moveOfferLink: vi.fn<HenvisClient['moveOfferLink']>(),
    getPlan: vi.fn<HenvisClient['getPlan']>(async () => plan),
    savePlan: vi.fn<HenvisClient['savePlan']>(),
  };
  const user: InboxContext['user'] = { sub: 'n1', name: 'Sofie Kjær', role: 'navigator', org: { id: 'norddjurs', name: 'Norddjurs' } };
  render(
    <Inbox.Provider value={{ client: fake as Partial<HenvisClient> as HenvisClient, user }}>
      <PlanSection referral={referral} onChange={() => {}} />
      <OffersSection referral={referral} onChange={() => {}} />
    </Inbox.Provider>,
  );
  return fake;
}

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe("the course's offers", () => {
  it("searches with the catalogue's own filters and shows each offer's times and reception agreement", async () => {
    const client = setup();
    const offers = within(screen.getByRole('region', { name: 'Tilbud' }));
    fireEvent.click(offers.getByText('Find tilbud i kataloget'));
    const search = within(offers.getByRole('search', { name: 'Find tilbud i kataloget' }));
    fireEvent.change(search.getByLabelText('Kategori'), { target: { value: 'shared_meal' } });
    fireEvent.input(search.getByLabelText('Område (by eller postnummer)'), { target: { value: 'Grenaa' } });
    fireEvent.change(search.getByLabelText('Ugedag'), { target: { value: 'TH' } });
    fireEvent.input(search.getByLabelText('Tidspunkt (TT:MM)'), { target: { value: '18:00' } });
    fireEvent.click(search.getByRole('button', { name: 'Søg' }));
    await waitFor(() => expect(client.searchOffers).toHaveBeenCalledTimes(1));
    expect(client.searchOffers.mock.calls[0]![0]).toEqual({ category: 'shared_meal', area: 'Grenaa', weekday: 'TH', time: '18:00' });

    const card = within((await offers.findByRole('heading', { name: 'Fællesspisning' })).closest('article')!);
    expect(card.getByText('torsdag, 17:30–19:30')).toBeTruthy();
    expect(card.getByText('Modtageaftale')).toBeTruthy();
    expect(card.getByText('En medarbejder tager imod ved døren første gang.')).toBeTruthy();
    expect(card.getByText('Fællesspisning, Fællesskab')).toBeTruthy();
    // A stopped link does not keep an offer from being linked again.
    expect(offers.getByRole('button', { name: 'Kobl til: Gåture for alle' })).toBeTruthy();

    // Nothing fits: the unmet need starts from what was searched for, in the same categories.
    client.searchOffers.mockResolvedValueOnce([]);
    fireEvent.change(search.getByLabelText('Kategori'), { target: { value: 'choir' } });
    fireEvent.input(search.getByLabelText('Område (by eller postnummer)'), { target: { value: 'Allingåbro' } });
    fireEvent.click(search.getByRole('button', { name: 'Søg' }));
    await offers.findByText(/Ingen tilbud passer/);
    expect(offers.getByLabelText<HTMLSelectElement>('Behov').value).toBe('choir');
    expect(offers.getByLabelText<HTMLInputElement>('Område (by eller bydel)').value).toBe('Allingåbro');
  });

  it("makes a linked offer one of the plan's agreed offers, with no list typed by hand", async () => {
    const client = setup();
    const plan = within(screen.getByRole('region', { name: 'Individuel plan' }));
    expect(plan.queryByRole('textbox', { name: /Aftalte tilbud/ })).toBeNull(); // no textarea of names any more
    await waitFor(() => expect(client.listOfferLinks).toHaveBeenCalled());
    // The stopped link is not agreed.
    expect(plan.queryByRole('list', { name: 'Aftalte tilbud' })).toBeNull();

    const offers = within(screen.getByRole('region', { name: 'Tilbud' }));
    fireEvent.click(offers.getByText('Find tilbud i kataloget'));
    fireEvent.click(offers.getByRole('button', { name: 'Søg' }));
    fireEvent.click(await offers.findByRole('button', { name: 'Kobl til: Fællesspisning' }));
    await waitFor(() => expect(client.linkOffer).toHaveBeenCalledWith(referral.id, meal.id));

    const agreed = await plan.findByRole('list', { name: 'Aftalte tilbud' });
    expect(
      within(agreed)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['Fællesspisning · Foreslået']);
    expect(offers.getByText('Koblet til forløbet')).toBeTruthy();
  });

  it('saves a plan without a list of offers of its own, and shows an old plan\u2019s offers in its note', async () => {
    const client = setup({
      referralId: referral.id,
      version: 3,
      savedAt: '2026-11-20T10:00:00Z',
      savedBy: sofie,
      goals: 'Ud af huset',
      bridgeBuilder: false,
      companion: false,
      nextStep: 'Ring fredag',
      nextStepDate: '2026-12-04',
      endCriterion: 'Når Karen går fast i gåklubben',
      note: 'Aftalte tilbud (fra planen, før tilbuddene blev koblet fra kataloget): Gåklubben i Grenaa',
    });
    const plan = within(screen.getByRole('region', { name: 'Individuel plan' }));
    await waitFor(() => expect(plan.getByLabelText<HTMLTextAreaElement>('Andet').value).toContain('Gåklubben i Grenaa'));
    fireEvent.click(plan.getByRole('button', { name: 'Gem plan' }));
    await waitFor(() => expect(client.savePlan).toHaveBeenCalledTimes(1));
    const saved = client.savePlan.mock.calls[0]![1];
    expect(saved).not.toHaveProperty('agreedOffers');
    expect(saved.note).toContain('Gåklubben i Grenaa');
  });
});
