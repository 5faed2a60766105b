import {
  AssignRequest,
  ListReferralsQuery,
  NewReferral,
  ReferralSearch,
  TransitionRequest,
  checkTransition,
  inclusionFlagsFor,
  isPracticeRole,
  parseContract,
  parseCpr,
  startOfDanishDay,
  terminalStatuses,
  type Referral,
  type ReferralStatus,
} from '@henvis/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import { audit } from '../audit.js';
import type { Principal } from '../auth/principal.js';
import { HttpProblem } from '../http-problem.js';
import { recordEvent } from '../outbox.js';
import { pseudonymise } from '../pseudonym.js';
import { accessScope } from './access.js';
import { createGuard, isNavigatorSide, isUuid, type GuardOptions } from './guard.js';
import { claimKey, completeKey, releaseKey, requestHash, requireIdempotencyKey } from './idempotency.js';
import { findColleague } from '../staff/routes.js';
import { changeStatus } from './status-change.js';
import { insertEvent, insertReferral, listEvents, listReferrals, setOwner, toReferral, type ListFilter } from './store.js';

export type ReferralRoutesOptions = GuardOptions;


export function parseBody<T>(schema: Parameters<typeof parseContract>[0], body: unknown): T {
  const result = parseContract(schema, body);
  if (!result.ok) throw new HttpProblem('validation_failed', undefined, result.errors);
  return result.value as T;
}

export const actorOf = (p: Principal) => ({ id: p.sub, name: p.name, role: p.role, orgId: p.org.id });

