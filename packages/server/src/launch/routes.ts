import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  LAUNCH_FORM_FIELD,
  LAUNCH_PATH,
  problemStatuses,
  type LaunchAccessToken,
  type LaunchContext,
  type ProblemCode,
} from '@henvis/contracts';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { audit, markAudited, type AuditEntry, type AuditOutcome } from '../audit.js';
import type { Principal } from '../auth/principal.js';
import type { TrustedIssuer } from '../auth/trusted-issuer.js';
import type { Database } from '../db/database.js';
import { HttpProblem } from '../http-problem.js';
import { packageRoot } from '../package-root.js';
import { pseudonymise } from '../pseudonym.js';
import type { LaunchConfig } from './launch-config.js';
import { signLaunchAccessToken } from './launch-issuer.js';
import { verifyLaunchToken } from './launch-token.js';
import { PAGE_POLICY, appPage, refusalPage } from './pages.js';
import { createSession, endSession, findSession, purgeExpiredLaunches, takeJti, type LaunchSession, type StoredLaunch } from './store.js';

export interface LaunchRoutesOptions {
  db: Database;
  /** The configured issuers: a launch token verifies against the journal vendors among them. */
  issuers: readonly TrustedIssuer[];
  /** Henvis' launch service as an issuer, which signs the page's access tokens (launch-issuer.ts). */
  issuer: TrustedIssuer;
  launch: LaunchConfig;
  /** The API's origin as browsers reach it: the launch URL is `<publicUrl>/launch`. */
  publicUrl: string;
  /** The `aud` of the access tokens the page gets. */
  audience: string;
  pseudonymKey: string;
}

/** A launch form holds one token of a few KiB; anything much larger is not one. */
const FORM_LIMIT = 16 * 1024;
/** How often expired sessions (they hold the patient's name and CPR number) and used jtis are deleted. */
export const LAUNCH_SWEEP_MS = 5 * 60 * 1000;
const COOKIE = 'henvis_launch';
const assets = join(packageRoot, 'launch-page');

/** Codes of Fastify's own errors that the launch form can meet, as the page explains them. */
const frameworkCodes: Record<string, ProblemCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'malformed_request',
};

const hash = (sessionId: string) => createHash('sha256').update(sessionId).digest('hex');
const originOf = (url: string) => new URL(url).origin;

/**
 * The third host style: a journal opens Henvis in a page of its own (like a SMART on FHIR EHR launch). The vendor's
 * backend signs a launch token (launch+jwt, ES256, at most 60 s, single-use `jti`, `aud` the launch URL, the
 * practitioner, practice and patient) and the journal posts it as a form to `POST /launch`. Henvis verifies it,
 * takes its `jti` once (in the store: across instances and restarts), opens a session (an HttpOnly cookie holding
 * a random id; the store keeps its hash and the launch) and answers 303 to `/launch/app`, an address without any
 * personal data. That page reads its context from `GET /launch/context` and its access tokens from
 * `POST /launch/token`, both same-origin with the cookie, and mounts the widget's script build.
 *
 * A refusal is a page for the GP (Danish, English, the error code, no personal data) with a 4xx status, and an
 * audit line; the page's own calls get problem+json.
 */
