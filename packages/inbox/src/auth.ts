import * as oauth from 'oauth4webapi';
import type { Role } from '@henvis/contracts';
import type { InboxConfig } from './config.js';

/**
 * Login with OpenID Connect: the authorization-code flow with PKCE, as a public client (no secret in a browser).
 * The tokens live in this tab's sessionStorage only. The 5-minute access token is renewed with the refresh token
 * (rotated at each use) where the provider issues one; the session ends when the provider refuses it (logout, or
 * the end of the provider's login session), or, without a refresh token, when the access token expires.
 */
export interface Session {
  accessToken: string;
  idToken: string;
  refreshToken?: string;
  /** When the access token expires, epoch milliseconds. */
  expiresAt: number;
  user: { sub: string; name: string; role: Role; org: { id: string; name: string } };
}

/** Renew this long before the access token expires, so no request goes out with a token about to lapse. */
const RENEW_BEFORE_MS = 60_000;

const SESSION_KEY = 'henvis-inbox-session';
const LOGIN_KEY = 'henvis-inbox-login';

interface PendingLogin {
  state: string;
  nonce: string;
  verifier: string;
  /** Where to go back to in the inbox after login (a hash route). */
  returnTo: string;
}

export interface Auth {
  /** The current session (its access token may need renewing), or undefined when logged out or over. */
  session(): Session | undefined;
  /**
   * A valid access token, renewed first where it is about to expire or `renew` asks (the API found it expired);
   * rejects when the session is over.
   */
  accessToken(renew?: boolean): Promise<string>;
  /** Sends the browser to the identity provider. */
  login(returnTo?: string): Promise<void>;
  /** Finishes a login when the page is the redirect back with `?code=`; returns the route to show. */
  completeLogin(): Promise<string | undefined>;
  /** Ends the session here and at the identity provider. */
  logout(): Promise<void>;
}

