import { generateKeyPairSync } from 'node:crypto';
import { Writable } from 'node:stream';
import jwt from 'jsonwebtoken';
import * as oauth from 'oauth4webapi';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { buildApp } from '../src/app.js';
import { signDevToken } from '../src/auth/dev-issuer.js';
import { configFromEnv } from '../src/config.js';
import { startServer } from '../src/server.js';
import { GRENAA, NORDDJURS, SYDDJURS, key, referral } from './fixtures.js';
import { AUDIENCE, makeVendor, openTestDatabase, storages, suiteServer } from './harness.js';

const INBOX = 'http://127.0.0.1:4200';
const REDIRECT_URI = `${INBOX}/`;
// eslint-disable-next-line @typescript-eslint/no-deprecated -- not deprecated: marked so to stand out, for tests against http as here; lint can't see it
const insecure = { [oauth.allowInsecureRequests]: true } as const;
const client: oauth.Client = { client_id: 'henvis-inbox', id_token_signed_response_alg: 'ES256' };

/** A browser's part of the flow: a cookie jar that honours paths, and redirects followed by hand. */
class Browser {
  private cookies = new Map<string, { name: string; value: string; path: string }>();

  async request(url: string | URL, init: RequestInit = {}): Promise<Response> {
    const target = new URL(url);
    const cookie = [...this.cookies.values()]
      .filter((c) => target.pathname.startsWith(c.path))
      .map((c) => `${c.name}=${c.value}`)
      .join('; ');
    const response = await fetch(target, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string>), ...(cookie ? { cookie } : {}) },
    });
    for (const line of response.headers.getSetCookie()) this.store(line);
    return response;
  }

  private store(line: string) {
    const [pair = '', ...attributes] = line.split(';').map((part) => part.trim());
    const name = pair.slice(0, pair.indexOf('='));
    const value = pair.slice(pair.indexOf('=') + 1);
    const path = attributes.find((a) => a.toLowerCase().startsWith('path='))?.slice(5) ?? '/';
    const expires = attributes.find((a) => a.toLowerCase().startsWith('expires='))?.slice(8);
    if (!value || (expires && Date.parse(expires) < Date.now())) this.cookies.delete(`${name} ${path}`);
    else this.cookies.set(`${name} ${path}`, { name, value, path });
  }

  /** Follows redirects until the inbox is reached (its URL is returned) or a page is shown. */
  async follow(url: string | URL, init: RequestInit = {}) {
    const visited: string[] = [];
    let response = await this.request(url, init);
    let current = new URL(url);
    while (response.status >= 300 && response.status < 400) {
      const next = new URL(response.headers.get('location')!, current);
      visited.push(next.pathname);
      if (next.origin === INBOX) return { response, visited, inbox: next };
      current = next;
      response = await this.request(current);
    }
    return { response, visited, page: await response.text(), url: current };
  }
}

