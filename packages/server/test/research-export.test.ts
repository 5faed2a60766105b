import { createHmac, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ResearchExport, parseContract, researchColumns } from '@henvis/contracts';
import type { ResearchProject } from '../src/config.js';
import { researchExport } from '../src/research/export.js';
import { fixtures, t } from './course-fixtures.js';
import { storages, suiteServer } from './harness.js';
import { GRENAA, NORDDJURS } from './fixtures.js';

const NOW = t('2026-12-02T12:00:00Z');
const PROJECT: ResearchProject = { id: 'vive-test', name: 'Test', key: 'a-research-key-of-at-least-32-characters' };
const JAN = '2026-01-05T09:00:00Z';

/** A woman's CPR number born on `ddmmyy` (1900s unless digit 7 says otherwise), different for each n. */
const woman = (ddmmyy: string, n: number, digit7 = 1) => `${ddmmyy}-${digit7}${String(n * 2).padStart(3, '0')}`;

const parseCsv = (csv: string) =>
  csv
    .replace(/^\uFEFF/, '')
    .trimEnd()
    .split('\r\n')
    .map((line) => line.split(','));

describe.each(storages)('the research export on %s', (kind) => {
  const s = suiteServer(kind, { researchProjects: [PROJECT] });
  const practice = () => `r${randomUUID().slice(0, 8)}`;

  /**
   * In one practice, January 2026: ten women in their forties (A1-A10) and five in their twenties (B1-B5, of
   * them B1 referred at 17, 18 by now), and a girl of 16 (Y1).
   */
  async function cohort() {
    const p = practice();
    const f = fixtures(s.db, p);
    const given = '2026-01-08T10:00:00Z';
    const a: string[] = [];
    for (let i = 1; i <= 10; i++) a.push(await f.referral(JAN, { cpr: woman('150382', i), reasons: ['loneliness', 'inactivity'] }));
    for (const id of a.slice(0, 5)) {
      await f.consent(id, given, { kind: 'journal_data' });
      await f.consent(id, given, { kind: 'wellbeing_data' });
    }
    const [a1, , , , , a6, a7, a8, a9] = a as [string, string, string, string, string, string, string, string, string, string];
    await f.consent(a6, given, { kind: 'wellbeing_data' });
    await f.consent(a6, given, { kind: 'journal_data', decision: 'declined' });
    await f.consent(a7, given, { kind: 'journal_data' });
    await f.consent(a8, given, { kind: 'journal_data', withdrawnAt: '2026-11-01T10:00:00Z' });
    // Given on 1 December 2025: its year ended at the start of 1 December 2026, the day before the export.
    await f.consent(a9, '2025-12-01T10:00:00Z', { kind: 'journal_data' });
    const b: string[] = [await f.referral(JAN, { cpr: woman('150608', 1, 4) })];
    for (let i = 2; i <= 5; i++) b.push(await f.referral(JAN, { cpr: woman('150503', i, 4) }));
    for (const id of b) await f.consent(id, '2026-07-01T10:00:00Z', { kind: 'journal_data' });
    const y1 = await f.referral(JAN, { cpr: woman('010310', 1, 4) });
    await f.consent(y1, given, { kind: 'journal_data' });

    await f.contact(a1, '2026-01-06T09:00:00Z');
    await f.contact(a1, '2026-01-20T09:00:00Z');
    await f.offer(a1, [
      ['started', '2026-02-04T09:00:00Z'],
      ['attending_3_months', '2026-05-05T09:00:00Z'],
    ]);
    await f.end(a1, 'closed', 'goal_reached', '2026-06-01T10:00:00Z');
    await f.who5(a1, 'baseline', [2, 2, 2, 2, 2], '2026-01-06T09:00:00Z');
    await f.who5(a1, 'follow_up', [3, 3, 3, 3, 3], '2026-07-15T09:00:00Z');
    await f.who5(a6, 'baseline', [1, 1, 1, 1, 1], '2026-01-06T09:00:00Z');
    await f.who5(a7, 'baseline', [4, 4, 4, 4, 4], '2026-01-06T09:00:00Z');
    return { p, a, b, y1 };
  }

  it('exports exactly the consenting adults, the record under the journal data consent and WHO-5 under the well-being consent', async () => {
    const { p } = await cohort();
    const { export: made, audit } = await researchExport(s.db, { project: PROJECT, practiceIds: [p], now: NOW });
    expect(parseContract(ResearchExport, made).ok).toBe(true);
    // A1-A7 and B1-B5; not A8 (withdrew), A9 (lapsed the day before), A10 (never asked), Y1 (16).
    expect(made.counts).toEqual({ courses: 16, exported: 12, underAge: 1, withoutConsent: 3, withJournalData: 11, withWellbeingData: 6 });
    const [header, ...rows] = parseCsv(made.csv);
    expect(header).toEqual(researchColumns.map((c) => c.name));
    expect(rows).toHaveLength(12);
    const col = (row: string[], name: string) => row[header!.indexOf(name)]!;

    const a1 = rows.find((r) => col(r, 'pseudonym') === createHmac('sha256', PROJECT.key).update(woman('150382', 1)).digest('hex'))!;
    expect(a1).toBeDefined();
    expect(
      [
        'age_band',
        'sex',
        'referral_period',
        'reasons',
        'first_contact_day',
        'linked_day',
        'contacts',
        'offers_started',
        'attending_3_months',
        'status',
        'closing_reason',
        'who5_baseline',
        'who5_baseline_day',
        'who5_follow_up',
        'who5_follow_up_day',
        'who5_follow_up_late',
      ].map((name) => col(a1, name)),
    ).toEqual([
      '40-49',
      'F',
      '2026-01',
      'loneliness|inactivity',
      '1',
      '30',
      '2',
      '1',
      '1',
      'closed',
      'goal_reached',
      '40',
      '1',
      '60',
      '191',
      '0',
    ]);
    expect(col(a1, 'practice')).toMatch(/^[0-9a-f]{16}$/);

    // A6: well-being consent only: WHO-5, nothing from the record. A7: the record only, not its WHO-5 baseline.
    const withWho5Only = rows.filter((r) => col(r, 'who5_baseline') === '20');
    expect(withWho5Only.map((r) => [col(r, 'reasons'), col(r, 'status')])).toEqual([['', '']]);
    expect(rows.some((r) => col(r, 'who5_baseline') === '80')).toBe(false);
    // B1 was referred at 17 and consented at 18: counted in the first band.
    expect(rows.filter((r) => col(r, 'age_band') === '18-29')).toHaveLength(5);

    // No name, note, CPR number or birth date anywhere in the export.
    const text = JSON.stringify(made);
    expect(text).not.toMatch(/Testborger|150382|1982-03-15|\d{6}-\d{4}/);
    // Audited: the export and each consent it relied on.
    expect(audit.filter((e) => e.resourceType === 'consent')).toHaveLength(11 + 6);
    expect(audit.at(-1)).toMatchObject({ action: 'research.export', resourceId: 'vive-test' });
    expect(audit.at(-1)?.detail).toContain('exported 12 of 16');
  });

  it('gives another project other pseudonyms, so two exports cannot be joined without both keys', async () => {
    const { p } = await cohort();
    const other = { ...PROJECT, id: 'other', key: 'another-research-key-of-32-characters-or-more' };
    const first = parseCsv((await researchExport(s.db, { project: PROJECT, practiceIds: [p], now: NOW })).export.csv).slice(1);
    const second = parseCsv((await researchExport(s.db, { project: other, practiceIds: [p], now: NOW })).export.csv).slice(1);
    const pseudonyms = new Set(first.map((r) => r[0]));
    expect(second.some((r) => pseudonyms.has(r[0]))).toBe(false);
    expect(new Set(first.map((r) => r[3]))).not.toEqual(new Set(second.map((r) => r[3])));
  });

  it('coarsens the referral month until every group holds 5, and refuses with the groups when even the coarsest cannot', async () => {
    const p = practice();
    const f = fixtures(s.db, p);
    // Three women in January and two in March: 5 together in the first quarter.
    for (const [i, at] of ['2026-01-05', '2026-01-06', '2026-01-07', '2026-03-02', '2026-03-03'].entries()) {
      await f.consent(await f.referral(`${at}T09:00:00Z`, { cpr: woman('150382', i + 1) }), '2026-03-10T10:00:00Z', {
        kind: 'journal_data',
      });
    }
    const coarsened = await researchExport(s.db, { project: PROJECT, practiceIds: [p], now: NOW });
    expect(coarsened.export.generalisation).toEqual({ level: 1, period: 'quarter', ageBand: 10, practice: 'pseudonym' });
    expect(
      parseCsv(coarsened.export.csv)
        .slice(1)
        .map((r) => r[4]),
    ).toEqual(Array(5).fill('2026-Q1'));

    // A cell of 4: four men and nobody like them.
    const q = practice();
    const men = fixtures(s.db, q);
    for (let i = 1; i <= 4; i++)
      await men.consent(await men.referral(JAN, { cpr: `150382-1${String(i * 2 + 1).padStart(3, '0')}` }), '2026-03-10T10:00:00Z', {
        kind: 'journal_data',
      });
    await expect(researchExport(s.db, { project: PROJECT, practiceIds: [q], now: NOW })).rejects.toMatchObject({
      code: 'k_anonymity_not_met',
      errors: [{ path: 'quasi_identifiers', code: 'k_below_5', message: 'age 40-59, sex M, practice *, period *: fewer than 5' }],
    });
  });

  it('is for coordinators, over the practices their organisation serves, for a configured project, and audited', async () => {
    const { p } = await cohort();
    await s.db.query('insert into navigator_org_practices (navigator_org_id, practice_id) values ($1, $2)', [NORDDJURS, p]);
    const coordinator = s.token('coordinator', NORDDJURS);
    const made = await s.request('POST', '/v1/research-exports', { token: coordinator, body: { project: 'vive-test' } });
    expect(made.status).toBe(200);
    expect(made.body.counts.exported).toBe(12);
    const [audited] = await s.db.query<{ n: number }>(
      "select count(*)::int as n from audit_log where action = 'research.export' and outcome = 'ok' and resource_id = 'vive-test'",
    );
    expect(audited!.n).toBe(1);
    const relied = await s.db.query("select 1 from audit_log where action like 'research.export.%' and resource_type = 'consent'");
    expect(relied.length).toBeGreaterThanOrEqual(17);

    const unknown = await s.request('POST', '/v1/research-exports', { token: coordinator, body: { project: 'nope' } });
    expect(unknown).toMatchObject({ status: 422, body: { code: 'research_project_unknown' } });
    expect(
      (await s.request('POST', '/v1/research-exports', { token: s.token('navigator', NORDDJURS), body: { project: 'vive-test' } })).status,
    ).toBe(403);
    expect(
      (await s.request('POST', '/v1/research-exports', { token: s.token('doctor', GRENAA), body: { project: 'vive-test' } })).status,
    ).toBe(403);
    expect((await s.request('POST', '/v1/research-exports', { token: coordinator, body: {} })).body.code).toBe('validation_failed');
  });
});
