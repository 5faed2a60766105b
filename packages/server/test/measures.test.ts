import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Measures, firstContactDueAt, parseContract } from '@henvis/contracts';
import { computeMeasures } from '../src/measures/routes.js';
import { byMonthAndPractice, totals, unmetNeedCounts, type Cohort } from '../src/measures/store.js';
import { backfillFirstContactDue } from '../src/referrals/store.js';
import { fixtures, t } from './course-fixtures.js';
import { storages, suiteServer } from './harness.js';
import { AUNING, GRENAA, NORDDJURS, SYDDJURS } from './fixtures.js';

// The measures' definitions on small hand-made data, the right answers worked out here: one practice of its own
// per test, referrals of January 2026 (all at least 3 months old on 2 December 2026) and of November 2026.

const NOW = new Date('2026-12-02T12:00:00Z');
const usual = { min: 6, max: 12 };
const COUNT_KEYS = new Set(['count', 'numerator', 'denominator', 'total', 'pairs', 'late', 'closedCourses', 'referrals']);
/** Every count of people in the measures, wherever it sits. */
function countsIn(value: unknown): unknown[] {
  if (Array.isArray(value)) return value.flatMap(countsIn);
  if (!value || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, v]) => (COUNT_KEYS.has(key) && typeof v !== 'object' ? [v] : countsIn(v)));
}

/** January to November 2026, Danish months. */
const cohortOf = (practiceIds: string[]): Cohort => ({
  practiceIds,
  from: t('2025-12-31T23:00:00Z'),
  to: t('2026-11-30T23:00:00Z'),
  now: NOW,
});

