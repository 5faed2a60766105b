import { createPublicKey, type KeyObject } from 'node:crypto';

/**
 * Who may sign tokens: journal vendors sign for GP practice users, the navigators' identity provider for
 * navigators and coordinators; Henvis' own launch service for the practice users a vendor launched Henvis for
 * (never configured, see launch/launch-issuer.ts); the development issuer for anyone, in development mode only.
 */
export type IssuerKind = 'journal_vendor' | 'navigator_idp' | 'henvis_launch' | 'development';

export interface TrustedIssuer {
  issuer: string;
  kind: IssuerKind;
  keys: { kid?: string; key: KeyObject }[];
  /**
   * Tokens must say the user logged in with more than one factor: `amr` (RFC 8176) containing `mfa`, or an `acr`
   * among `mfaAcrValues` (e.g. NSIS level of assurance Substantial or High, as NemLog-in and KOMBIT state it).
   */
  requireMfa?: boolean;
  mfaAcrValues?: string[];
  /**
   * It may sign tokens of the admin role (tenant administration, /v1/admin): the operating organisation's identity
   * provider, a `navigator_idp` configured with `"admins": true`, and the development issuer. No other may.
   */
  admins?: boolean;
}

/** A JSON object as it came; each field is checked before it is used. */
type JsonObject = Record<string, unknown>;
const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);
const isAcrList = (value: unknown): value is string[] =>
  Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string' && v !== '');

/**
 * Reads trusted issuers from JSON: `[{ "issuer": "...", "kind": "journal_vendor", "jwks": { "keys": [...] } }]`.
 * `"requireMfa": true` makes the API refuse this issuer's tokens without `amr` containing `mfa` (or an `acr` among
 * `"mfaAcrValues"`); production turns it on for every `navigator_idp` that does not say `"requireMfa": false`.
 * `"admins": true` lets a `navigator_idp` sign tokens of the admin role (in production only with MFA required).
 */
export function parseTrustedIssuers(json: string, mode: 'development' | 'production' = 'development'): TrustedIssuer[] {
  const list = JSON.parse(json) as unknown;
  if (!Array.isArray(list)) throw new Error('trusted issuers: expected a JSON array');
  return list.map((entry: unknown, i) => {
    const fields: JsonObject = isObject(entry) ? entry : {};
    const { issuer, kind, requireMfa: mfa, mfaAcrValues: acr, admins, jwks } = fields;
    if (typeof issuer !== 'string' || !issuer) throw new Error(`trusted issuers[${i}]: "issuer" is required`);
    if (kind !== 'journal_vendor' && kind !== 'navigator_idp') {
      throw new Error(`trusted issuers[${i}]: "kind" must be "journal_vendor" or "navigator_idp"`);
    }
    if (mfa !== undefined && typeof mfa !== 'boolean') throw new Error(`trusted issuers[${i}]: "requireMfa" must be true or false`);
    const requireMfa = mfa ?? (mode === 'production' && kind === 'navigator_idp');
    if (acr !== undefined && !isAcrList(acr)) {
      throw new Error(`trusted issuers[${i}]: "mfaAcrValues" must list the acr values that mean a multi-factor login`);
    }
    if (admins !== undefined && typeof admins !== 'boolean') throw new Error(`trusted issuers[${i}]: "admins" must be true or false`);
    if (admins && kind !== 'navigator_idp') {
      throw new Error(`trusted issuers[${i}]: only the organisation's identity provider (kind "navigator_idp") may sign admins`);
    }
    if (admins && mode === 'production' && !requireMfa) {
      throw new Error(`trusted issuers[${i}]: an issuer that signs admins must require a multi-factor login in production`);
    }
    const keys = isObject(jwks) ? jwks.keys : undefined;
    if (!Array.isArray(keys) || keys.length === 0) throw new Error(`trusted issuers[${i}]: "jwks.keys" must list public keys`);
    return {
      issuer,
      kind,
      ...(requireMfa ? { requireMfa } : {}),
      ...(requireMfa && acr ? { mfaAcrValues: acr } : {}),
      ...(admins ? { admins } : {}),
      keys: keys.map((jwk: unknown, k) => {
        const at = `trusted issuers[${i}].jwks.keys[${k}]`;
        if (!isObject(jwk)) throw new Error(`${at}: a JWK is an object`);
        if ('d' in jwk) throw new Error(`${at}: a private key; configure the public key only`);
        if (jwk.kid !== undefined && typeof jwk.kid !== 'string') throw new Error(`${at}: "kid" must be a string`);
        const key = createPublicKey({ key: jwk, format: 'jwk' });
        return jwk.kid ? { kid: jwk.kid, key } : { key };
      }),
    };
  });
}
