/// <reference types="node" />
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAuth, LoginError } from './auth.js';

/**
 * The inbox's OpenID Connect client against a fake provider: what it sends to the authorization endpoint, and
 * what it accepts back. (The real provider, PKCE checks included, is tested in the server's dev-oidc test and the
 * inbox end-to-end test.)
 */
const ISSUER = 'https://idp.test/oidc';
const INBOX = 'https://inbox.test/';
const config = { apiUrl: 'https://api.test', issuer: ISSUER, clientId: 'henvis-inbox', redirectUri: INBOX };

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const jwt = (claims: object) => `${b64({ alg: 'ES256', typ: 'JWT' })}.${b64(claims)}.${Buffer.from('signature').toString('base64url')}`;

class MemoryStorage {
  items = new Map<string, string>();
  getItem = (key: string) => this.items.get(key) ?? null;
  setItem = (key: string, value: string) => void this.items.set(key, value);
  removeItem = (key: string) => void this.items.delete(key);
}

let storage: MemoryStorage;
let assigned: string[];
let address: URL;
let tokenRequests: URLSearchParams[];
let claims: Record<string, unknown>;

beforeEach(() => {
  storage = new MemoryStorage();
  validRefreshToken = 'rt';
  assigned = [];
  tokenRequests = [];
  address = new URL(`${INBOX}#/caseload`);
  vi.stubGlobal('location', {
    get href() {
      return address.href;
    },
    get hash() {
      return address.hash;
    },
    assign: (url: string) => assigned.push(url),
  });
  vi.stubGlobal('history', { replaceState: (_s: unknown, _t: string, url: string) => (address = new URL(url, address)) });
  vi.stubGlobal('document', { documentElement: { lang: 'da' } });
  claims = { role: 'navigator', name: 'Sofie Kjær', org: { id: 'norddjurs-navigatorer', name: 'Norddjurs' } };
  vi.stubGlobal('fetch', async (input: string | URL | Request, init?: RequestInit) => {
    const url = String(input instanceof Request ? input.url : input);
    if (url === `${ISSUER}/.well-known/openid-configuration`) {
      return Response.json({
        issuer: ISSUER,
        authorization_endpoint: `${ISSUER}/auth`,
        token_endpoint: `${ISSUER}/token`,
        end_session_endpoint: `${ISSUER}/session/end`,
        id_token_signing_alg_values_supported: ['ES256'],
      });
    }
    if (url === `${ISSUER}/token`) {
      const body = new URLSearchParams(init?.body as string);
      tokenRequests.push(body);
      const refreshing = body.get('grant_type') === 'refresh_token';
      if (refreshing && body.get('refresh_token') !== validRefreshToken) return Response.json({ error: 'invalid_grant' }, { status: 400 });
      if (refreshing) validRefreshToken = `${validRefreshToken}+`;
      const pending = JSON.parse(storage.getItem('henvis-inbox-login') ?? 'null') as { nonce: string } | null;
      const now = Math.floor(Date.now() / 1000);
      const common = { iss: ISSUER, sub: 'demo-navigator', iat: now, exp: now + 900, ...claims };
      return Response.json({
        token_type: 'Bearer',
        expires_in: 900,
        access_token: jwt({ ...common, aud: 'henvis-api', jti: String(tokenRequests.length) }),
        ...(refreshing ? {} : { id_token: jwt({ ...common, aud: 'henvis-inbox', nonce: lastNonce ?? pending?.nonce }) }),
        refresh_token: validRefreshToken,
      });
    }
    return new Response('not found', { status: 404 });
  });
});
afterEach(() => vi.unstubAllGlobals());

let lastNonce: string | undefined;
/** The one refresh token the fake provider accepts now: each use rotates it. */
let validRefreshToken = 'rt';

/** Starts a login and returns the authorization request the browser was sent to. */
async function startLogin() {
  const auth = createAuth(config, storage as unknown as Storage);
  await auth.login();
  const pending = JSON.parse(storage.getItem('henvis-inbox-login')!) as { state: string; nonce: string; verifier: string };
  lastNonce = pending.nonce;
  return { auth, request: new URL(assigned[0]!), pending };
}

