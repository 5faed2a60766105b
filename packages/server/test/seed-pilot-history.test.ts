import { describe, expect, it } from 'vitest';
import {
  NewReferral,
  checkTransition,
  consentText,
  consentTextHash,
  inclusionFlagsFor,
  parseContract,
  type ReferralStatus,
  type Role,
} from '@henvis/contracts';
import { reservedCprs, reservedNames } from '../src/pilot-history/citizens.js';
import { pseudonymise } from '../src/pseudonym.js';
import { seedPilotHistory } from '../src/seed-pilot-history.js';
import { storages, suiteServer, type UntypedJson } from './harness.js';
import { GRENAA, KAREN, NORDDJURS, OLE, key, referral } from './fixtures.js';

// The demo's two years of pilot history (HENVIS_DEMO_HISTORY=1), seeded at start: every chart of the coordinator's
// results has something to show, the rows are what the API itself would have stored, and the demo's own citizens
// and worklists are left alone.

const PSEUDONYM_KEY = 'pilot-history-test-pseudonym-key';
const TABLES = ['referrals', 'referral_events', 'contact_log', 'plans', 'offer_links', 'consents', 'who5_responses', 'unmet_needs'];

describe.each(storages)('the demo pilot history on %s', (kind) => {
  const s = suiteServer(kind, { demoHistory: true, pseudonymKey: PSEUDONYM_KEY });
  const measures = async (): Promise<UntypedJson> => {
    const response = await s.request('GET', '/v1/measures', { token: s.token('coordinator', NORDDJURS) });
    expect(response.status).toBe(200);
    return response.body;
  };

  it('gives every chart of the results something to show: two years of referrals, linked courses, WHO-5 pairs', async () => {
    const m = await measures();
    expect(m.referrals.byMonth.filter((b: UntypedJson) => b.count !== 0)).toHaveLength(24);
    // Every month and both practices have 5 or more: no chart of the referrals has a hidden bar.
    expect(m.referrals.byMonth.every((b: UntypedJson) => b.count === 0 || b.count >= 5)).toBe(true);
    expect(m.referrals.byPractice.map((p: UntypedJson) => [p.practiceId, p.count >= 5])).toEqual([
      ['045678', true],
      ['045679', true],
    ]);
    expect(m.referrals.total).toBeGreaterThanOrEqual(500);
    expect(m.referrals.total).toBeLessThanOrEqual(700);
    expect(m.linked.withinThreeMonths.share).toBeGreaterThan(0.3);
    expect(m.linked.withinThreeMonths.share).toBeLessThan(0.7);
    expect(m.linked.attendingAtThreeMonths.share).toBeGreaterThan(0.5);
    expect(m.who5.pairs).toBeGreaterThanOrEqual(50);
    expect(m.who5.meanChange).toBeGreaterThan(0);
    expect(m.who5.late).not.toBe(0);
    expect(m.firstContact.medianHours).toBeLessThan(48);
    expect(m.contacts.median).toBeGreaterThanOrEqual(5);
    expect(m.contacts.median).toBeLessThanOrEqual(9);
    expect(m.closing.reasons.filter((r: UntypedJson) => r.count !== 0).length).toBeGreaterThanOrEqual(4);
    expect(m.rejections.total).not.toBe(0);
    expect(m.unmetNeeds.items.length).toBeGreaterThanOrEqual(4);
  });

  it('leaves the demo as it is where the navigators work: nothing new, nobody waiting for a contact or a follow-up', async () => {
    const navigator = s.token('navigator', NORDDJURS);
    const waiting = await s.db.query("select 1 from referrals where status in ('sent', 'received', 'accepted')");
    expect(waiting).toEqual([]);
    expect((await s.request('GET', '/v1/first-contacts', { token: navigator })).body.items).toEqual([]);
    expect((await s.request('GET', '/v1/who5-follow-ups', { token: navigator })).body.items).toEqual([]);
    expect((await s.request('GET', '/v1/next-steps', { token: navigator })).body.items).toEqual([]);
    // The open courses' next steps are ahead, and kept with their referrals as insertPlan keeps them (migration 028).
    const steps = await s.db.query<{ kept: string | null; planned: string }>(
      `select to_char(r.next_step_date, 'YYYY-MM-DD') as kept, p.content->>'nextStepDate' as planned
         from referrals r join plans p on p.referral_id = r.id where r.status not in ('closed', 'rejected', 'cancelled')`,
    );
    expect(steps.length).toBeGreaterThan(10);
    for (const { kept, planned } of steps) expect(kept).toBe(planned);
    const [latest] = await s.db.query<{ at: Date }>('select max(created_at) as at from referrals');
    expect(Date.now() - latest!.at.getTime()).toBeGreaterThan(21 * 86_400_000);
    // The end-to-end loop records "community" in Allingåbro, and finds it once.
    expect(await s.db.query("select 1 from unmet_needs where category = 'community' and area = 'Allingåbro'")).toEqual([]);
  });

  it('stores what the API would have: valid referrals under the pseudonym of their CPR number, allowed moves, real consent texts', async () => {
    const rows = await s.db.query<{
      id: string;
      patient_key: string;
      status: ReferralStatus;
      created_at: Date;
      content: unknown;
      flags: string[];
    }>('select id, patient_key, status, created_at, content, flags from referrals');
    for (const row of rows) {
      const parsed = parseContract(NewReferral, row.content);
      expect(parsed).toMatchObject({ ok: true });
      if (!parsed.ok) continue;
      expect(row.patient_key).toBe(pseudonymise(PSEUDONYM_KEY, parsed.value.patient.cpr));
      expect(row.flags).toEqual(inclusionFlagsFor(parsed.value, row.created_at));
      expect(row.content).not.toHaveProperty('consent');
    }
    expect(new Set(rows.map((r) => r.patient_key)).size).toBe(rows.length);
    expect(rows.filter((r) => r.flags.includes('under_18')).length).toBeGreaterThan(0);

    const events = await s.db.query<{
      referral_id: string;
      seq: number;
      type: string;
      from_status: ReferralStatus | null;
      to_status: ReferralStatus;
      actor: { role: Role };
    }>('select referral_id, seq, type, from_status, to_status, actor from referral_events order by referral_id, seq');
    const timelines = new Map<string, typeof events>();
    for (const e of events) timelines.set(e.referral_id, [...(timelines.get(e.referral_id) ?? []), e]);
    for (const row of rows) {
      const timeline = timelines.get(row.id) ?? [];
      expect(timeline.map((e) => e.seq)).toEqual(timeline.map((_, i) => i + 1));
      expect(timeline[0]).toMatchObject({ type: 'created', to_status: 'sent' });
      for (const e of timeline.slice(1)) expect(checkTransition(e.from_status ?? 'sent', e.to_status, e.actor.role)).toEqual({ ok: true });
      expect(timeline.at(-1)?.to_status).toBe(row.status);
    }

    const hashes = new Set(
      await Promise.all(
        (['journal_data', 'wellbeing_data'] as const).flatMap((k) =>
          (['da', 'en'] as const).map((l) => consentTextHash(consentText(k, l))),
        ),
      ),
    );
    const consents = await s.db.query<{ record: { textHash: string } }>('select record from consents');
    expect(consents.length).toBeGreaterThan(0);
    for (const c of consents) expect(hashes.has(c.record.textHash)).toBe(true);

    // The API reads them as its own: a seeded course opens like any other.
    const [closed] = await s.db.query<{ id: string }>("select id from referrals where status = 'closed' limit 1");
    const read = await s.request('GET', `/v1/referrals/${closed!.id}/contacts`, { token: s.token('navigator', NORDDJURS) });
    expect(read.status).toBe(200);
    expect(read.body.reachedCount).toBeGreaterThanOrEqual(3);
  });

  it('never uses the demo citizens of the tests and the README', async () => {
    const keys = [...reservedCprs].map((cpr) => pseudonymise(PSEUDONYM_KEY, cpr));
    expect(await s.db.query('select 1 from referrals where patient_key = any($1::text[])', [keys])).toEqual([]);
    expect(await s.db.query("select 1 from referrals where content->'patient'->>'name' = any($1::text[])", [[...reservedNames]])).toEqual(
      [],
    );
    expect(reservedCprs.has(KAREN) && reservedCprs.has(OLE) && reservedNames.has('Karen Jensen')).toBe(true);
    // Karen referred now is the only Karen Jensen there is.
    const created = await s.request('POST', '/v1/referrals', {
      token: s.token('doctor', GRENAA),
      body: referral(),
      headers: { 'idempotency-key': key() },
    });
    expect(created.status).toBe(201);
    const found = await s.request('POST', '/v1/referrals/search', { token: s.token('navigator', NORDDJURS), body: { text: KAREN } });
    expect(found.body.items.map((r: UntypedJson) => r.id)).toEqual([created.body.id]);
  });

  it('seeds once: a second run, or a restart, adds nothing', async () => {
    const before = await Promise.all(TABLES.map((t) => s.count(t)));
    expect(await seedPilotHistory(s.db, { pseudonymKey: PSEUDONYM_KEY, now: new Date() })).toEqual({ seeded: false, referrals: 0 });
    expect(await Promise.all(TABLES.map((t) => s.count(t)))).toEqual(before);
    // The measures' facts were made for the history in one go, and their triggers are on again: Karen, referred
    // through the API after the seed, has hers too.
    expect(await s.count('referral_facts')).toBe(await s.count('referrals'));
  });
});

describe.each(storages)('the server tests on %s', (kind) => {
  const s = suiteServer(kind);
  it('start without the history', async () => {
    expect(await s.count('referrals')).toBe(0);
  });
});
