import Fastify, {
  LogController,
  type FastifyBaseLogger,
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
} from 'fastify';
import cors from '@fastify/cors';
import swagger from '@fastify/swagger';
import { pino } from 'pino';
import { audit, wasAudited } from './audit.js';
import { devJwks } from './auth/dev-issuer.js';
import type { DevOidcOptions } from './auth/dev-oidc.js';
import type { ServerConfig } from './config.js';
import { courseRoutes } from './course/routes.js';
import type { Database } from './db/database.js';
import { appliedMigrations } from './db/migrate.js';
import { evaluationRoutes } from './evaluation/routes.js';
import { guardPlugin } from './http/guard.js';
import { openApiOptions } from './http/openapi.js';
import { addContractSchemas, contractValidator } from './http/schemas.js';
import { HttpProblem } from './http-problem.js';
import { liveRoutes } from './live/routes.js';
import { measuresRoutes } from './measures/routes.js';
import { researchRoutes } from './research/routes.js';
import { messageRoutes } from './messages/routes.js';
import { offerLinkRoutes } from './offer-links/routes.js';
import { offerRoutes } from './offers/routes.js';
import { referralRoutes } from './referrals/routes.js';
import { refusalRoutes } from './refusals/routes.js';
import { staffRoutes } from './staff/routes.js';

export interface AppOptions {
  config: Pick<
    ServerConfig,
    | 'mode'
    | 'audience'
    | 'issuers'
    | 'pseudonymKey'
    | 'logLevel'
    | 'corsOrigins'
    | 'researchProjects'
    | 'authFailureLimit'
    | 'trustProxy'
    | 'consentTexts'
  >;
  db: Database;
  /** Mounts the development login for the navigators' inbox at `/oidc` and trusts its tokens (development mode only). */
  devLogin?: DevOidcOptions;
  /** Where application logs go (default stdout). They never carry CPR numbers, names or notes. */
  logStream?: NodeJS.WritableStream;
  /** How long a client may take to send a whole request (default 30 s): a body trickled slower is cut off. */
  requestTimeoutMs?: number;
}

const BODY_LIMIT = 64 * 1024;

