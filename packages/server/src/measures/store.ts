import { closeReasons, inclusionFlags, rejectReasons } from '@henvis/contracts';
import type { Queryable } from '../db/database.js';

// The SQL of the pilot's measures: raw counts over the referrals of a period (cohorts by referral month), before
// the small-cell rule. Both passes read the same cohort from referral_facts (one narrow row per referral, kept by
// triggers: migrations/016_referral_facts.sql, where each fact's definition is): the scope's practices, the
// period, not cancelled; an index-only scan of the practices and months asked for.

/** The referrals counted: these practices, sent in [from, to), and not cancelled. */
export interface Cohort {
  practiceIds: string[];
  from: Date;
  to: Date;
  now: Date;
}

const cohort = `
  cohort as (
    select f.* from referral_facts f
     where f.practice_id = any($1::text[]) and f.created_at >= $2 and f.created_at < $3 and f.status <> 'cancelled'
  )`;
const cohortParams = (c: Cohort) => [c.practiceIds, c.from, c.to];
/** The cohort's parameters, and `now` as $4. */
const params = (c: Cohort) => [...cohortParams(c), c.now];

export async function firstReferralAt(tx: Queryable, practiceIds: string[]): Promise<Date | undefined> {
  // Per practice, the first of its index: min() over `any` would read every row of them.
  const [row] = await tx.query<{ at: Date | null }>(
    `select min(f.at) as at from unnest($1::text[]) as p (id)
       cross join lateral (select created_at as at from referral_facts
                            where practice_id = p.id and status <> 'cancelled' order by created_at limit 1) f`,
    [practiceIds],
  );
  return row?.at ?? undefined;
}

/** Per referral month and practice: the referrals, and the 3-month linking of those referred long enough ago. */
export interface MonthRow {
  month: string;
  practice_id: string;
  /** Referrals. */
  n: number;
  /** Referred at least 3 months ago; of them, started in an offer within 3 months of the referral. */
  eligible: number;
  linked: number;
  /** Started an offer at least 3 months ago; of them, attending at 3 months. */
  started_long_ago: number;
  attending: number;
}

export const byMonthAndPractice = (tx: Queryable, c: Cohort) =>
  tx.query<MonthRow>(
    `with ${cohort}
     select month, practice_id, count(*)::int as n,
            count(*) filter (where linked_by <= $4)::int as eligible,
            count(*) filter (where linked_by <= $4 and started_at <= linked_by)::int as linked,
            count(*) filter (where attending_known_at <= $4)::int as started_long_ago,
            count(*) filter (where attending_known_at <= $4 and attending)::int as attending
       from cohort group by month, practice_id`,
    params(c),
  );

/** The whole cohort at once: first contact, contacts per closed course, WHO-5, reasons and inclusion flags. */
export interface TotalsRow {
  /** Hours from the referral to the first contact that reached the citizen; rejected referrals not counted. */
  median_hours: number | null;
  p90_hours: number | null;
  reached: number;
  /** Reached within the deadline, of those reached or past their deadline. */
  within: number;
  eligible: number;
  /** Reached contacts per closed course. */
  courses: number;
  p25: number | null;
  median: number | null;
  p75: number | null;
  within_usual: number;
  /** WHO-5 percentages of the citizens whose well-being consent is in force; paired unless the follow-up was late. */
  pairs: number;
  mean_change: number | null;
  improved: number;
  baseline_mean: number | null;
  baseline_le50: number;
  baseline_le28: number;
  follow_up_mean: number | null;
  follow_up_le50: number;
  follow_up_le28: number;
  /** Baselines whose follow-up window has opened (6 months, from the start of the day); of them, paired. */
  due: number;
  taken: number;
  late: number;
  /** Closed courses and rejected referrals by reason; referrals by inclusion flag missed. */
  closed: Record<string, number>;
  rejected: Record<string, number>;
  flags: Record<string, number>;
}

const countsOf = (column: string, values: readonly string[], where = 'true') =>
  `jsonb_build_object(${values.map((v) => `'${v}', count(*) filter (where ${where} and ${column} = '${v}')`).join(', ')})`;

