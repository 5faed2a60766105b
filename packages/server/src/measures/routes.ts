import {
  FIRST_CONTACT_WORKING_DAYS,
  PILOT_GOALS,
  USUAL_CONTACTS,
  addMonths,
  closeReasons,
  danishDate,
  inclusionFlags,
  measureDefinitions,
  needCategories,
  publishCount,
  publishPartition,
  publishRatio,
  publishRunningSums,
  publishStatistic,
  rejectReasons,
  smallCellRule,
  startOfDanishDay,
  type Measures,
  type MeasuresQuery,
} from '@henvis/contracts';
import type { FastifyPluginAsync } from 'fastify';
import { isNavigatorSide } from '../http/guard.js';
import { HttpProblem } from '../http-problem.js';
import { answer, problems, query, tagRoutes } from '../http/schemas.js';
import type { Queryable } from '../db/database.js';
import {
  contactsPerClosedCourse,
  firstContacts,
  firstReferralAt,
  inclusionFlagCounts,
  linkedByMonth,
  practiceNames,
  reasons,
  referralsByMonthAndPractice,
  unmetNeedCounts,
  who5Pairs,
  type Cohort,
} from './store.js';

/** The longest period asked for at once: the pilot's two years, and some. */
const MAX_MONTHS = 120;

const monthStart = (month: string) => startOfDanishDay(`${month}-01`);
const nextMonth = (month: string) => addMonths(`${month}-01`, 1).slice(0, 7);

function monthsOf(from: string, to: string): string[] {
  const months: string[] = [];
  for (let m = from; m <= to && months.length <= MAX_MONTHS; m = nextMonth(m)) months.push(m);
  return months;
}

/** The cell of a list built beside `keys` (same length): null is a withheld cell, not a missing one. */
const cellAt = <T>(cells: readonly T[], i: number): T => cells[i] as T;

const invalidPeriod = (message: string) => new HttpProblem('invalid_query', message, [{ path: 'from', code: 'invalid_period', message }]);

/** Counts in a fixed order of keys (every reason, flag or category listed, 0 where none), as a partition. */
function partition(keys: readonly string[], rows: { key: string; n: number }[]) {
  const counts = keys.map((k) => rows.filter((r) => r.key === k).reduce((sum, r) => sum + r.n, 0));
  const total = counts.reduce((a, b) => a + b, 0);
  return { total: publishCount(total), counts: publishPartition(counts) };
}

/**
 * The pilot's measures over cohorts by referral month, every count past the small-cell rule. Exported for the
 * payment-by-results report and the tests; the route adds the scope and the audit.
 */
