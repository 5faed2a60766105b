import { LIKELY_DUPLICATE_DAYS, terminalStatuses, type CourseGlance, type LikelyDuplicate, type ReferralStatus } from '@henvis/contracts';
import type { Queryable } from '../db/database.js';
import type { AccessScope } from '../http/guard.js';
import type { ListFilter, ReferralRow } from './store.js';

// What a navigator's list shows beside the referrals (their courses at a glance, the citizens' likely duplicates) and
// a caseload in the order of its courses. Apart from store.ts's lists: each statement here reads the page it is
// given or one owner's courses, never a practice's or the country's referrals.

/** A caseload's orders by its courses: the soonest next step first, or the citizen contacted longest ago first. */
export type CourseSort = 'next_step' | 'last_contact';

/** A row of a caseload in the order of its courses, with its place in that order (the cursor's key). */
export type SortedRow = ReferralRow & { sort_key: string };

const LISTED =
  'r.id, r.practice_id, r.patient_key, r.status, r.created_at, r.updated_at, r.practice, r.referrer, r.content, r.flags, r.owner';

/**
 * The order's key as text that sorts as the order does: a next step's day (none: after every day), or the last
 * contact's instant in UTC to the microsecond (none: before every instant). A cursor holds it as it is.
 */
const sortKey: Record<CourseSort, string> = {
  next_step: `coalesce(to_char(r.next_step_date, 'YYYY-MM-DD'), '9999-99-99')`,
  last_contact: `coalesce(to_char((select max(c.at) from contact_log c where c.referral_id = r.id) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'), '')`,
};

/**
 * A page of one owner's courses (`f.owner`) in the order of `sort`, after `after` (a key and an id). It reads the
 * owner's referrals of the statuses asked for by their index (referrals_owner_list) and each one's last contact by
 * contact_log_referral: its cost grows with the caseload, not with the table.
 */
export async function listCaseloadByCourse(
  tx: Queryable,
  scope: AccessScope,
  f: ListFilter & { owner: { id: string; orgId: string } },
  sort: CourseSort,
  after?: { key: string; id: string },
): Promise<SortedRow[]> {
  const practices = [...new Set(scope.practiceIds)].filter((id) => f.practiceId === undefined || id === f.practiceId);
  if (practices.length === 0) return [];
  const params: unknown[] = [];
  const param = (value: unknown, cast = '') => `$${params.push(value)}${cast}`;
  const where = [
    `r.owner_org = ${param(f.owner.orgId)}`,
    `r.owner_id = ${param(f.owner.id)}`,
    `r.practice_id = any(${param(practices, '::text[]')})`,
  ];
  if (f.statuses?.length) where.push(`r.status = any(${param([...new Set(f.statuses)], '::text[]')})`);
  for (const key of [scope.patientKey, f.patientKey]) if (key !== undefined) where.push(`r.patient_key = ${param(key)}`);
  if (f.reason !== undefined) where.push(`r.reasons @> array[${param(f.reason)}]::text[]`);
  if (f.from) where.push(`r.created_at >= ${param(f.from)}::timestamptz`);
  if (f.to) where.push(`r.created_at < ${param(f.to)}::timestamptz`);
  if (f.name !== undefined) {
    const folded = `henvis_search_text(${param(f.name)})`;
    where.push(
      `${folded} <> ''`,
      `r.search_name like '%' || replace(replace(replace(${folded}, '\\', '\\\\'), '%', '\\%'), '_', '\\_') || '%'`,
    );
  }
  const page = `select ${LISTED}, ${sortKey[sort]} as sort_key from referrals r where ${where.join(' and ')}`;
  const keyset = after ? `where (k.sort_key, k.id) > (${param(after.key)}::text, ${param(after.id)}::uuid)` : '';
  return tx.query<SortedRow>(`select * from (${page}) k ${keyset} order by k.sort_key, k.id limit ${param(f.limit)}`, params);
}

/** The courses of a page at a glance: each one's last contact, and its current plan's next step and day. */
export async function courseGlances(tx: Queryable, ids: string[]): Promise<Map<string, CourseGlance>> {
  if (ids.length === 0) return new Map();
  const rows = await tx.query<{ id: string; last_contact_at: Date | null; next_step: string | null; next_step_date: string | null }>(
    `select p.id,
            (select max(c.at) from contact_log c where c.referral_id = p.id) as last_contact_at,
            plan.content->>'nextStep' as next_step, plan.content->>'nextStepDate' as next_step_date
       from unnest($1::uuid[]) as p (id)
       left join lateral (select content from plans where referral_id = p.id order by version desc limit 1) plan on true`,
    [ids],
  );
  return new Map(
    rows.map((r) => [
      r.id,
      {
        ...(r.last_contact_at ? { lastContactAt: r.last_contact_at.toISOString() } : {}),
        ...(r.next_step ? { nextStep: r.next_step } : {}),
        ...(r.next_step_date ? { nextStepDate: r.next_step_date } : {}),
      },
    ]),
  );
}

/**
 * For each open referral of a page, the same citizen's other open referrals in the caller's scope made within
 * LIKELY_DUPLICATE_DAYS of it, oldest first (at most five each): read by the citizen's index (referrals_patient_created),
 * a few rows per referral listed.
 */
export async function likelyDuplicates(tx: Queryable, scope: AccessScope, page: ReferralRow[]): Promise<Map<string, LikelyDuplicate[]>> {
  const open = page.filter((r) => !terminalStatuses.includes(r.status));
  if (open.length === 0) return new Map();
  const rows = await tx.query<{ of: string; id: string; created_at: Date; status: ReferralStatus; practice_name: string }>(
    `select p.id as of, d.id, d.created_at, d.status, d.practice->>'name' as practice_name
       from unnest($1::uuid[], $2::text[], $3::timestamptz[]) as p (id, patient_key, created_at)
       cross join lateral (
         select id, created_at, status, practice from referrals o
          where o.patient_key = p.patient_key and o.id <> p.id
            and o.created_at between p.created_at - $4::interval and p.created_at + $4::interval
            and o.status <> all($5::text[]) and o.practice_id = any($6::text[])
          order by o.created_at, o.id limit 5) d
      order by p.id, d.created_at, d.id`,
    [
      open.map((r) => r.id),
      open.map((r) => r.patient_key),
      open.map((r) => r.created_at),
      `${LIKELY_DUPLICATE_DAYS} days`,
      terminalStatuses,
      scope.practiceIds,
    ],
  );
  const byReferral = new Map<string, LikelyDuplicate[]>();
  for (const r of rows) {
    const list = byReferral.get(r.of) ?? [];
    list.push({ id: r.id, createdAt: r.created_at.toISOString(), status: r.status, practiceName: r.practice_name });
    byReferral.set(r.of, list);
  }
  return byReferral;
}
