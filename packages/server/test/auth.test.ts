import { createHmac, createPublicKey, generateKeyPairSync, type JsonWebKey } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { describe, expect, it } from 'vitest';
import { TOKEN_TYPE } from '@henvis/contracts';
import { AUDIENCE, DOCTOR_CLAIMS, VENDOR_ISSUER, makeVendor, storages, suiteServer } from './harness.js';
import { GRENAA, NORDDJURS } from './fixtures.js';

describe.each(storages)('authentication on %s', (kind) => {
  const s = suiteServer(kind);

  const list = (token?: string, headers: Record<string, string> = {}) =>
    s.request('GET', '/v1/referrals', { ...(token !== undefined ? { token } : {}), headers });

  it('accepts a vendor token and a development token', async () => {
    expect((await list(s.vendor.sign(DOCTOR_CLAIMS))).status).toBe(200);
    expect((await list(s.token('navigator', NORDDJURS))).status).toBe(200);
  });

  it.each([
    ['no Authorization header', undefined, {}, 'token_missing'],
    ['a Basic header', undefined, { authorization: 'Basic dXNlcjpwYXNz' }, 'token_missing'],
    ['a token that is not a JWT', 'not.a.jwt', {}, 'token_invalid'],
  ])('refuses %s', async (_what, token, headers, code) => {
    const response = await list(token, headers);
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(response.body).toMatchObject({ code, status: 401 });
  });

  const refusals: [string, () => string, string][] = [
    [
      'alg: none',
      () => {
        const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
        const now = Math.floor(Date.now() / 1000);
        return `${b64({ alg: 'none', typ: TOKEN_TYPE })}.${b64({ ...DOCTOR_CLAIMS, iss: VENDOR_ISSUER, aud: AUDIENCE, iat: now, exp: now + 60 })}.`;
      },
      'token_invalid',
    ],
    [
      'HS256 signed with the issuer public key',
      () => {
        const pem = s.vendor.publicKey.export({ type: 'spki', format: 'pem' }).toString();
        const now = Math.floor(Date.now() / 1000);
        const header = Buffer.from(JSON.stringify({ alg: 'HS256', typ: TOKEN_TYPE, kid: 'vendor-1' })).toString('base64url');
        const body = Buffer.from(JSON.stringify({ ...DOCTOR_CLAIMS, iss: VENDOR_ISSUER, aud: AUDIENCE, iat: now, exp: now + 60 })).toString(
          'base64url',
        );
        return `${header}.${body}.${createHmac('sha256', pem).update(`${header}.${body}`).digest('base64url')}`;
      },
      'token_invalid',
    ],
    ['a header with an extension it must understand (crit)', () => s.vendor.sign(DOCTOR_CLAIMS, { crit: ['exp'] }), 'token_invalid'],
    [
      'a payload segment that is base64 but not JSON',
      () => {
        const [header, , signature] = s.vendor.sign(DOCTOR_CLAIMS).split('.');
        return `${header}.${Buffer.from('{"sub": "x", not json').toString('base64url')}.${signature}`;
      },
      'token_invalid',
    ],
    ['a wrong audience', () => s.vendor.sign({ ...DOCTOR_CLAIMS, aud: 'someone-else' }), 'token_audience_invalid'],
    ['an untrusted issuer', () => makeVendor('https://evil.test').sign(DOCTOR_CLAIMS), 'token_issuer_untrusted'],
    ['a trusted issuer name signed with another key', () => makeVendor(VENDOR_ISSUER).sign(DOCTOR_CLAIMS), 'token_invalid'],
    [
      'an expired token',
      () => {
        const past = Math.floor(Date.now() / 1000) - 3600;
        return s.vendor.sign({ ...DOCTOR_CLAIMS, iat: past, exp: past + 300 });
      },
      'token_expired',
    ],
    ['a token without exp', () => s.vendor.sign({ ...DOCTOR_CLAIMS, exp: undefined }), 'token_claims_invalid'],
    ['a token without iat', () => s.vendor.sign({ ...DOCTOR_CLAIMS, iat: undefined }), 'token_claims_invalid'],
    [
      'a token living longer than 15 minutes',
      () => s.vendor.sign({ ...DOCTOR_CLAIMS, exp: Math.floor(Date.now() / 1000) + 16 * 60 }),
      'token_claims_invalid',
    ],
    ['a token without typ at+jwt', () => s.vendor.sign(DOCTOR_CLAIMS, { typ: 'JWT' }), 'token_claims_invalid'],
    ['a token without a role', () => s.vendor.sign({ ...DOCTOR_CLAIMS, role: undefined }), 'token_claims_invalid'],
    ['a vendor token for a navigator', () => s.vendor.sign({ ...DOCTOR_CLAIMS, role: 'navigator' }), 'token_claims_invalid'],
    [
      'a token with an invalid patient CPR',
      () => s.vendor.sign({ ...DOCTOR_CLAIMS, patient: { cpr: '310490-1234' } }),
      'token_claims_invalid',
    ],
    [
      'an RS256 token from an unknown key id',
      () => {
        const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
        const now = Math.floor(Date.now() / 1000);
        return jwt.sign({ ...DOCTOR_CLAIMS, iss: VENDOR_ISSUER, aud: AUDIENCE, iat: now, exp: now + 60 }, privateKey, {
          algorithm: 'RS256',
          header: { alg: 'RS256', typ: TOKEN_TYPE, kid: 'unknown' },
        });
      },
      'token_invalid',
    ],
  ];

  it.each(refusals)('refuses %s with 401', async (_what, make, code) => {
    const response = await list(make());
    expect(response.status).toBe(401);
    expect(response.body).toMatchObject({ code });
  });

  it('records every refused attempt in the audit log, and stores nothing else', async () => {
    const before = await s.count("audit_log where action = 'authenticate' and outcome = 'denied'");
    await list('garbage');
    await list(s.vendor.sign({ ...DOCTOR_CLAIMS, aud: 'x' }));
    expect(await s.count("audit_log where action = 'authenticate' and outcome = 'denied'")).toBe(before + 2);
    expect(await s.count('referrals')).toBe(0);
  });

  it('publishes the development issuer keys, which verify a development token', async () => {
    const jwks = (await s.request('GET', '/.well-known/jwks.json')).body as { keys: (JsonWebKey & { kid: string })[] };
    const key = createPublicKey({ key: jwks.keys[0]!, format: 'jwk' });
    const claims = jwt.verify(s.token('doctor', GRENAA), key, { audience: AUDIENCE }) as jwt.JwtPayload;
    expect(claims).toMatchObject({ role: 'doctor', org: { id: GRENAA } });
    expect(claims.exp! - claims.iat!).toBe(900);
  });
});
