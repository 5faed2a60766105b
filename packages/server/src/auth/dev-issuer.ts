import { createPrivateKey, createPublicKey, type JsonWebKey } from 'node:crypto';
import jwt from 'jsonwebtoken';
import {
  MAX_NAVIGATOR_TOKEN_LIFETIME_SECONDS,
  MAX_TOKEN_LIFETIME_SECONDS,
  TOKEN_TYPE,
  isPracticeRole,
  type AdminRole,
  type AdminTokenClaims,
  type Role,
  type TokenClaims,
} from '@henvis/contracts';
import { demoAdmin, demoNavigatorOrgs, demoPractices, demoUsers } from './demo-directory.js';
import type { TrustedIssuer } from './trusted-issuer.js';

/**
 * The development issuer: a demo key pair that is public knowledge, for the demo and the tests only. The server
 * trusts it in development mode and refuses to start in production mode while it is trusted.
 */
export const DEV_ISSUER = 'https://dev-issuer.henvis.invalid';
export const DEV_KEY_ID = 'henvis-dev-1';
/** Where the development login (dev-oidc.ts), an OpenID provider signing with the same demo key, is mounted. */
export const DEV_OIDC_PATH = '/oidc';
/** The development login's issuer for an API reached at `publicUrl`. */
export const devOidcIssuer = (publicUrl: string) => `${publicUrl}${DEV_OIDC_PATH}`;

const DEMO_PRIVATE_KEY_PEM = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQggVVOEjSCo6D/a8HM
NIXij3UbxogdwLUcgPXNuz9lWV2hRANCAASPvABNoMBv/1+6DzW2AlIeBSOCPRf+
7tsoDRE1zTmSrTEDQ5AHnjjHqL/hXVYMTu/LE7V3Fc/KRJzGjW74e9MX
-----END PRIVATE KEY-----`;

const privateKey = createPrivateKey(DEMO_PRIVATE_KEY_PEM);
const publicKey = createPublicKey(privateKey);

export const devIssuer: TrustedIssuer = {
  issuer: DEV_ISSUER,
  kind: 'development',
  keys: [{ kid: DEV_KEY_ID, key: publicKey }],
  admins: true,
};

/** The demo private key as a JWK, for the development OpenID provider (dev-oidc.ts): no second demo secret. */
export function devPrivateJwk(): JsonWebKey {
  return { ...privateKey.export({ format: 'jwk' }), kid: DEV_KEY_ID, use: 'sig', alg: 'ES256' };
}

/** The development issuer's public keys as a JWKS document. */
export function devJwks(): { keys: JsonWebKey[] } {
  return { keys: [{ ...publicKey.export({ format: 'jwk' }), kid: DEV_KEY_ID, use: 'sig', alg: 'ES256' }] };
}

export interface DevTokenRequest {
  role: Role | AdminRole;
  /** A practice's SOR code or ydernummer, a navigator organisation's id, or an admin's organisation. */
  org: string;
  /** CPR number of the consultation's patient. */
  patient?: string;
  audience: string;
  /** Seconds; at most 15 minutes (an admin's: 5). */
  lifetime?: number;
  now?: Date;
}

/** Signs a token for a demo user of the given role and organisation. */
export function signDevToken(request: DevTokenRequest): string {
  const now = Math.floor((request.now ?? new Date()).getTime() / 1000);
  const lifetime = (max: number) => now + Math.min(request.lifetime ?? max, max);
  const claims: Omit<TokenClaims | AdminTokenClaims, 'iss' | 'aud'> =
    request.role === 'admin'
      ? {
          sub: demoAdmin.id,
          name: demoAdmin.name,
          role: 'admin',
          org: { id: request.org, name: `Organisation ${request.org}` },
          iat: now,
          exp: lifetime(MAX_NAVIGATOR_TOKEN_LIFETIME_SECONDS),
        }
      : userClaims(request.role, request, now, lifetime(MAX_TOKEN_LIFETIME_SECONDS));
  return jwt.sign(claims, privateKey, {
    algorithm: 'ES256',
    issuer: DEV_ISSUER,
    audience: request.audience,
    keyid: DEV_KEY_ID,
    header: { alg: 'ES256', typ: TOKEN_TYPE },
  });
}

function userClaims(role: Role, request: DevTokenRequest, iat: number, exp: number): Omit<TokenClaims, 'iss' | 'aud'> {
  const user = demoUsers[role];
  return {
    sub: user.id,
    name: user.name,
    role,
    ...(user.authorisationId ? { authorisation_id: user.authorisationId } : {}),
    org: demoOrg(role, request.org),
    ...(request.patient ? { patient: { cpr: request.patient } } : {}),
    iat,
    exp,
  };
}

function demoOrg(role: Role, id: string): TokenClaims['org'] {
  if (isPracticeRole(role)) {
    const practice = demoPractices.find((p) => p.ydernummer === id || p.sorCode === id);
    // The token names the practice; its MedCom address (GLN, phone) stays in the directory.
    if (practice) return { id: practice.id, name: practice.name, ydernummer: practice.ydernummer, sorCode: practice.sorCode };
    return /^\d{6}$/.test(id) ? { id, name: `Praksis ${id}`, ydernummer: id } : { id, name: `Praksis ${id}` };
  }
  const org = demoNavigatorOrgs.find((o) => o.id === id);
  return { id, name: org?.name ?? `Organisation ${id}` };
}
