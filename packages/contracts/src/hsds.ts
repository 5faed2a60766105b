import { categoryCodes, categoryLabels, categoryOf, type Category } from './category-taxonomy.js';
import { danishOffsetPeriods, type UtcOffsetPeriod } from './danish-offset-periods.js';
import { danishRegionOf } from './danish-region.js';
import { DANISH_TIME_ZONE } from './danish-time.js';
import type { HsdsService, HsdsServicePage } from './hsds-service.js';
import type { NewOffer, Offer } from './offer.js';
import { sha256 } from './sha256.js';

/** A stable UUID from a seed: SHA-256, laid out as a version 8 (custom) UUID. */
function derivedId(seed: string): string {
  const hex = [...sha256(new TextEncoder().encode(seed))].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${((parseInt(hex.charAt(16), 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** The catalogue's taxonomy, as HSDS names the vocabulary a term comes from. */
export const HENVIS_TAXONOMY = 'henvis-categories';

/** The time zone of every schedule: opening hours are Danish local time. */
export const HSDS_TIME_ZONE = DANISH_TIME_ZONE;

const categoryTaxonomy = {
  id: derivedId(`taxonomy:${HENVIS_TAXONOMY}`),
  name: HENVIS_TAXONOMY,
  description:
    "The one list of categories of Henvis' offers catalogue and its unmet needs (kategorier i tilbudskataloget): each term's name in Danish, its English name in the description",
};
const timeZoneTaxonomy = {
  id: derivedId('taxonomy:iana-time-zones'),
  name: 'IANA Time Zone Database',
  description: 'Time zones by their IANA tz database names',
  uri: 'https://www.iana.org/time-zones',
};
const timeZoneTerm = {
  id: derivedId(`${timeZoneTaxonomy.name}:${HSDS_TIME_ZONE}`),
  code: HSDS_TIME_ZONE,
  name: HSDS_TIME_ZONE,
  description: 'Danish time: UTC+1 (CET) in winter, UTC+2 (CEST) in summer',
  taxonomy: timeZoneTaxonomy.uri,
  taxonomy_id: timeZoneTaxonomy.id,
  taxonomy_detail: timeZoneTaxonomy,
};

/**
 * A category as an HSDS taxonomy term: its code, its Danish name (language `da`) and, in the description, its English
 * name. HSDS gives a term one name and one language, and its Table Schema wants each code once in taxonomy_terms.csv,
 * so the two names are one term, not two; the contracts keep both (`categoryLabels`).
 */
function categoryTerm(category: Category) {
  return {
    id: derivedId(`${HENVIS_TAXONOMY}:${category}`),
    code: category,
    name: categoryLabels.da[category],
    description: `${categoryLabels.da[category]} (en: ${categoryLabels.en[category]})`,
    taxonomy: HENVIS_TAXONOMY,
    language: 'da',
    taxonomy_id: categoryTaxonomy.id,
    taxonomy_detail: categoryTaxonomy,
  };
}

/** Every term of the categories' taxonomy, used by an offer or not, for the tabular export. */
export const categoryTaxonomyTerms = () => categoryCodes.map(categoryTerm);

/** The HSDS `link_type` of the attribute that carries an offer's category note as its `value`. */
const CATEGORY_NOTE = 'category_note';

/** `HH:MM` as HSDS's `HH:MM:SS` (the Table Schema type `time`). */
const hhmmss = (time: string | undefined) => (time ? `${time}:00` : undefined);

/**
 * One offer as an HSDS service. `periods` are Denmark's periods of one UTC offset that the schedules cover (by
 * default the current one and the two after it, a year ahead at least): HSDS gives a schedule's time zone only as a
 * number (`timezone`, a UTC offset), so each weekly schedule is given once per period, with `valid_from`,
 * `valid_to` and that period's offset, and linked by an attribute to the zone's IANA name.
 */
export function offerToHsds(offer: Offer, periods: UtcOffsetPeriod[] = danishOffsetPeriods(new Date(), 3)): HsdsService {
  const id = (what: string) => derivedId(`${offer.id}:${what}`);
  const { organization, service, location } = offer;
  const schedules: HsdsService['schedules'] = offer.schedules.flatMap((s, i) =>
    periods.map((period) => {
      const scheduleId = id(`schedule:${i}:${period.from ?? ''}`);
      const opensAt = hhmmss(s.opensAt);
      const closesAt = hhmmss(s.closesAt);
      return {
        id: scheduleId,
        service_id: service.id,
        ...(period.from ? { valid_from: period.from } : {}),
        ...(period.to ? { valid_to: period.to } : {}),
        timezone: period.offsetHours,
        freq: 'WEEKLY' as const,
        byday: s.byDay.join(','),
        ...(s.description ? { description: s.description } : {}),
        ...(opensAt ? { opens_at: opensAt } : {}),
        ...(closesAt ? { closes_at: closesAt } : {}),
        attributes: [
          {
            id: derivedId(`${scheduleId}:timezone`),
            link_id: scheduleId,
            link_type: 'timezone',
            link_entity: 'schedule' as const,
            taxonomy_term_id: timeZoneTerm.id,
            taxonomy_term: timeZoneTerm,
          },
        ],
      };
    }),
  );
  const contacts = offer.contacts.map((c, i) => ({
    id: id(`contact:${i}`),
    service_id: service.id,
    ...(c.name ? { name: c.name } : {}),
    ...(c.email ? { email: c.email } : {}),
    phones: c.phone ? [{ id: id(`phone:${i}`), contact_id: id(`contact:${i}`), number: c.phone }] : [],
  }));
  const region = location && danishRegionOf(location.address.postalCode);
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
      // Required by HSDS; where the catalogue has none, the name (and an import reads that back as none).
      description: organization.description ?? organization.name,
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
              location_type: 'physical' as const,
              organization_id: organization.id,
              ...(location.name ? { name: location.name } : {}),
              addresses: [
                {
                  id: id('address'),
                  location_id: location.id,
                  address_1: location.address.address1,
                  city: location.address.city,
                  ...(region ? { state_province: region } : {}),
                  postal_code: location.address.postalCode,
                  country: 'DK' as const,
                  address_type: 'physical' as const,
                },
              ],
            },
          },
        ]
      : [],
    attributes: [
      ...offer.categories.map((category) => ({
        id: id(`attribute:${category}`),
        link_id: service.id,
        link_type: 'service',
        link_entity: 'service' as const,
        taxonomy_term_id: categoryTerm(category).id,
        taxonomy_term: categoryTerm(category),
      })),
      // The note of what the categories do not say: HSDS's attribute value, on the term "other".
      ...(offer.categoryNote
        ? [
            {
              id: id('attribute:category_note'),
              link_id: service.id,
              link_type: CATEGORY_NOTE,
              link_entity: 'service' as const,
              value: offer.categoryNote,
              taxonomy_term_id: categoryTerm('other').id,
              taxonomy_term: categoryTerm('other'),
            },
          ]
        : []),
    ],
  };
}

/**
 * The offers catalogue in Open Referral HSDS 3.1 form: each offer as a full HSDS `service` with its organisation,
 * location (service_at_location), schedules, contacts with phones, and categories as taxonomy attributes, in the
 * page shape of the HSDS API (`GET /services`). Objects the catalogue keeps no id for (schedules, contacts,
 * phones, addresses, attributes) get ids derived from the offer's, so an export is the same every time.
 */
export function hsdsServicePage(offers: Offer[], at: Date = new Date()): HsdsServicePage {
  const periods = danishOffsetPeriods(at, 3);
  const contents = offers.map((offer) => offerToHsds(offer, periods));
  return {
    total_items: contents.length,
    total_pages: 1,
    page_number: 1,
    size: contents.length,
    first_page: true,
    last_page: true,
    empty: contents.length === 0,
    contents,
  };
}

type Loose = Record<string, unknown>;
const asList = (value: unknown): Loose[] => (Array.isArray(value) ? (value.filter((v) => v && typeof v === 'object') as Loose[]) : []);
const asText = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value : undefined);
const hhmm = (value: unknown) => (typeof value === 'string' ? (/^(\d{2}:\d{2})/.exec(value)?.[1] ?? value) : undefined);
const weekdayCodes = new Set(['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU']);

