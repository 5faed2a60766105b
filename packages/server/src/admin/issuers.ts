import { createHash, type KeyObject } from 'node:crypto';
import type { TrustedIssuerInfo, TrustedIssuerKey } from '@henvis/contracts';
import type { TrustedIssuer } from '../auth/trusted-issuer.js';

/** The members of a public JWK that its RFC 7638 thumbprint hashes, by key type, in lexicographic order. */
const THUMBPRINT_MEMBERS: Record<string, string[]> = { EC: ['crv', 'kty', 'x', 'y'], RSA: ['e', 'kty', 'n'], OKP: ['crv', 'kty', 'x'] };

/** A public key by its id, type and JWK SHA-256 thumbprint (RFC 7638): what an administrator compares with a JWKS. */
export function describeKey(key: KeyObject, kid?: string): TrustedIssuerKey {
  const jwk = key.export({ format: 'jwk' }) as Record<string, string>;
  const kty = jwk.kty ?? 'unknown';
  const members = THUMBPRINT_MEMBERS[kty] ?? Object.keys(jwk).sort();
  const canonical = JSON.stringify(Object.fromEntries(members.map((m) => [m, jwk[m]])));
  return {
    ...(kid ? { kid } : {}),
    kty,
    ...(jwk.crv ? { crv: jwk.crv } : {}),
    thumbprint: createHash('sha256').update(canonical).digest('base64url'),
  };
}

/** The trusted issuers as an administrator reads them: their rules and public keys' thumbprints, nothing secret. */
export const describeIssuers = (issuers: readonly TrustedIssuer[]): TrustedIssuerInfo[] =>
  issuers.map((issuer) => ({
    issuer: issuer.issuer,
    kind: issuer.kind,
    requireMfa: issuer.requireMfa ?? false,
    mfaAcrValues: issuer.mfaAcrValues ?? [],
    admins: issuer.admins ?? false,
    keys: issuer.keys.map(({ kid, key }) => describeKey(key, kid)),
  }));
