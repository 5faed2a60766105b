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
}

interface IssuerConfig {
  issuer: string;
  kind: Exclude<IssuerKind, 'development'>;
  jwks: { keys: (Record<string, unknown> & { kid?: string })[] };
}

/** Reads trusted issuers from JSON: `[{ "issuer": "...", "kind": "journal_vendor", "jwks": { "keys": [...] } }]`. */
export function parseTrustedIssuers(json: string): TrustedIssuer[] {
  const list = JSON.parse(json) as unknown;
  if (!Array.isArray(list)) throw new Error('trusted issuers: expected a JSON array');
  return list.map((entry: IssuerConfig, i) => {
    if (typeof entry?.issuer !== 'string' || !entry.issuer) throw new Error(`trusted issuers[${i}]: "issuer" is required`);
    if (entry.kind !== 'journal_vendor' && entry.kind !== 'navigator_idp') {
      throw new Error(`trusted issuers[${i}]: "kind" must be "journal_vendor" or "navigator_idp"`);
    }
    const keys = entry.jwks?.keys;
    if (!Array.isArray(keys) || keys.length === 0) throw new Error(`trusted issuers[${i}]: "jwks.keys" must list public keys`);
    return {
      issuer: entry.issuer,
      kind: entry.kind,
      keys: keys.map((jwk, k) => {
        if ('d' in jwk) throw new Error(`trusted issuers[${i}].jwks.keys[${k}]: a private key; configure the public key only`);
        const key = createPublicKey({ key: jwk as never, format: 'jwk' });
        return jwk.kid ? { kid: jwk.kid, key } : { key };
      }),
    };
  });
}