export async function computeMeasures(
  tx: Queryable,
  { practiceIds, from, to, now }: { practiceIds: string[]; from: string; to: string; now: Date },
): Promise<Measures> {
  const months = monthsOf(from, to);
  const cohort: Cohort = { practiceIds, from: monthStart(from), to: monthStart(nextMonth(to)), now };
  const names = await practiceNames(tx, practiceIds);
  const counts = await referralsByMonthAndPractice(tx, cohort);

  const monthCounts = months.map((m) => counts.filter((c) => c.month === m).reduce((sum, c) => sum + c.n, 0));
  const monthCells = publishPartition(monthCounts);
  const running = publishRunningSums(monthCounts, monthCells);
  const perMonth = PILOT_GOALS.referrals / PILOT_GOALS.months;
  const practiceCounts = practiceIds.map((id) => counts.filter((c) => c.practice_id === id).reduce((sum, c) => sum + c.n, 0));
  const practiceCells = publishPartition(practiceCounts);
  const total = monthCounts.reduce((a, b) => a + b, 0);

  const contact = await firstContacts(tx, cohort);
  const linked = await linkedByMonth(tx, cohort);
  const sum = (key: 'eligible' | 'linked' | 'started_long_ago' | 'attending') => linked.reduce((s, r) => s + r[key], 0);
  const courses = await contactsPerClosedCourse(tx, cohort, USUAL_CONTACTS);
  const who5 = await who5Pairs(tx, cohort);
  const closed = partition(
    closeReasons,
    (await reasons(tx, cohort, 'closed')).map((r) => ({ key: r.reason, n: r.n })),
  );
  const rejected = partition(
    rejectReasons,
    (await reasons(tx, cohort, 'rejected')).map((r) => ({ key: r.reason, n: r.n })),
  );
  const flags = await inclusionFlagCounts(tx, cohort);
  const needs = (await unmetNeedCounts(tx, cohort)).filter((n) => (needCategories as readonly string[]).includes(n.category));

  return {
    generatedAt: now.toISOString(),
    period: { from, to },
    practices: practiceIds.map((id) => ({ id, name: names.get(id) ?? id })),
    smallCellRule,
    referrals: {
      definition: measureDefinitions.referrals,
      goal: { total: PILOT_GOALS.referrals, months: PILOT_GOALS.months, perMonth },
      total: publishCount(total),
      byMonth: months.map((month, i) => ({
        month,
        count: cellAt(monthCells, i),
        cumulative: cellAt(running, i),
        pace: Math.round(perMonth * (i + 1) * 10) / 10,
      })),
      byPractice: practiceIds.map((id, i) => ({ practiceId: id, practiceName: names.get(id) ?? id, count: cellAt(practiceCells, i) })),
    },
    firstContact: {
      definition: measureDefinitions.firstContact,
      goal: { workingDays: FIRST_CONTACT_WORKING_DAYS },
      medianHours: publishStatistic(contact.median_hours, contact.reached),
      p90Hours: publishStatistic(contact.p90_hours, contact.reached),
      withinDeadline: publishRatio(contact.within, contact.eligible),
    },
    linked: {
      definition: measureDefinitions.linked,
      goal: { share: PILOT_GOALS.linkedShare, months: PILOT_GOALS.linkedWithinMonths },
      withinThreeMonths: publishRatio(sum('linked'), sum('eligible')),
      attendingAtThreeMonths: publishRatio(sum('attending'), sum('started_long_ago')),
      byMonth: months.map((month) => {
        const row = linked.find((r) => r.month === month);
        return { month, linked: publishRatio(row?.linked ?? 0, row?.eligible ?? 0) };
      }),
    },
    contacts: {
      definition: measureDefinitions.contacts,
      usual: { ...USUAL_CONTACTS },
      closedCourses: publishCount(courses.courses),
      median: publishStatistic(courses.median, courses.courses),
      p25: publishStatistic(courses.p25, courses.courses),
      p75: publishStatistic(courses.p75, courses.courses),
      withinUsual: publishRatio(courses.within_usual, courses.courses),
    },
    who5: {
      definition: measureDefinitions.who5,
      pairs: publishCount(who5.pairs),
      meanChange: publishStatistic(round1(who5.mean_change), who5.pairs),
      improvedBy10: publishRatio(who5.improved, who5.pairs),
      baseline: {
        mean: publishStatistic(round1(who5.baseline_mean), who5.pairs),
        atOrBelow50: publishRatio(who5.baseline_le50, who5.pairs),
        atOrBelow28: publishRatio(who5.baseline_le28, who5.pairs),
      },
      followUp: {
        mean: publishStatistic(round1(who5.follow_up_mean), who5.pairs),
        atOrBelow50: publishRatio(who5.follow_up_le50, who5.pairs),
        atOrBelow28: publishRatio(who5.follow_up_le28, who5.pairs),
      },
      completion: publishRatio(who5.taken, who5.due),
      late: publishCount(who5.late),
    },
    closing: {
      definition: measureDefinitions.closing,
      total: closed.total,
      reasons: closeReasons.map((reason, i) => ({ reason, count: cellAt(closed.counts, i) })),
    },
    rejections: {
      definition: measureDefinitions.rejections,
      total: rejected.total,
      reasons: rejectReasons.map((reason, i) => ({ reason, count: cellAt(rejected.counts, i) })),
    },
    inclusionFlags: {
      definition: measureDefinitions.inclusionFlags,
      referrals: publishCount(flags.total),
      flags: inclusionFlags.map((flag) => ({ flag, count: publishCount(flags.flags.find((f) => f.flag === flag)?.n ?? 0) })),
    },
    unmetNeeds: {
      definition: measureDefinitions.unmetNeeds,
      items: needs.map((n) => ({ category: n.category as (typeof needCategories)[number], area: n.area, count: publishCount(n.n) })),
    },
  };
}

const round1 = (value: number | null) => (value === null ? null : Math.round(value * 10) / 10);

/** The pilot's measures for coordinators (and navigators), over the practices their organisation serves. */
// eslint-disable-next-line @typescript-eslint/require-await -- a Fastify plugin is async so a registration error rejects ready(), not the process; lint can't see it
export const measuresRoutes: FastifyPluginAsync = async (app) => {
  const { guard } = app;
  tagRoutes(app, 'results');

  app.get<{ Querystring: MeasuresQuery }>(
    '/measures',
    {
      schema: {
        operationId: 'getMeasures',
        summary:
          "The pilot's measures over cohorts by referral month (coordinators, navigators): referrals against 700 in 2 years, first contact, linked within 3 months against 50 %, contacts per course, paired WHO-5, reasons, flags and unmet needs. Counts 1-4 are '< 5'.",
        querystring: query('MeasuresQuery'),
        response: { 200: answer('The measures', 'Measures'), ...problems(400, 401, 403) },
      },
      preValidation: guard.allow(isNavigatorSide, 'measures.read', 'The measures are for the coordinators and navigators.'),
    },
    async (request) =>
      guard.audited(request, async (tx, log) => {
        const now = new Date();
        const { practiceIds: served } = await guard.scope(tx, request.principal);
        const { practice } = request.query;
        const practiceIds = practice === undefined ? served : served.filter((id) => id === practice);
        const to = request.query.to ?? danishDate(now).slice(0, 7);
        const first = await firstReferralAt(tx, practiceIds);
        const from = request.query.from ?? (first ? danishDate(first).slice(0, 7) : to);
        if (from > to) return invalidPeriod('`from` is after `to`.');
        if (monthsOf(from, to).length > MAX_MONTHS) return invalidPeriod(`At most ${MAX_MONTHS} months at once.`);
        log.push({
          action: 'measures.read',
          outcome: 'ok',
          resourceType: 'measures',
          detail: `${from}..${to}${practice ? ` ${practice}` : ''}`,
        });
        return computeMeasures(tx, { practiceIds, from, to, now });
      }),
  );
};
