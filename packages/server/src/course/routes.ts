import { randomUUID } from 'node:crypto';
import {
  courseRefusal,
  danishDate,
  firstContactDueAt,
  reachedCitizen,
  type FirstContactList,
  type FirstContactQuery,
  type NextStepList,
  type NextStepQuery,
  type NewContactLogEntry,
  type NewPlan,
  type NewUnmetNeed,
  type UnmetNeed,
  type UnmetNeedSummary,
} from '@henvis/contracts';
import type { FastifyPluginAsync } from 'fastify';
import { REFERRAL_LIST, listedDetail } from '../audit/referral-list.js';
import { actorOf } from '../auth/principal.js';
import { isNavigatorSide } from '../http/guard.js';
import { answer, body, params, problems, query, tagRoutes } from '../http/schemas.js';
import { changeStatus } from '../referrals/status-change.js';
import {
  contactLog,
  insertContact,
  insertPlan,
  insertUnmetNeed,
  latestPlan,
  listAwaitingFirstContact,
  listNextStepsDue,
  summariseUnmetNeeds,
} from './store.js';

/** How far ahead of the server's clock a contact may be dated (clocks of laptops drift). */
const CONTACT_CLOCK_SKEW_MS = 5 * 60_000;

/** The navigator's course with the citizen (forløb): the contact log, with it the first contact, the plan, unmet needs. */
// eslint-disable-next-line @typescript-eslint/require-await -- a Fastify plugin is async so a registration error rejects ready(), not the process; lint can't see it
export const courseRoutes: FastifyPluginAsync = async (app) => {
  const { guard } = app;
  tagRoutes(app, 'course');
  const navigators = (action: string) => guard.allow(isNavigatorSide, action, "The course is the navigators' working record.");

  app.post<{ Params: { id: string }; Body: NewContactLogEntry }>(
    '/referrals/:id/contacts',
    {
      schema: {
        operationId: 'logContact',
        summary:
          'Log a contact with the citizen (navigators): phone, meeting, home visit, e-mail or SMS, with its outcome (reached, not reached, left a message), time, duration and a note. The first that reached the citizen makes an accepted referral "contacted"; one that did not leaves it accepted.',
        params: params('id'),
        body: body('NewContactLogEntry', {
          kind: 'phone',
          outcome: 'reached',
          at: '2026-11-25T09:30:00.000Z',
          durationMinutes: 15,
          note: 'Aftalt møde i biblioteket torsdag.',
        }),
        response: { 201: answer('Logged', 'ContactLogEntry'), ...problems(400, 401, 403, 404, 409, 422) },
      },
      preValidation: navigators('contact.log'),
    },
    async (request, reply) => {
      const input = request.body;
      const by = actorOf(request.principal);
      const entry = await guard.onReferral(
        request,
        'contact.log',
        async (tx, row, audit) => {
          const now = new Date();
          const refusal =
            courseRefusal(row.status) ??
            (new Date(input.at).getTime() > now.getTime() + CONTACT_CLOCK_SKEW_MS ? 'contact_in_future' : undefined);
          if (refusal) return audit.refuse(refusal);
          const created = await insertContact(tx, row.id, input, by);
          // The first contact that reached the citizen is what "contacted" means: the status follows, on the timeline
          // and to the journal. A call nobody answered leaves the referral accepted, its first contact still due.
          if (row.status === 'accepted' && reachedCitizen(input)) await changeStatus(tx, row, 'contacted', by, now);
          audit.ok();
          return created;
        },
        { forUpdate: true },
      );
      return reply.code(201).send(entry);
    },
  );

  app.get<{ Params: { id: string } }>(
    '/referrals/:id/contacts',
    {
      schema: {
        operationId: 'listContacts',
        summary:
          'The contact log, the count against the usual 6-12, and the first contact that reached the citizen against its 2 working days',
        params: params('id'),
        response: { 200: answer('Contacts, oldest first', 'ContactLog'), ...problems(401, 403, 404) },
      },
      preValidation: navigators('contact.list'),
    },
    async (request) =>
      guard.onReferral(request, 'contact.list', async (tx, row, audit) => {
        audit.ok();
        return contactLog(tx, row, new Date());
      }),
  );

  app.put<{ Params: { id: string }; Body: NewPlan }>(
    '/referrals/:id/plan',
    {
      schema: {
        operationId: 'savePlan',
        summary: 'Save the individual plan (navigators), a new version each time; the first moves a contacted referral to plan_made',
        params: params('id'),
        body: body('NewPlan', {
          goals: 'Jeg vil gerne ud af huset to gange om ugen.',
          bridgeBuilder: false,
          companion: true,
          nextStep: 'Følges til gåklubben første gang.',
          nextStepDate: '2026-12-03',
        }),
        response: { 200: answer('The saved version', 'Plan'), ...problems(400, 401, 403, 404, 409) },
      },
      preValidation: navigators('plan.save'),
    },
    async (request) => {
      const by = actorOf(request.principal);
      return guard.onReferral(
        request,
        'plan.save',
        async (tx, row, audit) => {
          const refusal = courseRefusal(row.status);
          if (refusal) return audit.refuse(refusal);
          const now = new Date();
          const saved = await insertPlan(tx, row.id, request.body, now, by);
          // A plan made with the citizen is what "plan made" means.
          if (row.status === 'contacted') await changeStatus(tx, row, 'plan_made', by, now);
          audit.ok();
          return saved;
        },
        { forUpdate: true },
      );
    },
  );

  app.get<{ Params: { id: string } }>(
    '/referrals/:id/plan',
    {
      schema: {
        operationId: 'getPlan',
        summary: 'The current plan (`plan: null` before one is made)',
        params: params('id'),
        response: { 200: answer('The newest version', 'CurrentPlan'), ...problems(401, 404) },
      },
    },
    async (request) =>
      guard.onReferral(request, 'plan.read', async (tx, row, audit) => {
        audit.ok();
        return { plan: await latestPlan(tx, row.id) };
      }),
  );

  app.post<{ Body: NewUnmetNeed }>(
    '/unmet-needs',
    {
      schema: {
        operationId: 'recordUnmetNeed',
        summary: 'Record a need no offer met (navigators): category, area and a note, for the coordinator',
        body: body('NewUnmetNeed', {
          referralId: '7d7c2a4e-1f0b-4b7a-8a0e-3c9f6e5d4b21',
          category: 'creative',
          area: 'Allingåbro',
          note: 'Intet malehold i dagtimerne.',
        }),
        response: { 201: answer('Recorded', 'UnmetNeed'), ...problems(400, 401, 403, 404) },
      },
      preValidation: navigators('unmet_need.record'),
    },
    async (request, reply) => {
      const input = request.body;
      const recordedBy = actorOf(request.principal);
      const need = await guard.onReferral(
        request,
        'unmet_need.record',
        async (tx, row, audit): Promise<UnmetNeed> => {
          const recordedAt = new Date();
          const id = randomUUID();
          const area = input.area.trim();
          await insertUnmetNeed(tx, { ...input, area, id, practiceId: row.practice_id, recordedAt, recordedBy });
          audit.ok();
          return { ...input, area, id, recordedAt: recordedAt.toISOString(), recordedBy };
        },
        // A write: only the organisation whose navigator took the citizen records their needs.
        { id: input.referralId, forUpdate: true },
      );
      return reply.code(201).send(need);
    },
  );

  app.get(
    '/unmet-needs/summary',
    {
      schema: {
        operationId: 'summariseUnmetNeeds',
        summary: "Unmet needs by category and area in the organisation's practices: where offers are missing",
        response: { 200: answer('Counts, most frequent first', 'UnmetNeedSummary'), ...problems(401, 403) },
      },
      preValidation: navigators('unmet_need.summary'),
    },
    async (request) =>
      guard.audited(request, async (tx, log): Promise<UnmetNeedSummary> => {
        const scope = await guard.scope(tx, request.principal);
        log.push({ action: 'unmet_need.summary', outcome: 'ok' });
        return { items: await summariseUnmetNeeds(tx, scope.practiceIds) };
      }),
  );

  app.get<{ Querystring: FirstContactQuery }>(
    '/first-contacts',
    {
      schema: {
        operationId: 'listFirstContacts',
        summary:
          "The navigators' worklist: open referrals of the served practices without a first contact (one that reached the citizen), oldest first, each with when it is (or became) overdue: 2 Danish working days after the referral",
        querystring: query('FirstContactQuery'),
        response: { 200: answer('Waiting referrals', 'FirstContactList'), ...problems(400, 401, 403) },
      },
      preValidation: navigators('first_contact.list'),
    },
    async (request) =>
      guard.audited(request, async (tx, log): Promise<FirstContactList> => {
        const scope = await guard.scope(tx, request.principal);
        const now = new Date();
        const items = (await listAwaitingFirstContact(tx, scope.practiceIds))
          .map((row) => ({ row, dueAt: firstContactDueAt(row.created_at) }))
          .filter(({ dueAt }) => request.query.state !== 'overdue' || now >= dueAt);
        for (const { row } of items)
          log.push({
            action: 'first_contact.list',
            outcome: 'ok',
            resourceType: 'referral',
            resourceId: row.id,
            patientKey: row.patient_key,
          });
        return {
          items: items.map(({ row, dueAt }) => ({
            referralId: row.id,
            patientName: row.content.patient.name,
            practiceId: row.practice_id,
            practiceName: row.practice.name,
            sentAt: row.created_at.toISOString(),
            dueAt: dueAt.toISOString(),
            overdue: now >= dueAt,
            ...(row.owner ? { owner: { id: row.owner.id, name: row.owner.name } } : {}),
          })),
        };
      }),
  );
  app.get<{ Querystring: NextStepQuery }>(
    '/next-steps',
    {
      schema: {
        operationId: 'listNextSteps',
        summary:
          "The navigators' worklist: open courses of the served practices whose plan's next step has come (its day is today or past, in Danish time), the earliest first, at most 500; `owner=me` keeps the caller's own",
        querystring: query('NextStepQuery'),
        response: { 200: answer('Next steps due', 'NextStepList'), ...problems(400, 401, 403) },
      },
      preValidation: navigators('next_step.list'),
    },
    async (request) =>
      guard.audited(request, async (tx, log): Promise<NextStepList> => {
        const { principal } = request;
        const scope = await guard.scope(tx, principal);
        const today = danishDate(new Date());
        const owner = request.query.owner === 'me' ? { id: principal.sub, orgId: principal.org.id } : undefined;
        const rows = await listNextStepsDue(tx, scope.practiceIds, today, owner);
        // One line for the list, naming each course listed with its citizen (audit/referral-list.ts).
        const listed = listedDetail(rows);
        if (listed) log.push({ action: 'next_step.list', outcome: 'ok', resourceType: REFERRAL_LIST, detail: listed });
        return {
          items: rows.map((row) => ({
            referralId: row.id,
            patientName: row.content.patient.name,
            practiceName: row.practice.name,
            nextStep: row.next_step,
            nextStepDate: row.next_step_date,
            overdue: row.next_step_date < today,
            ...(row.owner ? { owner: { id: row.owner.id, name: row.owner.name } } : {}),
          })),
        };
      }),
  );
};
