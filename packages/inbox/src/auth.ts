import * as oauth from 'oauth4webapi';
import type { Role } from '@henvis/contracts';
import type { InboxConfig } from './config.js';

/**
 * Login with OpenID Connect: the authorization-code flow with PKCE, as a public client (no secret in a browser).
 * The access token lives in this tab's sessionStorage only, and the session ends when it expires (15 minutes at
 * most): the identity provider's own session then decides whether "log in again" needs the user at all.
 */
export interface Session {
  accessToken: string;
  idToken: string;
  /** Epoch milliseconds. */
  expiresAt: number;
  user: { sub: string; name: string; role: Role; org: { id: string; name: string } };
}

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
  /** The current session, or undefined when logged out or expired. */
  session(): Session | undefined;
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
  const insecure = issuer.protocol === 'http:' ? { [oauth.allowInsecureRequests]: true } : {};
  let server: Promise<oauth.AuthorizationServer> | undefined;
  const discover = () =>
    (server ??= oauth.discoveryRequest(issuer, insecure).then((response) => oauth.processDiscoveryResponse(issuer, response)).catch((error: unknown) => {
      server = undefined;
      throw error;
    }));

  const read = <T>(key: string): T | undefined => {
    const text = storage.getItem(key);
    return text ? (JSON.parse(text) as T) : undefined;
  };

  return {
    session() {
      const session = read<Session>(SESSION_KEY);
      return session && session.expiresAt > Date.now() ? session : undefined;
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
      const url = new URL(as.authorization_endpoint!);
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
      const pending = read<PendingLogin>(LOGIN_KEY);
      storage.removeItem(LOGIN_KEY);
      // The code is single-use and must not stay in the address bar or the history.
      history.replaceState(null, '', `${current.pathname}${pending?.returnTo ?? '#/new'}`);
      if (!pending) throw new LoginError('login_not_started');
      const as = await discover();
      const params = oauth.validateAuthResponse(as, client, current, pending.state);
      const response = await oauth.authorizationCodeGrantRequest(as, client, oauth.None(), params, config.redirectUri, pending.verifier, insecure);
      const result = await oauth.processAuthorizationCodeResponse(as, client, response, { expectedNonce: pending.nonce, requireIdToken: true });
      const claims = oauth.getValidatedIdTokenClaims(result)!;
      const user = userOf({ ...claims, ...payloadOf(result.access_token) });
      const session: Session = {
        accessToken: result.access_token,
        idToken: result.id_token!,
        expiresAt: Date.now() + (result.expires_in ?? 300) * 1000,
        user,
      };
      storage.setItem(SESSION_KEY, JSON.stringify(session));
      return pending.returnTo;
    },

    async logout() {
      const session = read<Session>(SESSION_KEY);
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

function payloadOf(jwt: string): Record<string, unknown> {
  try {
    const part = jwt.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/');
    return JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(part), (c) => c.charCodeAt(0)))) as Record<string, unknown>;
  } catch {
    return {};
  }
}

function userOf(claims: Record<string, unknown>): Session['user'] {
  const org = claims.org as Session['user']['org'] | undefined;
  const role = claims.role as Role | undefined;
  if (typeof claims.sub !== 'string' || typeof claims.name !== 'string' || !org?.id || !role) throw new LoginError('claims_missing');
  if (role !== 'navigator' && role !== 'coordinator') throw new LoginError('role_not_allowed');
  return { sub: claims.sub, name: claims.name, role, org: { id: org.id, name: org.name } };
}
