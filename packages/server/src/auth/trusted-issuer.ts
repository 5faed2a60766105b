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
  /** Tokens must say the user logged in with more than one factor: `amr` (RFC 8176) containing `mfa`. */
  requireMfa?: boolean;
}

interface IssuerConfig {
  issuer: string;
  kind: Exclude<IssuerKind, 'development'>;
  jwks: { keys: (Record<string, unknown> & { kid?: string })[] };
  requireMfa?: boolean;
}

/**
 * Reads trusted issuers from JSON: `[{ "issuer": "...", "kind": "journal_vendor", "jwks": { "keys": [...] } }]`.
 * `"requireMfa": true` makes the API refuse this issuer's tokens without `amr` containing `mfa`; production turns it
 * on for every `navigator_idp` that does not say `"requireMfa": false`.
 */
export function parseTrustedIssuers(json: string, mode: 'development' | 'production' = 'development'): TrustedIssuer[] {
  const list = JSON.parse(json) as unknown;
  if (!Array.isArray(list)) throw new Error('trusted issuers: expected a JSON array');
  return list.map((entry: IssuerConfig, i) => {
    if (typeof entry?.issuer !== 'string' || !entry.issuer) throw new Error(`trusted issuers[${i}]: "issuer" is required`);
    if (entry.kind !== 'journal_vendor' && entry.kind !== 'navigator_idp') {
      throw new Error(`trusted issuers[${i}]: "kind" must be "journal_vendor" or "navigator_idp"`);
    }
    if (entry.requireMfa !== undefined && typeof entry.requireMfa !== 'boolean') throw new Error(`trusted issuers[${i}]: "requireMfa" must be true or false`);
    const requireMfa = entry.requireMfa ?? (mode === 'production' && entry.kind === 'navigator_idp');
    const keys = entry.jwks?.keys;
    if (!Array.isArray(keys) || keys.length === 0) throw new Error(`trusted issuers[${i}]: "jwks.keys" must list public keys`);
    return {
      issuer: entry.issuer,
      kind: entry.kind,
      ...(requireMfa ? { requireMfa } : {}),
      keys: keys.map((jwk, k) => {
        if ('d' in jwk) throw new Error(`trusted issuers[${i}].jwks.keys[${k}]: a private key; configure the public key only`);
        const key = createPublicKey({ key: jwk as never, format: 'jwk' });
        return jwk.kid ? { kid: jwk.kid, key } : { key };
      }),
    };
  });
}
