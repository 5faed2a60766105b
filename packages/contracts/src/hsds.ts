import type { Offer } from './offer.js';
import { sha256 } from './sha256.js';

/**
 * The offers catalogue in Open Referral HSDS 3.1 form: each offer as a full HSDS `service` with its organisation,
 * location (service_at_location), schedules, contacts with phones, and categories as taxonomy attributes, in the
 * page shape of the HSDS API (`GET /services`). Objects the catalogue keeps no id for (schedules, contacts,
 * phones, addresses, attributes) get ids derived from the offer's, so an export is the same every time.
 */
export interface HsdsServicePage {
  total_items: number;
  total_pages: 1;
  page_number: 1;
  size: number;
  first_page: true;
  last_page: true;
  empty: boolean;
  contents: HsdsService[];
}

export type HsdsService = Record<string, unknown> & { id: string; name: string; status: string };

/** A stable UUID from a seed: SHA-256, laid out as a version 8 (custom) UUID. */
function derivedId(seed: string): string {
  const hex = [...sha256(new TextEncoder().encode(seed))].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** The catalogue's taxonomy, as HSDS names the vocabulary a term comes from. */
export const HENVIS_TAXONOMY = 'henvis-categories';

export function offerToHsds(offer: Offer): HsdsService {
  const id = (what: string) => derivedId(`${offer.id}:${what}`);
  const { organization, service, location } = offer;
  const schedules = offer.schedules.map((s, i) => ({
    id: id(`schedule:${i}`),
    service_id: service.id,
    freq: 'WEEKLY',
    byday: s.byDay.join(','),
    // Local Danish time: HSDS's numeric `timezone` (a fixed UTC offset) would be wrong half the year.
    ...(s.opensAt ? { opens_at: s.opensAt } : {}),
    ...(s.closesAt ? { closes_at: s.closesAt } : {}),
    ...(s.description ? { description: s.description } : {}),
  }));
  const contacts = offer.contacts.map((c, i) => ({
    id: id(`contact:${i}`),
    service_id: service.id,
    ...(c.name ? { name: c.name } : {}),
    ...(c.email ? { email: c.email } : {}),
    phones: c.phone ? [{ id: id(`phone:${i}`), contact_id: id(`contact:${i}`), number: c.phone }] : [],
  }));
  return {
    id: service.id,
    organization_id: organization.id,
    name: service.name,
    ...(service.description ? { description: service.description } : {}),
    status: service.status,
    // HSDS has no field for it; the organisation's agreement on receiving citizens in vulnerable situations.
    ...(offer.receptionAgreement ? { application_process: offer.receptionAgreement } : {}),
    organization: {
      id: organization.id,
      name: organization.name,
      description: organization.description ?? '',
      ...(organization.website ? { website: organization.website } : {}),
      ...(organization.email ? { email: organization.email } : {}),
    },
    schedules,
    contacts,
    service_at_locations: location
      ? [
          {
            id: id('service_at_location'),
            service_id: service.id,
            location: {
              id: location.id,
              location_type: 'physical',
              organization_id: organization.id,
              ...(location.name ? { name: location.name } : {}),
              addresses: [
                {
                  id: id('address'),
                  location_id: location.id,
                  address_1: location.address.address1,
                  city: location.address.city,
                  state_province: '', // required by HSDS; the catalogue does not keep the region
                  postal_code: location.address.postalCode,
                  country: 'DK',
                  address_type: 'physical',
                },
              ],
            },
          },
        ]
      : [],
    attributes: offer.categories.map((category) => ({
      id: id(`attribute:${category}`),
      link_id: service.id,
      link_type: 'service',
      link_entity: 'service',
      taxonomy_term_id: derivedId(`${HENVIS_TAXONOMY}:${category}`),
      taxonomy_term: { id: derivedId(`${HENVIS_TAXONOMY}:${category}`), code: category, name: category, description: category, taxonomy: HENVIS_TAXONOMY },
    })),
  };
}

export function hsdsServicePage(offers: Offer[]): HsdsServicePage {
  const contents = offers.map(offerToHsds);
  return { total_items: contents.length, total_pages: 1, page_number: 1, size: contents.length, first_page: true, last_page: true, empty: contents.length === 0, contents };
}