/**
 * The categories of a service's attributes: a term of the list by its code, or by its Danish or English name (another
 * directory's "Walks"); a term the list has no word for, and the note's value, go into the category note, so that
 * nothing read is lost. The note is left out when it would not fit, so that the check names it.
 */
function categoriesOf(attributes: Loose[]): { categories: Category[]; categoryNote?: string } {
  const categories = new Set<Category>();
  const notes: string[] = [];
  for (const attribute of attributes) {
    const term = (attribute.taxonomy_term ?? {}) as Loose;
    if (attribute.link_type === CATEGORY_NOTE) {
      if (asText(attribute.value)) notes.unshift(String(attribute.value));
      continue;
    }
    const words = [term.code, term.name].filter((w): w is string => typeof w === 'string' && w.trim() !== '');
    const category = words.map(categoryOf).find(Boolean);
    if (category) categories.add(category);
    else if (words.length) notes.push(String(asText(term.name) ?? words[0]));
  }
  const categoryNote = [...new Set(notes)].join(', ');
  return { categories: [...categories], ...(categoryNote ? { categoryNote } : {}) };
}

/**
 * One HSDS 3.1 service as an offer for the catalogue, to be checked against `NewOffer`: the inverse of
 * `offerToHsds`. What the catalogue has no place for is left out; what it requires and the service lacks is left
 * empty, so the check names it.
 */