describe.each(storages)('the development login on %s', (kind) => {
  const server = suiteServer(kind, { devLogin: { inboxOrigins: [INBOX, 'http://localhost:4200'] } });
  let as: oauth.AuthorizationServer;

  beforeAll(async () => {
    const issuer = new URL(`${server.url}/oidc`);
    as = await oauth.processDiscoveryResponse(issuer, await oauth.discoveryRequest(issuer, insecure));
    const nurse = signDevToken({ role: 'nurse', org: GRENAA, audience: AUDIENCE });
    const created = await fetch(`${server.url}/v1/referrals`, {
      method: 'POST',
      headers: { authorization: `Bearer ${nurse}`, 'content-type': 'application/json', 'idempotency-key': key() },
      body: JSON.stringify(referral()),
    });
    expect(created.status).toBe(201);
  });

  const authorizationUrl = async (extra: Record<string, string> = {}) => {
    const verifier = oauth.generateRandomCodeVerifier();
    const state = oauth.generateRandomState();
    const url = new URL(as.authorization_endpoint!);
    for (const [name, value] of Object.entries({
      client_id: client.client_id,
      redirect_uri: REDIRECT_URI,
      response_type: 'code',
      scope: 'openid profile',
      code_challenge: await oauth.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      ...extra,
    })) {
      url.searchParams.set(name, value);
    }
    return { url, verifier, state };
  };

  const choose = async (browser: Browser, page: string, from: URL, account: string) => {
    const action = /<form method="post" action="([^"]+)"/.exec(page)?.[1];
    expect(action).toBeDefined();
    return browser.follow(new URL(action!, from), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ account }).toString(),
    });
  };

  const exchange = (callback: URL, state: string, verifier: string, headers: Record<string, string> = { origin: INBOX }) =>
    oauth.authorizationCodeGrantRequest(
      as,
      client,
      oauth.None(),
      oauth.validateAuthResponse(as, client, callback, state),
      REDIRECT_URI,
      verifier,
      {
        ...insecure,
        headers,
      },
    );

  /** A full login as `account` in `browser`: the tokens, and the login page as shown. */
  const login = async (account: string, browser = new Browser()) => {
    const { url, verifier, state } = await authorizationUrl();
    const shown = await browser.follow(url);
    const chosen = await choose(browser, shown.page!, shown.url!, account);
    const response = await exchange(chosen.inbox!, state, verifier);
    expect(response.headers.get('access-control-allow-origin')).toBe(INBOX);
    const tokens = await oauth.processAuthorizationCodeResponse(as, client, response);
    return { browser, tokens, page: shown.page!, visited: [...shown.visited, ...chosen.visited] };
  };

  const referrals = (token: string) => fetch(`${server.url}/v1/referrals?owner=none`, { headers: { authorization: `Bearer ${token}` } });

  it('publishes its discovery document at /oidc, with PKCE S256 and the /oidc endpoints', () => {
    expect(as.issuer).toBe(`${server.url}/oidc`);
    expect(as.authorization_endpoint).toBe(`${server.url}/oidc/auth`);
    expect(as.token_endpoint).toBe(`${server.url}/oidc/token`);
    expect(as.end_session_endpoint).toBe(`${server.url}/oidc/session/end`);
    expect(as.code_challenge_methods_supported).toEqual(['S256']);
  });

  it('shows the demo accounts on an accessible Danish login page, and gives Sofie an access token the API accepts', async () => {
    const { page, tokens } = await login('sofie');
    expect(page).toContain('<html lang="da">');
    expect(page).toMatch(/<h1>Log ind i Henvis<\/h1>/);
    expect(page).toContain('Udviklings-login – kun til demo og test');
    for (const name of ['Sofie Kjær', 'Rasmus Friis', 'Jonas Berg', 'Aske Holt'])
      expect(page).toMatch(new RegExp(`<button[^>]*>${name}</button>`));
    expect(page).toContain('Koordinator, Norddjurs Kommune – Socialnavigatører');
    expect(page).toContain('Socialnavigatør, Syddjurs Kommune – Socialnavigatører');

    const decoded = jwt.decode(tokens.access_token, { complete: true })!;
    expect(decoded.header).toMatchObject({ typ: 'at+jwt', alg: 'ES256', kid: 'henvis-dev-1' });
    const claims = decoded.payload as jwt.JwtPayload;
    expect(claims).toMatchObject({
      iss: `${server.url}/oidc`,
      aud: AUDIENCE,
      sub: 'demo-navigator',
      name: 'Sofie Kjær',
      role: 'navigator',
      org: { id: NORDDJURS, name: 'Norddjurs Kommune – Socialnavigatører' },
    });
    expect(claims.exp! - claims.iat!).toBe(300);
    expect(tokens.expires_in).toBeLessThanOrEqual(300);
    expect(oauth.getValidatedIdTokenClaims(tokens)).toMatchObject({
      sub: 'demo-navigator',
      name: 'Sofie Kjær',
      role: 'navigator',
      org: { id: NORDDJURS },
    });

    const response = await referrals(tokens.access_token);
    expect(response.status).toBe(200);
    expect(((await response.json()) as { items: unknown[] }).items).toHaveLength(1);
  });

  it('logs a coordinator in, with the resource named explicitly, and refuses an unknown resource', async () => {
    const browser = new Browser();
    const resource = `${server.url}/v1`;
    const { url, verifier, state } = await authorizationUrl({ resource });
    const shown = await browser.follow(url);
    const chosen = await choose(browser, shown.page!, shown.url!, 'jonas');
    const response = await oauth.authorizationCodeGrantRequest(
      as,
      client,
      oauth.None(),
      oauth.validateAuthResponse(as, client, chosen.inbox!, state),
      REDIRECT_URI,
      verifier,
      { ...insecure, additionalParameters: { resource } },
    );
    const tokens = await oauth.processAuthorizationCodeResponse(as, client, response);
    expect(jwt.decode(tokens.access_token)).toMatchObject({ aud: AUDIENCE, role: 'coordinator', name: 'Jonas Berg' });
    expect((await referrals(tokens.access_token)).status).toBe(200);

    const unknown = await new Browser().follow((await authorizationUrl({ resource: 'https://elsewhere.test/api' })).url);
    expect(unknown.inbox?.searchParams.get('error')).toBe('invalid_target');
  });

  it("gives Aske of Syddjurs none of Norddjurs' referrals", async () => {
    const { tokens } = await login('aske');
    expect(jwt.decode(tokens.access_token)).toMatchObject({ org: { id: SYDDJURS } });
    const response = await referrals(tokens.access_token);
    expect(response.status).toBe(200);
    expect(((await response.json()) as { items: unknown[] }).items).toEqual([]);
  });

  it('logs in again without the login page while the session lasts (single sign-on)', async () => {
    const { browser } = await login('rasmus');
    const { url, verifier, state } = await authorizationUrl();
    const again = await browser.follow(url);
    expect(again.inbox).toBeDefined();
    expect(again.visited.some((path) => path.includes('/interaction/'))).toBe(false);
    const tokens = await oauth.processAuthorizationCodeResponse(as, client, await exchange(again.inbox!, state, verifier));
    expect(jwt.decode(tokens.access_token)).toMatchObject({ sub: 'demo-navigator-2' });

    const consent = await authorizationUrl({ prompt: 'consent' });
    const consented = await browser.follow(consent.url);
    expect(consented.visited.some((path) => path.includes('/interaction/'))).toBe(true);
    expect(consented.inbox?.searchParams.get('code')).toBeTruthy();
  });

  it('refuses a demo account that does not exist', async () => {
    const browser = new Browser();
    const shown = await browser.follow((await authorizationUrl()).url);
    const chosen = await choose(browser, shown.page!, shown.url!, 'mallory');
    expect(chosen.response.status).toBe(400);
  });

  it('refuses a wrong code_verifier', async () => {
    const browser = new Browser();
    const { url, state } = await authorizationUrl();
    const shown = await browser.follow(url);
    const chosen = await choose(browser, shown.page!, shown.url!, 'sofie');
    const response = await exchange(chosen.inbox!, state, oauth.generateRandomCodeVerifier());
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: 'invalid_grant' });
  });

  it('refuses an authorization request without PKCE, and one with an unregistered redirect URI without redirecting to it', async () => {
    const withoutPkce = await authorizationUrl();
    withoutPkce.url.searchParams.delete('code_challenge');
    withoutPkce.url.searchParams.delete('code_challenge_method');
    const refused = await new Browser().follow(withoutPkce.url);
    expect(refused.inbox?.searchParams.get('error')).toBe('invalid_request');

    const { url } = await authorizationUrl({ redirect_uri: 'http://evil.test/' });
    const response = await new Browser().request(url);
    expect(response.status).toBe(400);
    expect(response.headers.get('location')).toBeNull();
    expect(await response.text()).toContain('redirect_uri');
  });

  it('lets the inbox origins, and no others, call the token endpoint from a browser', async () => {
    const preflight = await fetch(as.token_endpoint!, {
      method: 'OPTIONS',
      headers: { origin: INBOX, 'access-control-request-method': 'POST', 'access-control-request-headers': 'dpop' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(INBOX);

    const browser = new Browser();
    const { url, verifier, state } = await authorizationUrl();
    const shown = await browser.follow(url);
    const chosen = await choose(browser, shown.page!, shown.url!, 'sofie');
    const response = await exchange(chosen.inbox!, state, verifier, { origin: 'http://evil.test' });
    expect(response.status).toBe(400);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect(await response.json()).toMatchObject({
      error: 'invalid_request',
      error_description: expect.stringContaining('origin http://evil.test not allowed'),
    });
  });

  const refresh = (token: string) =>
    oauth.refreshTokenGrantRequest(as, client, oauth.None(), token, { ...insecure, headers: { origin: INBOX } });

  it('renews the access token with a refresh token that is rotated at each use', async () => {
    const { tokens } = await login('sofie');
    expect(tokens.refresh_token).toBeTruthy();
    const renewed = await oauth.processRefreshTokenResponse(as, client, await refresh(tokens.refresh_token!));
    expect(renewed.access_token).not.toBe(tokens.access_token);
    expect(renewed.refresh_token).toBeTruthy();
    expect(renewed.refresh_token).not.toBe(tokens.refresh_token);
    expect(jwt.decode(renewed.access_token, { complete: true })).toMatchObject({
      header: { typ: 'at+jwt' },
      payload: { role: 'navigator', org: { id: NORDDJURS } },
    });
    expect((await referrals(renewed.access_token)).status).toBe(200);
    // A used refresh token is spent: replaying it is refused.
    expect((await refresh(tokens.refresh_token!)).status).toBe(400);
  });

  it('ends the session at logout, back at the inbox without a question, and asks who logs in next time', async () => {
    const { browser, tokens } = await login('sofie');
    const end = new URL(as.end_session_endpoint!);
    end.searchParams.set('id_token_hint', tokens.id_token!);
    end.searchParams.set('post_logout_redirect_uri', REDIRECT_URI);
    end.searchParams.set('state', 'bye');
    const confirm = await browser.follow(end);
    expect(confirm.page).toContain('document.forms[0].submit()');
    const form = /<form id="op.logoutForm" method="post" action="([^"]+)">(.*?)<\/form>/s.exec(confirm.page!)!;
    const fields = new URLSearchParams(
      [...form[2]!.matchAll(/<input type="hidden" name="(\w+)" value="([^"]*)"/g)].map((m): [string, string] => [m[1]!, m[2]!]),
    );
    expect(fields.get('logout')).toBe('yes');
    const done = await browser.follow(new URL(form[1]!, end), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: fields.toString(),
    });
    expect(done.inbox?.href).toBe(`${REDIRECT_URI}?state=bye`);
    // The refresh token died with the session.
    const refused = await refresh(tokens.refresh_token!);
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: string }).error).toBe('invalid_grant');

    const { url } = await authorizationUrl();
    const next = await browser.follow(url);
    expect(next.response.status).toBe(200);
    expect(next.page).toContain('<button type="submit" name="account" value="sofie"');

    // The API verifies tokens without asking the provider, so the access token of the ended session works until it
    // expires, 5 minutes after it was issued at most (plus the 30 s the API allows for clocks), and not after.
    const { iat, exp } = jwt.decode(tokens.access_token) as { iat: number; exp: number };
    expect(exp - iat).toBeLessThanOrEqual(300);
    expect((await referrals(tokens.access_token)).status).toBe(200);
    vi.useFakeTimers({ toFake: ['Date'], now: (iat + 300 + 31) * 1000 });
    try {
      const after = await referrals(tokens.access_token);
      expect(after.status).toBe(401);
      expect(await after.json()).toMatchObject({ code: 'token_expired' });
    } finally {
      vi.useRealTimers();
    }
  });

  it('shows an expired page for an interaction it does not know', async () => {
    const response = await fetch(`${server.url}/oidc/interaction/unknown`);
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('Login-forsøget er udløbet');
  });

  it('keeps names and user ids out of the logs', () => {
    const text = server.logs.join('');
    expect(text).toContain('/oidc/*');
    for (const secret of ['Sofie', 'Kjær', 'demo-navigator', 'code=', 'code_verifier']) expect(text).not.toContain(secret);
  });
});