/** `/v1/referrals`: create (idempotent), read, list, change status, timeline. */
export async function referralRoutes(app: FastifyInstance, { db, pseudonymKey, principalOf }: ReferralRoutesOptions) {
  const { audited, findVisible, requireRole } = createGuard({ db, pseudonymKey, principalOf });

  app.post('/referrals', async (request, reply) => {
    const principal = await requireRole(request, isPracticeRole, 'referral.create', 'Only GP practice staff create referrals.');
    const key = requireIdempotencyKey(request.headers['idempotency-key']);
    const input = parseBody<NewReferral>(NewReferral, request.body);
    const now = new Date();
    const cpr = parseCpr(input.patient.cpr, now);
    if (!cpr.ok) throw new HttpProblem('validation_failed');
    const content: NewReferral = { ...input, patient: { ...input.patient, cpr: cpr.value.cpr } };
    const patientKey = pseudonymise(pseudonymKey, cpr.value.cpr);
    if (principal.patientCpr && principal.patientCpr !== cpr.value.cpr) {
      await db.transaction((tx) =>
        audit(tx, principal, [{ action: 'referral.create', outcome: 'refused', patientKey, detail: 'patient_context_mismatch' }], request.ip),
      );
      throw new HttpProblem('patient_context_mismatch');
    }

    const scope = `${principal.issuer}|${principal.org.id}`;
    const claim = await claimKey(db, scope, key, requestHash(request.body), now);
    if (claim.kind === 'replay') {
      const body = claim.body as Referral;
      await db.transaction((tx) =>
        audit(tx, principal, [{ action: 'referral.create.replay', outcome: 'ok', resourceType: 'referral', resourceId: body.id, patientKey }], request.ip),
      );
      return reply.code(claim.status).header('idempotent-replayed', 'true').header('location', `/v1/referrals/${body.id}`).send(body);
    }

    let referral: Referral;
    try {
      referral = await db.transaction(async (tx) => {
        const row = await insertReferral(tx, {
          practice: {
            id: principal.org.id,
            name: principal.org.name,
            ...(principal.org.sorCode ? { sorCode: principal.org.sorCode } : {}),
            ...(principal.org.ydernummer ? { ydernummer: principal.org.ydernummer } : {}),
          },
          referrer: {
            id: principal.sub,
            name: principal.name,
            role: principal.role,
            ...(principal.authorisationId ? { authorisationId: principal.authorisationId } : {}),
          },
          patientKey,
          content,
          flags: inclusionFlagsFor(content, now),
          at: now,
        });
        await insertEvent(tx, row.id, { type: 'created', to: 'sent', actor: actorOf(principal), at: now });
        await recordEvent(tx, row, 'referral.created', { referralId: row.id, status: 'sent' }, now);
        const created = toReferral(row);
        await completeKey(tx, scope, key, 201, created);
        await audit(tx, principal, [{ action: 'referral.create', outcome: 'ok', resourceType: 'referral', resourceId: row.id, patientKey }], request.ip);
        return created;
      });
    } catch (error) {
      await releaseKey(db, scope, key).catch(() => {});
      throw error;
    }
    return reply.code(201).header('location', `/v1/referrals/${referral.id}`).send(referral);
  });

  app.get<{ Params: { id: string } }>('/referrals/:id', async (request) => {
    const { id } = request.params;
    return audited(request, async (tx, log) => {
      const row = await findVisible(tx, request, id, 'referral.read', log);
      if (!row) return 'not_found';
      log.push({ action: 'referral.read', outcome: 'ok', resourceType: 'referral', resourceId: id, patientKey: row.patient_key });
      return toReferral(row);
    });
  });

  /** One page of a list or a search: the same filters, the same cursor, each listed referral audited. */
  async function listPage(request: FastifyRequest, q: ReferralSearch) {
    const principal = principalOf(request);
    const filterId = createHash('sha256')
      .update(JSON.stringify([q.status, q.practice, q.owner, q.reason, q.from, q.to, q.sort, q.text]))
      .digest('base64url')
      .slice(0, 12);
    const text = q.text?.trim();
    const cpr = text ? parseCpr(text) : undefined;
    const filter: ListFilter = {
      limit: Number(q.limit ?? 25),
      order: q.sort === 'oldest' ? 'asc' : 'desc',
      ...(q.status ? { statuses: q.status.split(',') as ReferralStatus[] } : {}),
      ...(q.practice ? { practiceId: q.practice } : {}),
      ...(q.owner ? { owner: q.owner === 'none' ? null : { id: principal.sub, orgId: principal.org.id } } : {}),
      ...(q.reason ? { reason: q.reason } : {}),
      ...(q.from ? { from: boundary(q.from, 0) } : {}),
      ...(q.to ? { to: boundary(q.to, 1) } : {}),
      ...(text ? (cpr?.ok ? { patientKey: pseudonymise(pseudonymKey, cpr.value.cpr) } : { name: text }) : {}),
      ...(q.cursor ? { after: decodeCursor(q.cursor, filterId) } : {}),
    };
    return audited(request, async (tx, log) => {
      const scope = await accessScope(tx, principal, pseudonymKey);
      const rows = await listReferrals(tx, scope, { ...filter, limit: filter.limit + 1 });
      const page = rows.slice(0, filter.limit);
      for (const row of page) {
        log.push({ action: text ? 'referral.search' : 'referral.list', outcome: 'ok', resourceType: 'referral', resourceId: row.id, patientKey: row.patient_key });
      }
      // A search is audited even when it finds no one: who looked for which citizen (by CPR number: the pseudonym).
      if (text) log.push({ action: 'referral.search.query', outcome: 'ok', detail: `hits=${page.length}`, ...(filter.patientKey ? { patientKey: filter.patientKey } : {}) });
      const last = page.at(-1);
      return {
        items: page.map(toReferral),
        ...(rows.length > filter.limit && last ? { nextCursor: encodeCursor(last.created_at, last.id, filterId) } : {}),
      };
    });
  }

  app.get('/referrals', async (request) => {
    const query = parseContract(ListReferralsQuery, request.query);
    if (!query.ok) throw new HttpProblem('invalid_query', undefined, query.errors);
    return listPage(request, query.value);
  });

  // A search carries a name or a CPR number, so it is a POST: nothing personal in the URL or the access log.
  app.post('/referrals/search', async (request) => listPage(request, parseBody<ReferralSearch>(ReferralSearch, request.body)));

  app.post<{ Params: { id: string } }>('/referrals/:id/transitions', async (request) => {
    const { id } = request.params;
    const change = parseBody<TransitionRequest>(TransitionRequest, request.body);
    const principal = principalOf(request);
    return audited(request, async (tx, log) => {
      const entry = { action: `referral.transition.${change.to}`, resourceType: 'referral', resourceId: id } as const;
      const row = await findVisible(tx, request, id, entry.action, log, true);
      if (!row) return 'not_found';
      const check = checkTransition(row.status, change.to, principal.role);
      if (!check.ok) {
        log.push({ ...entry, outcome: 'refused', patientKey: row.patient_key, detail: check.code });
        return check.code;
      }
      const now = new Date();
      let updated = await changeStatus(tx, row, change.to, actorOf(principal), now, {
        ...('reason' in change ? { reason: change.reason } : {}),
        ...(change.note ? { note: change.note } : {}),
      });
      // Accepting is taking: the navigator who accepts owns the referral, until they hand it to a colleague.
      if (change.to === 'accepted' && !isPracticeRole(principal.role) && !row.owner) updated = await setOwner(tx, id, { id: principal.sub, name: principal.name, orgId: principal.org.id }, now);
      log.push({ ...entry, outcome: 'ok', patientKey: row.patient_key });
      return toReferral(updated);
    });
  });

  app.get<{ Params: { id: string } }>('/referrals/:id/events', async (request) => {
    const { id } = request.params;
    return audited(request, async (tx, log) => {
      const row = await findVisible(tx, request, id, 'referral.events.read', log);
      if (!row) return 'not_found';
      log.push({ action: 'referral.events.read', outcome: 'ok', resourceType: 'referral', resourceId: id, patientKey: row.patient_key });
      return { items: await listEvents(tx, id) };
    });
  });
}

