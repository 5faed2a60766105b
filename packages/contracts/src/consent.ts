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

/** A recorded consent decision and how it was obtained. */
export const ConsentRecord = z.strictObject({
  id: Id,
  referralId: Id,
  kind: z.enum(consentKinds),
  decision: z.enum(['given', 'declined']),
  /** When the decision was made. */
  decidedAt: Instant,
  /** When a given consent was withdrawn (tilbagekaldt), if it was. */
  withdrawnAt: z.optional(Instant),
  /** Who informed the citizen (hvem informerede). */
  informedBy: z.strictObject({ name: requiredText(200), role: Role }),
  /** Where: in the consultation or at the first navigator conversation. */
  setting: z.enum(['consultation', 'navigator_conversation']),
  /** How the written consent was given: signed on screen, or on paper and noted. */
  method: z.enum(['signed_on_screen', 'paper_noted']),
  /** Version of the consent text shown. */
  textVersion: requiredText(40),
  /** SHA-256 (hex) of the exact text shown. */
  textHash: z.string().check(z.regex(/^[0-9a-f]{64}$/)),
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