export async function totals(tx: Queryable, c: Cohort, usual: { min: number; max: number }): Promise<TotalsRow> {
  const pair = 'wellbeing_in_force and who5_baseline is not null and who5_follow_up is not null';
  const [row] = await tx.query<Omit<TotalsRow, 'median_hours' | 'p90_hours' | 'p25' | 'median' | 'p75'> & Percentiles>(
    `with ${cohort}
     select percentile_cont(array[0.5, 0.9]) within group (order by extract(epoch from first_reached_at - created_at) / 3600)
              filter (where status <> 'rejected') as hours,
            count(first_reached_at) filter (where status <> 'rejected')::int as reached,
            count(*) filter (where status <> 'rejected' and first_reached_at <= first_contact_due_at)::int as within,
            count(*) filter (where status <> 'rejected' and (first_reached_at is not null or first_contact_due_at <= $4))::int as eligible,

            count(*) filter (where status = 'closed')::int as courses,
            percentile_cont(array[0.25, 0.5, 0.75]) within group (order by reached_contacts) filter (where status = 'closed') as quartiles,
            count(*) filter (where status = 'closed' and reached_contacts between $5 and $6)::int as within_usual,

            count(*) filter (where ${pair})::int as pairs,
            avg(who5_follow_up - who5_baseline) filter (where ${pair})::float8 as mean_change,
            count(*) filter (where ${pair} and who5_follow_up - who5_baseline >= 10)::int as improved,
            avg(who5_baseline) filter (where ${pair})::float8 as baseline_mean,
            count(*) filter (where ${pair} and who5_baseline <= 50)::int as baseline_le50,
            count(*) filter (where ${pair} and who5_baseline <= 28)::int as baseline_le28,
            avg(who5_follow_up) filter (where ${pair})::float8 as follow_up_mean,
            count(*) filter (where ${pair} and who5_follow_up <= 50)::int as follow_up_le50,
            count(*) filter (where ${pair} and who5_follow_up <= 28)::int as follow_up_le28,
            count(*) filter (where wellbeing_in_force and who5_due_at <= $4)::int as due,
            count(*) filter (where ${pair} and who5_due_at <= $4)::int as taken,
            count(*) filter (where wellbeing_in_force and who5_late)::int as late,

            ${countsOf('closing_reason', closeReasons, "status = 'closed'")} as closed,
            ${countsOf('rejection_reason', rejectReasons, "status = 'rejected'")} as rejected,
            jsonb_build_object(${inclusionFlags.map((f) => `'${f}', count(*) filter (where '${f}' = any(flags))`).join(', ')}) as flags
       from cohort`,
    [...params(c), usual.min, usual.max],
  );
  if (!row) throw new Error('An aggregate without group by returns one row.');
  // One sort for each ordered set: percentile_cont of an array gives its percentiles in one pass.
  const { hours, quartiles, ...rest } = row;
  const [median_hours = null, p90_hours = null] = hours ?? [];
  const [p25 = null, median = null, p75 = null] = quartiles ?? [];
  return { ...rest, median_hours, p90_hours, p25, median, p75 };
}

interface Percentiles {
  hours: (number | null)[] | null;
  quartiles: (number | null)[] | null;
}

export const unmetNeedCounts = (tx: Queryable, c: Cohort) =>
  tx.query<{ category: string; area: string; n: number }>(
    `with ${cohort}
     select u.category, u.area, count(*)::int as n from cohort r join unmet_needs u on u.referral_id = r.referral_id
      group by u.category, u.area order by n desc, u.category, u.area`,
    cohortParams(c),
  );

/** The name each practice last referred under; a practice that never referred is known by its id only. */
export async function practiceNames(tx: Queryable, practiceIds: string[]): Promise<Map<string, string>> {
  const rows = await tx.query<{ practice_id: string; name: string | null }>(
    `select p.id as practice_id,
            (select r.practice->>'name' from referrals r where r.practice_id = p.id order by r.created_at desc limit 1) as name
       from unnest($1::text[]) as p (id)`,
    [practiceIds],
  );
  return new Map(rows.flatMap((r) => (r.name ? [[r.practice_id, r.name] as const] : [])));
}