describe('the development login in production', () => {
  const production = {
    HENVIS_MODE: 'production',
    HENVIS_TRUSTED_ISSUERS: JSON.stringify([
      {
        issuer: 'https://idp.example',
        kind: 'navigator_idp',
        jwks: { keys: [{ ...makeVendor().publicKey.export({ format: 'jwk' }), kid: 'k1' }] },
      },
    ]),
    HENVIS_PSEUDONYM_KEY: 'a-production-secret-of-at-least-32-chars',
    HENVIS_AUDIT_SIGNING_KEY: generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
    PORT: '0',
  };

  it('is refused by the configuration, and never mounted', async () => {
    expect(() => configFromEnv({ ...production, HENVIS_DEV_INBOX_URLS: INBOX })).toThrow(/HENVIS_DEV_INBOX_URLS/);
    const config = configFromEnv({ ...production, HENVIS_DATA_DIR: ':memory:' });
    expect(config.devLogin).toBeUndefined();

    const store = await openTestDatabase('pglite');
    try {
      await expect(
        buildApp({ config, db: store.db, devLogin: { publicUrl: 'http://127.0.0.1:1', audience: AUDIENCE, inboxOrigins: [INBOX] } }),
      ).rejects.toThrow(/development mode only/);
      const server = await startServer(
        { ...config, devLogin: { inboxOrigins: [INBOX] } },
        { db: store.db, logStream: new Writable({ write: (_c, _e, done) => done() }) },
      );
      try {
        expect((await fetch(`${server.url}/oidc/.well-known/openid-configuration`)).status).toBe(404);
        expect(server.devLoginIssuer).toBeUndefined();
      } finally {
        await server.close();
      }
    } finally {
      await store.dispose();
    }
  });
});
