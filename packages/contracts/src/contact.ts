import * as z from 'zod/mini';
import { Id, Instant, text } from './identifiers.js';
import { Actor } from './referral.js';

/** How the navigator was in touch with the citizen (kontaktform). */
export const contactKinds = ['phone', 'meeting', 'home_visit', 'email', 'sms'] as const;
export type ContactKind = (typeof contactKinds)[number];

/**
 * What came of a contact (udfald): the navigator talked with the citizen (talt med borgeren), did not reach them
 * (ikke truffet), or left a message (lagt besked). Only a contact that reached the citizen counts as the first
 * contact: a call nobody answered does not stop the first-contact clock.
 */
export const contactOutcomes = ['reached', 'not_reached', 'left_message'] as const;
export type ContactOutcome = (typeof contactOutcomes)[number];

/** The usual number of contacts per citizen in a course (seed 003): shown beside the count, not enforced. */
export const USUAL_CONTACTS = { min: 6, max: 12 } as const;

/**
 * A contact with the citizen as the navigator logs it (kontakt; not the citizen's contact details): when, how, how
 * long, whether it reached the citizen, and a note. A call nobody answered is logged too, as `not_reached`.
 */
export const NewContactLogEntry = z.strictObject({
  kind: z.enum(contactKinds),
  /** What came of it; always said, so the first contact is measured from a contact that reached the citizen. */
  outcome: z.enum(contactOutcomes),
  /** When it took place; not in the future. */
  at: Instant,
  /** Minutes, 1 to 600. */
  durationMinutes: z.int().check(z.gte(1), z.lte(600)),
  note: z.optional(text(2000)),
});
export type NewContactLogEntry = z.infer<typeof NewContactLogEntry>;

export const ContactLogEntry = z.strictObject({
  ...NewContactLogEntry.shape,
  id: Id,
  referralId: Id,
  /** Who logged it. */
  by: Actor,
});
export type ContactLogEntry = z.infer<typeof ContactLogEntry>;

/** Whether a contact reached the citizen (talt med borgeren): only such a contact is a first contact. */
export const reachedCitizen = (entry: Pick<NewContactLogEntry, 'outcome'>): boolean => entry.outcome === 'reached';

/**
 * A referral's contacts, oldest first, and how the course stands against the navigators' promises: the first
 * contact within 2 working days of the referral, and the usual 6-12 contacts. The first contact is the first one
 * that reached the citizen (`reachedCitizen`); calls not answered and messages left are listed and counted, but do
 * not stop its clock.
 */
export const ContactLog = z.strictObject({
  items: z.array(ContactLogEntry),
  /** The contacts logged, whatever came of them. */
  count: z.int(),
  /** The contacts that reached the citizen. */
  reachedCount: z.int(),
  usual: z.strictObject({ min: z.int(), max: z.int() }),
  /** When the referral was sent; the first contact is measured from here. */
  sentAt: Instant,
  /** When the first contact that reached the citizen took place; absent until one has. */
  firstContactAt: z.optional(Instant),
  /** The first contact is overdue from this instant (2 working days after the referral). */
  firstContactDueAt: Instant,
  /** Hours from the referral to the first contact that reached the citizen, rounded down. */
  hoursToFirstContact: z.optional(z.int()),
  firstContactOverdue: z.boolean(),
});
export type ContactLog = z.infer<typeof ContactLog>;

/** A referral still waiting for its first contact (one that reached the citizen), for the navigators' worklist. */
export const FirstContactItem = z.strictObject({
  referralId: Id,
  patientName: z.string(),
  practiceId: z.string(),
  /** The practice's name, as the referral carries it. */
  practiceName: z.string(),
  sentAt: Instant,
  dueAt: Instant,
  overdue: z.boolean(),
  owner: z.optional(z.strictObject({ id: z.string(), name: z.string() })),
});
export const FirstContactList = z.strictObject({ items: z.array(FirstContactItem) });

/** Query of `GET /v1/first-contacts`. */
export const FirstContactQuery = z.object({
  state: z.optional(z.enum(['overdue']).check(z.describe('Only the overdue ones'))),
});
export type FirstContactQuery = z.infer<typeof FirstContactQuery>;
export type FirstContactList = z.infer<typeof FirstContactList>;