export function hsdsToNewOffer(service: Loose): Loose {
  const organization = (service.organization ?? {}) as Loose;
  const location = asList(service.service_at_locations)
    .map((sal) => sal.location as Loose | undefined)
    .find(Boolean);
  const address = location && (asList(location.addresses).find((a) => a.address_type !== 'postal') ?? asList(location.addresses)[0]);
  const status = service.status === 'temporarily closed' ? 'inactive' : service.status;
  return {
    organization: {
      ...(asText(organization.id) ? { id: organization.id } : {}),
      name: organization.name,
      ...(asText(organization.description) && organization.description !== organization.name
        ? { description: organization.description }
        : {}),
      ...(asText(organization.website) ? { website: organization.website } : {}),
      ...(asText(organization.email) ? { email: organization.email } : {}),
    },
    service: {
      ...(asText(service.id) ? { id: service.id } : {}),
      name: service.name,
      ...(asText(service.description) ? { description: service.description } : {}),
      ...(status !== undefined ? { status } : {}),
    },
    ...(location
      ? {
          location: {
            ...(asText(location.id) ? { id: location.id } : {}),
            ...(asText(location.name) ? { name: location.name } : {}),
            address: { address1: address?.address_1, postalCode: address?.postal_code, city: address?.city },
          },
        }
      : {}),
    schedules: asList(service.schedules).map((s) => ({
      byDay: (typeof s.byday === 'string' ? s.byday : '')
        .split(',')
        .map((d) => d.trim().toUpperCase())
        .filter((d) => weekdayCodes.has(d)),
      ...(s.opens_at !== undefined ? { opensAt: hhmm(s.opens_at) } : {}),
      ...(s.closes_at !== undefined ? { closesAt: hhmm(s.closes_at) } : {}),
      ...(asText(s.description) ? { description: s.description } : {}),
    })),
    contacts: [
      ...asList(service.contacts).map((c) => {
        const phone = asList(c.phones)[0]?.number;
        return {
          ...(asText(c.name) ? { name: c.name } : {}),
          ...(asText(c.email) ? { email: c.email } : {}),
          ...(phone !== undefined ? { phone } : {}),
        };
      }),
      ...asList(service.phones).map((p) => ({ phone: p.number })),
    ],
    ...categoriesOf(asList(service.attributes)),
    ...(asText(service.application_process) ? { receptionAgreement: service.application_process } : {}),
  };
}

/**
 * The offer with each repeated schedule once: HSDS gives a weekly schedule once per validity period (as the export
 * does, per UTC offset), and the catalogue keeps no validity. Applied after the check, so that a field error names
 * the schedule as it was sent.
 */
export function withoutRepeatedSchedules(offer: NewOffer): NewOffer {
  const seen = new Set<string>();
  const schedules = offer.schedules.filter((s) => {
    const key = JSON.stringify([s.byDay, s.opensAt, s.closesAt, s.description]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return { ...offer, schedules };
}

/** A field of the catalogue's offer named as HSDS names it, for the validation report of an import. */
export function hsdsFieldOf(path: string): string {
  return path
    .replace(/^service\./, '')
    .replace(/^location\.address\.address1$/, 'service_at_locations[0].location.addresses[0].address_1')
    .replace(/^location\.address\.postalCode$/, 'service_at_locations[0].location.addresses[0].postal_code')
    .replace(/^location\.address\.city$/, 'service_at_locations[0].location.addresses[0].city')
    .replace(/^location\./, 'service_at_locations[0].location.')
    .replace(/^schedules\.(\d+)\.opensAt$/, 'schedules[$1].opens_at')
    .replace(/^schedules\.(\d+)\.closesAt$/, 'schedules[$1].closes_at')
    .replace(/^schedules\.(\d+)\.byDay.*$/, 'schedules[$1].byday')
    .replace(/^contacts\.(\d+)\.phone$/, 'contacts[$1].phones[0].number')
    .replace(/^contacts\.(\d+)\./, 'contacts[$1].')
    .replace(/^categories.*$/, 'attributes')
    .replace(/^categoryNote$/, 'attributes.value')
    .replace(/^receptionAgreement$/, 'application_process');
}