// eslint-disable-next-line @typescript-eslint/require-await -- a Fastify plugin is async so a registration error rejects ready(), not the process; lint can't see it
export const launchRoutes: FastifyPluginAsync<LaunchRoutesOptions> = async (app, options) => {
  const { db, issuers, issuer, launch, publicUrl, audience, pseudonymKey } = options;
  const launchUrl = `${publicUrl}${LAUNCH_PATH}`;
  const widgetScript = `${launch.widgetUrl}/script/henvis.js`;
  const script = readFileSync(join(assets, 'launch.js'), 'utf8');
  const styles = readFileSync(join(assets, 'launch.css'), 'utf8');

  const secure = (request: FastifyRequest) => request.protocol === 'https' || publicUrl.startsWith('https://');
  const cookieName = (request: FastifyRequest) => (secure(request) ? `__Secure-${COOKIE}` : COOKIE);
  const sessionCookie = (request: FastifyRequest, value: string, maxAge: number) =>
    `${cookieName(request)}=${value}; Path=${LAUNCH_PATH}; Max-Age=${maxAge}; HttpOnly; SameSite=Lax${secure(request) ? '; Secure' : ''}`;
  const sessionIdOf = (request: FastifyRequest): string | undefined => {
    const name = cookieName(request);
    for (const part of (request.headers.cookie ?? '').split(';')) {
      const [key, value] = part.trim().split('=', 2);
      if (key === name && value && /^[A-Za-z0-9_-]{43}$/.test(value)) return value;
    }
    return undefined;
  };
  const sessionOf = async (request: FastifyRequest) => {
    const id = sessionIdOf(request);
    return id ? findSession(db, hash(id), new Date()) : undefined;
  };

  /** Who acted, as the audit log names them: the vendor's issuer, the practitioner, the practice. */
  const actorOf = (session: Pick<LaunchSession, 'issuer' | 'launch' | 'expiresAt'>): Principal => {
    const { practitioner, practice, patient } = session.launch.context;
    return {
      issuer: session.issuer,
      issuerKind: 'journal_vendor',
      sub: practitioner.id,
      name: practitioner.name,
      role: practitioner.role,
      org: practice,
      patientCpr: patient.cpr,
      expiresAt: session.expiresAt,
    };
  };
  const patientKeyOf = (session: Pick<LaunchSession, 'launch'>) => pseudonymise(pseudonymKey, session.launch.context.patient.cpr);

  const writeAudit = async (request: FastifyRequest, actor: Principal | undefined, entry: AuditEntry) => {
    await db.transaction((tx) => audit(tx, actor, [entry], request.ip));
    markAudited(request);
  };

  const wantsProblem = (request: FastifyRequest) => {
    const accept = request.headers.accept ?? '';
    return /application\/(problem\+)?json/.test(accept) && !accept.includes('text/html');
  };

  /** A refused page request: audited, logged by code, and answered with the refusal page (or problem+json if asked). */
  const refusePage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    code: ProblemCode,
    outcome: AuditOutcome,
    actor?: Principal,
    patientKey?: string,
  ) => {
    await writeAudit(request, actor, { action: 'launch', outcome, detail: code, ...(patientKey ? { patientKey } : {}) });
    request.log.warn({ event: 'launch_refused', code }, 'launch refused');
    if (wantsProblem(request)) throw new HttpProblem(code);
    return reply
      .code(problemStatuses[code])
      .header('content-security-policy', PAGE_POLICY)
      .type('text/html; charset=utf-8')
      .send(refusalPage(code));
  };

  /** The page's own calls: same origin only (a browser says so in Sec-Fetch-Site, and in Origin on a POST). */
  const sameOrigin = (request: FastifyRequest) => {
    const site = request.headers['sec-fetch-site'];
    if (site !== undefined && site !== 'same-origin') return false;
    const origin = request.headers.origin;
    return origin === undefined || origin === `${request.protocol}://${request.host}` || origin === originOf(publicUrl);
  };
  const pageCall = async (request: FastifyRequest, action: string): Promise<LaunchSession> => {
    if (!sameOrigin(request)) {
      await writeAudit(request, undefined, { action, outcome: 'refused', detail: 'launch_cross_origin' });
      throw new HttpProblem('launch_cross_origin');
    }
    const session = await sessionOf(request);
    if (!session) {
      await writeAudit(request, undefined, { action, outcome: 'denied', detail: 'launch_session_missing' });
      throw new HttpProblem('launch_session_missing');
    }
    return session;
  };

  app.addHook('onSend', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
  });
  // Expired sessions are deleted at each launch, and at start and every few minutes besides, so that no session
  // outlives its end by more than that when nobody launches. The timer does not keep the process alive.
  let sweeping: Promise<void> = Promise.resolve();
  const sweep = () => {
    sweeping = sweeping.then(async () => {
      try {
        const removed = await db.transaction((tx) => purgeExpiredLaunches(tx, new Date()));
        if (removed.sessions + removed.jtis > 0)
          app.log.info({ event: 'launch_rows_expired', ...removed }, 'deleted expired launch sessions');
      } catch (error) {
        app.log.warn({ event: 'launch_retention_failed', err: error }, 'deleting expired launch sessions failed');
      }
    });
  };
  let timer: NodeJS.Timeout | undefined;
  app.addHook('onReady', (done) => {
    sweep();
    timer = setInterval(sweep, LAUNCH_SWEEP_MS).unref();
    done();
  });
  app.addHook('onClose', async () => {
    clearInterval(timer);
    await sweeping;
  });
  // The launch form is the one body these routes read; the page's calls send none.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: FORM_LIMIT }, (_request, body, done) => {
    done(null, new URLSearchParams(typeof body === 'string' ? body : body.toString('utf8')));
  });
  // The form's own failures (too large, not a form) are pages too; anything else is the API's problem+json.
  app.setErrorHandler(async (error: Error & { code?: string }, request, reply) => {
    const code = error instanceof HttpProblem ? error.code : error.code ? frameworkCodes[error.code] : undefined;
    const form = request.method === 'POST' && request.routeOptions.url?.replace(/\/$/, '') === LAUNCH_PATH;
    if (!code || !form || problemStatuses[code] >= 500 || wantsProblem(request)) throw error;
    return refusePage(request, reply, code, 'refused');
  });

  app.post('/', { bodyLimit: FORM_LIMIT }, async (request, reply) => {
    if (!(request.body instanceof URLSearchParams)) return refusePage(request, reply, 'unsupported_media_type', 'refused');
    const token = request.body.get(LAUNCH_FORM_FIELD)?.trim();
    if (!token) return refusePage(request, reply, 'launch_token_missing', 'refused');

    const now = new Date();
    const verified = verifyLaunchToken(token, issuers, launchUrl, now);
    if (!verified.ok) return refusePage(request, reply, verified.code, 'denied');
    const { claims } = verified;
    const stored: StoredLaunch = {
      context: {
        patient: {
          cpr: claims.patient.cpr,
          name: claims.patient.name,
          ...(claims.patient.contact ? { contact: claims.patient.contact } : {}),
        },
        practice: claims.org,
        practitioner: {
          id: claims.sub,
          name: claims.name,
          role: claims.role,
          ...(claims.authorisation_id ? { authorisationId: claims.authorisation_id } : {}),
        },
      },
      needPatientBanner: claims.need_patient_banner ?? true,
      ...(claims.theme ? { theme: claims.theme } : {}),
      ...(claims.style_url ? { styleUrl: claims.style_url } : {}),
      locale: claims.locale ?? 'da',
    };
    const session: LaunchSession = {
      issuer: verified.issuer.issuer,
      launch: stored,
      expiresAt: new Date(now.getTime() + launch.sessionSeconds * 1000),
    };
    const actor = actorOf(session);
    const patientKey = patientKeyOf(session);
    if (claims.style_url && secure(request) && !claims.style_url.startsWith('https://')) {
      return refusePage(request, reply, 'token_claims_invalid', 'denied', actor, patientKey);
    }

    const sessionId = randomBytes(32).toString('base64url');
    const previous = sessionIdOf(request);
    const opened = await db.transaction(async (tx) => {
      await purgeExpiredLaunches(tx, now);
      if (!(await takeJti(tx, verified.issuer.issuer, claims.jti, verified.replayableUntil))) return false;
      if (previous) await endSession(tx, hash(previous));
      await createSession(tx, hash(sessionId), session);
      await audit(tx, actor, [{ action: 'launch', outcome: 'ok', resourceType: 'launch_session', patientKey }], request.ip);
      return true;
    });
    if (!opened) return refusePage(request, reply, 'launch_token_replayed', 'denied', actor, patientKey);
    markAudited(request);
    request.log.info({ event: 'launch_opened' }, 'launch session opened');
    return reply
      .code(303)
      .header('location', `${LAUNCH_PATH}/app`)
      .header('set-cookie', sessionCookie(request, sessionId, launch.sessionSeconds))
      .send();
  });

  // Opened directly (a bookmark, a link, the token in a URL): explained, and refused.
  app.get('/', async (request, reply) => refusePage(request, reply.header('allow', 'POST'), 'method_not_allowed', 'refused'));

  app.get('/app', async (request, reply) => {
    const session = await sessionOf(request);
    if (!session) return refusePage(request, reply, 'launch_session_missing', 'denied');
    const nonce = randomBytes(16).toString('base64');
    const { styleUrl } = session.launch;
    const styleOrigin = styleUrl ? ` ${originOf(styleUrl)}` : '';
    const policy = [
      "default-src 'none'",
      `script-src 'self' ${originOf(launch.widgetUrl)} 'nonce-${nonce}'`,
      `style-src 'self' 'nonce-${nonce}'${styleOrigin}`,
      `font-src ${styleOrigin ? styleOrigin.trim() : "'none'"}`,
      `connect-src 'self' ${originOf(publicUrl)}`,
      "img-src 'self' data:",
      "object-src 'none'",
      "base-uri 'none'",
      "form-action 'none'",
      "frame-ancestors 'none'",
    ].join('; ');
    return reply
      .header('content-security-policy', policy)
      .type('text/html; charset=utf-8')
      .send(appPage({ widgetScript, nonce, ...(styleUrl ? { styleUrl } : {}) }));
  });

  app.get('/context', async (request, reply) => {
    const session = await pageCall(request, 'launch.context.read');
    await writeAudit(request, actorOf(session), {
      action: 'launch.context.read',
      outcome: 'ok',
      resourceType: 'launch_session',
      patientKey: patientKeyOf(session),
    });
    const { styleUrl: _styleUrl, ...launched } = session.launch;
    const body: LaunchContext = { ...launched, apiUrl: publicUrl, expiresAt: session.expiresAt.toISOString() };
    return reply.type('application/json').send(body);
  });

  app.post('/token', async (request, reply) => {
    const session = await pageCall(request, 'launch.token');
    const signed = signLaunchAccessToken(issuer, launch.signingKey, { audience, launch: session.launch, sessionEnds: session.expiresAt });
    await writeAudit(request, actorOf(session), {
      action: 'launch.token',
      outcome: 'ok',
      resourceType: 'launch_session',
      patientKey: patientKeyOf(session),
    });
    const body: LaunchAccessToken = { token: signed.token, expiresAt: signed.expiresAt.toISOString() };
    return reply.type('application/json').send(body);
  });

  app.get('/assets/launch.js', async (_request, reply) => reply.type('text/javascript; charset=utf-8').send(script));
  app.get('/assets/launch.css', async (_request, reply) => reply.type('text/css; charset=utf-8').send(styles));
};
