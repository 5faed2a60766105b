import jwt from 'jsonwebtoken';
import {
  MAX_NAVIGATOR_TOKEN_LIFETIME_SECONDS,
  MAX_TOKEN_LIFETIME_SECONDS,
  TOKEN_ALGORITHMS,
  TOKEN_TYPE,
  TokenClaims,
  isPracticeRole,
  parseCpr,
  type ProblemCode,
} from '@henvis/contracts';
import type { Principal } from './principal.js';
import type { TrustedIssuer } from './trusted-issuer.js';

export type TokenResult = { ok: true; principal: Principal } | { ok: false; code: ProblemCode };

const CLOCK_TOLERANCE_SECONDS = 30;
const allowed = new Set<string>(TOKEN_ALGORITHMS);

function fail(code: ProblemCode): TokenResult {
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

/**
 * Verifies a bearer token: an allow-listed asymmetric algorithm, `typ` at+jwt, a trusted `iss`, our `aud`, a
 * signature by one of the issuer's keys, `iat` and `exp` present with a lifetime of at most 15 minutes (5 from a
 * navigators' identity provider, the bound on a token outliving its logout), and claims that match the issuer's
 * kind (a journal vendor cannot sign for a navigator).
 */
export function verifyToken(token: string, issuers: readonly TrustedIssuer[], audience: string, now = new Date()): TokenResult {
  const decoded = decodeComplete(token);
  if (!decoded || typeof decoded.payload !== 'object') return fail('token_invalid');
  const { header, payload } = decoded;
  if (!allowed.has(header.alg)) return fail('token_invalid');
  // RFC 7515 § 4.1.11: a header naming extensions that must be understood is refused, as none is.
  if ('crit' in header) return fail('token_invalid');
  if (typeof header.typ !== 'string' || !new Set([TOKEN_TYPE, `application/${TOKEN_TYPE}`]).has(header.typ.toLowerCase())) {
    return fail('token_claims_invalid');
  }
  const issuer = issuers.find((i) => i.issuer === payload.iss);
  if (!issuer) return fail('token_issuer_untrusted');

  const candidates = header.kid ? issuer.keys.filter((k) => k.kid === header.kid) : issuer.keys;
  if (candidates.length === 0) return fail('token_invalid');
  let verified: jwt.JwtPayload | undefined;
  let failure: ProblemCode = 'token_invalid';
  for (const { key } of candidates) {
    try {
      verified = jwt.verify(token, key, {
        algorithms: [...TOKEN_ALGORITHMS],
        issuer: issuer.issuer,
        audience,
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        clockTimestamp: Math.floor(now.getTime() / 1000),
      }) as jwt.JwtPayload;
      break;
    } catch (error) {
      failure = verifyFailure(error);
      if (failure !== 'token_invalid') return fail(failure);
    }
  }
  if (!verified) return fail(failure);

  const claims = TokenClaims.safeParse(verified);
  if (!claims.success) return fail('token_claims_invalid');
  const { iat, exp, role, patient } = claims.data;
  const maxLifetime = issuer.kind === 'navigator_idp' ? MAX_NAVIGATOR_TOKEN_LIFETIME_SECONDS : MAX_TOKEN_LIFETIME_SECONDS;
  if (exp - iat > maxLifetime || iat > now.getTime() / 1000 + CLOCK_TOLERANCE_SECONDS) return fail('token_claims_invalid');
  if (issuer.kind === 'journal_vendor' && !isPracticeRole(role)) return fail('token_claims_invalid');
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
