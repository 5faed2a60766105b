import * as z from 'zod/mini';
import { Instant, requiredText } from './identifiers.js';

/**
 * Tenant administration (administration af lejere): which navigator organisations there are, which GP practices
 * each serves and from when, which journal vendors get which practices' webhooks, and the identity providers the
 * API trusts. Kept by an administrator through /v1/admin or `henvis-server admin`; none of it is personal data.
 */

const unique = (items: readonly unknown[]) => new Set(items).size === items.length;

/** A navigator organisation's id (organisations-id), as the navigators' tokens name it in `org.id`. */
export const NavigatorOrgId = z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{0,63}$/, { error: 'invalid_org_id' }));

/** A practice's id in Henvis: its ydernummer (6 digits), or its SOR code (11-18 digits) where it has none. */
export const PracticeId = z.string().check(z.regex(/^(\d{6}|\d{11,18})$/, { error: 'invalid_practice_id' }));

/** A webhook subscription's id: 1-64 of a-z, 0-9 and -, as HENVIS_WEBHOOKS names them. */
export const WebhookSubscriptionId = z.string().check(z.regex(/^[a-z0-9-]{1,64}$/, { error: 'invalid_subscription_id' }));

/** The receiver's URL: http or https (https only in production, which the server checks), at most 2,000 characters. */
export const WebhookUrl = z.string().check(
  z.maxLength(2000),
  z.refine(
    (value) => {
      try {
        return ['https:', 'http:'].includes(new URL(value).protocol);
      } catch {
        return false;
      }
    },
    { error: 'invalid_url' },
  ),
);

/** A shared secret (the HMAC-SHA256 key of the signature): 32 to 256 characters, no spaces. */
export const WebhookSecret = z.string().check(z.regex(/^\S{32,256}$/, { error: 'invalid_secret' }));

/** A period in which a navigator organisation serves a practice (betjener praksis): from `validFrom`, until `validTo`. */
export const NavigatorOrgService = z.strictObject({
  practiceId: z.string(),
  /** When the organisation's navigators begin to see the practice's referrals. */
  validFrom: Instant,
  /** When they stop; absent while the service goes on. An ended service stays, as history. */
  validTo: z.optional(Instant),
});
export type NavigatorOrgService = z.infer<typeof NavigatorOrgService>;

/** A navigator organisation (socialnavigatørernes organisation) and every period of service it has had, oldest first. */
export const NavigatorOrganisation = z.strictObject({
  id: z.string(),
  /** Its name (navn), e.g. "Norddjurs Kommune – Socialnavigatører". */
  name: z.string(),
  services: z.array(NavigatorOrgService),
  createdAt: Instant,
  updatedAt: Instant,
});
export type NavigatorOrganisation = z.infer<typeof NavigatorOrganisation>;

export const NavigatorOrganisationList = z.strictObject({ items: z.array(NavigatorOrganisation) });
export type NavigatorOrganisationList = z.infer<typeof NavigatorOrganisationList>;

/** Creates a navigator organisation under the id of the path, or renames it. */
export const NavigatorOrganisationChange = z.strictObject({
  /** Its name (navn). */
  name: requiredText(200),
});
export type NavigatorOrganisationChange = z.infer<typeof NavigatorOrganisationChange>;

/** The organisation begins to serve a practice. */
export const NewNavigatorOrgService = z.strictObject({
  practiceId: PracticeId,
  /** From when; default now. A later time takes effect then, by itself. */
  validFrom: z.optional(Instant),
});
export type NewNavigatorOrgService = z.infer<typeof NewNavigatorOrgService>;

/** The organisation stops serving a practice; the period is kept. */
export const NavigatorOrgServiceEnd = z.strictObject({
  /** When; default now (a service that has not begun yet then ends at its start). */
  validTo: z.optional(Instant),
});
export type NavigatorOrgServiceEnd = z.infer<typeof NavigatorOrgServiceEnd>;

/** One of a subscription's secrets in force, never the secret itself. */
export const WebhookSecretInfo = z.strictObject({
  createdAt: Instant,
  /** Absent: the current secret, signing every delivery. Present: an earlier one, still signing beside it until then. */
  acceptedUntil: z.optional(Instant),
});
export type WebhookSecretInfo = z.infer<typeof WebhookSecretInfo>;

