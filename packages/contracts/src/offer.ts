import * as z from 'zod/mini';
import { categoryCodes } from './category-taxonomy.js';
import { EmailAddress, Id, PhoneNumber, requiredText, text } from './identifiers.js';

/** A time of day, `HH:MM` (00:00-23:59), in Danish local time. */
const TimeOfDay = z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'invalid_time' }));

const locationFields = {
  name: z.optional(text(200)),
  address: z.strictObject({
    address1: requiredText(200),
    postalCode: z.string().check(z.regex(/^\d{4}$/, { error: 'invalid_postal_code' })),
    city: requiredText(100),
  }),
};

/**
 * An offer (tilbud) in the offers catalogue, shaped after Open Referral HSDS 3.1: the organisation that runs it,
 * the service, where and when it happens, whom to contact, and its categories (taxonomy terms).
 */
export const Offer = z.strictObject({
  id: Id,
  /** The organisation (forening, kommunalt tilbud) — HSDS `organization`. */
  organization: z.strictObject({
    id: Id,
    name: requiredText(200),
    description: z.optional(text(2000)),
    website: z.optional(z.url()),
    email: z.optional(EmailAddress),
  }),
  /** The service itself — HSDS `service`. */
  service: z.strictObject({
    id: Id,
    name: requiredText(200),
    description: z.optional(text(4000)),
    status: z.enum(['active', 'inactive', 'defunct']),
  }),
  /** Where it takes place — HSDS `location` with a physical `address`. */
  location: z.optional(z.strictObject({ id: Id, ...locationFields })),
  /** When it happens — HSDS `schedule` (weekly, iCal-style `byDay`). */
  schedules: z.array(
    z.strictObject({
      byDay: z.array(z.enum(['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'])),
      opensAt: z.optional(TimeOfDay),
      closesAt: z.optional(TimeOfDay),
      description: z.optional(text(500)),
    }),
  ),
  /** Whom to contact — HSDS `contact` with `phone`. */
  contacts: z.array(z.strictObject({ name: z.optional(text(200)), phone: z.optional(PhoneNumber), email: z.optional(EmailAddress) })),
  /** Categories (kategorier): terms of the one controlled list, the HSDS taxonomy `henvis-categories`. */
  categories: z.array(z.enum(categoryCodes)).check(z.refine((list) => new Set(list).size === list.length, { error: 'duplicate_items' })),
  /** What the categories do not say, in words (e.g. "petanque"): the list is closed, so free text goes here. */
  categoryNote: z.optional(text(500)),
  /** The organisation's agreement on how it receives citizens in vulnerable situations (modtageaftale). */
  receptionAgreement: z.optional(text(2000)),
});
export type Offer = z.infer<typeof Offer>;

const weekdays = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
export type Weekday = (typeof weekdays)[number];

/** An offer as a coordinator writes it: the same, without the ids the catalogue gives. */
export const NewOffer = z.strictObject({
  organization: z.strictObject({ ...Offer.shape.organization.shape, id: z.optional(Id) }),
  service: z.strictObject({ ...Offer.shape.service.shape, id: z.optional(Id), status: z.optional(Offer.shape.service.shape.status) }),
  location: z.optional(z.strictObject({ id: z.optional(Id), ...locationFields })),
  schedules: Offer.shape.schedules,
  contacts: Offer.shape.contacts,
  categories: Offer.shape.categories,
  categoryNote: Offer.shape.categoryNote,
  receptionAgreement: Offer.shape.receptionAgreement,
});
export type NewOffer = z.infer<typeof NewOffer>;

/** Searching the catalogue: by category, area (town or postal code), weekday and time of day, and free text. */
export const OfferQuery = z.strictObject({
  category: z.optional(z.enum(categoryCodes)),
  area: z.optional(text(100)),
  weekday: z.optional(z.enum(weekdays)),
  /** `HH:MM`: offers that are open then. */
  time: z.optional(TimeOfDay),
  q: z.optional(text(100)),
  /** Retired offers too (coordinators). */
  includeRetired: z.optional(z.enum(['true', 'false'])),
});
export type OfferQuery = z.infer<typeof OfferQuery>;

export const OfferList = z.strictObject({ items: z.array(Offer) });
export type OfferList = z.infer<typeof OfferList>;

const fold = (value: string) => value.toLocaleLowerCase('da-DK');

/** Whether an offer answers a search of the catalogue (every given criterion must hold). */
export function offerMatches(offer: Offer, query: Omit<OfferQuery, 'includeRetired'>): boolean {
  if (query.category && !offer.categories.includes(query.category)) return false;
  if (query.area) {
    const area = fold(query.area.trim());
    const address = offer.location?.address;
    if (!address || !(address.postalCode === area || fold(address.city).startsWith(area))) return false;
  }
  if (query.weekday || query.time) {
    const open = offer.schedules.some(
      (s) =>
        (!query.weekday || s.byDay.includes(query.weekday)) &&
        (!query.time || (s.opensAt !== undefined && s.closesAt !== undefined && s.opensAt <= query.time && query.time < s.closesAt)),
    );
    if (!open) return false;
  }
  if (query.q) {
    const q = fold(query.q);
    const haystack = [offer.service.name, offer.service.description ?? '', offer.organization.name, offer.categoryNote ?? ''].map(fold);
    if (!haystack.some((text) => text.includes(q))) return false;
  }
  return true;
}

/** The parts of an offer, as an import's report names what it changes. */
export const offerParts = [
  'organization',
  'service',
  'location',
  'schedules',
  'contacts',
  'categories',
  'categoryNote',
  'receptionAgreement',
] as const;
export type OfferPart = (typeof offerParts)[number];

/** JSON with each object's keys in order, so that two values compare equal however their keys were written. */
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );

/** The parts in which `after` differs from `before`: none when an import would leave the offer as it is. */
export const offerChanges = (before: Offer, after: Offer): OfferPart[] =>
  offerParts.filter((part) => canonical(before[part]) !== canonical(after[part]));
