import { randomUUID } from 'node:crypto';
import {
  USUAL_CONTACTS,
  firstContactDueAt,
  reachedCitizen,
  terminalStatuses,
  type Actor,
  type ContactLog,
  type ContactLogEntry,
  type NewContactLogEntry,
  type NewPlan,
  type NewUnmetNeed,
  type Plan,
  type UnmetNeedSummary,
} from '@henvis/contracts';
import { one, type Queryable } from '../db/database.js';
import type { ReferralRow } from '../referrals/store.js';

interface ContactRow {
  id: string;
  referral_id: string;
  kind: ContactLogEntry['kind'];
  outcome: ContactLogEntry['outcome'];
  at: Date;
  duration_minutes: number;
  note: string | null;
  by_actor: ContactLogEntry['by'];
}

const toEntry = (row: ContactRow): ContactLogEntry => ({
  id: row.id,
  referralId: row.referral_id,
  kind: row.kind,
  outcome: row.outcome,
  at: row.at.toISOString(),
  durationMinutes: row.duration_minutes,
  ...(row.note ? { note: row.note } : {}),
  by: row.by_actor,
});

export async function insertContact(tx: Queryable, referralId: string, input: NewContactLogEntry, by: Actor): Promise<ContactLogEntry> {
  const created = one(
    await tx.query<ContactRow>(
      `insert into contact_log (id, referral_id, kind, outcome, at, duration_minutes, note, by_actor)
     values ($1, $2, $3, $4, $5, $6, $7, $8::jsonb) returning *`,
      [randomUUID(), referralId, input.kind, input.outcome, input.at, input.durationMinutes, input.note ?? null, JSON.stringify(by)],
    ),
  );
  return toEntry(created);
}

/** The contact log of a referral, with the first contact that reached the citizen against its deadline. */
export async function contactLog(tx: Queryable, row: ReferralRow, now: Date): Promise<ContactLog> {
  const rows = await tx.query<ContactRow>('select * from contact_log where referral_id = $1 order by at, id', [row.id]);
  const items = rows.map(toEntry);
  const reached = rows.filter(reachedCitizen);
  const first = reached[0]?.at;
  const dueAt = firstContactDueAt(row.created_at);
  return {
    items,
    count: items.length,
    reachedCount: reached.length,
    usual: { ...USUAL_CONTACTS },
    sentAt: row.created_at.toISOString(),
    ...(first
      ? {
          firstContactAt: first.toISOString(),
          hoursToFirstContact: Math.max(0, Math.floor((first.getTime() - row.created_at.getTime()) / 3_600_000)),
        }
      : {}),
    firstContactDueAt: dueAt.toISOString(),
    firstContactOverdue: first ? first >= dueAt : now >= dueAt && !terminalStatuses.includes(row.status),
  };
}

/**
 * Open referrals of these practices without a first contact, oldest first (at most 500): without a contact that
 * reached the citizen (`reachedCitizen`), so one whose calls went unanswered stays on the list.
 */
export function listAwaitingFirstContact(tx: Queryable, practiceIds: string[]): Promise<ReferralRow[]> {
  return tx.query<ReferralRow>(
    `select r.* from referrals r
      where r.practice_id = any($1::text[]) and r.status in ('sent', 'received', 'accepted')
        and not exists (select 1 from contact_log c where c.referral_id = r.id and c.outcome = 'reached')
      order by r.created_at, r.id limit 500`,
    [practiceIds],
  );
}

interface PlanRow {
  referral_id: string;
  version: number;
  content: NewPlan;
  saved_at: Date;
  saved_by: Plan['savedBy'];
}

const toPlan = (row: PlanRow): Plan => ({
  ...row.content,
  referralId: row.referral_id,
  version: row.version,
  savedAt: row.saved_at.toISOString(),
  savedBy: row.saved_by,
});