/** A journal vendor's webhook subscription: where the changes of its practices are posted, signed. */
export const WebhookSubscription = z.strictObject({
  id: z.string(),
  url: z.string(),
  /** The practices whose changes go to this vendor. */
  practices: z.array(z.string()),
  /** The secrets that sign its deliveries now, newest first. */
  secrets: z.array(WebhookSecretInfo),
  createdAt: Instant,
  updatedAt: Instant,
});
export type WebhookSubscription = z.infer<typeof WebhookSubscription>;

export const WebhookSubscriptionList = z.strictObject({ items: z.array(WebhookSubscription) });
export type WebhookSubscriptionList = z.infer<typeof WebhookSubscriptionList>;

const Practices = z.array(PracticeId).check(z.maxLength(5000), z.refine(unique, { error: 'duplicate_items' }));

/** A new subscription; it gets the events recorded from now on. */
export const NewWebhookSubscription = z.strictObject({
  id: WebhookSubscriptionId,
  url: WebhookUrl,
  practices: Practices,
  /** The shared secret; absent, Henvis makes one (32 random bytes) and answers it once. */
  secret: z.optional(WebhookSecret),
});
export type NewWebhookSubscription = z.infer<typeof NewWebhookSubscription>;

/** A subscription's new URL and practices; its secrets and its place in the outbox stay. */
export const WebhookSubscriptionChange = z.strictObject({ url: WebhookUrl, practices: Practices });
export type WebhookSubscriptionChange = z.infer<typeof WebhookSubscriptionChange>;

/**
 * A new secret for a subscription: it signs every delivery from now on, and the one it replaces signs beside it
 * (a second `v1=` in Henvis-Signature) until `previousAcceptedUntil`, so the receiver can switch in that time.
 * A time already past retires the previous secret at once (a leaked secret).
 */
export const WebhookSecretRotation = z.strictObject({
  previousAcceptedUntil: Instant,
  /** The new secret; absent, Henvis makes one and answers it once. */
  secret: z.optional(WebhookSecret),
});
export type WebhookSecretRotation = z.infer<typeof WebhookSecretRotation>;

/** A subscription with the secret that now signs it: the only answer that ever holds a secret. */
export const IssuedWebhookSecret = z.strictObject({
  subscription: WebhookSubscription,
  /** The new shared secret. Give it to the vendor now: Henvis never shows it again. */
  secret: z.string(),
});
export type IssuedWebhookSecret = z.infer<typeof IssuedWebhookSecret>;

/** One public key of a trusted issuer, by id and RFC 7638 thumbprint. */
export const TrustedIssuerKey = z.strictObject({
  kid: z.optional(z.string()),
  /** The key type (EC, RSA, OKP) and, for EC and OKP, its curve. */
  kty: z.string(),
  crv: z.optional(z.string()),
  /** The JWK SHA-256 thumbprint (RFC 7638), base64url: compare it with the identity provider's JWKS. */
  thumbprint: z.string(),
});
export type TrustedIssuerKey = z.infer<typeof TrustedIssuerKey>;

/** An issuer whose tokens the API takes now, as configured (HENVIS_TRUSTED_ISSUERS) or built in. */
export const TrustedIssuerInfo = z.strictObject({
  issuer: z.string(),
  /** Whom it signs for: a journal vendor (practice users), the navigators' identity provider, Henvis' launch page, or the development issuer. */
  kind: z.enum(['journal_vendor', 'navigator_idp', 'henvis_launch', 'development']),
  /** Its tokens must state a multi-factor login. */
  requireMfa: z.boolean(),
  /** The `acr` values taken as a multi-factor login besides `amr` "mfa". */
  mfaAcrValues: z.array(z.string()),
  /** It may sign tokens of the admin role. */
  admins: z.boolean(),
  keys: z.array(TrustedIssuerKey),
});
export type TrustedIssuerInfo = z.infer<typeof TrustedIssuerInfo>;

export const TrustedIssuerList = z.strictObject({ items: z.array(TrustedIssuerInfo) });
export type TrustedIssuerList = z.infer<typeof TrustedIssuerList>;
