import type { ConsentRecord } from './consent.js';
import { ageOn, parseCpr } from './cpr.js';
import { addYears, danishDate, startOfDanishDay } from './danish-time.js';

// The consent rules apart from the schemas, so a view that only shows consents does not load zod.

/**
 * The two consents, never merged: journal data consent (samtykke til journaldata, Health Act § 42 d stk. 1 and
 * § 43 stk. 1, form rules of § 44) and well-being data consent (samtykke til trivselsdata, GDPR art. 6(1)(a) and
 * 9(2)(a), Data Protection Act § 11).
 */
export const consentKinds = ['journal_data', 'wellbeing_data'] as const;
export type ConsentKind = (typeof consentKinds)[number];

export const consentSettings = ['consultation', 'navigator_conversation'] as const;
export const consentMethods = ['signed_on_screen', 'paper_noted'] as const;

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

/** Evaluation data (consents, WHO-5) are collected for citizens of 18 or more only; younger ones may be referred. */
export function collectsEvaluationData(cpr: string, at: Date): boolean {
  const parsed = parseCpr(cpr, at);
  return parsed.ok && ageOn(parsed.value.birthDate, at) >= 18;
}
