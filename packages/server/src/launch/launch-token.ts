import {
  LAUNCH_TOKEN_ALGORITHMS,
  LAUNCH_TOKEN_TYPE,
  LaunchClaims,
  MAX_LAUNCH_TOKEN_LIFETIME_SECONDS,
  isPracticeRole,
  type ProblemCode,
} from '@henvis/contracts';
import type { TrustedIssuer } from '../auth/trusted-issuer.js';
import { CLOCK_TOLERANCE_SECONDS, issuedInFuture, verifySignedToken } from '../auth/verify-token.js';

export type LaunchTokenResult =
  { ok: true; issuer: TrustedIssuer; claims: LaunchClaims; replayableUntil: Date } | { ok: false; code: ProblemCode };

/**
 * Verifies a launch token a journal vendor's backend signed: the checks of every Henvis token (verifySignedToken)
 * with `typ` launch+jwt, ES256 and `aud` the launch URL, by a trusted journal vendor only; then the launch's claims
 * (LaunchClaims: practitioner, practice, patient, `jti`), a practice role, and a life of at most 60 seconds. The
 * jti's single use is the caller's (it needs the store); `replayableUntil` is how long it must be remembered.
 */
export function verifyLaunchToken(
  token: string,
  issuers: readonly TrustedIssuer[],
  launchUrl: string,
  now = new Date(),
): LaunchTokenResult {
  const vendors = issuers.filter((issuer) => issuer.kind === 'journal_vendor');
  const signed = verifySignedToken(
    token,
    vendors,
    { type: LAUNCH_TOKEN_TYPE, audience: launchUrl, algorithms: LAUNCH_TOKEN_ALGORITHMS },
    now,
  );
  if (!signed.ok) return signed;
  const claims = LaunchClaims.safeParse(signed.claims);
  if (!claims.success) return { ok: false, code: 'token_claims_invalid' };
  const { iat, exp, role } = claims.data;
  if (exp - iat > MAX_LAUNCH_TOKEN_LIFETIME_SECONDS) return { ok: false, code: 'launch_token_too_long' };
  if (issuedInFuture(iat, now) || !isPracticeRole(role)) return { ok: false, code: 'token_claims_invalid' };
  return { ok: true, issuer: signed.issuer, claims: claims.data, replayableUntil: new Date((exp + CLOCK_TOLERANCE_SECONDS) * 1000) };
}
