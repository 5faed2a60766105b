import {
  checkTransition,
  exampleNewReferral,
  exampleTransitions,
  inclusionFlagsFor,
  isPracticeRole,
  parseCpr,
  startOfDanishDay,
  terminalStatuses,
  type AssignRequest,
  type CourseGlance,
  type LikelyDuplicate,
  type ListReferralsQuery,
  type ListedReferral,
  type NewReferral,
  type Referral,
  type ReferralSearch,
  type ReferralStatus,
  type TransitionRequest,
} from '@henvis/contracts';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { createHash, randomUUID } from 'node:crypto';
import { audit, auditRow, markAudited, type AuditEntry } from '../audit.js';
import { REFERRAL_LIST, listedDetail } from '../audit/referral-list.js';
import { actorOf } from '../auth/principal.js';
import { isNavigatorSide, isUuid } from '../http/guard.js';
import { HttpProblem } from '../http-problem.js';
import { idempotencyKeyHeader, requireIdempotencyKey } from '../http/idempotency.js';
import { answer, body, params, problems, query, tagRoutes } from '../http/schemas.js';
import { findColleague } from '../staff/store.js';
import { courseGlances, likelyDuplicates, listCaseloadByCourse, type CourseSort } from './caseload-store.js';
import { changeStatus } from './status-change.js';
import { createReferralAtOnce, keyState, listEvents, listReferrals, setOwner, toReferral, type ListFilter } from './store.js';

type OnReferral = { Params: { id: string } };