/** Logs each request by method, route pattern, status and time: never its URL, headers or body. */
class PrivacyLogController extends LogController {
  override incomingRequest(): void {}
  override routeNotFound(): void {}
  override requestCompleted(_error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    request.log.info(
      {
        method: request.method,
        route: request.routeOptions.url ?? 'unmatched',
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
      },
      'request',
    );
  }
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
export async function buildApp({ config, db, devLogin, logStream, requestTimeoutMs = 30_000 }: AppOptions): Promise<FastifyInstance> {
  // Requests are logged by route pattern and status only (no URL query, headers or bodies), and errors by type
  // and code only: a driver's message can quote the data it choked on.
  const logger: FastifyBaseLogger = pino(
    { level: config.logLevel, serializers: { err: (e: FastifyError) => ({ type: e.name, code: e.code }) } },
    logStream ?? process.stdout,
  );
  const app = Fastify({
    bodyLimit: BODY_LIMIT,
    // Behind the configured reverse proxies the client is the one their X-Forwarded-For names (audit, limits).
    ...(config.trustProxy?.length ? { trustProxy: config.trustProxy } : {}),
    requestTimeout: requestTimeoutMs,
    // Node looks for requests past their time every 30 s unless told otherwise: look every second. It cuts a
    // trickled request off only with a headers timeout no longer than the request's (10 s for the headers alone).
    http: { connectionsCheckingInterval: Math.min(1_000, requestTimeoutMs), headersTimeout: Math.min(10_000, requestTimeoutMs) },
    loggerInstance: logger,
    logController: new PrivacyLogController(),
    // A URL Fastify cannot decode is a problem like any other, and its path (which may hold a CPR number) is not echoed.
    frameworkErrors: (error, _request, reply: FastifyReply) => {
      const problem = new HttpProblem(error.code === 'FST_ERR_BAD_URL' ? 'invalid_url' : 'malformed_json').toJSON();
      void reply.code(problem.status).type('application/problem+json').send(problem);
    },
  });
  // Every answer says what it is and may not be framed or sniffed; pages with their own policy (the development
  // login) keep it.
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    if (!reply.hasHeader('content-security-policy')) {
      // Data loads nothing; a page of the development login that brings no policy of its own is only not framed.
      const data = /json/.test(String(reply.getHeader('content-type') ?? ''));
      reply.header('content-security-policy', data ? "default-src 'none'; frame-ancestors 'none'" : "frame-ancestors 'none'");
    }
    return payload;
  });
  app.removeContentTypeParser('text/plain');
  // Requests are validated by the contracts their route schema names, and answers are sent as they are: the
  // schemas describe them in the OpenAPI document, they do not filter them.
  app.setValidatorCompiler(contractValidator);
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
  await app.register(swagger, openApiOptions());
  addContractSchemas(app);
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
    const { status } = problem.toJSON();
    if (status >= 500) {
      request.log.error({ err: error, stack: error.stack?.split('\n').slice(1, 6).join('\n') }, 'request failed');
    }
    // Every refused or failed attempt leaves an audit line: those the guard did not write already (a body that
    // fails its contract, a missing or reused Idempotency-Key, 413, 415, a 5xx). A store that is down cannot take
    // it either: then the log line above is all there is.
    if (!wasAudited(request)) {
      const entry = { action: `${request.method} ${request.routeOptions.url ?? 'unmatched'}`, detail: problem.code };
      await db
        .transaction((tx) => audit(tx, request.principal, [{ ...entry, outcome: status >= 500 ? 'failed' : 'refused' }], request.ip))
        .catch((auditError: unknown) => request.log.error({ err: auditError }, 'audit line not written'));
    }
    return sendProblem(reply, problem);
  });

  app.setNotFoundHandler(async (_request, reply) => sendProblem(reply, new HttpProblem('route_not_found')));

  app.get(
    '/health',
    {
      schema: {
        operationId: 'health',
        tags: ['service'],
        summary: 'Liveness, storage kind and applied migrations',
        response: {
          200: {
            description: 'Healthy',
            type: 'object',
            properties: {
              status: { const: 'ok' },
              storage: { enum: ['pglite', 'postgres'] },
              migrations: { type: 'array', items: { type: 'integer' } },
            },
          },
        },
      },
    },
    async () => ({ status: 'ok', storage: db.kind, migrations: await appliedMigrations(db) }),
  );

  app.get('/openapi.json', () => app.swagger());

  if (config.mode === 'development') app.get('/.well-known/jwks.json', () => devJwks());

  let issuers = config.issuers;
  if (devLogin) {
    if (config.mode !== 'development') throw new Error('the development login is for development mode only');
    // Loaded on demand: a production server never loads the OpenID provider.
    const { mountDevOidc } = await import('./auth/dev-oidc.js');
    issuers = [...issuers, await mountDevOidc(app, devLogin)];
  }

  await app.register(
    async (v1) => {
      await v1.register(guardPlugin, {
        db,
        issuers,
        audience: config.audience,
        pseudonymKey: config.pseudonymKey,
        authFailureLimit: config.authFailureLimit,
      });
      await v1.register(staffRoutes);
      await v1.register(referralRoutes);
      await v1.register(evaluationRoutes, { consentTexts: config.consentTexts });
      await v1.register(messageRoutes);
      await v1.register(courseRoutes);
      await v1.register(liveRoutes);
      await v1.register(offerRoutes);
      await v1.register(offerLinkRoutes);
      await v1.register(measuresRoutes);
      await v1.register(refusalRoutes);
      await v1.register(researchRoutes, { projects: config.researchProjects ?? [] });
    },
    { prefix: '/v1' },
  );

  return app;
}
