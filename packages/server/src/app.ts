import Fastify, {
  LogController,
  type FastifyBaseLogger,
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
} from 'fastify';
import cors from '@fastify/cors';
import { pino } from 'pino';
import { audit } from './audit.js';
import { devJwks } from './auth/dev-issuer.js';
import type { DevOidcOptions } from './auth/dev-oidc.js';
import type { Principal } from './auth/principal.js';
import { verifyToken } from './auth/verify-token.js';
import type { ServerConfig } from './config.js';
import type { Database } from './db/database.js';
import { appliedMigrations } from './db/migrate.js';
import { HttpProblem } from './http-problem.js';
import { openApiDocument } from './openapi.js';
import { courseRoutes } from './course/routes.js';
import { evaluationRoutes } from './evaluation/routes.js';
import { liveRoutes } from './live/routes.js';
import { offerLinkRoutes } from './offers/link-routes.js';
import { offerRoutes } from './offers/routes.js';
import { messageRoutes } from './messages/routes.js';
import { ownerRoutes, referralRoutes } from './referrals/routes.js';
import { staffRoutes } from './staff/routes.js';

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
  }
}

export interface AppOptions {
  config: Pick<ServerConfig, 'mode' | 'audience' | 'issuers' | 'pseudonymKey' | 'logLevel' | 'corsOrigins'>;
  db: Database;
  /** Mounts the development login for the navigators' inbox at `/oidc` and trusts its tokens (development mode only). */
  devLogin?: DevOidcOptions;
  /** Where application logs go (default stdout). They never carry CPR numbers, names or notes. */
  logStream?: NodeJS.WritableStream;
}

const BODY_LIMIT = 64 * 1024;

/** Logs each request by method, route pattern, status and time: never its URL, headers or body. */
class PrivacyLogController extends LogController {
  override incomingRequest(): void {}
  override routeNotFound(): void {}
  override requestCompleted(_error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    request.log.info(
      { method: request.method, route: request.routeOptions.url ?? 'unmatched', status: reply.statusCode, ms: Math.round(reply.elapsedTime) },
      'request',
    );
  }
}

function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new HttpProblem('token_missing');
  return request.principal;
}

function toProblem(error: FastifyError | HttpProblem | Error): HttpProblem {
  if (error instanceof HttpProblem) return error;
  const { code, statusCode } = error as FastifyError & { code?: string };
  if (code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return new HttpProblem('unsupported_media_type');
  if (code === 'FST_ERR_CTP_BODY_TOO_LARGE') return new HttpProblem('payload_too_large');
  if (statusCode && statusCode >= 400 && statusCode < 500) return new HttpProblem('malformed_json');
  if (code && /^(08|57P0)/.test(code)) return new HttpProblem('service_unavailable');
  if (code === 'ECONNREFUSED' || code === 'ECONNRESET') return new HttpProblem('service_unavailable');
  return new HttpProblem('internal_error');
}

/** The HTTP API. Storage, trusted issuers and keys come in; nothing is read from the environment here. */
export async function buildApp({ config, db, devLogin, logStream }: AppOptions): Promise<FastifyInstance> {
  // Requests are logged by route pattern and status only (no URL query, headers or bodies), and errors by type
  // and code only: a driver's message can quote the data it choked on.
  const logger: FastifyBaseLogger = pino(
    { level: config.logLevel, serializers: { err: (e: FastifyError) => ({ type: e.name, code: e.code }) } },
    logStream ?? process.stdout,
  );
  const app = Fastify({ bodyLimit: BODY_LIMIT, loggerInstance: logger, logController: new PrivacyLogController() });
  app.removeContentTypeParser('text/plain');
  await app.register(cors, {
    origin: config.corsOrigins === '*' ? '*' : config.corsOrigins,
    methods: ['GET', 'POST', 'PUT'],
    allowedHeaders: ['authorization', 'content-type', 'idempotency-key', 'last-event-id'],
    exposedHeaders: ['location', 'idempotent-replayed'],
    maxAge: 600,
  });

  const sendProblem = (reply: FastifyReply, problem: HttpProblem) => {
    const body = problem.toJSON();
    return reply.code(body.status).type('application/problem+json').send(body);
  };

  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    const problem = toProblem(error);
    if (problem.toJSON().status >= 500) {
      request.log.error({ err: error, stack: error.stack?.split('\n').slice(1, 6).join('\n') }, 'request failed');
    }
    return sendProblem(reply, problem);
  });

  app.setNotFoundHandler(async (_request, reply) => sendProblem(reply, new HttpProblem('route_not_found')));

  app.get('/health', async () => ({
    status: 'ok',
    storage: db.kind,
    migrations: await appliedMigrations(db),
  }));

  const openApi = openApiDocument();
  app.get('/openapi.json', async () => openApi);

  if (config.mode === 'development') app.get('/.well-known/jwks.json', async () => devJwks());

  let issuers = config.issuers;
  if (devLogin) {
    if (config.mode !== 'development') throw new Error('the development login is for development mode only');
    // Loaded on demand: a production server never loads the OpenID provider.
    const { mountDevOidc } = await import('./auth/dev-oidc.js');
    issuers = [...issuers, await mountDevOidc(app, devLogin)];
  }

  await app.register(
    async (v1) => {
      v1.addHook('onRequest', async (request) => {
        const header = request.headers.authorization;
        const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
        const result = token ? verifyToken(token, issuers, config.audience) : ({ ok: false, code: 'token_missing' } as const);
        if (result.ok) {
          request.principal = result.principal;
          return;
        }
        request.log.warn({ event: 'authentication_refused', code: result.code }, 'authentication refused');
        await db.transaction((tx) => audit(tx, undefined, [{ action: 'authenticate', outcome: 'denied', detail: result.code }], request.ip));
        throw new HttpProblem(result.code);
      });
      v1.addHook('onSend', async (_request, reply) => {
        reply.header('cache-control', 'no-store');
      });
      await staffRoutes(v1, { db, pseudonymKey: config.pseudonymKey, principalOf });
      await referralRoutes(v1, { db, pseudonymKey: config.pseudonymKey, principalOf });
      await evaluationRoutes(v1, { db, pseudonymKey: config.pseudonymKey, principalOf });
      await messageRoutes(v1, { db, pseudonymKey: config.pseudonymKey, principalOf });
      await courseRoutes(v1, { db, pseudonymKey: config.pseudonymKey, principalOf });
      await ownerRoutes(v1, { db, pseudonymKey: config.pseudonymKey, principalOf });
      await liveRoutes(v1, { db, pseudonymKey: config.pseudonymKey, principalOf });
      await offerRoutes(v1, { db, pseudonymKey: config.pseudonymKey, principalOf });
      await offerLinkRoutes(v1, { db, pseudonymKey: config.pseudonymKey, principalOf });
    },
    { prefix: '/v1' },
  );

  return app;
}
