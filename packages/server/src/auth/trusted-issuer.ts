import { createPublicKey, type KeyObject } from 'node:crypto';

/**
 * Who may sign tokens: journal vendors sign for GP practice users, the navigators' identity provider for
 * navigators and coordinators; the development issuer for anyone, in development mode only.
 */
export type IssuerKind = 'journal_vendor' | 'navigator_idp' | 'development';

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
}

interface IssuerConfig {
  issuer: string;
  kind: Exclude<IssuerKind, 'development'>;
  jwks: { keys: (Record<string, unknown> & { kid?: string })[] };
  requireMfa?: boolean;
  mfaAcrValues?: string[];
}

/**
 * Reads trusted issuers from JSON: `[{ "issuer": "...", "kind": "journal_vendor", "jwks": { "keys": [...] } }]`.
 * `"requireMfa": true` makes the API refuse this issuer's tokens without `amr` containing `mfa` (or an `acr` among
 * `"mfaAcrValues"`); production turns it on for every `navigator_idp` that does not say `"requireMfa": false`.
 */
export function parseTrustedIssuers(json: string, mode: 'development' | 'production' = 'development'): TrustedIssuer[] {
  const list = JSON.parse(json) as unknown;
  if (!Array.isArray(list)) throw new Error('trusted issuers: expected a JSON array');
  return list.map((entry: IssuerConfig, i) => {
    if (typeof entry?.issuer !== 'string' || !entry.issuer) throw new Error(`trusted issuers[${i}]: "issuer" is required`);
    if (entry.kind !== 'journal_vendor' && entry.kind !== 'navigator_idp') {
      throw new Error(`trusted issuers[${i}]: "kind" must be "journal_vendor" or "navigator_idp"`);
    }
    if (entry.requireMfa !== undefined && typeof entry.requireMfa !== 'boolean')
      throw new Error(`trusted issuers[${i}]: "requireMfa" must be true or false`);
    const requireMfa = entry.requireMfa ?? (mode === 'production' && entry.kind === 'navigator_idp');
    const acr = entry.mfaAcrValues;
    if (acr !== undefined && (!Array.isArray(acr) || acr.length === 0 || !acr.every((v) => typeof v === 'string' && v))) {
      throw new Error(`trusted issuers[${i}]: "mfaAcrValues" must list the acr values that mean a multi-factor login`);
    }
    const keys = entry.jwks?.keys;
    if (!Array.isArray(keys) || keys.length === 0) throw new Error(`trusted issuers[${i}]: "jwks.keys" must list public keys`);
    return {
      issuer: entry.issuer,
      kind: entry.kind,
      ...(requireMfa ? { requireMfa } : {}),
      ...(requireMfa && acr ? { mfaAcrValues: acr } : {}),
      keys: keys.map((jwk, k) => {
        if ('d' in jwk) throw new Error(`trusted issuers[${i}].jwks.keys[${k}]: a private key; configure the public key only`);
        const key = createPublicKey({ key: jwk as never, format: 'jwk' });
        return jwk.kid ? { kid: jwk.kid, key } : { key };
      }),
    };
  });
}
