// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  categoriesByName,
  categoryCodes,
  categoryLabels,
  type HsdsImportReport,
  type NewOffer,
  type Offer,
  type UnmetNeedSummary,
} from '@henvis/contracts';
import { HenvisError, type HenvisClient } from '@henvis/sdk';
import { Inbox, type InboxContext } from '../client-context.js';
import { Catalogue } from './catalogue.js';

const walk: Offer = {
  id: '0b7f6a52-7c1e-4c5e-9d0a-2f7c3b1e8a01',
  organization: { id: '0b7f6a52-7c1e-4c5e-9d0a-2f7c3b1e8a02', name: 'DGI Norddjurs' },
  service: {
    id: '0b7f6a52-7c1e-4c5e-9d0a-2f7c3b1e8a03',
    name: 'Gåtur i Grenaa',
    description: 'En rolig gåtur for alle.',
    status: 'active',
  },
  location: {
    id: '0b7f6a52-7c1e-4c5e-9d0a-2f7c3b1e8a04',
    name: 'Biblioteket',
    address: { address1: 'Torvet 3', postalCode: '8500', city: 'Grenaa' },
  },
  schedules: [{ byDay: ['TU', 'TH'], opensAt: '10:00', closesAt: '11:30' }],
  contacts: [{ name: 'Hanne Holm', phone: '+45 86 30 00 00' }],
  categories: ['walking', 'nature'],
  receptionAgreement: 'En frivillig møder nye deltagere ved indgangen.',
};
const choir: Offer = {
  ...walk,
  id: '5d3c2b1a-0000-4000-8000-000000000001',
  organization: { id: '5d3c2b1a-0000-4000-8000-000000000002', name: 'Grenaa Sangforening' },
  service: { id: '5d3c2b1a-0000-4000-8000-000000000003', name: 'Fællessang', status: 'active' },
  categories: ['choir'],
};
const summary: UnmetNeedSummary['items'] = [
  { category: 'physical_activity', area: 'Allingåbro', count: 3, latest: '2026-10-02T09:00:00Z' },
];

function setup(role: 'navigator' | 'coordinator', client: Partial<HenvisClient> = {}) {
  const fake = {
    searchOffers: vi.fn<HenvisClient['searchOffers']>(client.searchOffers ?? (async () => [walk, choir])),
    unmetNeedSummary: vi.fn<HenvisClient['unmetNeedSummary']>(client.unmetNeedSummary ?? (async () => summary)),
    createOffer: vi.fn<HenvisClient['createOffer']>(client.createOffer),
    updateOffer: vi.fn<HenvisClient['updateOffer']>(client.updateOffer),
    retireOffer: vi.fn<HenvisClient['retireOffer']>(client.retireOffer),
    exportOffers: vi.fn<HenvisClient['exportOffers']>(client.exportOffers),
    importOffers: vi.fn<HenvisClient['importOffers']>(client.importOffers),
  };
  const user: InboxContext['user'] = { sub: 'u1', name: 'Karen Koordinator', role, org: { id: 'org-1', name: 'Norddjurs Kommune' } };
  render(
    <Inbox.Provider value={{ client: fake as Partial<HenvisClient> as HenvisClient, user }}>
      <Catalogue />
    </Inbox.Provider>,
  );
  return fake;
}

