import * as z from 'zod/mini';
import { EmailAddress, Id, PhoneNumber, requiredText, text } from './identifiers.js';

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
  location: z.optional(
    z.strictObject({
      id: Id,
      name: z.optional(text(200)),
      address: z.strictObject({
        address1: requiredText(200),
        postalCode: z.string().check(z.regex(/^\d{4}$/)),
        city: requiredText(100),
      }),
    }),
  ),
  /** When it happens — HSDS `schedule` (weekly, iCal-style `byDay`). */
  schedules: z.array(
    z.strictObject({
      byDay: z.array(z.enum(['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'])),
      opensAt: z.optional(z.string().check(z.regex(/^\d{2}:\d{2}$/))),
      closesAt: z.optional(z.string().check(z.regex(/^\d{2}:\d{2}$/))),
      description: z.optional(text(500)),
    }),
  ),
  /** Whom to contact — HSDS `contact` with `phone`. */
  contacts: z.array(
    z.strictObject({ name: z.optional(text(200)), phone: z.optional(PhoneNumber), email: z.optional(EmailAddress) }),
  ),
  /** Categories (kategorier), HSDS taxonomy terms, e.g. `walking`, `choir`, `shared_meal`. */
  categories: z.array(requiredText(80)),
  /** The organisation's agreement on how it receives citizens in vulnerable situations (modtageaftale). */
  receptionAgreement: z.optional(text(2000)),
});
export type Offer = z.infer<typeof Offer>;