/** Saves the plan as its next version, and its next step's day with the referral (for "Frister", migration 028). */
export async function insertPlan(tx: Queryable, referralId: string, plan: NewPlan, at: Date, by: Actor): Promise<Plan> {
  const saved = one(
    await tx.query<PlanRow>(
      `with day as (update referrals set next_step_date = $5::date where id = $1)
       insert into plans (referral_id, version, content, saved_at, saved_by)
     values ($1, (select coalesce(max(version), 0) + 1 from plans where referral_id = $1), $2::jsonb, $3, $4::jsonb) returning *`,
      [referralId, JSON.stringify(plan), at, JSON.stringify(by), plan.nextStepDate],
    ),
  );
  return toPlan(saved);
}

export interface NextStepRow {
  id: string;
  patient_key: string;
  practice: ReferralRow['practice'];
  content: ReferralRow['content'];
  owner: ReferralRow['owner'];
  next_step_date: string;
  next_step: string;
}

/**
 * The open courses of these practices whose next step's day is `today` (a Danish day) or before, the earliest first
 * (at most 500): one short scan of referrals_next_step per practice (index only), merged to the first 500, whose rows
 * and current plans (for the step's text) are then read.
 * `owner` keeps one navigator's.
 */
export function listNextStepsDue(
  tx: Queryable,
  practiceIds: string[],
  today: string,
  owner?: { id: string; orgId: string },
): Promise<NextStepRow[]> {
  const mine = owner ? 'and owner_org = $3 and owner_id = $4' : '';
  return tx.query<NextStepRow>(
    `with due as (
       select k.id, k.next_step_date from unnest($1::text[]) as p (practice_id)
        cross join lateral (
          select id, next_step_date from referrals
           where practice_id = p.practice_id and next_step_date <= $2::date ${mine}
             and next_step_date is not null and status not in ('closed', 'rejected', 'cancelled')
           order by next_step_date, id limit 500) k
        order by k.next_step_date, k.id limit 500)
     select r.id, r.patient_key, r.practice, r.content, r.owner, to_char(due.next_step_date, 'YYYY-MM-DD') as next_step_date,
            coalesce(plan.content->>'nextStep', '') as next_step
       from due join referrals r on r.id = due.id
       left join lateral (select content from plans where referral_id = r.id order by version desc limit 1) plan on true
      order by due.next_step_date, due.id`,
    owner ? [practiceIds, today, owner.orgId, owner.id] : [practiceIds, today],
  );
}

export async function latestPlan(tx: Queryable, referralId: string): Promise<Plan | null> {
  const [latest] = await tx.query<PlanRow>('select * from plans where referral_id = $1 order by version desc limit 1', [referralId]);
  return latest ? toPlan(latest) : null;
}

export async function insertUnmetNeed(
  tx: Queryable,
  need: NewUnmetNeed & { id: string; practiceId: string; recordedAt: Date; recordedBy: Actor },
): Promise<void> {
  await tx.query(
    `insert into unmet_needs (id, referral_id, practice_id, category, area, note, recorded_at, recorded_by)
     values ($1, $2, $3, $4, $5, $6, $7, $8::jsonb)`,
    [
      need.id,
      need.referralId,
      need.practiceId,
      need.category,
      need.area,
      need.note ?? null,
      need.recordedAt,
      JSON.stringify(need.recordedBy),
    ],
  );
}

/** Unmet needs of these practices by category and area, most frequent first. */
export async function summariseUnmetNeeds(tx: Queryable, practiceIds: string[]): Promise<UnmetNeedSummary['items']> {
  const rows = await tx.query<{ category: UnmetNeedSummary['items'][number]['category']; area: string; count: number; latest: Date }>(
    `select category, area, count(*)::int as count, max(recorded_at) as latest from unmet_needs
      where practice_id = any($1::text[]) group by category, area order by count desc, category, area`,
    [practiceIds],
  );
  return rows.map((r) => ({ ...r, latest: r.latest.toISOString() }));
}
