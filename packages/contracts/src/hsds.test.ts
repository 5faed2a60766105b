import { describe, expect, it } from 'vitest';
import { categoryCodes, categoryOf } from './category-taxonomy.js';
import { categoryTaxonomyTerms, hsdsToNewOffer, offerToHsds, withoutRepeatedSchedules } from './hsds.js';
import { NewOffer, type Offer } from './offer.js';
import { parseContract } from './field-errors.js';

const offer: Offer = {
  id: '3b0c3c8e-3d6f-4a8e-9a55-0c1f2a3b4c5d',
  organization: { id: '8f7e6d5c-4b3a-4291-8f7e-6d5c4b3a2910', name: 'Auning Seniorkor' },
  service: { id: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d', name: 'Syng med i koret', status: 'active' },
  location: { id: '9a8b7c6d-5e4f-4a3b-9c1d-0e9f8a7b6c5d', address: { address1: 'Storegade 1', postalCode: '8963', city: 'Auning' } },
  schedules: [{ byDay: ['MO'], opensAt: '19:00', closesAt: '21:00' }],
  contacts: [],
  categories: ['choir'],
};
const periods = [
  { from: '2026-10-25', to: '2027-03-27', offsetHours: 1 },
  { from: '2027-03-28', to: '2027-10-30', offsetHours: 2 },
];

describe('an offer as an HSDS service and back', () => {
  it("fills HSDS's required fields and gives each schedule per UTC offset period, in Europe/Copenhagen", () => {
    const service = offerToHsds(offer, periods) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- read as JSON
    expect(service.organization.description).toBe('Auning Seniorkor');
    expect(service.service_at_locations[0].location.addresses[0].state_province).toBe('Region Midtjylland');
    expect(service.schedules.map((s: Record<string, unknown>) => [s.valid_from, s.valid_to, s.timezone, s.opens_at, s.closes_at])).toEqual([
      ['2026-10-25', '2027-03-27', 1, '19:00:00', '21:00:00'],
      ['2027-03-28', '2027-10-30', 2, '19:00:00', '21:00:00'],
    ]);
    expect(service.schedules[0].attributes[0].taxonomy_term).toMatchObject({
      code: 'Europe/Copenhagen',
      taxonomy_detail: { name: 'IANA Time Zone Database' },
    });
    expect(service.attributes[0].taxonomy_term).toMatchObject({
      code: 'choir',
      name: 'Kor og sang',
      taxonomy_detail: { name: 'henvis-categories' },
    });
  });

  it('reads the export back as the offer: the name-as-description as none, each weekly schedule once', () => {
    const parsed = parseContract(NewOffer, hsdsToNewOffer(offerToHsds(offer, periods)));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const back = withoutRepeatedSchedules(parsed.value);
    expect(back.organization).toEqual({ id: offer.organization.id, name: 'Auning Seniorkor' });
    expect(back.schedules).toEqual(offer.schedules);
    expect(back.categories).toEqual(['choir']);
    expect(back.location?.address).toEqual(offer.location?.address);
  });
});

describe("the categories in HSDS: the one list's terms, and the note", () => {
  it('names each category term in Danish with its English name beside it, and gives the note on the term "other"', () => {
    const service = offerToHsds({ ...offer, categories: ['walking', 'other'], categoryNote: 'Stavgang' }, periods);
    expect(service.attributes.map((a) => [a.link_type, a.taxonomy_term.code, a.taxonomy_term.name, a.value])).toEqual([
      ['service', 'walking', 'Gåture', undefined],
      ['service', 'other', 'Andet', undefined],
      ['category_note', 'other', 'Andet', 'Stavgang'],
    ]);
    expect(service.attributes[0]!.taxonomy_term).toMatchObject({ language: 'da', description: 'Gåture (en: Walks)' });
    expect(categoryTaxonomyTerms().map((t) => t.code)).toEqual([...categoryCodes]);
  });

  it("reads a term by code or by its Danish or English name, and keeps another directory's words in the note", () => {
    const attribute = (code: string | undefined, name: string) => ({ link_type: 'service', taxonomy_term: { code, name } });
    const read = hsdsToNewOffer({
      ...offerToHsds(offer, periods),
      attributes: [attribute('X1', 'walks'), attribute(undefined, 'Kor og sang'), attribute('p', 'Petanque'), attribute('q', 'Bowls')],
    });
    expect(read).toMatchObject({ categories: ['walking', 'choir'], categoryNote: 'Petanque, Bowls' });
    expect(categoryOf(' FÆLLESSPISNING ')).toBe('shared_meal');
    expect(categoryOf('petanque')).toBeUndefined();
  });
});