describe.each(storages)('the pilot measures on %s', (kind) => {
  const s = suiteServer(kind);
  const practice = () => `m${randomUUID().slice(0, 8)}`;

  /**
   * Seven referrals that count and one cancelled (R6), in one practice:
   * R1-R6 on Monday 5 January 2026 09:00Z, R7 on Friday 20 November, R8 on Wednesday 25 November.
   */
  async function pilot() {
    const p = practice();
    const f = fixtures(s.db, p);
    const jan = '2026-01-05T09:00:00Z';
    const [r1, r2, r3, r4, r5, r6] = [
      await f.referral(jan),
      await f.referral(jan),
      await f.referral(jan),
      await f.referral(jan),
      await f.referral(jan),
      await f.referral(jan, { status: 'cancelled' }),
    ] as [string, string, string, string, string, string];
    const r7 = await f.referral('2026-11-20T09:00:00Z', { flags: ['not_reachable'] });
    const r8 = await f.referral('2026-11-25T09:00:00Z', { flags: ['not_reachable', 'under_18'] });

    // First contacts: a call nobody answered does not count; R1 after 3 h, R2 after 120 h (late), R5 and R7 after 24 h.
    await f.contact(r1, '2026-01-05T10:00:00Z', 'not_reached');
    await f.contact(r1, '2026-01-05T12:00:00Z');
    await f.contact(r2, '2026-01-05T10:00:00Z', 'left_message');
    await f.contact(r2, '2026-01-10T09:00:00Z');
    await f.contact(r4, '2026-01-05T10:00:00Z'); // rejected: not counted
    await f.contact(r5, '2026-01-06T09:00:00Z');
    await f.contact(r6, '2026-01-05T10:00:00Z'); // cancelled: not counted
    await f.contact(r7, '2026-11-21T09:00:00Z');
    // Closed courses: R1 7 reached contacts, R2 12, R5 3.
    await f.contacts(r1, 6, '2026-02-01T10:00:00Z');
    await f.contacts(r2, 11, '2026-02-01T10:00:00Z');
    await f.contacts(r5, 2, '2026-02-01T10:00:00Z');
    await f.end(r1, 'closed', 'goal_reached', '2026-06-01T10:00:00Z');
    await f.end(r2, 'closed', 'declined', '2026-06-01T10:00:00Z');
    await f.end(r5, 'closed', 'moved', '2026-06-01T10:00:00Z');
    await f.end(r4, 'rejected', 'outside_target_group', '2026-01-06T10:00:00Z');

    // Offers: R1 started within 3 months and attending at 3 months; R2 started after 4 months; R5 started and stopped.
    await f.offer(r1, [
      ['proposed', '2026-01-20T10:00:00Z'],
      ['started', '2026-02-05T10:00:00Z'],
      ['attending_3_months', '2026-05-06T10:00:00Z'],
    ]);
    await f.offer(r2, [['started', '2026-05-10T10:00:00Z']]);
    await f.offer(r5, [
      ['started', '2026-03-01T10:00:00Z'],
      ['stopped', '2026-04-01T10:00:00Z'],
    ]);
    await f.offer(r7, [['started', '2026-11-25T10:00:00Z']]);

    // WHO-5: R1 a pair (40 → 60); R2 a late follow-up; R3 a baseline past its window's opening; R5 withdrew; R7 not due.
    for (const id of [r1, r2, r3, r7]) await f.consent(id, '2026-01-08T10:00:00Z');
    await f.consent(r5, '2026-01-08T10:00:00Z', { withdrawnAt: '2026-08-01T10:00:00Z' });
    await f.who5(r1, 'baseline', [2, 2, 2, 2, 2], '2026-01-10T10:00:00Z');
    await f.who5(r1, 'follow_up', [3, 3, 3, 3, 3], '2026-07-15T10:00:00Z');
    await f.who5(r2, 'baseline', [1, 1, 1, 1, 1], '2026-01-10T10:00:00Z');
    await f.who5(r2, 'follow_up', [4, 4, 4, 4, 4], '2026-10-01T10:00:00Z', true);
    await f.who5(r3, 'baseline', [2, 2, 2, 1, 1], '2026-01-12T10:00:00Z');
    await f.who5(r5, 'baseline', [4, 4, 4, 4, 4], '2026-01-12T10:00:00Z');
    await f.who5(r5, 'follow_up', [4, 4, 4, 4, 3], '2026-07-20T10:00:00Z');
    await f.who5(r7, 'baseline', [3, 3, 3, 3, 3], '2026-11-21T10:00:00Z');

    await f.unmetNeed(r1, 'community', 'Grenaa');
    await f.unmetNeed(r3, 'community', 'Grenaa');
    await f.unmetNeed(r2, 'nature', 'Auning');
    await f.unmetNeed(r6, 'nature', 'Auning'); // cancelled: not counted
    return { p, f, ids: { r1, r2, r3, r4, r5, r6, r7, r8 } };
  }

  it('counts referrals by month and practice, leaving out the cancelled one and other practices', async () => {
    const { p } = await pilot();
    const other = practice();
    await fixtures(s.db, other).referral('2026-03-03T09:00:00Z');
    const rows = await byMonthAndPractice(s.db, cohortOf([p]));
    expect(rows.map((r) => [r.month, r.n]).sort()).toEqual([
      ['2026-01', 5],
      ['2026-11', 2],
    ]);
    // A referral at 23:30Z on 31 January is 1 February in Denmark.
    await fixtures(s.db, other).referral('2026-01-31T23:30:00Z');
    expect((await byMonthAndPractice(s.db, cohortOf([other]))).map((r) => [r.month, r.n]).sort()).toEqual([
      ['2026-02', 1],
      ['2026-03', 1],
    ]);
  });

  it('measures the first contact that reached the citizen, against 2 working days, without rejected or cancelled', async () => {
    const { p } = await pilot();
    const contact = await totals(s.db, cohortOf([p]), usual);
    // Hours 3, 24, 24, 120: median 24; 90th percentile 24 + 0.7 × (120 - 24) = 91.2 (linear, as percentile_cont).
    expect(contact.reached).toBe(4);
    expect(contact.median_hours).toBeCloseTo(24);
    expect(contact.p90_hours).toBeCloseTo(91.2);
    // Due: 2 working days after; R1, R5 and R7 in time, R2 late; R3 and R8 never reached and past their deadline.
    expect(contact.within).toBe(3);
    expect(contact.eligible).toBe(6);
  });

  it('counts as linked only an offer started within 3 months, of the citizens referred 3 months ago or more', async () => {
    const { p } = await pilot();
    const byMonth = await byMonthAndPractice(s.db, cohortOf([p]));
    const jan = byMonth.find((r) => r.month === '2026-01');
    const nov = byMonth.find((r) => r.month === '2026-11');
    // January: R1-R5 referred long enough ago (R4 rejected, still counted); R1 and R5 started in time, R2 after 4 months.
    expect(jan).toMatchObject({ eligible: 5, linked: 2, started_long_ago: 3, attending: 1 });
    // November: too recent to count; R7 started 25 November, less than 3 months ago.
    expect(nov).toMatchObject({ eligible: 0, linked: 0, started_long_ago: 0, attending: 0 });
  });

  it('counts the contacts that reached the citizen per closed course, against the usual 6-12', async () => {
    const { p } = await pilot();
    // Closed: R1 7, R2 12, R5 3: quartiles 5, 7, 9.5 (linear); R1 and R2 inside 6-12.
    expect(await totals(s.db, cohortOf([p]), usual)).toMatchObject({
      courses: 3,
      p25: 5,
      median: 7,
      p75: 9.5,
      within_usual: 2,
    });
  });

  it('pairs WHO-5 only inside the window and under a consent in force, and counts the late and the due apart', async () => {
    const { p } = await pilot();
    expect(await totals(s.db, cohortOf([p]), usual)).toMatchObject({
      pairs: 1,
      mean_change: 20,
      improved: 1,
      baseline_mean: 40,
      baseline_le50: 1,
      baseline_le28: 0,
      follow_up_mean: 60,
      follow_up_le50: 0,
      follow_up_le28: 0,
      // R1, R2 and R3 had their window open by 2 December; R7's opens in May 2027; R5 withdrew.
      due: 3,
      taken: 1,
      late: 1,
    });
  });

  it('counts closing and rejection reasons, inclusion flags and unmet needs of the cohort', async () => {
    const { p } = await pilot();
    const c = cohortOf([p]);
    const { closed, rejected, flags } = await totals(s.db, c, usual);
    expect(closed).toEqual({
      goal_reached: 1,
      joined_community: 0,
      declined: 1,
      not_reachable: 0,
      moved: 1,
      needs_other_help: 0,
      other: 0,
    });
    expect(rejected).toEqual({ outside_target_group: 1, outside_area: 0, not_motivated: 0, duplicate: 0, other: 0 });
    expect(flags).toEqual({ under_18: 1, not_motivated: 0, no_social_need: 0, outside_area: 0, not_reachable: 2 });
    expect(await unmetNeedCounts(s.db, c)).toEqual([
      { category: 'community', area: 'Grenaa', n: 2 },
      { category: 'nature', area: 'Auning', n: 1 },
    ]);
  });

  it('gives the referrals stored before the deadline column theirs at start, from the Danish working days', async () => {
    const p = practice();
    const id = await fixtures(s.db, p).referral('2026-12-23T09:00:00Z');
    await s.db.query('update referrals set first_contact_due_at = null where id = $1', [id]);
    expect(await backfillFirstContactDue(s.db)).toBeGreaterThanOrEqual(1);
    const [row] = await s.db.query<{ due: Date }>('select first_contact_due_at as due from referrals where id = $1', [id]);
    // Wednesday 23 December: the 24th-26th and the weekend are no working days, so the deadline is after Tuesday 29th.
    expect(row!.due.toISOString()).toBe(firstContactDueAt(t('2026-12-23T09:00:00Z')).toISOString());
    expect(row!.due.getTime()).toBeGreaterThan(t('2026-12-29T00:00:00Z').getTime());
    expect(await backfillFirstContactDue(s.db)).toBe(0);
  });

  it('publishes no count from 1 to 4, and withholds what a total would reveal', async () => {
    const p = practice();
    const f = fixtures(s.db, p);
    for (let i = 0; i < 12; i++) await f.referral('2026-01-05T09:00:00Z');
    for (let i = 0; i < 4; i++) await f.referral('2026-02-05T09:00:00Z');
    for (let i = 0; i < 7; i++) await f.referral('2026-03-05T09:00:00Z');
    const m = await computeMeasures(s.db, { practiceIds: [p], from: '2026-01', to: '2026-04', now: NOW });
    expect(parseContract(Measures, m).ok).toBe(true);
    // February's 4 is "< 5"; March's 7 is withheld, or 23 - 12 - 7 would give February away.
    expect(m.referrals.byMonth.map((b) => [b.month, b.count, b.cumulative])).toEqual([
      ['2026-01', 12, 12],
      ['2026-02', '< 5', null],
      ['2026-03', null, 23],
      ['2026-04', 0, 23],
    ]);
    expect(m.referrals.total).toBe(23);
    expect(m.referrals.byMonth[0]!.pace).toBeCloseTo(29.2);
    const long = await computeMeasures(s.db, { practiceIds: [p], from: '2026-01', to: '2028-06', now: NOW });
    expect(long.referrals.byMonth.map((b) => b.pace).slice(22, 26)).toEqual([670.8, 700, 700, 700]);
    // No contacts: no median, and nothing within the deadline of the 23 all past it.
    expect(m.firstContact).toMatchObject({ medianHours: null, withinDeadline: { numerator: 0, denominator: 23, share: 0 } });
    expect(countsIn(m).filter((n) => typeof n === 'number' && n >= 1 && n <= 4)).toEqual([]);
  });

  it('answers coordinators and navigators for the practices they serve, audits every read, and refuses a bad period', async () => {
    const coordinator = s.token('coordinator', NORDDJURS);
    const read = await s.request('GET', '/v1/measures?from=2026-01&to=2026-11', { token: coordinator });
    expect(read.status).toBe(200);
    expect(parseContract(Measures, read.body).ok).toBe(true);
    expect(read.body.practices.map((p: { id: string }) => p.id)).toContain(GRENAA);
    const [audited] = await s.db.query<{ n: number }>(
      "select count(*)::int as n from audit_log where action = 'measures.read' and outcome = 'ok' and detail = '2026-01..2026-11'",
    );
    expect(audited!.n).toBeGreaterThanOrEqual(1);

    const one = await s.request('GET', `/v1/measures?practice=${GRENAA}`, { token: s.token('navigator', NORDDJURS) });
    expect(one.status).toBe(200);
    expect(one.body.referrals.byPractice.map((p: { practiceId: string }) => p.practiceId)).toEqual([GRENAA]);
    expect(one.body.practices.map((p: { id: string }) => p.id)).toEqual(expect.arrayContaining([GRENAA, AUNING]));
    // An organisation that serves no practice sees no one's figures.
    expect((await s.request('GET', '/v1/measures', { token: s.token('navigator', SYDDJURS) })).body.practices).toEqual([]);
    const unserved = await s.request('GET', '/v1/measures?practice=999999', { token: coordinator });
    expect(unserved.body.referrals).toMatchObject({ total: 0, byPractice: [] });

    expect((await s.request('GET', '/v1/measures', { token: s.token('doctor', GRENAA) })).status).toBe(403);
    const backwards = await s.request('GET', '/v1/measures?from=2026-06&to=2026-01', { token: coordinator });
    expect(backwards).toMatchObject({ status: 400, body: { code: 'invalid_query', errors: [{ path: 'from', code: 'invalid_period' }] } });
    const month = await s.request('GET', '/v1/measures?from=2026-13', { token: coordinator });
    expect(month).toMatchObject({ status: 400, body: { code: 'invalid_query', errors: [{ path: 'from' }] } });
  });
});
