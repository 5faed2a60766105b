import { isPracticeRole, type ProblemCode, type Role } from '@henvis/contracts';
import type { FastifyRequest } from 'fastify';
import { audit, type AuditEntry } from '../audit.js';
import type { Principal } from '../auth/principal.js';
import type { Database, Queryable } from '../db/database.js';
import { HttpProblem } from '../http-problem.js';
import { accessScope, canSee } from './access.js';
import { findReferral, type ReferralRow } from './store.js';

export interface GuardOptions {
  db: Database;
  pseudonymKey: string;
  principalOf: (request: FastifyRequest) => Principal;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: string) => UUID.test(value);

export interface Guard {
  /** Runs `work` in a transaction; a refusal it returns is audited in that transaction and then thrown. */
  audited<T>(request: FastifyRequest, work: (tx: Queryable, log: AuditEntry[]) => Promise<T | ProblemCode | HttpProblem>): Promise<T>;
  /**
   * The caller, if their role may do `action`; otherwise the refusal is audited and the answer is 403
   * `role_not_allowed`, with `why` as its detail.
   */
  requireRole(request: FastifyRequest, allowed: (role: Role) => boolean, action: string, why: string): Promise<Principal>;
  /**
   * The referral if the caller may see it (and, with `forUpdate`, change it); otherwise the denial is logged for the
   * audit and the answer is undefined. Where several navigator organisations serve a practice, all see its
   * referrals, but only the one whose navigator took a citizen works the course.
   */
  findVisible(tx: Queryable, request: FastifyRequest, id: string, action: string, log: AuditEntry[], forUpdate?: boolean): Promise<ReferralRow | undefined>;
}

/** What every route on a referral does first: find it within the caller's access, and audit what happened. */
export function createGuard({ db, pseudonymKey, principalOf }: GuardOptions): Guard {
  return {
    async audited(request, work) {
      const principal = principalOf(request);
      const result = await db.transaction(async (tx) => {
        const log: AuditEntry[] = [];
        const value = await work(tx, log);
        await audit(tx, principal, log, request.ip);
        return value;
      });
      if (result instanceof HttpProblem) throw result;
      if (typeof result === 'string') {
        if (result === 'not_found') request.log.warn({ event: 'access_denied', route: request.routeOptions.url }, 'access denied');
        throw new HttpProblem(result as ProblemCode);
      }
      return result;
    },
    async requireRole(request, allowed, action, why) {
      const principal = principalOf(request);
      if (allowed(principal.role)) return principal;
      await db.transaction((tx) => audit(tx, principal, [{ action, outcome: 'refused', detail: 'role_not_allowed' }], request.ip));
      throw new HttpProblem('role_not_allowed', why);
    },
    async findVisible(tx, request, id, action, log, forUpdate = false) {
      const row = isUuid(id) ? await findReferral(tx, id, forUpdate) : undefined;
      const principal = principalOf(request);
      const scope = await accessScope(tx, principal, pseudonymKey);
      const otherOrganisations = forUpdate && isNavigatorSide(principal.role) && !!row?.owner?.orgId && row.owner.orgId !== principal.org.id;
      if (row && canSee(scope, row) && !otherOrganisations) return row;
      log.push({ action, outcome: 'denied', resourceType: 'referral', resourceId: id, detail: otherOrganisations ? 'owned_by_another_organisation' : 'not_found' });
      return undefined;
    },
  };
}

/** Navigators and coordinators: the municipality's side. */
export const isNavigatorSide = (role: Role) => !isPracticeRole(role);
