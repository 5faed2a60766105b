import * as z from 'zod/mini';
import { consentKinds, consentMethods, consentSettings } from './consent-rules.js';
import { Id, Instant, requiredText } from './identifiers.js';
import { Role } from './context.js';

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
  textHash: z.string().check(z.regex(/^[0-9a-f]{64}$/, { error: 'invalid_hash' })),
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
  /**
   * The title of the text the consent was given under (its own version's, not the current one), set by the API
   * for every version it holds.
   */
  textTitle: z.optional(z.string()),
  /** Where the API serves that text: `/v1/consent-texts/{textVersion}/{kind}?locale={locale}`. */
  textUrl: z.optional(z.string()),
});
export type ConsentRecord = z.infer<typeof ConsentRecord>;

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

/** Which language of a consent text to read: Danish unless asked. */
export const ConsentTextQuery = z.strictObject({ locale: z.optional(z.enum(['da', 'en'])) });
export type ConsentTextQuery = z.infer<typeof ConsentTextQuery>;

/**
 * A consent text of one version, kind and language (samtykketekst), as the citizen was shown it: the text of every
 * version ever shipped stays readable, so a consent given under an earlier one can still be read as it was given.
 */
export const ConsentTextDocument = z.strictObject({
  version: z.string(),
  kind: z.enum(consentKinds),
  locale: z.enum(['da', 'en']),
  title: z.string(),
  sections: z.array(z.strictObject({ heading: z.string(), body: z.string() })),
  /** The exact text as shown and hashed: the title, then each heading and its body, on lines of their own. */
  text: z.string(),
  /** SHA-256 (hex) of `text` in UTF-8: the `textHash` of a consent given under it. */
  textHash: z.string(),
  /** Whether new consents are given under this version now; an earlier version is only read. */
  current: z.boolean(),
});
export type ConsentTextDocument = z.infer<typeof ConsentTextDocument>;