describe("the inbox's login", () => {
  it('sends the browser to the provider with PKCE (S256), state and nonce, and remembers where it was', async () => {
    const { request, pending } = await startLogin();
    expect(request.origin + request.pathname).toBe(`${ISSUER}/auth`);
    const params = Object.fromEntries(request.searchParams);
    expect(params).toMatchObject({
      client_id: 'henvis-inbox',
      redirect_uri: INBOX,
      response_type: 'code',
      scope: 'openid profile',
      code_challenge_method: 'S256',
      state: pending.state,
      nonce: pending.nonce,
    });
    const challenge = Buffer.from(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(pending.verifier))).toString('base64url');
    expect(params.code_challenge).toBe(challenge);
    expect(params).not.toHaveProperty('code_verifier');
    expect(JSON.parse(storage.getItem('henvis-inbox-login')!).returnTo).toBe('#/caseload');
  });

  it('exchanges the code with the verifier, keeps the session in this tab, and takes the code out of the address', async () => {
    const { auth, pending } = await startLogin();
    address = new URL(`${INBOX}?code=abc&state=${pending.state}&iss=${encodeURIComponent(ISSUER)}`);
    expect(await auth.completeLogin()).toBe('#/caseload');
    expect(Object.fromEntries(tokenRequests[0]!)).toEqual({
      grant_type: 'authorization_code',
      code: 'abc',
      redirect_uri: INBOX,
      code_verifier: pending.verifier,
      client_id: 'henvis-inbox',
    });
    expect(address.href).toBe(`${INBOX}#/caseload`);
    expect(auth.session()).toMatchObject({
      user: { sub: 'demo-navigator', name: 'Sofie Kjær', role: 'navigator', org: { id: 'norddjurs-navigatorer' } },
    });
    expect(storage.getItem('henvis-inbox-login')).toBeNull();
  });

  it('refuses an answer to a login it did not start, or with another state, and exchanges nothing', async () => {
    const { auth } = await startLogin();
    address = new URL(`${INBOX}?code=abc&state=forged&iss=${encodeURIComponent(ISSUER)}`);
    await expect(auth.completeLogin()).rejects.toThrow();
    expect(address.search).toBe('');
    address = new URL(`${INBOX}?code=abc&state=whatever`);
    await expect(auth.completeLogin()).rejects.toThrow(LoginError);
    expect(tokenRequests).toEqual([]);
    expect(auth.session()).toBeUndefined();
  });

  it('lets only navigators and coordinators in', async () => {
    claims = { ...claims, role: 'doctor' };
    const { auth, pending } = await startLogin();
    address = new URL(`${INBOX}?code=abc&state=${pending.state}&iss=${encodeURIComponent(ISSUER)}`);
    await expect(auth.completeLogin()).rejects.toThrow('role_not_allowed');
    expect(auth.session()).toBeUndefined();
  });

  it('renews the access token with the rotated refresh token, once for parallel requests', async () => {
    const { auth, pending } = await startLogin();
    address = new URL(`${INBOX}?code=abc&state=${pending.state}&iss=${encodeURIComponent(ISSUER)}`);
    await auth.completeLogin();
    const first = auth.session()!;
    expect(await auth.accessToken()).toBe(first.accessToken);
    storage.setItem('henvis-inbox-session', JSON.stringify({ ...first, expiresAt: Date.now() + 30_000 }));
    const [a, b] = await Promise.all([auth.accessToken(), auth.accessToken()]);
    expect(a).toBe(b);
    expect(a).not.toBe(first.accessToken);
    expect(tokenRequests.map((r) => r.get('grant_type'))).toEqual(['authorization_code', 'refresh_token']);
    expect(tokenRequests[1]!.get('refresh_token')).toBe(first.refreshToken);
    expect(auth.session()).toMatchObject({ refreshToken: validRefreshToken, idToken: first.idToken });
    expect(auth.session()!.expiresAt).toBeGreaterThan(Date.now() + 800_000);
  });

  it('ends the session when the provider refuses the refresh token, and without one when the token expires', async () => {
    const { auth, pending } = await startLogin();
    address = new URL(`${INBOX}?code=abc&state=${pending.state}&iss=${encodeURIComponent(ISSUER)}`);
    await auth.completeLogin();
    const session = auth.session()!;
    validRefreshToken = 'revoked-at-logout';
    storage.setItem('henvis-inbox-session', JSON.stringify({ ...session, expiresAt: Date.now() - 1 }));
    await expect(auth.accessToken()).rejects.toThrow();
    expect(auth.session()).toBeUndefined();
    const { refreshToken: _none, ...withoutRefresh } = session;
    storage.setItem('henvis-inbox-session', JSON.stringify({ ...withoutRefresh, expiresAt: Date.now() - 1 }));
    expect(auth.session()).toBeUndefined();
    await expect(auth.accessToken()).rejects.toThrow(LoginError);
  });

  it('logs out at the provider with the ID token', async () => {
    const { auth, pending } = await startLogin();
    address = new URL(`${INBOX}?code=abc&state=${pending.state}&iss=${encodeURIComponent(ISSUER)}`);
    await auth.completeLogin();
    const session = auth.session()!;
    storage.setItem('henvis-inbox-session', JSON.stringify(session));
    await auth.logout();
    const end = new URL(assigned.at(-1)!);
    expect(end.origin + end.pathname).toBe(`${ISSUER}/session/end`);
    expect(Object.fromEntries(end.searchParams)).toEqual({
      client_id: 'henvis-inbox',
      post_logout_redirect_uri: INBOX,
      id_token_hint: session.idToken,
    });
    expect(storage.getItem('henvis-inbox-session')).toBeNull();
  });
});
