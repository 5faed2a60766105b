import * as z from 'zod/mini';
import { addYears, danishDate, startOfDanishDay } from './danish-time.js';
import { Id, Instant, requiredText } from './identifiers.js';
import { Role } from './context.js';

/**
 * The two consents, never merged: journal data consent (samtykke til journaldata, Health Act § 42 d stk. 1 and
 * § 43 stk. 1, form rules of § 44) and well-being data consent (samtykke til trivselsdata, GDPR art. 6(1)(a) and
 * 9(2)(a), Data Protection Act § 11).
 */
export const consentKinds = ['journal_data', 'wellbeing_data'] as const;
export type ConsentKind = (typeof consentKinds)[number];

export const consentSettings = ['consultation', 'navigator_conversation'] as const;
export const consentMethods = ['signed_on_screen', 'paper_noted'] as const;

const Person = z.strictObject({ id: requiredText(100), name: requiredText(200), role: Role });

/**
 * A consent decision as the component sends it (samtykkeerklæring). Who informed the citizen, and so where (the
 * consultation for practice staff, the navigator conversation for navigators), comes from the signed-in user's
 * token, never from the body. The text is identified by version, language and hash; the server refuses a hash
 * that is not that of its own text.
 */
export const NewConsent = z.strictObject({
  kind: z.enum(consentKinds),
  decision: z.enum(['given', 'declined']),
  /** How the written consent was given: signed on screen, or on paper and noted. */
  method: z.enum(consentMethods),
  /** Version of the consent text shown. */
  textVersion: requiredText(40),
  /** Language of the text shown. */
  locale: z.enum(['da', 'en']),
  /** SHA-256 (hex) of the exact text shown. */
  textHash: z.string().check(z.regex(/^[0-9a-f]{64}$/, { message: 'invalid_hash' })),
});
export type NewConsent = z.infer<typeof NewConsent>;

/** A recorded consent decision and how it was obtained. */
export const ConsentRecord = z.strictObject({
  ...NewConsent.shape,
  id: Id,
  referralId: Id,
  /** When the decision was made. */
  decidedAt: Instant,
  /** Who informed the citizen and recorded the decision (hvem informerede). */
  informedBy: Person,
  /** Where: in the consultation or at the first navigator conversation. */
  setting: z.enum(consentSettings),
  /** When a journal data consent lapses by itself: one year after it was given. */
  expiresAt: z.optional(Instant),
  /** When a given consent was withdrawn (tilbagekaldt), and by whom it was recorded. */
  withdrawnAt: z.optional(Instant),
  withdrawnBy: z.optional(Person),
});
export type ConsentRecord = z.infer<typeof ConsentRecord>;

/**
 * When a consent lapses by itself: a journal data consent at the start of the Danish calendar day one year
 * after it was given (so it is valid through the day before the anniversary); a well-being consent never.
 */
export function consentExpiry(kind: ConsentKind, decidedAt: Date): Date | undefined {
  if (kind !== 'journal_data') return undefined;
  return startOfDanishDay(addYears(danishDate(decidedAt), 1));
}

export type ConsentValidity =
  | { valid: true; expiresAt?: Date }
  | { valid: false; reason: 'declined' | 'withdrawn' | 'expired' | 'not_yet_given'; expiresAt?: Date };

/** Whether a consent may be relied on at instant `at` (for instance, the moment of a disclosure). */
export function consentValidity(
  record: Pick<ConsentRecord, 'kind' | 'decision' | 'decidedAt' | 'withdrawnAt'>,
  at: Date,
): ConsentValidity {
  const decidedAt = new Date(record.decidedAt);
  const expiresAt = consentExpiry(record.kind, decidedAt);
  const withExpiry = expiresAt ? { expiresAt } : {};
  if (record.decision === 'declined') return { valid: false, reason: 'declined' };
  if (at < decidedAt) return { valid: false, reason: 'not_yet_given', ...withExpiry };
  if (record.withdrawnAt && at >= new Date(record.withdrawnAt)) return { valid: false, reason: 'withdrawn', ...withExpiry };
  if (expiresAt && at >= expiresAt) return { valid: false, reason: 'expired', expiresAt };
  return { valid: true, ...withExpiry };
}

/** The consents of a referral, newest first; the first of each kind is the one in force. */
export const ConsentList = z.strictObject({ items: z.array(ConsentRecord) });
export type ConsentList = z.infer<typeof ConsentList>;

/** A disclosure of record data for the evaluation (videregivelse), allowed only under a valid consent. */
export const Disclosure = z.strictObject({
  id: Id,
  referralId: Id,
  consentId: Id,
  disclosedAt: Instant,
  disclosedBy: Person,
});
export type Disclosure = z.infer<typeof Disclosure>;
