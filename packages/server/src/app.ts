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
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { pino } from 'pino';
import { LAUNCH_PATH, consentTextCatalogue, problemStatuses } from '@henvis/contracts';
import { audit, wasAudited } from './audit.js';
import { devJwks } from './auth/dev-issuer.js';
import type { DevOidcOptions } from './auth/dev-oidc.js';
import type { ServerConfig } from './config.js';
import { adminRoutes } from './admin/routes.js';
import { courseRoutes } from './course/routes.js';
import type { Database } from './db/database.js';
import { appliedMigrations } from './db/migrate.js';
import { evaluationRoutes } from './evaluation/routes.js';
import { fhirDefinitionRoutes, fhirRoutes } from './fhir/routes.js';
import { fhirViews } from './fhir/views.js';
import { guardPlugin } from './http/guard.js';
import { launchIssuer } from './launch/launch-issuer.js';
import { launchRoutes } from './launch/routes.js';
import { parseJsonBodies } from './http/json-body.js';
import { openApiOptions } from './http/openapi.js';
import { addContractSchemas, answer, contractValidator } from './http/schemas.js';
import { HttpProblem } from './http-problem.js';
import { startOutboxHub } from './live/hub.js';
import { liveRoutes } from './live/routes.js';
import { measuresRoutes } from './measures/routes.js';
import { demoMedComDirectory } from './medcom/directory.js';
import { medcomRoutes } from './medcom/routes.js';
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
    | 'medcomDirectory'
    | 'launch'
    | 'publicUrl'
  >;
  db: Database;
  /** Mounts the development login for the navigators' inbox at `/oidc` and trusts its tokens (development mode only). */
  devLogin?: DevOidcOptions;
  /** Where application logs go (default stdout). They never carry CPR numbers, names or notes. */
  logStream?: NodeJS.WritableStream;
  /** How long a client may take to send a whole request (default 30 s): a body trickled slower is cut off. */
  requestTimeoutMs?: number;
  /** The API's origin as browsers reach it; the launch page (`config.launch`) is mounted only when it is known. */
  publicUrl?: string;
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
  if (code === 'FST_ERR_BAD_URL') return new HttpProblem('invalid_url');
  if (code === 'FST_ERR_MAX_PARAM_LENGTH') return new HttpProblem('uri_too_long');
  if (code === 'FST_ERR_CTP_INVALID_CONTENT_LENGTH') return new HttpProblem('malformed_request');
  if (statusCode && statusCode >= 400 && statusCode < 500) return new HttpProblem('malformed_json');
  if (code && /^(08|57P0)/.test(code)) return new HttpProblem('service_unavailable');
  if (code === 'ECONNREFUSED' || code === 'ECONNRESET') return new HttpProblem('service_unavailable');
  return new HttpProblem('internal_error');
}

/**
 * What Node's HTTP parser refuses before Fastify sees a request (URL and headers over 16 KiB, a request not sent in
 * time, bytes that are not HTTP), answered as a problem too, and without the request's bytes: Fastify's own answer
 * is JSON of another shape. What the client still sends is read and dropped before the connection closes: closing
 * with unread bytes resets the connection, and a client still sending would lose the answer.
 */
function clientError(
  error: Error & { code?: string },
  socket: Duplex & Partial<Pick<Socket, 'setTimeout'>> & { _httpMessage?: { headersSent?: boolean } | null },
): void {
  if (error.code === 'ECONNRESET' || socket.destroyed || answeredSockets.has(socket)) return;
  answeredSockets.add(socket);
  // A response already begun cannot be followed by another on the same connection (Node's own test: a kept-alive
  // connection has written earlier answers, so the bytes written say nothing).
  if (socket.writable && !socket._httpMessage?.headersSent) {
    const code =
      error.code === 'HPE_HEADER_OVERFLOW'
        ? 'headers_too_large'
        : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? 'request_timeout'
          : 'malformed_request';
    const body = JSON.stringify(new HttpProblem(code).toJSON());
    const status = problemStatuses[code];
    socket.end(
      [
        `HTTP/1.1 ${status} ${STATUS_CODES[status]}`,
        'content-type: application/problem+json; charset=utf-8',
        `content-length: ${Buffer.byteLength(body)}`,
        ...Object.entries(SAFETY_HEADERS).map(([name, value]) => `${name}: ${value}`),
        'cache-control: no-store',
        'connection: close',
        '',
        body,
      ].join('\r\n'),
    );
  }
  // Closed once the client has been quiet for a second (or after 10 s of sending on), not while it still sends.
  socket.resume();
  socket.setTimeout?.(1_000, () => socket.destroy());
  setTimeout(() => socket.destroy(), 10_000).unref();
}
const answeredSockets = new WeakSet<Duplex>();