/** A date alone means a Danish calendar day: `from` at its start, `to` through its end. */
function boundary(value: string, daysAfter: 0 | 1): Date {
  if (value.length === 10) return startOfDanishDay(daysAfter ? nextDay(value) : value);
  return new Date(value);
}

function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

function encodeCursor(createdAt: Date, id: string, filterId: string): string {
  return Buffer.from(JSON.stringify([createdAt.toISOString(), id, filterId])).toString('base64url');
}

function decodeCursor(cursor: string, filterId: string): { createdAt: Date; id: string } {
  try {
    const [at, id, f] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string, string, string];
    const createdAt = new Date(at);
    if (f === filterId && isUuid(id) && !Number.isNaN(createdAt.getTime())) return { createdAt, id };
  } catch {
    // falls through to the refusal below
  }
  throw new HttpProblem('invalid_cursor');
}

/** `/v1/referrals/{id}/owner`: hand a taken referral to a colleague in the same navigator organisation. */
export async function ownerRoutes(app: FastifyInstance, options: ReferralRoutesOptions) {
  const { audited, findVisible, requireRole } = createGuard(options);
  const { principalOf } = options;
  app.post<{ Params: { id: string } }>('/referrals/:id/owner', async (request) => {
    await requireRole(request, isNavigatorSide, 'referral.reassign', 'Navigators hand referrals to each other.');
    const to = parseBody<AssignRequest>(AssignRequest, request.body);
    return audited(request, async (tx, log) => {
      const row = await findVisible(tx, request, request.params.id, 'referral.reassign', log, true);
      if (!row) return 'not_found';
      const entry = { action: 'referral.reassign', resourceType: 'referral', resourceId: row.id, patientKey: row.patient_key } as const;
      if (['sent', 'received', ...terminalStatuses].includes(row.status)) {
        log.push({ ...entry, outcome: 'refused', detail: 'invalid_transition' });
        return 'invalid_transition';
      }
      // Only to a colleague its identity provider has signed in, under their own name (findVisible has made sure the
      // citizen is with the caller's organisation).
      const orgId = principalOf(request).org.id;
      const colleague = await findColleague(tx, orgId, to.id);
      if (!colleague) {
        log.push({ ...entry, outcome: 'refused', detail: 'unknown_colleague' });
        return new HttpProblem('validation_failed', 'Not a colleague in your organisation.', [{ path: 'id', code: 'unknown_colleague', message: 'Not a colleague in your organisation' }]);
      }
      const updated = await setOwner(tx, row.id, { id: colleague.id, name: colleague.name, orgId }, new Date());
      log.push({ ...entry, outcome: 'ok' });
      return toReferral(updated);
    });
  });
}
