import { randomUUID } from 'node:crypto';
import {
  NewContactLogEntry,
  NewUnmetNeed,
  type UnmetNeed,
  type UnmetNeedSummary,
  NewPlan,
  type Plan,
  USUAL_CONTACTS,
  firstContactDueAt,
  terminalStatuses,
  type ContactLog,
  type FirstContactList,
  type ContactLogEntry,
} from '@henvis/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Queryable } from '../db/database.js';
import { HttpProblem } from '../http-problem.js';
import { accessScope } from '../referrals/access.js';
import { createGuard, isNavigatorSide, type GuardOptions } from '../referrals/guard.js';
import { actorOf, parseBody } from '../referrals/routes.js';
import { changeStatus } from '../referrals/status-change.js';
import type { ReferralRow } from '../referrals/store.js';

interface ContactRow {
  id: string;
  referral_id: string;
  kind: ContactLogEntry['kind'];
  at: Date;
  duration_minutes: number;
  note: string | null;
  by_actor: ContactLogEntry['by'];
}

const toEntry = (row: ContactRow): ContactLogEntry => ({
  id: row.id,
  referralId: row.referral_id,
  kind: row.kind,
  at: row.at.toISOString(),
  durationMinutes: row.duration_minutes,
  ...(row.note ? { note: row.note } : {}),
  by: row.by_actor,
});

interface PlanRow {
  referral_id: string;
  version: number;
  content: NewPlan;
  saved_at: Date;
  saved_by: Plan['savedBy'];
}

const toPlan = (row: PlanRow): Plan => ({ ...row.content, referralId: row.referral_id, version: row.version, savedAt: row.saved_at.toISOString(), savedBy: row.saved_by });

async function contactLog(tx: Queryable, row: ReferralRow, now: Date): Promise<ContactLog> {
  const rows = await tx.query<ContactRow>('select * from contact_log where referral_id = $1 order by at, id', [row.id]);
  const items = rows.map(toEntry);
  const first = rows[0]?.at;
  const dueAt = firstContactDueAt(row.created_at);
  return {
    items,
    count: items.length,
    usual: { ...USUAL_CONTACTS },
    sentAt: row.created_at.toISOString(),
    ...(first ? { firstContactAt: first.toISOString(), hoursToFirstContact: Math.max(0, Math.floor((first.getTime() - row.created_at.getTime()) / 3_600_000)) } : {}),
    firstContactDueAt: dueAt.toISOString(),
    firstContactOverdue: first ? first >= dueAt : now >= dueAt && !terminalStatuses.includes(row.status),
  };
}