/** Sent with every answer: nothing is sniffed, referred on or framed; data loads nothing. */
const SAFETY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
};

/** A route pattern (`/v1/referrals/:id`) as a test of a path. */
const patternOf = (url: string) =>
  new RegExp(
    `^${url
      .replace(/[.+?^${}()|[\]\\]/g, '\\$&')
      .replace(/:[^/]+/g, '[^/]+')
      .replace(/\*/g, '.*')}$`,
  );

/** The HTTP API. Storage, trusted issuers and keys come in; nothing is read from the environment here. */
export async function buildApp({
  config,
  db,
  devLogin,
  logStream,
  publicUrl,
  requestTimeoutMs = 30_000,
}: AppOptions): Promise<FastifyInstance> {
  // Requests are logged by route pattern and status only (no URL query, headers or bodies), and errors by type
  // and code only: a driver's message can quote the data it choked on.
  const logger: FastifyBaseLogger = pino(
    { level: config.logLevel, serializers: { err: (e: FastifyError) => ({ type: e.name, code: e.code }) } },
    logStream ?? process.stdout,
  );
  const sendProblem = (reply: FastifyReply, problem: HttpProblem) => {
    const body = problem.toJSON();
    return reply.code(body.status).type('application/problem+json').send(body);
  };

  // A refused or failed request is answered as a problem, and leaves an audit line unless the guard wrote one
  // already (a body that fails its contract, a missing or reused Idempotency-Key, 413, 415, a URL it cannot
  // read, a 5xx). A store that is down cannot take it either: then the log line is all there is.
  const refuse = async (error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply) => {
    const problem = toProblem(error);
    const { status } = problem.toJSON();
    if (status >= 500) {
      request.log.error({ err: error, stack: error.stack?.split('\n').slice(1, 6).join('\n') }, 'request failed');
    }
    if (!wasAudited(request)) {
      const entry = { action: `${request.method} ${request.routeOptions.url ?? 'unmatched'}`, detail: problem.code };
      await db
        .transaction((tx) =>
          audit(tx, request.admin ?? request.principal, [{ ...entry, outcome: status >= 500 ? 'failed' : 'refused' }], request.ip),
        )
        .catch((auditError: unknown) => request.log.error({ err: auditError }, 'audit line not written'));
    }
    return sendProblem(reply, problem);
  };

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
    // A URL Fastify cannot decode, or with a segment longer than any id (maxParamLength, 100), is a problem like
    // any other, and its path (which may hold a CPR number) is not echoed.
    frameworkErrors: (error, request, reply: FastifyReply) => void refuse(error, request, reply),
    clientErrorHandler: clientError,
  });
  // Which methods each route pattern takes, so that a known path with another method is 405 and not 404.
  const routeMethods: { pattern: RegExp; methods: string[] }[] = [];
  app.addHook('onRoute', ({ url, method }) => {
    const methods = (Array.isArray(method) ? method : [method]).filter((m) => m !== 'OPTIONS' && m !== 'HEAD');
    if (url && methods.length > 0) routeMethods.push({ pattern: patternOf(url), methods });
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
  parseJsonBodies(app);
  // Requests are validated by the contracts their route schema names, and answers are sent as they are: the
  // schemas describe them in the OpenAPI document, they do not filter them.
  app.setValidatorCompiler(contractValidator);
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
  await app.register(swagger, openApiOptions());
  addContractSchemas(app);
  // A preflight without the headers every browser sends is a problem+json like any bad request (@fastify/cors
  // answers it in text/plain). The development login answers its own CORS requests.
  app.addHook('onRequest', async (request, reply) => {
    if (request.method !== 'OPTIONS' || request.routeOptions.config.cors === false) return;
    if (request.headers.origin && request.headers['access-control-request-method']) return;
    return sendProblem(reply, new HttpProblem('cors_preflight_invalid'));
  });
  await app.register(cors, {
    origin: config.corsOrigins === '*' ? '*' : config.corsOrigins,
    methods: ['GET', 'POST', 'PUT'],
    allowedHeaders: ['authorization', 'content-type', 'idempotency-key', 'last-event-id'],
    exposedHeaders: ['location', 'idempotent-replayed'],
    maxAge: 600,
  });

  app.setErrorHandler(async (error: FastifyError, request, reply) => refuse(error, request, reply));

  app.setNotFoundHandler(async (request, reply) => {
    const path = request.raw.url?.split('?')[0] ?? '';
    const allowed = [...new Set(routeMethods.filter((r) => r.pattern.test(path)).flatMap((r) => r.methods))];
    if (allowed.length === 0) return sendProblem(reply, new HttpProblem('route_not_found'));
    if (allowed.includes('GET')) allowed.push('HEAD');
    return sendProblem(reply.header('allow', allowed.join(', ')), new HttpProblem('method_not_allowed'));
  });

  app.get(
    '/health',
    {
      schema: {
        operationId: 'health',
        tags: ['service'],
        summary: 'Liveness, storage kind and applied migrations',
        response: { 200: answer('Healthy: the storage and the migrations applied', 'Health') },
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
  // The launch page hands its page access tokens signed by Henvis' launch key, trusted here as one more issuer.
  if (config.launch && publicUrl) {
    const issuer = launchIssuer(publicUrl, config.launch.signingKey);
    issuers = [...issuers, issuer];
    await app.register(launchRoutes, {
      prefix: LAUNCH_PATH,
      db,
      issuers: config.issuers,
      issuer,
      launch: config.launch,
      publicUrl,
      audience: config.audience,
      pseudonymKey: config.pseudonymKey,
    });
  }

  // One reader of the outbox for the instance, woken by the database; the live streams and the webhook worker
  // hang on it. Closed with the app.
  const hub = await startOutboxHub(db, app.log);
  app.decorate('outboxHub', hub);
  app.addHook('onClose', () => hub.close());

  await app.register(
    async (v1) => {
      await v1.register(guardPlugin, {
        db,
        issuers,
        audience: config.audience,
        pseudonymKey: config.pseudonymKey,
        authFailureLimit: config.authFailureLimit,
      });
      const directory = config.medcomDirectory ?? (config.mode === 'development' ? demoMedComDirectory : []);
      await v1.register(staffRoutes, { directory });
      await v1.register(referralRoutes);
      await v1.register(evaluationRoutes, { consentTexts: config.consentTexts });
      await v1.register(messageRoutes);
      await v1.register(courseRoutes);
      await v1.register(liveRoutes, { hub });
      await v1.register(offerRoutes);
      await v1.register(offerLinkRoutes);
      await v1.register(measuresRoutes);
      await v1.register(refusalRoutes);
      await v1.register(researchRoutes, { projects: config.researchProjects ?? [] });
      await v1.register(medcomRoutes, { directory });
    },
    { prefix: '/v1' },
  );

  // Tenant administration: a guard of its own, which takes admin tokens only (and the /v1 guard none).
  await app.register(
    async (admin) => {
      await admin.register(guardPlugin, {
        db,
        issuers,
        audience: config.audience,
        pseudonymKey: config.pseudonymKey,
        authFailureLimit: config.authFailureLimit,
        tenantAdmin: true,
      });
      await admin.register(adminRoutes, { issuers, mode: config.mode });
    },
    { prefix: '/v1/admin' },
  );

  const views = fhirViews({ consentTexts: config.consentTexts ?? consentTextCatalogue, pseudonymKey: config.pseudonymKey });
  await app.register(
    async (fhir) => {
      await fhir.register(fhirDefinitionRoutes, { views, publicUrl: config.publicUrl });
      await fhir.register(async (reads) => {
        await reads.register(guardPlugin, {
          db,
          issuers,
          audience: config.audience,
          pseudonymKey: config.pseudonymKey,
          authFailureLimit: config.authFailureLimit,
        });
        await reads.register(fhirRoutes, { views, publicUrl: config.publicUrl });
      });
    },
    { prefix: '/fhir' },
  );

  return app;
}
