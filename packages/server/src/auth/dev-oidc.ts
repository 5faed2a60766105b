import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import Provider, { errors, type Configuration, type Interaction } from 'oidc-provider';
import { MAX_NAVIGATOR_TOKEN_LIFETIME_SECONDS, MAX_TOKEN_LIFETIME_SECONDS } from '@henvis/contracts';
import { demoNavigatorAccounts } from './demo-directory.js';
import { DEV_OIDC_PATH, devIssuer, devOidcIssuer, devPrivateJwk } from './dev-issuer.js';
import { errorPage, expiredPage, loggedOutPage, loginPage, logoutPage } from './dev-login-pages.js';
import type { TrustedIssuer } from './trusted-issuer.js';

/** The navigators' inbox as an OAuth client: public, authorization code with PKCE. */
declare module 'fastify' {
  interface FastifyContextConfig {
    /** `false`: @fastify/cors leaves the route to answer its own CORS requests. */
    cors?: boolean;
  }
}

export const DEV_INBOX_CLIENT_ID = 'henvis-inbox';

export interface DevOidcOptions {
  /** The API's origin as browsers reach it; the issuer is this plus `/oidc`. */
  publicUrl: string;
  /** The `aud` of the API's access tokens. */
  audience: string;
  /** Origins of the navigators' inbox: each `<origin>/` is a redirect and post-logout URI, and may call the token endpoint. */
  inboxOrigins: string[];
}

const SESSION_SECONDS = 8 * 60 * 60;
const INTERACTION_SECONDS = 10 * 60;
const OIDC_SCOPE = 'openid profile';
// Public knowledge, like the demo signing key: the development login signs its cookies, it keeps no secrets.
const COOKIE_KEYS = ['henvis-development-login-cookies'];

function accountBySub(sub: string) {
  return demoNavigatorAccounts.find((a) => a.sub === sub);
}

const epochSeconds = () => Math.floor(Date.now() / 1000);

function configuration({ publicUrl, audience, inboxOrigins }: DevOidcOptions): Configuration {
  // A resource indicator must be an absolute URI (RFC 8707) while the audience need not be one: the API's URL
  // names it, and the audience itself where it is a URI. Clients that send none get the API.
  const apiResource = `${publicUrl}/v1`;
  const resources = new Set([apiResource, ...(URL.canParse(audience) ? [audience] : [])]);
  const redirectUris = inboxOrigins.map((origin) => `${origin}/`);
  return {
    clients: [
      {
        client_id: DEV_INBOX_CLIENT_ID,
        client_name: 'Henvis – socialnavigatørernes indbakke',
        application_type: 'web',
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        redirect_uris: redirectUris,
        post_logout_redirect_uris: redirectUris,
        scope: OIDC_SCOPE,
        id_token_signed_response_alg: 'ES256',
      },
    ],
    jwks: { keys: [devPrivateJwk()] },
    cookies: {
      keys: COOKIE_KEYS,
      long: { httpOnly: true, sameSite: 'lax', path: DEV_OIDC_PATH },
      short: { httpOnly: true, sameSite: 'lax' },
    },
    claims: { openid: ['sub'], profile: ['name', 'role', 'org'] },
    findAccount: (_ctx, sub) => {
      const account = accountBySub(sub);
      if (!account) return undefined;
      const { name, role, org } = account;
      return { accountId: sub, claims: () => ({ sub, name, role, org }) };
    },
    extraTokenClaims: (_ctx, token) => {
      const account = 'accountId' in token ? accountBySub(token.accountId) : undefined;
      return account ? { name: account.name, role: account.role, org: account.org } : undefined;
    },
    clientBasedCORS: (_ctx, origin) => inboxOrigins.includes(origin),
    responseTypes: ['code'],
    pkce: { required: () => true },
    // The inbox renews its 5-minute access token without a page load. The refresh token is rotated at each use (a
    // public client), and dies with the login session: at logout, or 8 hours after the login at the latest. So an
    // access token outlives the logout by 5 minutes at most, without the API asking this provider about sessions
    // (which it cannot do with a real one: it verifies tokens offline).
    issueRefreshToken: (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    ttl: {
      AccessToken: MAX_NAVIGATOR_TOKEN_LIFETIME_SECONDS,
      IdToken: MAX_TOKEN_LIFETIME_SECONDS,
      AuthorizationCode: 60,
      Interaction: INTERACTION_SECONDS,
      Session: SESSION_SECONDS,
      Grant: SESSION_SECONDS,
      RefreshToken: (_ctx, token) => Math.max(1, (token.iiat ?? token.iat) + SESSION_SECONDS - epochSeconds()),
    },
    interactions: { url: (_ctx, interaction) => `${DEV_OIDC_PATH}/interaction/${interaction.uid}` },
    features: {
      devInteractions: { enabled: false },
      // The ID token carries name, role and organisation; the access token is the API's, not the userinfo endpoint's.
      userinfo: { enabled: false },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => apiResource,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, indicator) => {
          if (!resources.has(indicator)) throw new errors.InvalidTarget();
          // No scopes: the API decides by the role and organisation in the token.
          return {
            scope: '',
            audience,
            accessTokenFormat: 'jwt',
            accessTokenTTL: MAX_NAVIGATOR_TOKEN_LIFETIME_SECONDS,
            jwt: { sign: { alg: 'ES256' } },
          };
        },
      },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: (ctx, form) => {
          ctx.type = 'html';
          ctx.body = logoutPage(form);
        },
        postLogoutSuccessSource: (ctx) => {
          ctx.type = 'html';
          ctx.body = loggedOutPage();
        },
      },
    },
    renderError: (ctx, out) => {
      ctx.type = 'html';
      ctx.body = errorPage(out.error, out.error_description || undefined);
    },
  };
}

