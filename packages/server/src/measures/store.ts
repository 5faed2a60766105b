import type { Queryable } from '../db/database.js';

// The SQL of the pilot's measures: raw counts over the referrals of a period (cohorts by referral month), before
// the small-cell rule. Every query starts from the same cohort: the scope's practices, the period, not cancelled.

/** The referrals counted: these practices, sent in [from, to), and not cancelled. */
export interface Cohort {
  practiceIds: string[];
  from: Date;
  to: Date;
  now: Date;
}

const TZ = `'Europe/Copenhagen'`;
/** `t` plus n Danish calendar months (a day the month lacks becomes its last day, as `addMonths` does). */
const plusMonths = (t: string, months: number) => `((${t} at time zone ${TZ}) + interval '${months} months') at time zone ${TZ}`;
/** The start of the Danish day n months after `t`, as `who5FollowUpWindow` counts. */
const dayPlusMonths = (t: string, months: number) =>
  `(date_trunc('day', ${t} at time zone ${TZ}) + interval '${months} months') at time zone ${TZ}`;

const cohort = `
  cohort as (
    select r.id, r.practice_id, r.practice->>'name' as practice_name, r.status, r.created_at, r.first_contact_due_at, r.flags,
           to_char(r.created_at at time zone ${TZ}, 'YYYY-MM') as month
      from referrals r
     where r.practice_id = any($1::text[]) and r.created_at >= $2 and r.created_at < $3 and r.status <> 'cancelled'
  )`;
const params = (c: Cohort) => [c.practiceIds, c.from, c.to];
/** The cohort's parameters, then `now` as $4. */
const withNow = (c: Cohort) => [...params(c), c.now];

export async function firstReferralAt(tx: Queryable, practiceIds: string[]): Promise<Date | undefined> {
  const [row] = await tx.query<{ at: Date | null }>(
    "select min(created_at) as at from referrals where practice_id = any($1::text[]) and status <> 'cancelled'",
    [practiceIds],
  );
  return row?.at ?? undefined;
}

export interface MonthPracticeCount {
  month: string;
  practice_id: string;
  practice_name: string;
  n: number;
}

export const referralsByMonthAndPractice = (tx: Queryable, c: Cohort) =>
  tx.query<MonthPracticeCount>(
    `with ${cohort}
     select month, practice_id, min(practice_name) as practice_name, count(*)::int as n from cohort group by month, practice_id`,
    params(c),
  );

export interface FirstContactRow {
  median_hours: number | null;
  p90_hours: number | null;
  reached: number;
  within: number;
  eligible: number;
}

/** The first contact that reached the citizen, against its deadline; rejected referrals are not counted. */
export async function firstContacts(tx: Queryable, c: Cohort): Promise<FirstContactRow> {
  const [row] = await tx.query<FirstContactRow>(
    `with ${cohort},
     reached as (
       select r.first_contact_due_at as due,
              (select min(k.at) from contact_log k where k.referral_id = r.id and k.outcome = 'reached') as at,
              r.created_at
         from cohort r where r.status <> 'rejected'
     )
     select percentile_cont(0.5) within group (order by extract(epoch from at - created_at) / 3600) as median_hours,
            percentile_cont(0.9) within group (order by extract(epoch from at - created_at) / 3600) as p90_hours,
            count(at)::int as reached,
            count(*) filter (where at <= due)::int as within,
            count(*) filter (where at is not null or due <= $4)::int as eligible
       from reached`,
    withNow(c),
  );
  return row ?? { median_hours: null, p90_hours: null, reached: 0, within: 0, eligible: 0 };
}

export interface LinkedRow {
  month: string;
  eligible: number;
  linked: number;
  started_long_ago: number;
  attending: number;
}

/**
 * Per referral month: referred at least 3 months ago, and of them started in an offer within 3 months of the
 * referral; started at least 3 months ago, and of them attending at 3 months.
 */
export const linkedByMonth = (tx: Queryable, c: Cohort) =>
  tx.query<LinkedRow>(
    `with ${cohort},
     links as (
       select r.month, r.created_at,
              (select min((h->>'at')::timestamptz) from offer_links l cross join lateral jsonb_array_elements(l.history) h
                where l.referral_id = r.id and h->>'state' = 'started') as started_at,
              exists (select 1 from offer_links l where l.referral_id = r.id and l.history @> '[{"state":"attending_3_months"}]') as attending
         from cohort r
     )
     select month,
            count(*) filter (where ${plusMonths('created_at', 3)} <= $4)::int as eligible,
            count(*) filter (where ${plusMonths('created_at', 3)} <= $4 and started_at <= ${plusMonths('created_at', 3)})::int as linked,
            count(*) filter (where ${dayPlusMonths('started_at', 3)} <= $4)::int as started_long_ago,
            count(*) filter (where ${dayPlusMonths('started_at', 3)} <= $4 and attending)::int as attending
       from links group by month`,
    withNow(c),
  );

export interface ContactsRow {
  courses: number;
  p25: number | null;
  median: number | null;
  p75: number | null;
  within_usual: number;
}