/** The navigator's course with the citizen (forløb): the contact log, with it the first contact, and the plan. */
export async function courseRoutes(app: FastifyInstance, options: GuardOptions) {
  const { principalOf } = options;
  const { audited, findVisible, requireRole } = createGuard(options);

  const requireNavigator = (request: FastifyRequest, action: string) =>
    requireRole(request, isNavigatorSide, action, "The course is the navigators' working record.");

  app.post<{ Params: { id: string } }>('/referrals/:id/contacts', async (request, reply) => {
    await requireNavigator(request, 'contact.log');
    const input = parseBody<NewContactLogEntry>(NewContactLogEntry, request.body);
    const principal = principalOf(request);
    const entry = await audited(request, async (tx, log) => {
      const row = await findVisible(tx, request, request.params.id, 'contact.log', log, true);
      if (!row) return 'not_found';
      const audit = { action: 'contact.log', resourceType: 'referral', resourceId: row.id, patientKey: row.patient_key } as const;
      const now = new Date();
      const refuse = (code: 'referral_not_accepted' | 'invalid_transition' | 'contact_in_future') => {
        log.push({ ...audit, outcome: 'refused', detail: code });
        return code;
      };
      if (row.status === 'sent' || row.status === 'received') return refuse('referral_not_accepted');
      if (terminalStatuses.includes(row.status)) return refuse('invalid_transition');
      if (new Date(input.at).getTime() > now.getTime() + 5 * 60_000) return refuse('contact_in_future');
      const [created] = await tx.query<ContactRow>(
        `insert into contact_log (id, referral_id, kind, at, duration_minutes, note, by_actor)
         values ($1, $2, $3, $4, $5, $6, $7::jsonb) returning *`,
        [randomUUID(), row.id, input.kind, input.at, input.durationMinutes, input.note ?? null, JSON.stringify(actorOf(principal))],
      );
      // The first contact is what "contacted" means: the status follows, on the timeline and to the journal.
      if (row.status === 'accepted') {
        await changeStatus(tx, row, 'contacted', actorOf(principal), now);
      }
      log.push({ ...audit, outcome: 'ok' });
      return toEntry(created!);
    });
    return reply.code(201).send(entry);
  });

  app.put<{ Params: { id: string } }>('/referrals/:id/plan', async (request) => {
    await requireNavigator(request, 'plan.save');
    const input = parseBody<NewPlan>(NewPlan, request.body);
    const principal = principalOf(request);
    return audited(request, async (tx, log) => {
      const row = await findVisible(tx, request, request.params.id, 'plan.save', log, true);
      if (!row) return 'not_found';
      const audit = { action: 'plan.save', resourceType: 'referral', resourceId: row.id, patientKey: row.patient_key } as const;
      if (row.status === 'sent' || row.status === 'received') {
        log.push({ ...audit, outcome: 'refused', detail: 'referral_not_accepted' });
        return 'referral_not_accepted';
      }
      if (terminalStatuses.includes(row.status)) {
        log.push({ ...audit, outcome: 'refused', detail: 'invalid_transition' });
        return 'invalid_transition';
      }
      const now = new Date();
      const [saved] = await tx.query<PlanRow>(
        `insert into plans (referral_id, version, content, saved_at, saved_by)
         values ($1, (select coalesce(max(version), 0) + 1 from plans where referral_id = $1), $2::jsonb, $3, $4::jsonb) returning *`,
        [row.id, JSON.stringify(input), now, JSON.stringify(actorOf(principal))],
      );
      // A plan made with the citizen is what "plan made" means.
      if (row.status === 'contacted') {
        await changeStatus(tx, row, 'plan_made', actorOf(principal), now);
      }
      log.push({ ...audit, outcome: 'ok' });
      return toPlan(saved!);
    });
  });

  app.get<{ Params: { id: string } }>('/referrals/:id/plan', async (request) =>
    audited(request, async (tx, log) => {
      const row = await findVisible(tx, request, request.params.id, 'plan.read', log);
      if (!row) return 'not_found';
      log.push({ action: 'plan.read', outcome: 'ok', resourceType: 'referral', resourceId: row.id, patientKey: row.patient_key });
      const [latest] = await tx.query<PlanRow>('select * from plans where referral_id = $1 order by version desc limit 1', [row.id]);
      return { plan: latest ? toPlan(latest) : null };
    }),
  );

  app.post('/unmet-needs', async (request, reply) => {
    await requireNavigator(request, 'unmet_need.record');
    const input = parseBody<NewUnmetNeed>(NewUnmetNeed, request.body);
    const principal = principalOf(request);
    const need = await audited(request, async (tx, log): Promise<UnmetNeed | 'not_found'> => {
      const row = await findVisible(tx, request, input.referralId, 'unmet_need.record', log);
      if (!row) return 'not_found';
      const now = new Date();
      const id = randomUUID();
      await tx.query(
        `insert into unmet_needs (id, referral_id, practice_id, category, area, note, recorded_at, recorded_by)
         values ($1, $2, $3, $4, $5, $6, $7, $8::jsonb)`,
        [id, row.id, row.practice_id, input.category, input.area.trim(), input.note ?? null, now, JSON.stringify(actorOf(principal))],
      );
      log.push({ action: 'unmet_need.record', outcome: 'ok', resourceType: 'referral', resourceId: row.id, patientKey: row.patient_key });
      return { ...input, area: input.area.trim(), id, recordedAt: now.toISOString(), recordedBy: actorOf(principal) };
    });
    return reply.code(201).send(need);
  });

  app.get('/unmet-needs/summary', async (request) => {
    await requireNavigator(request, 'unmet_need.summary');
    return audited(request, async (tx, log): Promise<UnmetNeedSummary> => {
      const scope = await accessScope(tx, principalOf(request), options.pseudonymKey);
      const rows = await tx.query<{ category: UnmetNeedSummary['items'][number]['category']; area: string; count: number; latest: Date }>(
        `select category, area, count(*)::int as count, max(recorded_at) as latest from unmet_needs
          where practice_id = any($1::text[]) group by category, area order by count desc, category, area`,
        [scope.practiceIds],
      );
      log.push({ action: 'unmet_need.summary', outcome: 'ok' });
      return { items: rows.map((r) => ({ ...r, latest: r.latest.toISOString() })) };
    });
  });

  // The navigators' worklist: open referrals of the served practices without a first contact, oldest first, each
  // with the moment it becomes (or became) overdue. `?state=overdue` keeps only those.
  app.get<{ Querystring: { state?: string } }>('/first-contacts', async (request) => {
    await requireNavigator(request, 'first_contact.list');
    const wanted = request.query.state;
    if (wanted !== undefined && wanted !== 'overdue') {
      throw new HttpProblem('invalid_query', undefined, [{ path: 'state', code: 'invalid_value', message: 'Use overdue, or leave it out.' }]);
    }
    return audited(request, async (tx, log): Promise<FirstContactList> => {
      const scope = await accessScope(tx, principalOf(request), options.pseudonymKey);
      const rows = await tx.query<ReferralRow>(
        `select r.* from referrals r
          where r.practice_id = any($1::text[]) and r.status in ('sent', 'received', 'accepted')
            and not exists (select 1 from contact_log c where c.referral_id = r.id)
          order by r.created_at, r.id limit 500`,
        [scope.practiceIds],
      );
      const now = new Date();
      const items = rows
        .map((row) => ({ row, dueAt: firstContactDueAt(row.created_at) }))
        .filter(({ dueAt }) => wanted !== 'overdue' || now >= dueAt);
      for (const { row } of items) log.push({ action: 'first_contact.list', outcome: 'ok', resourceType: 'referral', resourceId: row.id, patientKey: row.patient_key });
      return {
        items: items.map(({ row, dueAt }) => ({
          referralId: row.id,
          patientName: row.content.patient.name,
          practiceId: row.practice_id,
          sentAt: row.created_at.toISOString(),
          dueAt: dueAt.toISOString(),
          overdue: now >= dueAt,
          ...(row.owner ? { owner: { id: row.owner.id, name: row.owner.name } } : {}),
        })),
      };
    });
  });

  app.get<{ Params: { id: string } }>('/referrals/:id/contacts', async (request) => {
    await requireNavigator(request, 'contact.list');
    return audited(request, async (tx, log) => {
      const row = await findVisible(tx, request, request.params.id, 'contact.list', log);
      if (!row) return 'not_found';
      log.push({ action: 'contact.list', outcome: 'ok', resourceType: 'referral', resourceId: row.id, patientKey: row.patient_key });
      return contactLog(tx, row, new Date());
    });
  });
}

