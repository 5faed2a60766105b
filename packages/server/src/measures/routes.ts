import {
  FIRST_CONTACT_WORKING_DAYS,
  PILOT_GOALS,
  USUAL_CONTACTS,
  addMonths,
  closeReasons,
  danishDate,
  inclusionFlags,
  measureDefinitions,
  categoryCodes,
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
import { byMonthAndPractice, firstReferralAt, practiceNames, totals, unmetNeedCounts, type Cohort, type MonthRow } from './store.js';

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

/** Counts in a fixed order of keys (every reason listed, 0 where none), as a partition. */
function partition(keys: readonly string[], byKey: Record<string, number>) {
  const counts = keys.map((k) => byKey[k] ?? 0);
  const total = counts.reduce((a, b) => a + b, 0);
  return { total: publishCount(total), counts: publishPartition(counts) };
}

/**
 * The pilot's measures over cohorts by referral month, every count past the small-cell rule. Exported for the
 * payment-by-results report and the tests; the route adds the scope and the audit.
 */
export async function computeMeasures(
  tx: Queryable,
  {
    practiceIds,
    served = practiceIds,
    from,
    to,
    now,
  }: { practiceIds: string[]; served?: string[] | undefined; from: string; to: string; now: Date },
): Promise<Measures> {
  const months = monthsOf(from, to);
  const cohort: Cohort = { practiceIds, from: monthStart(from), to: monthStart(nextMonth(to)), now };
  const names = await practiceNames(tx, served);
  const rows = await byMonthAndPractice(tx, cohort);
  const t = await totals(tx, cohort, USUAL_CONTACTS);
  const needs = (await unmetNeedCounts(tx, cohort)).filter((n) => (categoryCodes as readonly string[]).includes(n.category));

  const sumOf = (key: 'n' | 'eligible' | 'linked' | 'started_long_ago' | 'attending', of: (r: MonthRow) => boolean = () => true) =>
    rows.filter(of).reduce((sum, r) => sum + r[key], 0);
  const monthCounts = months.map((m) => sumOf('n', (r) => r.month === m));
  const monthCells = publishPartition(monthCounts);
  const running = publishRunningSums(monthCounts, monthCells);
  const perMonth = PILOT_GOALS.referrals / PILOT_GOALS.months;
  const practiceCells = publishPartition(practiceIds.map((id) => sumOf('n', (r) => r.practice_id === id)));
  const closed = partition(closeReasons, t.closed);
  const rejected = partition(rejectReasons, t.rejected);

  return {
    generatedAt: now.toISOString(),
    period: { from, to },
    practices: served.map((id) => ({ id, name: names.get(id) ?? id })),
    smallCellRule,
    referrals: {
      definition: measureDefinitions.referrals,
      goal: { total: PILOT_GOALS.referrals, months: PILOT_GOALS.months, perMonth },
      total: publishCount(sumOf('n')),
      byMonth: months.map((month, i) => ({
        month,
        count: cellAt(monthCells, i),
        cumulative: cellAt(running, i),
        // The pace reaches the goal after 24 months and stays there.
        pace: Math.min(PILOT_GOALS.referrals, Math.round(perMonth * (i + 1) * 10) / 10),
      })),
      byPractice: practiceIds.map((id, i) => ({ practiceId: id, practiceName: names.get(id) ?? id, count: cellAt(practiceCells, i) })),
    },
    firstContact: {
      definition: measureDefinitions.firstContact,
      goal: { workingDays: FIRST_CONTACT_WORKING_DAYS },
      medianHours: publishStatistic(t.median_hours, t.reached),
      p90Hours: publishStatistic(t.p90_hours, t.reached),
      withinDeadline: publishRatio(t.within, t.eligible),
    },
    linked: {
      definition: measureDefinitions.linked,
      goal: { share: PILOT_GOALS.linkedShare, months: PILOT_GOALS.linkedWithinMonths },
      withinThreeMonths: publishRatio(sumOf('linked'), sumOf('eligible')),
      attendingAtThreeMonths: publishRatio(sumOf('attending'), sumOf('started_long_ago')),
      byMonth: months.map((month) => {
        const of = (r: MonthRow) => r.month === month;
        return { month, linked: publishRatio(sumOf('linked', of), sumOf('eligible', of)) };
      }),
    },
    contacts: {
      definition: measureDefinitions.contacts,
      usual: { ...USUAL_CONTACTS },
      closedCourses: publishCount(t.courses),
      median: publishStatistic(t.median, t.courses),
      p25: publishStatistic(t.p25, t.courses),
      p75: publishStatistic(t.p75, t.courses),
      withinUsual: publishRatio(t.within_usual, t.courses),
    },
    who5: {
      definition: measureDefinitions.who5,
      pairs: publishCount(t.pairs),
      meanChange: publishStatistic(round1(t.mean_change), t.pairs),
      improvedBy10: publishRatio(t.improved, t.pairs),
      baseline: {
        mean: publishStatistic(round1(t.baseline_mean), t.pairs),
        atOrBelow50: publishRatio(t.baseline_le50, t.pairs),
        atOrBelow28: publishRatio(t.baseline_le28, t.pairs),
      },
      followUp: {
        mean: publishStatistic(round1(t.follow_up_mean), t.pairs),
        atOrBelow50: publishRatio(t.follow_up_le50, t.pairs),
        atOrBelow28: publishRatio(t.follow_up_le28, t.pairs),
      },
      completion: publishRatio(t.taken, t.due),
      late: publishCount(t.late),
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
      referrals: publishCount(sumOf('n')),
      flags: inclusionFlags.map((flag) => ({ flag, count: publishCount(t.flags[flag] ?? 0) })),
    },
    unmetNeeds: {
      definition: measureDefinitions.unmetNeeds,
      items: needs.map((n) => ({ category: n.category as (typeof categoryCodes)[number], area: n.area, count: publishCount(n.n) })),
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
        // The practice asked for is named only when it is one the organisation serves: other text is the client's
        // own, and may be personal data (the fuzz found a name written into the audit log).
        const asked = practice === undefined ? '' : served.includes(practice) ? ` ${practice}` : ' (a practice not served)';
        log.push({ action: 'measures.read', outcome: 'ok', resourceType: 'measures', detail: `${from}..${to}${asked}` });
        return computeMeasures(tx, { practiceIds, served, from, to, now });
      }),
  );
};
