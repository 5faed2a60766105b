import * as z from 'zod/mini';
import { Id } from './identifiers.js';

// What the catalogue's HSDS 3.1 export holds, exactly: the HSDS objects and fields `offerToHsds` writes, no others
// (HSDS has many more, all optional). The same export is checked against HSDS's own compiled service schema in the
// tests; this contract is what the OpenAPI document promises and what the code that writes it must keep to.

const Time = z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d:[0-5]\d$/));

const HsdsTaxonomy = z.strictObject({ id: Id, name: z.string(), description: z.string(), uri: z.optional(z.url()) });

const HsdsAttribute = z.strictObject({
  id: Id,
  link_id: Id,
  link_type: z.string(),
  link_entity: z.enum(['service', 'schedule']),
  /** The attribute's value: the offer's category note, on the term "other". */
  value: z.optional(z.string()),
  taxonomy_term_id: Id,
  taxonomy_term: z.strictObject({
    id: Id,
    code: z.string(),
    name: z.string(),
    description: z.string(),
    taxonomy: z.string(),
    language: z.optional(z.string()),
    taxonomy_id: Id,
    taxonomy_detail: HsdsTaxonomy,
  }),
});

const HsdsSchedule = z.strictObject({
  id: Id,
  service_id: Id,
  valid_from: z.optional(z.iso.date()),
  valid_to: z.optional(z.iso.date()),
  /** The UTC offset in hours of Danish time in this period (1 or 2). */
  timezone: z.number(),
  freq: z.literal('WEEKLY'),
  byday: z.string(),
  description: z.optional(z.string()),
  opens_at: z.optional(Time),
  closes_at: z.optional(Time),
  attributes: z.array(HsdsAttribute),
});

const HsdsContact = z.strictObject({
  id: Id,
  service_id: Id,
  name: z.optional(z.string()),
  email: z.optional(z.string()),
  phones: z.array(z.strictObject({ id: Id, contact_id: Id, number: z.string() })),
});

const HsdsAddress = z.strictObject({
  id: Id,
  location_id: Id,
  address_1: z.string(),
  city: z.string(),
  state_province: z.optional(z.string()),
  postal_code: z.string(),
  country: z.literal('DK'),
  address_type: z.literal('physical'),
});

/** One offer as an Open Referral HSDS 3.1 `service`, with its organisation, location, schedules and contacts. */
export const HsdsService = z.strictObject({
  id: Id,
  organization_id: Id,
  name: z.string(),
  description: z.optional(z.string()),
  status: z.enum(['active', 'inactive', 'defunct']),
  application_process: z.optional(z.string()),
  organization: z.strictObject({
    id: Id,
    name: z.string(),
    description: z.string(),
    website: z.optional(z.string()),
    email: z.optional(z.string()),
  }),
  schedules: z.array(HsdsSchedule),
  contacts: z.array(HsdsContact),
  service_at_locations: z.array(
    z.strictObject({
      id: Id,
      service_id: Id,
      location: z.strictObject({
        id: Id,
        location_type: z.literal('physical'),
        organization_id: Id,
        name: z.optional(z.string()),
        addresses: z.array(HsdsAddress),
      }),
    }),
  ),
  attributes: z.array(HsdsAttribute),
});
export type HsdsService = z.infer<typeof HsdsService>;

/** The whole catalogue as one page of the HSDS API's `GET /services`. */
export const HsdsServicePage = z.strictObject({
  total_items: z.int(),
  total_pages: z.literal(1),
  page_number: z.literal(1),
  size: z.int(),
  first_page: z.literal(true),
  last_page: z.literal(true),
  empty: z.boolean(),
  contents: z.array(HsdsService),
});
export type HsdsServicePage = z.infer<typeof HsdsServicePage>;
