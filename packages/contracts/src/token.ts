import * as z from 'zod/mini';
import { Role } from './context.js';
import { AuthorisationId, CprNumber, SorCode, Ydernummer, requiredText } from './identifiers.js';

/** The JOSE `typ` header every Henvis access token carries (RFC 9068). */
export const TOKEN_TYPE = 'at+jwt';
/** Tokens may live at most 15 minutes (`exp - iat`). */
export const MAX_TOKEN_LIFETIME_SECONDS = 15 * 60;
/**
 * A navigator's token from their identity provider may live at most 5 minutes: the API does not ask the provider
 * about sessions, so this is how long a token can outlive its logout (udlogning). The inbox renews it with its
 * refresh token, which the provider revokes at logout.
 */
export const MAX_NAVIGATOR_TOKEN_LIFETIME_SECONDS = 5 * 60;
/** Signature algorithms Henvis accepts: asymmetric only. */
export const TOKEN_ALGORITHMS = ['ES256', 'RS256', 'PS256'] as const;

/**
 * Claims of an access token. A journal vendor signs one for its GP user with the consultation context (the
 * practice in `org`, the patient in `patient`); the navigators' identity provider signs one for a navigator.
 * The CPR number travels only here, inside the signed token, never in a URL.
 */
export const TokenClaims = z.object({
  iss: requiredText(500),
  aud: z.union([z.string(), z.array(z.string())]),
  sub: requiredText(200),
  iat: z.int(),
  exp: z.int(),
  /** The user's name (navn). */
  name: requiredText(200),
  role: Role,
  /** Authorisation ID (autorisations-ID) of an authorised health professional. */
  authorisation_id: z.optional(AuthorisationId),
  /** The user's organisation: a GP practice, or a navigator organisation. */
  org: z.object({
    id: requiredText(64),
    name: requiredText(200),
    sorCode: z.optional(SorCode),
    ydernummer: z.optional(Ydernummer),
  }),
  /** The patient of the consultation (patientkontekst), when the token is bound to one. */
  patient: z.optional(z.object({ cpr: CprNumber })),
});
export type TokenClaims = z.infer<typeof TokenClaims>;

/**
 * Claims of an access token for tenant administration (`role: "admin"`), signed by the operating organisation's
 * identity provider (a trusted issuer configured with `"admins": true`). It names the administrator and their
 * organisation and nothing of a consultation: no patient, no authorisation ID. It lives at most 5 minutes, as a
 * navigator's does, and is taken by /v1/admin only; every other route refuses it (403), as /v1/admin refuses
 * practice and navigator tokens.
 */
export const AdminTokenClaims = z.object({
  iss: requiredText(500),
  aud: z.union([z.string(), z.array(z.string())]),
  sub: requiredText(200),
  iat: z.int(),
  exp: z.int(),
  /** The administrator's name (navn). */
  name: requiredText(200),
  role: z.literal('admin'),
  /** The administrator's organisation: the one operating this Henvis installation. */
  org: z.object({ id: requiredText(64), name: requiredText(200) }),
});
export type AdminTokenClaims = z.infer<typeof AdminTokenClaims>;