const type = (label: string | RegExp, value: string) => fireEvent.input(screen.getByLabelText(label), { target: { value } });
const pick = (label: string | RegExp, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });
const button = (name: string | RegExp) => screen.getByRole('button', { name });

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('the offers catalogue', () => {
  it('shows each offer with where, when, contact and reception agreement, and sends the search criteria', async () => {
    const client = setup('navigator');
    const card = within((await screen.findByRole('heading', { name: 'Gåtur i Grenaa' })).closest('article')!);
    expect(card.getByText('DGI Norddjurs')).toBeTruthy();
    expect(card.getByText('Gåture, Natur')).toBeTruthy();
    expect(card.getByText('Biblioteket, Torvet 3, 8500 Grenaa')).toBeTruthy();
    expect(card.getByText('tirsdag og torsdag, 10:00–11:30')).toBeTruthy();
    expect(card.getByRole('link', { name: '+45 86 30 00 00' }).getAttribute('href')).toBe('tel:+4586300000');
    expect(card.getByText('Modtageaftale')).toBeTruthy();
    expect(card.getByText('En frivillig møder nye deltagere ved indgangen.')).toBeTruthy();
    expect(screen.getByRole('heading', { level: 1, name: 'Tilbudskatalog' })).toBeTruthy();

    // The one controlled list, by Danish name and "Andet" last: not only the categories the offers shown happen to have.
    const categories = [...screen.getByLabelText<HTMLSelectElement>('Kategori').options].map((o) => o.textContent);
    expect(categories).toEqual(['Alle kategorier', ...categoriesByName('da').map((c) => categoryLabels.da[c])]);
    expect(categories).toContain('Fællesspisning');
    expect(categories.at(-1)).toBe('Andet');
    type('Fritekst', 'gå');
    pick('Kategori', 'walking');
    type('Område (by eller postnummer)', '8500');
    pick('Ugedag', 'TU');
    type('Tidspunkt (TT:MM)', '10:00');
    fireEvent.click(button('Søg'));
    await waitFor(() => expect(client.searchOffers).toHaveBeenCalledTimes(2));
    expect(client.searchOffers.mock.calls[1]![0]).toEqual({ q: 'gå', category: 'walking', area: '8500', weekday: 'TU', time: '10:00' });
  });

  it('shows navigators the catalogue read-only, with the unmet needs', async () => {
    setup('navigator');
    await screen.findByRole('heading', { name: 'Gåtur i Grenaa' });
    for (const name of [/Nyt tilbud/, /Redigér/, /som udgået/, /Importér/, /Eksportér/, /Kontrollér/])
      expect(screen.queryByRole('button', { name })).toBeNull();
    expect(screen.queryByLabelText(/Importér HSDS/)).toBeNull();
    expect(screen.queryByLabelText('Vis også udgåede')).toBeNull();
    const table = within(await screen.findByRole('table', { name: 'Udækkede behov efter kategori og område' }));
    expect(table.getByRole('rowheader', { name: 'Fysisk aktivitet' })).toBeTruthy();
    expect(table.getByText('Allingåbro')).toBeTruthy();
    expect(table.getByText('3')).toBeTruthy();
  });

  it('lets a coordinator create an offer, and reloads the list', async () => {
    const created: Offer = { ...walk, id: '9a9a9a9a-0000-4000-8000-000000000001', service: { ...walk.service, name: 'Havefællesskab' } };
    const client = setup('coordinator', { createOffer: async () => created });
    await screen.findByRole('heading', { name: 'Gåtur i Grenaa' });
    client.searchOffers.mockResolvedValueOnce([walk, choir, created]);
    fireEvent.click(button('Nyt tilbud'));
    expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Nyt tilbud' }));

    fireEvent.click(button('Gem tilbud'));
    expect(screen.getByRole('alert').textContent).toBe('Nogle felter mangler eller er ugyldige. Se felterne markeret nedenfor.');
    const name = screen.getByLabelText('Organisationens navn');
    expect(name.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(name.getAttribute('aria-describedby')!)!.textContent).toBe('Skal udfyldes.');
    expect(client.createOffer).not.toHaveBeenCalled();

    type('Organisationens navn', 'Grenaa Haveforening');
    type('Tilbuddets navn', 'Havefællesskab');
    type('Beskrivelse', 'Vi dyrker grøntsager sammen.');
    expect(screen.queryByLabelText(/adskilt med komma/)).toBeNull(); // no free-text categories any more
    const boxes = within(screen.getByRole('group', { name: 'Kategorier' }));
    expect(boxes.getAllByRole('checkbox')).toHaveLength(categoryCodes.length);
    fireEvent.click(boxes.getByLabelText('Natur'));
    fireEvent.click(boxes.getByLabelText('Fællesskab'));
    type(/^Det, kategorierne ikke siger/, 'Køkkenhave');
    type(/^Modtageaftale:/, 'Ring først til Bo.');
    type('Adresse', 'Kolonivej 1');
    type('Postnummer', '8500');
    type('By', 'Grenaa');
    fireEvent.click(screen.getByLabelText('onsdag'));
    type('Starter (TT:MM)', '16:00');
    type('Slutter (TT:MM)', '18:00');
    type('Telefon', '+45 20 30 40 50');
    fireEvent.click(button('Tilføj tidspunkt'));
    expect(screen.getByRole('group', { name: 'Tidspunkt 2' })).toBeTruthy();
    fireEvent.click(button('Gem tilbud'));

    await waitFor(() => expect(client.createOffer).toHaveBeenCalledTimes(1));
    expect(client.createOffer.mock.calls[0]![0]).toEqual({
      organization: { name: 'Grenaa Haveforening' },
      service: { name: 'Havefællesskab', description: 'Vi dyrker grøntsager sammen.' },
      location: { address: { address1: 'Kolonivej 1', postalCode: '8500', city: 'Grenaa' } },
      schedules: [{ byDay: ['WE'], opensAt: '16:00', closesAt: '18:00' }],
      contacts: [{ phone: '+45 20 30 40 50' }],
      categories: ['nature', 'community'],
      categoryNote: 'Køkkenhave',
      receptionAgreement: 'Ring først til Bo.',
    } satisfies NewOffer);
    expect(await screen.findByRole('heading', { name: 'Havefællesskab' })).toBeTruthy();
    expect(client.searchOffers).toHaveBeenCalledTimes(2);
    expect(screen.getByText('»Havefællesskab« er gemt.').getAttribute('role')).toBe('status');
    expect(screen.queryByRole('heading', { name: 'Nyt tilbud' })).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(button('Nyt tilbud')));
  });

  it('shows an API refusal of an edit in the alert and marks the field', async () => {
    const refusal = new HenvisError('validation_failed', {
      status: 400,
      errors: [{ path: 'location.address.postalCode', code: 'invalid_postal_code', message: 'Postal code must be 4 digits.' }],
    });
    const client = setup('coordinator', { updateOffer: async () => Promise.reject(refusal) });
    await screen.findByRole('heading', { name: 'Gåtur i Grenaa' });
    fireEvent.click(button('Redigér Gåtur i Grenaa'));
    expect(screen.getByRole('heading', { name: 'Redigér »Gåtur i Grenaa«' })).toBeTruthy();
    expect(screen.getByLabelText<HTMLInputElement>('Tilbuddets navn').value).toBe('Gåtur i Grenaa');
    expect(screen.getByLabelText<HTMLInputElement>('torsdag').checked).toBe(true);
    type('Tilbuddets navn', 'Gåtur ved stranden');
    fireEvent.click(button('Gem tilbud'));

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('Nogle felter mangler eller er ugyldige. (location.address.postalCode)');
    const postalCode = screen.getByLabelText('Postnummer');
    expect(postalCode.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(postalCode.getAttribute('aria-describedby')!)!.textContent).toBe('Postal code must be 4 digits.');
    fireEvent.click(button('Annullér'));
    expect(screen.queryByRole('heading', { name: 'Redigér »Gåtur i Grenaa«' })).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(button('Redigér Gåtur i Grenaa')));
    const [id, body] = client.updateOffer.mock.calls[0]!;
    expect(id).toBe(walk.id);
    expect(body).toMatchObject({
      organization: walk.organization,
      service: { id: walk.service.id, status: 'active', name: 'Gåtur ved stranden' },
      location: walk.location,
      contacts: walk.contacts,
    });
  });

  it('retires an offer only after the confirm step', async () => {
    const client = setup('coordinator', { retireOffer: async () => ({ ...choir, service: { ...choir.service, status: 'defunct' } }) });
    await screen.findByRole('heading', { name: 'Fællessang' });
    fireEvent.click(button('Sæt Fællessang som udgået'));
    expect(client.retireOffer).not.toHaveBeenCalled();
    expect(screen.getByText(/Skal »Fællessang« sættes som udgået\?/)).toBeTruthy();
    fireEvent.click(button('Fortryd'));
    expect(screen.queryByText(/Skal »Fællessang« sættes som udgået\?/)).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(button('Sæt Fællessang som udgået')));

    client.searchOffers.mockResolvedValueOnce([walk]);
    fireEvent.click(button('Sæt Fællessang som udgået'));
    fireEvent.click(button('Ja, sæt som udgået'));
    await waitFor(() => expect(client.retireOffer).toHaveBeenCalledWith(choir.id));
    await waitFor(() => expect(screen.queryByRole('heading', { name: 'Fællessang' })).toBeNull());
    expect(screen.getByText('»Fællessang« er udgået.').getAttribute('role')).toBe('status');
    expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Tilbud' }));
  });

  it('lets a coordinator see retired offers as such', async () => {
    const retired: Offer = { ...choir, service: { ...choir.service, status: 'defunct' } };
    const client = setup('coordinator', { searchOffers: async () => [walk, retired] });
    fireEvent.click(await screen.findByLabelText('Vis også udgåede'));
    fireEvent.click(button('Søg'));
    await waitFor(() => expect(client.searchOffers).toHaveBeenLastCalledWith({ includeRetired: 'true' }, expect.anything()));
    const card = within(screen.getByRole('heading', { name: 'Fællessang' }).closest('article')!);
    expect(card.getByText('Udgået')).toBeTruthy();
    expect(card.queryByRole('button', { name: /som udgået|Redigér/ })).toBeNull();
  });

  it('imports HSDS only after a dry run names what it adds, changes and leaves alone, and the refused rows', async () => {
    const check: HsdsImportReport = {
      dryRun: true,
      created: 1,
      updated: 1,
      unchanged: 1,
      offers: [
        { row: 1, name: 'Gåtur i Grenaa', outcome: 'updated', changed: ['schedules', 'categories'] },
        { row: 2, name: 'Fællessang', outcome: 'unchanged' },
        { row: 4, name: 'Havefællesskab', outcome: 'created' },
      ],
      rejected: [
        {
          row: 3,
          name: 'Strikkeklub',
          errors: [{ field: 'opens_at', file: 'schedules.csv', line: 2, code: 'invalid_time', message: 'Tidspunkt skal være TT:MM.' }],
        },
      ],
    };
    const client = setup('coordinator', {
      importOffers: async (_file, { dryRun }) => ({ ...check, dryRun }),
    });
    await screen.findByRole('heading', { name: 'Gåtur i Grenaa' });
    fireEvent.click(button('Kontrollér filen'));
    expect(screen.getByRole('alert').textContent).toBe('Vælg en fil først.');

    const file = new File(['{"contents":[]}'], 'katalog.json', { type: 'application/json' });
    fireEvent.change(screen.getByLabelText('Importér HSDS: vælg en fil (.json eller .zip)'), { target: { files: [file] } });
    fireEvent.click(button('Kontrollér filen'));
    const report = await screen.findByRole('table', { name: 'Afviste rækker og deres felter' });
    expect(client.importOffers).toHaveBeenCalledTimes(1);
    // The report is asked for in the UI's language.
    expect(client.importOffers).toHaveBeenCalledWith(file, { format: 'json', dryRun: true, locale: 'da' });
    expect(screen.getByText('1 nye tilbud, 1 ændres, 1 forbliver uændrede, 1 række afvises.')).toBeTruthy();
    const offers = within(screen.getByRole('table', { name: 'Tilbuddene i filen, og hvad importen gør med dem' }));
    expect(
      offers
        .getAllByRole('row')
        .slice(1)
        .map((r) => r.textContent),
    ).toEqual(['1Gåtur i GrenaaÆndres: tidspunkter, kategorier', '2FællessangUændret, røres ikke', '4HavefællesskabTilføjes']);
    const row = within(within(report).getAllByRole('row')[1]!);
    expect(row.getByRole('rowheader').textContent).toBe('3');
    expect(row.getByText('Strikkeklub')).toBeTruthy();
    expect(row.getByText('schedules.csv, linje 2: opens_at')).toBeTruthy();
    expect(row.getByText('Tidspunkt skal være TT:MM.')).toBeTruthy();

    fireEvent.click(button('Importér 2 tilbud'));
    await waitFor(() => expect(client.importOffers).toHaveBeenCalledTimes(2));
    expect(client.importOffers).toHaveBeenLastCalledWith(file, { format: 'json', dryRun: false, locale: 'da' });
    await waitFor(() => expect(screen.getByText('Importeret: 1 nye, 1 ændrede, 1 uændrede, 1 afvist.')).toBeTruthy());
    expect(screen.queryByRole('table', { name: 'Afviste rækker og deres felter' })).toBeNull();
    await waitFor(() => expect(client.searchOffers).toHaveBeenCalledTimes(2));
  });

  it('checks a zip package as such, and sends nothing for real when the coordinator cancels', async () => {
    const client = setup('coordinator', {
      importOffers: async () => ({ dryRun: true, created: 0, updated: 0, unchanged: 0, offers: [], rejected: [] }),
    });
    await screen.findByRole('heading', { name: 'Gåtur i Grenaa' });
    const file = new File([new Uint8Array([0x50, 0x4b])], 'katalog.zip');
    fireEvent.change(screen.getByLabelText(/^Importér HSDS/), { target: { files: [file] } });
    fireEvent.click(button('Kontrollér filen'));
    expect(await screen.findByText('Der er intet at importere i filen.')).toBeTruthy();
    expect(client.importOffers).toHaveBeenCalledWith(file, { format: 'zip', dryRun: true, locale: 'da' });
    expect(screen.queryByRole('button', { name: /^Importér \d/ })).toBeNull();
    fireEvent.click(button('Fortryd'));
    expect(screen.queryByText('Kontrol af filen')).toBeNull();
    expect(client.importOffers).toHaveBeenCalledTimes(1);
  });

  it('downloads the HSDS export', async () => {
    const client = setup('coordinator', { exportOffers: async () => new Blob(['PK'], { type: 'application/zip' }) });
    const clicked = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {});
    vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:henvis-export');
    fireEvent.click(await screen.findByRole('button', { name: 'Eksportér HSDS (CSV-pakke, zip)' }));
    await waitFor(() => expect(clicked).toHaveBeenCalledTimes(1));
    expect(client.exportOffers).toHaveBeenCalledWith('zip');
    const link = clicked.mock.contexts[0] as HTMLAnchorElement;
    expect(link.download).toBe('henvis-offers-hsds.zip');
    expect(link.href).toBe('blob:henvis-export');
    expect(screen.getByText('henvis-offers-hsds.zip er hentet.')).toBeTruthy();
  });

  it('shows a failed load in an alert', async () => {
    setup('navigator', { searchOffers: async () => Promise.reject(new HenvisError('service_unavailable', { status: 503 })) });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).not.toBe('');
    expect(screen.queryByRole('list')).toBeNull();
  });
});
