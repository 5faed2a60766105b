import { generateKeyPairSync } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { describe, expect, it, vi } from 'vitest';
import { TOKEN_TYPE } from '@henvis/contracts';
import { parseTrustedIssuers } from './trusted-issuer.js';
import { verifyToken } from './verify-token.js';

const VENDOR = 'https://journal.example/';
const keyPair = () => generateKeyPairSync('ec', { namedCurve: 'P-256' });
const first = keyPair();
const second = keyPair();
const jwk = (k: ReturnType<typeof keyPair>, kid: string) => ({ ...k.publicKey.export({ format: 'jwk' }), kid });
const trusting = (...keys: object[]) =>
  parseTrustedIssuers(JSON.stringify([{ issuer: VENDOR, kind: 'journal_vendor', jwks: { keys } }]), 'development');

function doctorToken(k: ReturnType<typeof keyPair>, kid: string, now: number, extra: Record<string, unknown> = {}) {
  const claims = {
    iss: VENDOR,
    aud: 'henvis-api',
    sub: 'gp-1',
    name: 'Hanne Bech',
    role: 'doctor',
    org: { id: '045678', name: 'Lægerne' },
    iat: now,
    exp: now + 300,
    ...extra,
  };
  return jwt.sign(claims, k.privateKey, { algorithm: 'ES256', header: { alg: 'ES256', typ: TOKEN_TYPE, kid } });
}

describe('verifyToken with signatures it has verified before', () => {
  const now = new Date('2026-12-04T10:00:00Z');
  const seconds = now.getTime() / 1000;

  it('checks a signature once per token and key, and every time checks the clock and the claims', () => {
    const issuers = trusting(jwk(first, 'k1'));
    const token = doctorToken(first, 'k1', seconds);
    const verify = vi.spyOn(jwt, 'verify');
    try {
      expect(verifyToken(token, issuers, 'henvis-api', now)).toMatchObject({ ok: true, principal: { sub: 'gp-1' } });
      expect(verifyToken(token, issuers, 'henvis-api', new Date(now.getTime() + 60_000))).toMatchObject({ ok: true });
      expect(verify).toHaveBeenCalledTimes(1);
      // Expired: past exp and the clock tolerance, from the remembered claims too.
      expect(verifyToken(token, issuers, 'henvis-api', new Date(now.getTime() + 331_000))).toEqual({ ok: false, code: 'token_expired' });
      // Another audience is another check, and refused.
      expect(verifyToken(token, issuers, 'another-api', now)).toEqual({ ok: false, code: 'token_audience_invalid' });
    } finally {
      verify.mockRestore();
    }
  });

  it('forgets what a withdrawn key verified', () => {
    const token = doctorToken(first, 'k1', seconds);
    expect(verifyToken(token, trusting(jwk(first, 'k1')), 'henvis-api', now)).toMatchObject({ ok: true });
    // The issuer now publishes only another key under the same kid: the token's signature no longer holds.
    expect(verifyToken(token, trusting(jwk(second, 'k1')), 'henvis-api', now)).toEqual({ ok: false, code: 'token_invalid' });
    expect(verifyToken(token, trusting(jwk(second, 'k2')), 'henvis-api', now)).toEqual({ ok: false, code: 'token_invalid' });
  });

  it('never takes a token with a changed payload or signature for one it has verified', () => {
    const issuers = trusting(jwk(first, 'k1'));
    const token = doctorToken(first, 'k1', seconds);
    expect(verifyToken(token, issuers, 'henvis-api', now)).toMatchObject({ ok: true });
    const [header, payload, signature] = token.split('.') as [string, string, string];
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), role: 'navigator' })).toString(
      'base64url',
    );
    expect(verifyToken(`${header}.${forged}.${signature}`, issuers, 'henvis-api', now)).toMatchObject({ ok: false });
    expect(verifyToken(`${header}.${payload}.${signature.slice(0, -2)}AA`, issuers, 'henvis-api', now)).toEqual({
      ok: false,
      code: 'token_invalid',
    });
    // A token not yet valid is refused however often it comes.
    const early = doctorToken(first, 'k1', seconds, { nbf: seconds + 120 });
    expect(verifyToken(early, issuers, 'henvis-api', now)).toEqual({ ok: false, code: 'token_invalid' });
    expect(verifyToken(early, issuers, 'henvis-api', now)).toEqual({ ok: false, code: 'token_invalid' });
  });
});
