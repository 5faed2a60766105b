import { generateKeyPairSync } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { describe, expect, it } from 'vitest';
import { TOKEN_TYPE } from '@henvis/contracts';
import { parseTrustedIssuers } from '../src/auth/trusted-issuer.js';
import { verifyToken } from '../src/auth/verify-token.js';
import { ConfigError, configFromEnv } from '../src/config.js';

const IDP = 'https://login.norddjurs.example/';
const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const jwks = { keys: [{ ...publicKey.export({ format: 'jwk' }), kid: 'idp-1' }] };

function navigatorToken(extra: Record<string, unknown> = {}) {
  const now = Math.floor(Date.now() / 1000);
  const claims = {
    iss: IDP,
    aud: 'henvis-api',
    sub: 'nav-1',
    name: 'Sofie Kjær',
    role: 'navigator',
    org: { id: 'norddjurs-navigatorer', name: 'Norddjurs' },
    iat: now,
    exp: now + 300,
    ...extra,
  };
  return jwt.sign(claims, privateKey, { algorithm: 'ES256', header: { alg: 'ES256', typ: TOKEN_TYPE, kid: 'idp-1' } });
}

const trusted = (config: Record<string, unknown>, mode: 'development' | 'production') =>
  parseTrustedIssuers(JSON.stringify([{ issuer: IDP, kind: 'navigator_idp', jwks, ...config }]), mode);

describe("the navigators' identity provider and multi-factor login", () => {
  it('requires amr "mfa" of a navigator IdP in production unless told otherwise', () => {
    expect(trusted({}, 'production')[0]!.requireMfa).toBe(true);
    expect(trusted({ requireMfa: false }, 'production')[0]!.requireMfa).toBeUndefined();
    expect(trusted({}, 'development')[0]!.requireMfa).toBeUndefined();
    expect(trusted({ requireMfa: true }, 'development')[0]!.requireMfa).toBe(true);
    expect(() => trusted({ requireMfa: 'yes' }, 'production')).toThrow(/requireMfa/);
  });

  it('refuses a token without a multi-factor login, and accepts one with it', () => {
    const issuers = trusted({}, 'production');
    expect(verifyToken(navigatorToken(), issuers, 'henvis-api')).toEqual({ ok: false, code: 'token_mfa_required' });
    expect(verifyToken(navigatorToken({ amr: ['pwd'] }), issuers, 'henvis-api')).toEqual({ ok: false, code: 'token_mfa_required' });
    expect(verifyToken(navigatorToken({ amr: 'mfa' }), issuers, 'henvis-api')).toEqual({ ok: false, code: 'token_mfa_required' });
    expect(verifyToken(navigatorToken({ amr: ['pwd', 'mfa'] }), issuers, 'henvis-api')).toMatchObject({
      ok: true,
      principal: { role: 'navigator' },
    });
    expect(verifyToken(navigatorToken(), trusted({ requireMfa: false }, 'production'), 'henvis-api')).toMatchObject({ ok: true });
  });

  it('accepts an NSIS level of assurance in acr where the issuer is configured to state MFA so', () => {
    const substantial = 'https://data.gov.dk/concept/core/nsis/loa/Substantial';
    const issuers = trusted({ mfaAcrValues: [substantial, 'https://data.gov.dk/concept/core/nsis/loa/High'] }, 'production');
    expect(verifyToken(navigatorToken({ acr: substantial }), issuers, 'henvis-api')).toMatchObject({ ok: true });
    expect(verifyToken(navigatorToken({ acr: 'https://data.gov.dk/concept/core/nsis/loa/Low' }), issuers, 'henvis-api')).toEqual({
      ok: false,
      code: 'token_mfa_required',
    });
    expect(verifyToken(navigatorToken({ acr: substantial }), trusted({}, 'production'), 'henvis-api')).toEqual({
      ok: false,
      code: 'token_mfa_required',
    });
    expect(() => trusted({ mfaAcrValues: [] }, 'production')).toThrow(/mfaAcrValues/);
    expect(() => trusted({ mfaAcrValues: 'loa' }, 'production')).toThrow(/mfaAcrValues/);
  });

  it("refuses a navigator's token that lives longer than 5 minutes, the bound on outliving a logout", () => {
    const issuers = trusted({ requireMfa: false }, 'production');
    const now = Math.floor(Date.now() / 1000);
    expect(verifyToken(navigatorToken({ iat: now, exp: now + 300 }), issuers, 'henvis-api')).toMatchObject({ ok: true });
    expect(verifyToken(navigatorToken({ iat: now, exp: now + 301 }), issuers, 'henvis-api')).toEqual({
      ok: false,
      code: 'token_claims_invalid',
    });
    expect(verifyToken(navigatorToken({ iat: now, exp: now + 900 }), issuers, 'henvis-api')).toEqual({
      ok: false,
      code: 'token_claims_invalid',
    });
  });

  it('reads the setting from HENVIS_TRUSTED_ISSUERS', () => {
    const env = {
      HENVIS_MODE: 'production',
      HENVIS_PSEUDONYM_KEY: 'a-production-secret-of-at-least-32-chars',
      HENVIS_AUDIT_SIGNING_KEY: generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
    };
    const config = configFromEnv({ ...env, HENVIS_TRUSTED_ISSUERS: JSON.stringify([{ issuer: IDP, kind: 'navigator_idp', jwks }]) });
    expect(config.issuers.find((i) => i.issuer === IDP)?.requireMfa).toBe(true);
    expect(() =>
      configFromEnv({ ...env, HENVIS_TRUSTED_ISSUERS: JSON.stringify([{ issuer: IDP, kind: 'navigator_idp', jwks, requireMfa: 1 }]) }),
    ).toThrow(ConfigError);
  });
});