/** Contacts that reached the citizen, per closed course. */
export async function contactsPerClosedCourse(tx: Queryable, c: Cohort, usual: { min: number; max: number }): Promise<ContactsRow> {
  const [row] = await tx.query<ContactsRow>(
    `with ${cohort},
     courses as (
       select (select count(*) from contact_log k where k.referral_id = r.id and k.outcome = 'reached')::int as n
         from cohort r where r.status = 'closed'
     )
     select count(*)::int as courses,
            percentile_cont(0.25) within group (order by n) as p25,
            percentile_cont(0.5) within group (order by n) as median,
            percentile_cont(0.75) within group (order by n) as p75,
            count(*) filter (where n between $4 and $5)::int as within_usual
       from courses`,
    [...params(c), usual.min, usual.max],
  );
  return row ?? { courses: 0, p25: null, median: null, p75: null, within_usual: 0 };
}

export interface Who5Row {
  pairs: number;
  mean_change: number | null;
  improved: number;
  baseline_mean: number | null;
  baseline_le50: number;
  baseline_le28: number;
  follow_up_mean: number | null;
  follow_up_le50: number;
  follow_up_le28: number;
  due: number;
  taken: number;
  late: number;
}

/**
 * WHO-5 percentages (raw × 4) of the citizens whose well-being consent is in force: paired when the follow-up
 * was taken in its window; due once the window opened (6 months after the baseline, from the start of the day).
 */
export async function who5Pairs(tx: Queryable, c: Cohort): Promise<Who5Row> {
  const score = (kind: string, late: string) =>
    `(select (select sum(v::int) from jsonb_array_elements_text(x.answers) v) * 4
        from who5_responses x where x.referral_id = r.id and x.kind = '${kind}' ${late} limit 1)`;
  const [row] = await tx.query<Who5Row>(
    `with ${cohort},
     measured as (
       select ${score('baseline', '')} as b,
              ${score('follow_up', 'and not x.late')} as f,
              exists (select 1 from who5_responses x where x.referral_id = r.id and x.kind = 'follow_up' and x.late) as late,
              (select x.taken_at from who5_responses x where x.referral_id = r.id and x.kind = 'baseline' limit 1) as b_at
         from cohort r
        where coalesce((select k.decision = 'given' and k.withdrawn_at is null from consents k
                         where k.referral_id = r.id and k.kind = 'wellbeing_data' order by k.decided_at desc, k.id limit 1), false)
     ),
     paired as (select *, b is not null and f is not null as pair from measured)
     select count(*) filter (where pair)::int as pairs,
            avg(f - b) filter (where pair)::float8 as mean_change,
            count(*) filter (where pair and f - b >= 10)::int as improved,
            avg(b) filter (where pair)::float8 as baseline_mean,
            count(*) filter (where pair and b <= 50)::int as baseline_le50,
            count(*) filter (where pair and b <= 28)::int as baseline_le28,
            avg(f) filter (where pair)::float8 as follow_up_mean,
            count(*) filter (where pair and f <= 50)::int as follow_up_le50,
            count(*) filter (where pair and f <= 28)::int as follow_up_le28,
            count(*) filter (where b_at is not null and ${dayPlusMonths('b_at', 6)} <= $4)::int as due,
            count(*) filter (where pair and ${dayPlusMonths('b_at', 6)} <= $4)::int as taken,
            count(*) filter (where late)::int as late
       from paired`,
    withNow(c),
  );
  if (!row) throw new Error('An aggregate without group by returns one row.');
  return row;
}

/** The reasons of the referrals that ended in `status` (closed or rejected), from their last change to it. */
export const reasons = (tx: Queryable, c: Cohort, status: 'closed' | 'rejected') =>
  tx.query<{ reason: string; n: number }>(
    `with ${cohort}
     select e.reason, count(*)::int as n
       from cohort r
       cross join lateral (select reason from referral_events e where e.referral_id = r.id and e.to_status = $4
                            order by e.seq desc limit 1) e
      where r.status = $4
      group by e.reason`,
    [...params(c), status],
  );

export async function inclusionFlagCounts(tx: Queryable, c: Cohort): Promise<{ total: number; flags: { flag: string; n: number }[] }> {
  const flags = await tx.query<{ flag: string; n: number }>(
    `with ${cohort} select f.flag, count(*)::int as n from cohort r cross join jsonb_array_elements_text(r.flags) f (flag) group by f.flag`,
    params(c),
  );
  const [total] = await tx.query<{ n: number }>(`with ${cohort} select count(*)::int as n from cohort`, params(c));
  return { total: total?.n ?? 0, flags };
}

export const unmetNeedCounts = (tx: Queryable, c: Cohort) =>
  tx.query<{ category: string; area: string; n: number }>(
    `with ${cohort}
     select u.category, u.area, count(*)::int as n from cohort r join unmet_needs u on u.referral_id = r.id
      group by u.category, u.area order by n desc, u.category, u.area`,
    params(c),
  );

/** The name each practice last referred under; a practice that never referred is known by its id only. */
export async function practiceNames(tx: Queryable, practiceIds: string[]): Promise<Map<string, string>> {
  const rows = await tx.query<{ practice_id: string; name: string }>(
    `select distinct on (practice_id) practice_id, practice->>'name' as name
       from referrals where practice_id = any($1::text[]) order by practice_id, created_at desc`,
    [practiceIds],
  );
  return new Map(rows.map((r) => [r.practice_id, r.name]));
}
