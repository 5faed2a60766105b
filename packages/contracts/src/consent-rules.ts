import type { ConsentRecord, NewConsent } from './consent.js';
import { consentTextCatalogue, consentTextHash, consentTextOf, type ConsentTextCatalogue } from './consent-texts.js';
import { ageOn, parseCpr } from './cpr.js';
import { addYears, danishDate, startOfDanishDay } from './danish-time.js';
import { isPracticeRole } from './roles.js';

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

/**
 * The last Danish calendar day (`YYYY-MM-DD`) on which a consent given at `decidedAt` is valid: the day before
 * the day it lapses (a journal data consent given on 24 November 2026 holds through 23 November 2027); undefined
 * for a consent that never lapses by itself.
 */
export function lastValidDay(kind: ConsentKind, decidedAt: Date): string | undefined {
  const expiresAt = consentExpiry(kind, decidedAt);
  return expiresAt && danishDate(new Date(expiresAt.getTime() - 1));
}

export type ConsentValidity =
  { valid: true; expiresAt?: Date } | { valid: false; reason: 'declined' | 'withdrawn' | 'expired' | 'not_yet_given'; expiresAt?: Date };

/** Whether a consent may be relied on at instant `at` (for instance, the moment of a disclosure). */
export function consentValidity(record: Pick<ConsentRecord, 'kind' | 'decision' | 'decidedAt' | 'withdrawnAt'>, at: Date): ConsentValidity {
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

export type ConsentRefusal = 'consent_text_mismatch' | 'under_18_no_data';

/**
 * Why a consent decision may not be recorded now, or undefined when it may: the text shown must be the current
 * version's (of `texts`, the shipped catalogue unless told), in the language shown, to the byte (its SHA-256 hash);
 * an earlier version stays readable but is no longer given. The citizen (`cpr`) must be 18 or more at `at`.
 * Asynchronous because Web Crypto hashes so.
 */
export async function consentRefusal(
  input: Pick<NewConsent, 'kind' | 'locale' | 'textVersion' | 'textHash'>,
  { cpr, at, texts = consentTextCatalogue }: { cpr: string; at: Date; texts?: ConsentTextCatalogue },
): Promise<ConsentRefusal | undefined> {
  const current = consentTextOf(input.kind, input.locale, texts.current, texts);
  if (input.textVersion !== texts.current || !current || input.textHash !== (await consentTextHash(current))) {
    return 'consent_text_mismatch';
  }
  if (!collectsEvaluationData(cpr, at)) return 'under_18_no_data';
  return undefined;
}

/** A consent decision as it is stored, before it has an id (and before any withdrawal). */
export type NewConsentRecord = Omit<ConsentRecord, 'id' | 'withdrawnAt' | 'withdrawnBy'>;

/**
 * The stored record of a consent decision made at `at`: a given journal data consent lapses a year on
 * (`expiresAt`); where it was given follows from who informed the citizen (practice staff in the consultation, a
 * navigator or coordinator at the navigator conversation), as the token says, never the request.
 */
export function newConsentRecord(
  input: NewConsent,
  { referralId, informedBy, at }: { referralId: string; informedBy: ConsentRecord['informedBy']; at: Date },
): NewConsentRecord {
  const expiresAt = input.decision === 'given' ? consentExpiry(input.kind, at) : undefined;
  return {
    kind: input.kind,
    decision: input.decision,
    method: input.method,
    textVersion: input.textVersion,
    locale: input.locale,
    textHash: input.textHash,
    referralId,
    decidedAt: at.toISOString(),
    ...(expiresAt ? { expiresAt: expiresAt.toISOString() } : {}),
    informedBy: { id: informedBy.id, name: informedBy.name, role: informedBy.role },
    setting: isPracticeRole(informedBy.role) ? 'consultation' : 'navigator_conversation',
  };
}

/**
 * Whether a consent record may be withdrawn (tilbagekaldt): only a given one, once. A declined consent has
 * nothing to withdraw; the citizen who changes their mind gives a new one.
 */
export function mayWithdraw(record: Pick<ConsentRecord, 'decision' | 'withdrawnAt'>): boolean {
  return record.decision === 'given' && !record.withdrawnAt;
}
