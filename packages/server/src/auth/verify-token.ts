import type { KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import {
  AdminTokenClaims,
  MAX_NAVIGATOR_TOKEN_LIFETIME_SECONDS,
  MAX_TOKEN_LIFETIME_SECONDS,
  TOKEN_ALGORITHMS,
  TOKEN_TYPE,
  TokenClaims,
  isPracticeRole,
  parseCpr,
  type ProblemCode,
} from '@henvis/contracts';
import type { AdminPrincipal, Principal } from './principal.js';
import type { TrustedIssuer } from './trusted-issuer.js';

export type TokenResult = { ok: true; principal: Principal | AdminPrincipal } | { ok: false; code: ProblemCode };

/** How far the clocks of a token's signer and Henvis may differ. */
export const CLOCK_TOLERANCE_SECONDS = 30;

function fail(code: ProblemCode): { ok: false; code: ProblemCode } {
  return { ok: false, code };
}

/** The token's header and payload unverified; null when it is no JWT, a segment that is base64 but not JSON too. */
function decodeComplete(token: string) {
  try {
    return jwt.decode(token, { complete: true, json: true });
  } catch {
    return null;
  }
}

/** What a kind of token must be: its `typ`, audience and algorithms. */
export interface TokenProfile {
  /** The JOSE `typ` (also accepted as `application/<typ>`). */
  type: string;
  audience: string;
  algorithms: readonly jwt.Algorithm[];
}

export type SignedTokenResult = { ok: true; issuer: TrustedIssuer; claims: jwt.JwtPayload } | { ok: false; code: ProblemCode };

/**
 * Tokens whose signature a key has verified, with their claims: a journal sends the same token with each request
 * for minutes, and checking its signature again cost a create about a seventh of its time in the API. An entry
 * counts only while its key is among the issuer's keys (a key withdrawn from the trusted issuers withdraws its
 * entries) and for the same `typ` and audience; the time checks (`exp`, `nbf`) run on every use. Bounded: the
 * oldest entry goes when it is full, and a token's entry goes once the token has expired.
 */
const verifiedSignatures = new Map<string, { key: KeyObject; issuer: string; claims: jwt.JwtPayload }>();
const MAX_VERIFIED_SIGNATURES = 10_000;

function remember(cacheKey: string, entry: { key: KeyObject; issuer: string; claims: jwt.JwtPayload }, nowSeconds: number) {
  if (verifiedSignatures.size >= MAX_VERIFIED_SIGNATURES) {
    for (const [k, e] of verifiedSignatures) {
      if (typeof e.claims.exp !== 'number' || e.claims.exp + CLOCK_TOLERANCE_SECONDS < nowSeconds) verifiedSignatures.delete(k);
    }
    const oldest = verifiedSignatures.keys().next();
    if (verifiedSignatures.size >= MAX_VERIFIED_SIGNATURES && !oldest.done) verifiedSignatures.delete(oldest.value);
  }
  verifiedSignatures.set(cacheKey, entry);
}

/** The time checks jwt.verify makes, for a token whose signature was verified before. */
function timeCheck(claims: jwt.JwtPayload, nowSeconds: number): ProblemCode | undefined {
  if (typeof claims.nbf === 'number' && claims.nbf > nowSeconds + CLOCK_TOLERANCE_SECONDS) return 'token_invalid';
  if (typeof claims.exp === 'number' && nowSeconds >= claims.exp + CLOCK_TOLERANCE_SECONDS) return 'token_expired';
  return undefined;
}

/**
 * The checks every signed token of Henvis passes, access token or launch token: a JWT whose header names an
 * allow-listed asymmetric algorithm and the profile's `typ` and no `crit`, a trusted `iss`, the profile's `aud`,
 * a signature by one of the issuer's keys (by `kid` when it names one), and `exp` not past (30 s of clock tolerance).
 * The claims come back verified but not yet read: each kind of token checks its own.
 */
export function verifySignedToken(
  token: string,
  issuers: readonly TrustedIssuer[],
  profile: TokenProfile,
  now = new Date(),
): SignedTokenResult {
  const decoded = decodeComplete(token);
  if (!decoded || typeof decoded.payload !== 'object') return fail('token_invalid');
  const { header, payload } = decoded;
  if (!profile.algorithms.includes(header.alg as jwt.Algorithm)) return fail('token_invalid');
  // RFC 7515 § 4.1.11: a header naming extensions that must be understood is refused, as none is.
  if ('crit' in header) return fail('token_invalid');
  if (typeof header.typ !== 'string' || !new Set([profile.type, `application/${profile.type}`]).has(header.typ.toLowerCase())) {
    return fail('token_claims_invalid');
  }
  const issuer = issuers.find((i) => i.issuer === payload.iss);
  if (!issuer) return fail('token_issuer_untrusted');

  const candidates = header.kid ? issuer.keys.filter((k) => k.kid === header.kid) : issuer.keys;
  if (candidates.length === 0) return fail('token_invalid');
  const nowSeconds = Math.floor(now.getTime() / 1000);
  const cacheKey = `${profile.type} ${profile.audience} ${token}`;
  const known = verifiedSignatures.get(cacheKey);
  if (known && known.issuer === issuer.issuer && candidates.some((c) => c.key === known.key)) {
    const late = timeCheck(known.claims, nowSeconds);
    if (late) {
      verifiedSignatures.delete(cacheKey);
      return fail(late);
    }
    return { ok: true, issuer, claims: known.claims };
  }
  let failure: ProblemCode = 'token_invalid';
  for (const { key } of candidates) {
    try {
      const claims = jwt.verify(token, key, {
        algorithms: [...profile.algorithms],
        issuer: issuer.issuer,
        audience: profile.audience,
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        clockTimestamp: nowSeconds,
      }) as jwt.JwtPayload;
      remember(cacheKey, { key, issuer: issuer.issuer, claims }, nowSeconds);
      return { ok: true, issuer, claims };
    } catch (error) {
      failure = verifyFailure(error);
      if (failure !== 'token_invalid') return fail(failure);
    }
  }
  return fail(failure);
}

/** `iat` later than now, beyond the clock tolerance: a token from the future. */
export const issuedInFuture = (iat: number, now: Date) => iat > now.getTime() / 1000 + CLOCK_TOLERANCE_SECONDS;

/** Issuers whose tokens are for practice users only: journal vendors, and Henvis' own launch sessions. */
export const signsForPractices = (kind: TrustedIssuer['kind']) => kind === 'journal_vendor' || kind === 'henvis_launch';

/**
 * Verifies a bearer token: `verifySignedToken` with `typ` at+jwt and our `aud`, then `iat` and `exp` present with a
 * lifetime of at most 15 minutes (5 from a navigators' identity provider, the bound on a token outliving its
 * logout), and claims that match the issuer's kind (a journal vendor cannot sign for a navigator). A token of the
 * admin role is checked as such (verifyAdmin) and comes back as an AdminPrincipal.
 */
export function verifyToken(token: string, issuers: readonly TrustedIssuer[], audience: string, now = new Date()): TokenResult {
  const signed = verifySignedToken(token, issuers, { type: TOKEN_TYPE, audience, algorithms: TOKEN_ALGORITHMS }, now);
  if (!signed.ok) return signed;
  const { issuer, claims: verified } = signed;
  if (verified.role === 'admin') return verifyAdmin(issuer, verified, now);

  const claims = TokenClaims.safeParse(verified);
  if (!claims.success) return fail('token_claims_invalid');
  const { iat, exp, role, patient } = claims.data;
  const maxLifetime = issuer.kind === 'navigator_idp' ? MAX_NAVIGATOR_TOKEN_LIFETIME_SECONDS : MAX_TOKEN_LIFETIME_SECONDS;
  if (exp - iat > maxLifetime || issuedInFuture(iat, now)) return fail('token_claims_invalid');
  if (signsForPractices(issuer.kind) && !isPracticeRole(role)) return fail('token_claims_invalid');
  if (issuer.kind === 'navigator_idp' && isPracticeRole(role)) return fail('token_claims_invalid');
  if (patient && !isPracticeRole(role)) return fail('token_claims_invalid');
  if (issuer.requireMfa && !isMultiFactor(verified, issuer.mfaAcrValues ?? [])) return fail('token_mfa_required');

  const cpr = patient ? parseCpr(patient.cpr, now) : undefined;
  return {
    ok: true,
    principal: {
      issuer: issuer.issuer,
      issuerKind: issuer.kind,
      sub: claims.data.sub,
      name: claims.data.name,
      role,
      ...(claims.data.authorisation_id ? { authorisationId: claims.data.authorisation_id } : {}),
      org: claims.data.org,
      ...(cpr?.ok ? { patientCpr: cpr.value.cpr } : {}),
      expiresAt: new Date(exp * 1000),
    },
  };
}

/**
 * An admin token: the claims of AdminTokenClaims and nothing of a consultation, from an issuer that may sign admins
 * (`"admins": true`), living at most 5 minutes, with a multi-factor login where the issuer requires one.
 */
function verifyAdmin(issuer: TrustedIssuer, verified: jwt.JwtPayload, now: Date): TokenResult {
  const claims = AdminTokenClaims.safeParse(verified);
  if (!claims.success || 'patient' in verified || 'authorisation_id' in verified) return fail('token_claims_invalid');
  const { iat, exp } = claims.data;
  // Only the organisation's identity provider (or the development issuer) signs admins, and only when configured so.
  const signsAdmins = issuer.admins === true && (issuer.kind === 'navigator_idp' || issuer.kind === 'development');
  if (!signsAdmins || exp - iat > MAX_NAVIGATOR_TOKEN_LIFETIME_SECONDS || issuedInFuture(iat, now)) return fail('token_claims_invalid');
  if (issuer.requireMfa && !isMultiFactor(verified, issuer.mfaAcrValues ?? [])) return fail('token_mfa_required');
  return {
    ok: true,
    principal: {
      issuer: issuer.issuer,
      issuerKind: issuer.kind,
      sub: claims.data.sub,
      name: claims.data.name,
      role: 'admin',
      org: { id: claims.data.org.id, name: claims.data.org.name },
      expiresAt: new Date(exp * 1000),
    },
  };
}

/** A multi-factor login as the token states it: `amr` with `mfa` (RFC 8176), or an `acr` the issuer's setting names. */
function isMultiFactor(claims: jwt.JwtPayload, acrValues: readonly string[]): boolean {
  if (Array.isArray(claims.amr) && claims.amr.includes('mfa')) return true;
  return typeof claims.acr === 'string' && acrValues.includes(claims.acr);
}

function verifyFailure(error: unknown): ProblemCode {
  if (error instanceof jwt.TokenExpiredError) return 'token_expired';
  if (error instanceof jwt.NotBeforeError) return 'token_invalid';
  if (error instanceof jwt.JsonWebTokenError) {
    if (error.message.startsWith('jwt audience invalid')) return 'token_audience_invalid';
    if (error.message.startsWith('jwt issuer invalid')) return 'token_issuer_untrusted';
  }
  return 'token_invalid';
}