/** `/v1/referrals`: create (idempotent), read, list and search, change status, timeline, hand over. */
// eslint-disable-next-line @typescript-eslint/require-await -- a Fastify plugin is async so a registration error rejects ready(), not the process; lint can't see it
export const referralRoutes: FastifyPluginAsync = async (app) => {
  const { db, guard } = app;
  tagRoutes(app, 'referrals');

  app.post<{ Body: NewReferral }>(
    '/referrals',
    {
      schema: {
        operationId: 'createReferral',
        summary: 'Send a referral (send henvisning)',
        headers: idempotencyKeyHeader,
        body: body('NewReferral', exampleNewReferral),
        response: { 201: answer('Stored', 'Referral'), ...problems(400, 401, 403, 409, 413, 415, 422) },
      },
      preValidation: [guard.allow(isPracticeRole, 'referral.create', 'Only GP practice staff create referrals.'), requireIdempotencyKey],
    },
    async (request, reply) => {
      const { principal, idempotency } = request;
      const input = request.body;
      const now = new Date();
      const cpr = parseCpr(input.patient.cpr, now);
      if (!cpr.ok) throw new HttpProblem('validation_failed');
      const content: NewReferral = { ...input, patient: { ...input.patient, cpr: cpr.value.cpr } };
      const patientKey = guard.pseudonym(cpr.value.cpr);
      if (principal.patientCpr && principal.patientCpr !== cpr.value.cpr) {
        await db.transaction((tx) =>
          audit(
            tx,
            principal,
            [{ action: 'referral.create', outcome: 'refused', patientKey, detail: 'patient_context_mismatch' }],
            request.ip,
          ),
        );
        markAudited(request);
        throw new HttpProblem('patient_context_mismatch');
      }

      const scope = `${principal.issuer}|${principal.org.id}`;
      const id = randomUUID();
      const practice = {
        id: principal.org.id,
        name: principal.org.name,
        ...(principal.org.sorCode ? { sorCode: principal.org.sorCode } : {}),
        ...(principal.org.ydernummer ? { ydernummer: principal.org.ydernummer } : {}),
      };
      const entry: AuditEntry = { action: 'referral.create', outcome: 'ok', resourceType: 'referral', resourceId: id, patientKey };
      const row = auditRow(principal, entry, request.ip, now.toISOString());
      // The happy path is one statement: key, referral, event, outbox, audit line (createReferralAtOnce).
      const created = await createReferralAtOnce(db, {
        id,
        practice,
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
        actor: actorOf(principal),
        idempotency: { scope, key: idempotency.key, hash: idempotency.hash },
        audit: row,
      });
      if (created.claimed) {
        const referral = toReferral(created.row);
        return reply.code(201).header('location', `/v1/referrals/${referral.id}`).send(referral);
      }
      // The key was there: the same request again (its answer replayed), another body with it, or one running.
      const claim = await keyState(db, scope, idempotency.key, idempotency.hash);
      if (claim.kind === 'refused') throw new HttpProblem(claim.code);
      const stored = claim.body as Referral;
      await db.transaction((tx) =>
        audit(
          tx,
          principal,
          [{ action: 'referral.create.replay', outcome: 'ok', resourceType: 'referral', resourceId: stored.id, patientKey }],
          request.ip,
        ),
      );
      return reply.code(claim.status).header('idempotent-replayed', 'true').header('location', `/v1/referrals/${stored.id}`).send(stored);
    },
  );

  app.get<OnReferral>(
    '/referrals/:id',
    {
      schema: {
        operationId: 'getReferral',
        summary: 'Read one referral',
        params: params('id'),
        response: { 200: answer('The referral', 'Referral'), ...problems(401, 404) },
      },
    },
    async (request) =>
      guard.onReferral(request, 'referral.read', (_tx, row, audit) => {
        audit.ok();
        return Promise.resolve(toReferral(row));
      }),
  );

  /** One page of a list or a search: the same filters, the same cursor, one audit line naming every referral listed. */
  async function listPage(request: FastifyRequest, q: ReferralSearch) {
    const { principal } = request;
    const filterId = createHash('sha256')
      .update(JSON.stringify([q.status, q.practice, q.owner, q.reason, q.from, q.to, q.sort, q.text]))
      .digest('base64url')
      .slice(0, 12);
    const text = q.text?.trim();
    const cpr = text ? parseCpr(text) : undefined;
    // A caseload in the order of its courses (the contract allows these orders with owner=me alone).
    const bySort: CourseSort | undefined = q.sort === 'next_step' || q.sort === 'last_contact' ? q.sort : undefined;
    const me = { id: principal.sub, orgId: principal.org.id };
    const filter: ListFilter = {
      limit: Number(q.limit ?? 25),
      order: q.sort === 'oldest' ? 'asc' : 'desc',
      ...(q.status ? { statuses: q.status.split(',') as ReferralStatus[] } : {}),
      ...(q.practice ? { practiceId: q.practice } : {}),
      ...(q.owner ? { owner: q.owner === 'none' ? null : me } : {}),
      ...(q.reason ? { reason: q.reason } : {}),
      ...(q.from ? { from: boundary(q.from, 0) } : {}),
      ...(q.to ? { to: boundary(q.to, 1) } : {}),
      ...(text ? (cpr?.ok ? { patientKey: guard.pseudonym(cpr.value.cpr) } : { name: text }) : {}),
      ...(q.cursor && !bySort ? { after: decodeCursor(q.cursor, filterId) } : {}),
    };
    const afterKey = q.cursor && bySort ? decodeKeyCursor(q.cursor, filterId) : undefined;
    return guard.audited(request, async (tx, log) => {
      const scope = await guard.scope(tx, principal);
      const read = { ...filter, limit: filter.limit + 1 };
      const rows = bySort
        ? await listCaseloadByCourse(tx, scope, { ...read, owner: me }, bySort, afterKey)
        : await listReferrals(tx, scope, read);
      const page = rows.slice(0, filter.limit);
      // A navigator's list shows each citizen's likely duplicates, and a caseload its courses at a glance.
      const navigator = isNavigatorSide(principal.role);
      const ids = page.map((r) => r.id);
      const duplicates = navigator ? await likelyDuplicates(tx, scope, page) : new Map<string, LikelyDuplicate[]>();
      const glances = navigator && q.owner === 'me' ? await courseGlances(tx, ids) : new Map<string, CourseGlance>();
      // One line for the page (audit/referral-list.ts). A search is audited even when it finds no one: who looked
      // for which citizen (by CPR number: the pseudonym, never the number; by name: nothing of the name).
      const about = filter.patientKey ?? scope.patientKey;
      const listed = listedDetail(page);
      if (listed || text) {
        log.push({
          action: text ? 'referral.search' : 'referral.list',
          outcome: 'ok',
          resourceType: REFERRAL_LIST,
          ...(about ? { patientKey: about } : {}),
          ...(listed ? { detail: listed } : {}),
        });
      }
      const last = page.at(-1);
      const more = rows.length > filter.limit && last;
      return {
        items: page.map((row): ListedReferral => {
          const course = glances.get(row.id);
          const likely = duplicates.get(row.id);
          return { ...toReferral(row), ...(course ? { course } : {}), ...(likely ? { likelyDuplicates: likely } : {}) };
        }),
        ...(more
          ? {
              nextCursor:
                'sort_key' in last
                  ? encodeKeyCursor(String(last.sort_key), last.id, filterId)
                  : encodeCursor(last.created_at, last.id, filterId),
            }
          : {}),
      };
    });
  }

  app.get<{ Querystring: ListReferralsQuery }>(
    '/referrals',
    {
      schema: {
        operationId: 'listReferrals',
        summary: "List referrals the caller may see, newest first (a practice its own; a navigator the served practices')",
        querystring: query('ListReferralsQuery'),
        response: { 200: answer('One page', 'ReferralPage'), ...problems(400, 401) },
      },
    },
    async (request) => listPage(request, request.query),
  );

  // A search carries a name or a CPR number, so it is a POST: nothing personal in the URL or the access log.
  app.post<{ Body: ReferralSearch }>(
    '/referrals/search',
    {
      schema: {
        operationId: 'searchReferrals',
        summary:
          "Search the referrals the caller may see: the list's filters (as strings) and `text`, part of the citizen's name or the whole CPR number; a POST keeps both out of URLs",
        body: body('ReferralSearch', { text: 'Karen', status: 'sent,received', sort: 'oldest', limit: '25' }),
        response: { 200: answer('One page', 'ReferralPage'), ...problems(400, 401) },
      },
    },
    async (request) => listPage(request, request.body),
  );

  app.post<OnReferral & { Body: TransitionRequest }>(
    '/referrals/:id/transitions',
    {
      schema: {
        operationId: 'transitionReferral',
        summary: 'Change the status (closing, rejecting and cancelling need a reason and a text)',
        params: params('id'),
        body: body('TransitionRequest', exampleTransitions.close),
        response: { 200: answer('The changed referral', 'Referral'), ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const change = request.body;
      const { principal } = request;
      return guard.onReferral(
        request,
        `referral.transition.${change.to}`,
        async (tx, row, audit) => {
          const check = checkTransition(row.status, change.to, principal.role);
          if (!check.ok) return audit.refuse(check.code);
          const now = new Date();
          let updated = await changeStatus(tx, row, change.to, actorOf(principal), now, {
            ...('reason' in change ? { reason: change.reason } : {}),
            ...(change.note ? { note: change.note } : {}),
          });
          // Accepting is taking: the navigator who accepts owns the referral, until they hand it to a colleague.
          if (change.to === 'accepted' && !isPracticeRole(principal.role) && !row.owner) {
            updated = await setOwner(tx, row.id, { id: principal.sub, name: principal.name, orgId: principal.org.id }, now);
          }
          audit.ok();
          return toReferral(updated);
        },
        { forUpdate: true },
      );
    },
  );

  app.get<OnReferral>(
    '/referrals/:id/events',
    {
      schema: {
        operationId: 'listReferralEvents',
        summary: 'The timeline: creation and each status change, with who and when',
        params: params('id'),
        response: { 200: answer('Events, oldest first', 'ReferralEventList'), ...problems(401, 404) },
      },
    },
    async (request) =>
      guard.onReferral(request, 'referral.events.read', async (tx, row, audit) => {
        audit.ok();
        return { items: await listEvents(tx, row.id) };
      }),
  );

  app.post<OnReferral & { Body: AssignRequest }>(
    '/referrals/:id/owner',
    {
      schema: {
        operationId: 'reassignReferral',
        summary:
          'Hand a taken referral to a colleague in the same navigator organisation (the navigator who accepts a referral owns it); the colleague must be one of `/v1/colleagues` (400 `validation_failed` with `unknown_colleague` on `id` otherwise), and their name is taken from there',
        params: params('id'),
        body: body('AssignRequest', { id: 'demo-navigator-2', name: 'Rasmus Friis' }),
        response: { 200: answer('The referral with its new owner', 'Referral'), ...problems(400, 401, 403, 404, 409) },
      },
      preValidation: guard.allow(isNavigatorSide, 'referral.reassign', 'Navigators hand referrals to each other.'),
    },
    async (request) =>
      guard.onReferral(
        request,
        'referral.reassign',
        async (tx, row, audit) => {
          if (['sent', 'received', ...terminalStatuses].includes(row.status)) return audit.refuse('invalid_transition');
          // Only to a colleague its identity provider has signed in, under their own name (the guard has made sure the
          // citizen is with the caller's organisation).
          const orgId = request.principal.org.id;
          const colleague = await findColleague(tx, orgId, request.body.id);
          if (!colleague) {
            audit.refuse('unknown_colleague');
            return new HttpProblem('validation_failed', 'Not a colleague in your organisation.', [
              { path: 'id', code: 'unknown_colleague', message: 'Not a colleague in your organisation' },
            ]);
          }
          const updated = await setOwner(tx, row.id, { id: colleague.id, name: colleague.name, orgId }, new Date());
          audit.ok();
          return toReferral(updated);
        },
        { forUpdate: true },
      ),
  );
};

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

/** The cursor of a caseload in the order of its courses: its last row's key in that order (caseload-store.ts) and id. */
function encodeKeyCursor(key: string, id: string, filterId: string): string {
  return Buffer.from(JSON.stringify(['key', key, id, filterId])).toString('base64url');
}

function decodeKeyCursor(cursor: string, filterId: string): { key: string; id: string } {
  try {
    const [kind, key, id, f] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (kind === 'key' && typeof key === 'string' && key.length <= 40 && typeof id === 'string' && isUuid(id) && f === filterId)
      return { key, id };
  } catch {
    // falls through to the refusal below
  }
  throw new HttpProblem('invalid_cursor');
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