/**
 * Mounts the development login (udviklings-login) at `/oidc`: an OpenID provider (panva's oidc-provider) where the
 * navigators' inbox logs a demo navigator in, with the authorization code flow and PKCE. Its access tokens are the
 * API's (at+jwt, ES256, 5 minutes, name, role and org), signed with the demo key. Returns the issuer for the API to
 * trust. Development mode only: anyone can log in as anyone.
 */
export async function mountDevOidc(app: FastifyInstance, options: DevOidcOptions): Promise<TrustedIssuer> {
  const issuer = devOidcIssuer(options.publicUrl);
  const provider = new Provider(issuer, configuration(options));
  provider.silent = true;
  provider.on('server_error', (_ctx, error: Error) => app.log.error({ err: { type: error.name } }, 'development login failed'));
  const handle = provider.callback();

  // The provider reads its own request bodies and answers its own CORS requests (only the inbox origins may call
  // the token endpoint); it sees its paths without the mount path, and the full URL as Express' originalUrl.
  const pass = (request: FastifyRequest, reply: FastifyReply) => {
    reply.hijack();
    const raw = request.raw as typeof request.raw & { originalUrl?: string };
    const url = raw.url ?? DEV_OIDC_PATH;
    raw.originalUrl = url;
    const rest = url.slice(DEV_OIDC_PATH.length);
    raw.url = rest.startsWith('/') ? rest : `/${rest}`;
    void handle(raw, reply.raw);
  };
  await app.register(
    // eslint-disable-next-line @typescript-eslint/require-await -- a Fastify plugin is async so a registration error rejects ready(), not the process; lint can't see it
    async (oidc) => {
      oidc.removeAllContentTypeParsers();
      oidc.addContentTypeParser('*', (_request, _payload, done) => done(null));
      oidc.all('/', { config: { cors: false } }, pass);
      oidc.all('/*', { config: { cors: false } }, pass);
    },
    { prefix: DEV_OIDC_PATH },
  );

  await app.register(
    // eslint-disable-next-line @typescript-eslint/require-await -- a Fastify plugin is async so a registration error rejects ready(), not the process; lint can't see it
    async (login) => {
      login.removeAllContentTypeParsers();
      login.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 1024 }, (_request, body, done) =>
        done(null, Object.fromEntries(new URLSearchParams(String(body)))),
      );
      login.addHook('onSend', async (_request, reply) => {
        reply.header('cache-control', 'no-store');
        reply.header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'");
      });
      const html = (reply: FastifyReply, status: number, body: string) => reply.code(status).type('text/html; charset=utf-8').send(body);
      const interactionOf = async (request: FastifyRequest<{ Params: { uid: string } }>, reply: FastifyReply) => {
        try {
          const interaction = await provider.interactionDetails(request.raw, reply.raw);
          return interaction.uid === request.params.uid ? interaction : undefined;
        } catch (error) {
          if (error instanceof errors.SessionNotFound) return undefined;
          throw error;
        }
      };
      // A development login consents for the user: the inbox gets openid profile and the API, and no consent page.
      const grant = async (interaction: Interaction, accountId: string) => {
        const existing = interaction.grantId ? await provider.Grant.find(interaction.grantId) : undefined;
        const grant =
          existing?.accountId === accountId ? existing : new provider.Grant({ accountId, clientId: String(interaction.params.client_id) });
        grant.addOIDCScope(OIDC_SCOPE);
        const { missingOIDCClaims, missingResourceScopes } = interaction.prompt.details as {
          missingOIDCClaims?: string[];
          missingResourceScopes?: Record<string, string[]>;
        };
        if (missingOIDCClaims) grant.addOIDCClaims(missingOIDCClaims);
        for (const [resource, scopes] of Object.entries(missingResourceScopes ?? {})) grant.addResourceScope(resource, scopes.join(' '));
        return grant.save();
      };

      const noAppCors = { config: { cors: false } };
      login.get<{ Params: { uid: string } }>('/:uid', noAppCors, async (request, reply) => {
        const interaction = await interactionOf(request, reply);
        if (!interaction) return html(reply, 400, expiredPage());
        if (interaction.prompt.name === 'login') {
          return html(reply, 200, loginPage(`${DEV_OIDC_PATH}/interaction/${interaction.uid}/login`, demoNavigatorAccounts));
        }
        const accountId = interaction.session?.accountId;
        if (!accountId) return html(reply, 400, expiredPage());
        const returnTo = await provider.interactionResult(request.raw, reply.raw, {
          consent: { grantId: await grant(interaction, accountId) },
        });
        return reply.redirect(returnTo, 303);
      });

      login.post<{ Params: { uid: string }; Body: { account?: string } | undefined }>('/:uid/login', noAppCors, async (request, reply) => {
        const account = demoNavigatorAccounts.find((a) => a.key === request.body?.account);
        const interaction = await interactionOf(request, reply);
        if (!interaction || interaction.prompt.name !== 'login') return html(reply, 400, expiredPage());
        if (!account) return html(reply, 400, errorPage('invalid_request', 'unknown demo account'));
        const result = { login: { accountId: account.sub }, consent: { grantId: await grant(interaction, account.sub) } };
        const returnTo = await provider.interactionResult(request.raw, reply.raw, result, { mergeWithLastSubmission: false });
        return reply.redirect(returnTo, 303);
      });
    },
    { prefix: `${DEV_OIDC_PATH}/interaction` },
  );

  return { issuer, kind: 'navigator_idp', keys: devIssuer.keys };
}