export function createAuth(config: InboxConfig, storage: Storage = sessionStorage): Auth {
  const issuer = new URL(config.issuer);
  const client: oauth.Client = { client_id: config.clientId };
  // Development runs on http://127.0.0.1; production issuers are https and get no exception.
  // eslint-disable-next-line @typescript-eslint/no-deprecated -- deprecated to stand out, as here: only for http://127.0.0.1
  const insecure = issuer.protocol === 'http:' ? { [oauth.allowInsecureRequests]: true } : {};
  let server: Promise<oauth.AuthorizationServer> | undefined;
  const discover = () =>
    (server ??= oauth
      .discoveryRequest(issuer, insecure)
      .then((response) => oauth.processDiscoveryResponse(issuer, response))
      .catch((error: unknown) => {
        server = undefined;
        throw error;
      }));

  /** What this tab stored under `key`, as it was written (by `save` or the login). */
  const read = (key: string): unknown => {
    const text = storage.getItem(key);
    return text ? JSON.parse(text) : undefined;
  };

  const save = (session: Session) => storage.setItem(SESSION_KEY, JSON.stringify(session));
  let renewing: Promise<string> | undefined;

  async function renew(session: Session & { refreshToken: string }): Promise<string> {
    const as = await discover();
    const response = await oauth.refreshTokenGrantRequest(as, client, oauth.None(), session.refreshToken, insecure);
    const result = await oauth.processRefreshTokenResponse(as, client, response).catch((error: unknown) => {
      // Refused (logged out, or the provider's session is over): the session ends here too.
      if (error instanceof oauth.ResponseBodyError) storage.removeItem(SESSION_KEY);
      throw error;
    });
    save({
      ...session,
      accessToken: result.access_token,
      ...(result.id_token ? { idToken: result.id_token } : {}),
      ...(result.refresh_token ? { refreshToken: result.refresh_token } : {}),
      expiresAt: Date.now() + (result.expires_in ?? 300) * 1000,
    });
    return result.access_token;
  }

  return {
    session() {
      const session = read(SESSION_KEY) as Session | undefined;
      return session && (session.expiresAt > Date.now() || session.refreshToken) ? session : undefined;
    },

    accessToken(force = false) {
      const session = read(SESSION_KEY) as Session | undefined;
      if (session && !force && session.expiresAt - RENEW_BEFORE_MS > Date.now()) return Promise.resolve(session.accessToken);
      if (!session?.refreshToken) return Promise.reject(new LoginError('session_over'));
      // One renewal at a time: the refresh token is single-use, and parallel requests must not race for it.
      renewing ??= renew(session as Session & { refreshToken: string }).finally(() => (renewing = undefined));
      return renewing;
    },

    async login(returnTo = location.hash || '#/new') {
      const as = await discover();
      const pending: PendingLogin = {
        state: oauth.generateRandomState(),
        nonce: oauth.generateRandomNonce(),
        verifier: oauth.generateRandomCodeVerifier(),
        returnTo,
      };
      storage.setItem(LOGIN_KEY, JSON.stringify(pending));
      if (!as.authorization_endpoint) throw new Error('the identity provider names no authorization endpoint');
      const url = new URL(as.authorization_endpoint);
      url.search = new URLSearchParams({
        client_id: config.clientId,
        redirect_uri: config.redirectUri,
        response_type: 'code',
        scope: 'openid profile',
        state: pending.state,
        nonce: pending.nonce,
        code_challenge: await oauth.calculatePKCECodeChallenge(pending.verifier),
        code_challenge_method: 'S256',
        ui_locales: document.documentElement.lang || 'da',
      }).toString();
      location.assign(url.href);
    },

    async completeLogin() {
      const current = new URL(location.href);
      if (!current.searchParams.has('code') && !current.searchParams.has('error')) return undefined;
      const pending = read(LOGIN_KEY) as PendingLogin | undefined;
      storage.removeItem(LOGIN_KEY);
      // The code is single-use and must not stay in the address bar or the history.
      history.replaceState(null, '', `${current.pathname}${pending?.returnTo ?? '#/new'}`);
      if (!pending) throw new LoginError('login_not_started');
      const as = await discover();
      const params = oauth.validateAuthResponse(as, client, current, pending.state);
      const response = await oauth.authorizationCodeGrantRequest(
        as,
        client,
        oauth.None(),
        params,
        config.redirectUri,
        pending.verifier,
        insecure,
      );
      const result = await oauth.processAuthorizationCodeResponse(as, client, response, {
        expectedNonce: pending.nonce,
        requireIdToken: true,
      });
      // requireIdToken: the response was refused above unless it carried a valid ID token.
      const claims = oauth.getValidatedIdTokenClaims(result);
      if (!claims || !result.id_token) throw new Error('the identity provider sent no ID token');
      const user = userOf(claims);
      save({
        accessToken: result.access_token,
        idToken: result.id_token,
        ...(result.refresh_token ? { refreshToken: result.refresh_token } : {}),
        expiresAt: Date.now() + (result.expires_in ?? 300) * 1000,
        user,
      });
      return pending.returnTo;
    },

    async logout() {
      const session = read(SESSION_KEY) as Session | undefined;
      storage.removeItem(SESSION_KEY);
      const as = await discover().catch(() => undefined);
      if (!as?.end_session_endpoint) {
        location.assign(config.redirectUri);
        return;
      }
      const url = new URL(as.end_session_endpoint);
      url.search = new URLSearchParams({
        client_id: config.clientId,
        post_logout_redirect_uri: config.redirectUri,
        ...(session ? { id_token_hint: session.idToken } : {}),
      }).toString();
      location.assign(url.href);
    },
  };
}

/** A login that could not finish; the page says so and offers to start again. */
export class LoginError extends Error {
  override name = 'LoginError';
}

function userOf(claims: Record<string, unknown>): Session['user'] {
  const org = claims.org as Session['user']['org'] | undefined;
  const role = claims.role as Role | undefined;
  if (typeof claims.sub !== 'string' || typeof claims.name !== 'string' || !org?.id || !role) throw new LoginError('claims_missing');
  if (role !== 'navigator' && role !== 'coordinator') throw new LoginError('role_not_allowed');
  return { sub: claims.sub, name: claims.name, role, org: { id: org.id, name: org.name } };
}
