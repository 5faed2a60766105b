import { isPracticeRole, type ProblemCode, type Role } from '@henvis/contracts';
import type { FastifyRequest, preValidationAsyncHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import { audit, markAudited, type AuditEntry } from '../audit.js';
import type { AdminPrincipal, Principal } from '../auth/principal.js';
import type { TrustedIssuer } from '../auth/trusted-issuer.js';
import { verifyToken } from '../auth/verify-token.js';
import { authFailures, type AuthFailureLimit } from './auth-failures.js';
import type { Database, Queryable } from '../db/database.js';
import { HttpProblem } from '../http-problem.js';
import { pseudonymise } from '../pseudonym.js';
import { findReferral, servedPractices, type ReferralRow } from '../referrals/store.js';

declare module 'fastify' {
  interface FastifyInstance {
    db: Database;
    guard: Guard;
  }
  interface FastifyRequest {
    /** The verified caller: set by the guard before any /v1 route runs (but those of /v1/admin). */
    principal: Principal;
    /** The verified administrator: set by the guard of /v1/admin before its routes run; null elsewhere. */
    admin: AdminPrincipal | null;
  }
}

/**
 * Whose referrals a caller may see: a practice its own (and, with a patient in its token, only that patient's);
 * a navigator those of the practices their organisation serves.
 */
export interface AccessScope {
  practiceIds: string[];
  patientKey?: string;
}

/** The audit lines of a route on one referral: each names the action, the referral and the citizen's pseudonym. */
export interface ReferralAudit {
  /** The attempt succeeded; `over` names another resource or action, or adds a detail. */
  ok(over?: Partial<AuditEntry>): void;
  /** The attempt was refused for `code` (audited as the detail); returns the code, to be answered. */
  refuse<C extends string>(code: C, over?: Partial<AuditEntry>): C;
  /** Something inside the referral (a consent, a link) is not there: audited as denied, answered 404. */
  notFound(over: Partial<AuditEntry>): 'not_found';
}

/** What a route's work may end with besides its value: a refusal that is audited, then answered as a problem. */
type Outcome<T> = T | ProblemCode | HttpProblem;

export interface Guard {
  /**
   * A `preValidation` hook that lets only callers whose role passes `allowed` on, before their input is looked at;
   * the others are audited under `action` and answered 403 `role_not_allowed`, with `why` as its detail.
   */
  allow(allowed: (role: Role) => boolean, action: string, why: string): preValidationAsyncHookHandler;
  /** Runs `work` in a transaction with the audit lines it collects; a refusal it returns is audited, then thrown. */
  audited<T>(request: FastifyRequest, work: (tx: Queryable, log: AuditEntry[]) => Promise<Outcome<T>>): Promise<T>;
  /**
   * Runs `work` in a transaction on the referral of the path's `id` (or `options.id`), if the caller may see it
   * (and, with `forUpdate`, change it: locked, and only the organisation whose navigator took the citizen works
   * the course). Otherwise the denial is audited and the answer is 404, the same for a referral that does not
   * exist, one that is not the caller's, and an id that is not one.
   */
  onReferral<T>(
    request: FastifyRequest,
    action: string,
    work: (tx: Queryable, referral: ReferralRow, audit: ReferralAudit) => Promise<Outcome<T>>,
    options?: { id?: string; forUpdate?: boolean },
  ): Promise<T>;
  /** The caller's access scope. */
  scope(tx: Queryable, principal: Principal): Promise<AccessScope>;
  /** The keyed pseudonym of a CPR number, as audit lines and the store know the citizen. */
  pseudonym(cpr: string): string;
}

export interface GuardOptions {
  db: Database;
  issuers: readonly TrustedIssuer[];
  audience: string;
  pseudonymKey: string;
  /** Failed authentications allowed per client address before its requests are refused for a while; none: no limit. */
  authFailureLimit?: AuthFailureLimit | undefined;
  /**
   * The guard of tenant administration (/v1/admin): it takes admin tokens only and sets `request.admin`. Every other
   * guard takes the tokens of the referral work only. Either refuses the other kind 403 `role_not_allowed`, audited.
   */
  tenantAdmin?: boolean;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: string) => UUID.test(value);

/** Navigators and coordinators: the municipality's side. */
export const isNavigatorSide = (role: Role) => !isPracticeRole(role);

export function canSee(scope: AccessScope, row: { practice_id: string; patient_key: string }): boolean {
  return scope.practiceIds.includes(row.practice_id) && (!scope.patientKey || scope.patientKey === row.patient_key);
}

/**
 * Authentication and access for every /v1 route: verifies the bearer token (refusals audited), and decorates the
 * instance with the database and the guard. Not encapsulated, so the routes registered beside it get both.
 */
export const guardPlugin = fp<GuardOptions>(
  async (app, { db, issuers, audience, pseudonymKey, authFailureLimit, tenantAdmin = false }) => {
    const failures = authFailureLimit ? await authFailures(app, db, authFailureLimit) : undefined;
    const pseudonym = (cpr: string) => pseudonymise(pseudonymKey, cpr);

    async function scope(tx: Queryable, principal: Principal): Promise<AccessScope> {
      if (isPracticeRole(principal.role)) {
        return { practiceIds: [principal.org.id], ...(principal.patientCpr ? { patientKey: pseudonym(principal.patientCpr) } : {}) };
      }
      return { practiceIds: await servedPractices(tx, principal.org.id) };
    }

    async function audited<T>(request: FastifyRequest, work: (tx: Queryable, log: AuditEntry[]) => Promise<Outcome<T>>): Promise<T> {
      const [result, wrote] = await db.transaction(async (tx) => {
        const log: AuditEntry[] = [];
        const value = await work(tx, log);
        await audit(tx, request.principal, log, request.ip);
        return [value, log.length > 0] as const;
      });
      if (wrote) markAudited(request);
      if (result instanceof HttpProblem) throw result;
      if (typeof result === 'string') {
        if (result === 'not_found') request.log.warn({ event: 'access_denied', route: request.routeOptions.url }, 'access denied');
        throw new HttpProblem(result as ProblemCode);
      }
      return result;
    }

    const guard: Guard = {
      allow: (allowed, action, why) => async (request) => {
        if (allowed(request.principal.role)) return;
        await db.transaction((tx) =>
          audit(tx, request.principal, [{ action, outcome: 'refused', detail: 'role_not_allowed' }], request.ip),
        );
        markAudited(request);
        throw new HttpProblem('role_not_allowed', why);
      },
      audited,
      onReferral: (request, action, work, { id = (request.params as { id: string }).id, forUpdate = false } = {}) =>
        audited(request, async (tx, log) => {
          const principal = request.principal;
          const row = isUuid(id) ? await findReferral(tx, id, forUpdate) : undefined;
          const otherOrganisation =
            forUpdate && isNavigatorSide(principal.role) && !!row?.owner?.orgId && row.owner.orgId !== principal.org.id;
          if (!row || !canSee(await scope(tx, principal), row) || otherOrganisation) {
            log.push({
              action,
              outcome: 'denied',
              resourceType: 'referral',
              // A path segment that is not an id may be anything the caller typed, a CPR number among it.
              ...(isUuid(id) ? { resourceId: id } : {}),
              detail: otherOrganisation ? 'owned_by_another_organisation' : 'not_found',
            });
            return 'not_found';
          }
          const entry: AuditEntry = { action, outcome: 'ok', resourceType: 'referral', resourceId: row.id, patientKey: row.patient_key };
          return work(tx, row, {
            ok: (over) => void log.push({ ...entry, ...over }),
            refuse: (code, over) => {
              log.push({ ...entry, outcome: 'refused', detail: code, ...over });
              return code;
            },
            notFound: (over) => {
              log.push({ ...entry, outcome: 'denied', detail: 'not_found', ...over });
              return 'not_found';
            },
          });
        }),
      scope,
      pseudonym,
    };

    app.decorate('db', db);
    app.decorate('guard', guard);
    app.decorateRequest('principal', null as unknown as Principal);
    if (!app.hasRequestDecorator('admin')) app.decorateRequest('admin', null);

    app.addHook('onRequest', async (request, reply) => {
      // An address with too many failed authentications is refused before its token is looked at.
      const lockout = await failures?.check(request);
      if (lockout?.locked) {
        markAudited(request);
        reply.header('retry-after', String(lockout.retryAfter));
        throw new HttpProblem('too_many_attempts');
      }
      const header = request.headers.authorization;
      const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
      const result = token ? verifyToken(token, issuers, audience) : ({ ok: false, code: 'token_missing' } as const);
      if (result.ok) {
        const { principal } = result;
        if (principal.role === 'admin' && tenantAdmin) request.admin = principal;
        else if (principal.role !== 'admin' && !tenantAdmin) request.principal = principal;
        else {
          // The other kind of token: an admin token outside /v1/admin, or a practice's or navigator's inside it.
          const action = tenantAdmin ? 'admin.access' : `${request.method} ${request.routeOptions.url ?? 'unmatched'}`;
          await db.transaction((tx) => audit(tx, principal, [{ action, outcome: 'refused', detail: 'role_not_allowed' }], request.ip));
          markAudited(request);
          throw new HttpProblem(
            'role_not_allowed',
            tenantAdmin
              ? "Tenant administration takes an admin token from the organisation's identity provider."
              : 'An admin token is for tenant administration (/v1/admin) only.',
          );
        }
        return;
      }
      request.log.warn({ event: 'authentication_refused', code: result.code }, 'authentication refused');
      await failures?.failed(request);
      await db.transaction((tx) => audit(tx, undefined, [{ action: 'authenticate', outcome: 'denied', detail: result.code }], request.ip));
      markAudited(request);
      throw new HttpProblem(result.code);
    });
    app.addHook('onSend', async (_request, reply) => {
      reply.header('cache-control', 'no-store');
    });
  },
  { name: 'henvis-guard' },
);
