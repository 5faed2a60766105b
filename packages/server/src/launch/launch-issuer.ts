import { createHash, createPublicKey, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { LAUNCH_PATH, MAX_TOKEN_LIFETIME_SECONDS, TOKEN_TYPE, type TokenClaims } from '@henvis/contracts';
import type { TrustedIssuer } from '../auth/trusted-issuer.js';
import type { StoredLaunch } from './store.js';

/** How long an access token handed to a launched page lives (the SDK asks for a new one when it expires). */
export const LAUNCH_ACCESS_TOKEN_SECONDS = 5 * 60;

/**
 * Henvis' launch service as an issuer: it signs the access tokens a launch session hands its page, as
 * `<publicUrl>/launch`, with the launch signing key. The API trusts it beside the configured issuers, for practice
 * users only (kind `henvis_launch`); it can never be configured from outside (HENVIS_TRUSTED_ISSUERS has no such kind).
 */
export function launchIssuer(publicUrl: string, signingKey: KeyObject): TrustedIssuer {
  const key = createPublicKey(signingKey);
  return { issuer: `${publicUrl}${LAUNCH_PATH}`, kind: 'henvis_launch', keys: [{ kid: keyIdOf(key), key }] };
}

/** A key's id: the start of the SHA-256 of its public JWK (RFC 7638's members, in its order). */
function keyIdOf(publicKey: KeyObject): string {
  const { crv, kty, x, y } = publicKey.export({ format: 'jwk' });
  return createHash('sha256').update(JSON.stringify({ crv, kty, x, y })).digest('base64url').slice(0, 16);
}

/**
 * Signs an access token for the practitioner and patient of a launch session: the claims of `TokenClaims`, bound
 * to the patient, living 5 minutes and never past the session's end.
 */
export function signLaunchAccessToken(
  issuer: TrustedIssuer,
  signingKey: KeyObject,
  { audience, launch, sessionEnds, now = new Date() }: { audience: string; launch: StoredLaunch; sessionEnds: Date; now?: Date },
): { token: string; expiresAt: Date } {
  const iat = Math.floor(now.getTime() / 1000);
  const exp = Math.min(iat + Math.min(LAUNCH_ACCESS_TOKEN_SECONDS, MAX_TOKEN_LIFETIME_SECONDS), Math.floor(sessionEnds.getTime() / 1000));
  const { practitioner, practice, patient } = launch.context;
  const claims: Omit<TokenClaims, 'iss' | 'aud'> = {
    sub: practitioner.id,
    name: practitioner.name,
    role: practitioner.role,
    ...(practitioner.authorisationId ? { authorisation_id: practitioner.authorisationId } : {}),
    org: practice,
    patient: { cpr: patient.cpr },
    iat,
    exp,
  };
  const token = jwt.sign(claims, signingKey, {
    algorithm: 'ES256',
    issuer: issuer.issuer,
    audience,
    header: { alg: 'ES256', typ: TOKEN_TYPE, ...(issuer.keys[0]?.kid ? { kid: issuer.keys[0].kid } : {}) },
  });
  return { token, expiresAt: new Date(exp * 1000) };
}
