import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadMigrations, migrate } from '../src/db/migrate.js';
import { openTestDatabase } from '../src/db/test-database.js';
import { storages, suiteServer } from './harness.js';
import { AUNING, GRENAA, NORDDJURS, SYDDJURS, key, referral } from './fixtures.js';

describe.each(storages)('the contact log and the first contact on %s', (kind) => {
  const s = suiteServer(kind);

  const doctor = () => s.token('doctor', GRENAA);
  const navigator = () => s.token('navigator', NORDDJURS);
  const newReferral = async (steps: string[] = ['received', 'accepted']): Promise<string> => {
    const id = (await s.request('POST', '/v1/referrals', { token: doctor(), body: referral(), headers: { 'idempotency-key': key() } })).body
      .id;
    for (const to of steps)
      expect((await s.request('POST', `/v1/referrals/${id}/transitions`, { token: navigator(), body: { to } })).status).toBe(200);
    return id;
  };
  const phoneCall = (minutesAgo = 10, outcome = 'reached') => ({
    kind: 'phone',
    outcome,
    at: new Date(Date.now() - minutesAgo * 60_000).toISOString(),
    durationMinutes: 15,
    note: 'Aftalt møde i biblioteket torsdag.',
  });
  const logContact = (id: string, body: unknown, token = navigator()) => s.request('POST', `/v1/referrals/${id}/contacts`, { token, body });
  const contacts = (id: string) => s.request('GET', `/v1/referrals/${id}/contacts`, { token: navigator() });

  it('logs contacts with kind, time, duration and note; the first makes the referral "contacted" on the timeline', async () => {
    const id = await newReferral();
    const first = await logContact(id, phoneCall(60));
    expect(first).toMatchObject({
      status: 201,
      body: { kind: 'phone', outcome: 'reached', durationMinutes: 15, by: { name: 'Sofie Kjær', role: 'navigator' } },
    });
    expect((await s.request('GET', `/v1/referrals/${id}`, { token: doctor() })).body.status).toBe('contacted');
    await logContact(id, { kind: 'meeting', outcome: 'reached', at: new Date().toISOString(), durationMinutes: 60 });
    const log = await contacts(id);
    expect(log.body).toMatchObject({
      count: 2,
      reachedCount: 2,
      usual: { min: 6, max: 12 },
      firstContactOverdue: false,
      hoursToFirstContact: 0,
    });
    expect(log.body.items.map((c: { kind: string }) => c.kind)).toEqual(['phone', 'meeting']);
    const events = await s.request('GET', `/v1/referrals/${id}/events`, { token: doctor() });
    expect(events.body.items.at(-1)).toMatchObject({ from: 'accepted', to: 'contacted', actor: { name: 'Sofie Kjær' } });
  });

  it('lets a call nobody answered and a message left wait for the first contact; the first that reached the citizen stops the clock', async () => {
    const id = await newReferral();
    const waiting = async () =>
      ((await s.request('GET', '/v1/first-contacts', { token: navigator() })).body.items as { referralId: string }[]).some(
        (i) => i.referralId === id,
      );
    const status = async () => (await s.request('GET', `/v1/referrals/${id}`, { token: doctor() })).body.status as string;

    expect(await logContact(id, phoneCall(90, 'not_reached'))).toMatchObject({ status: 201, body: { outcome: 'not_reached' } });
    expect(await logContact(id, { ...phoneCall(60, 'left_message'), kind: 'sms' })).toMatchObject({
      status: 201,
      body: { outcome: 'left_message' },
    });
    const unanswered = (await contacts(id)).body;
    expect(unanswered).toMatchObject({ count: 2, reachedCount: 0, firstContactOverdue: false });
    expect(unanswered.firstContactAt).toBeUndefined();
    expect(unanswered.hoursToFirstContact).toBeUndefined();
    expect(await status()).toBe('accepted');
    expect(await waiting()).toBe(true);

    const reached = phoneCall(30);
    expect((await logContact(id, reached)).status).toBe(201);
    const log = (await contacts(id)).body;
    expect(log).toMatchObject({ count: 3, reachedCount: 1, firstContactAt: reached.at, hoursToFirstContact: 0 });
    expect(log.items.map((c: { outcome: string }) => c.outcome)).toEqual(['not_reached', 'left_message', 'reached']);
    expect(await status()).toBe('contacted');
    expect(await waiting()).toBe(false);
    const events = await s.request('GET', `/v1/referrals/${id}/events`, { token: doctor() });
    expect(events.body.items.filter((e: { to: string }) => e.to === 'contacted')).toHaveLength(1);
  });

  it('refuses a contact without an outcome, or with an unknown one, on the outcome field, and stores nothing', async () => {
    const id = await newReferral();
    const before = await s.count('contact_log');
    const { outcome: _, ...withoutOutcome } = phoneCall();
    for (const body of [withoutOutcome, phoneCall(10, 'busy')])
      expect(await logContact(id, body)).toMatchObject({
        status: 400,
        body: { code: 'validation_failed', errors: [{ path: 'outcome' }] },
      });
    expect(await s.count('contact_log')).toBe(before);
    expect((await s.request('GET', `/v1/referrals/${id}`, { token: doctor() })).body.status).toBe('accepted');
  });

  it('shows a referral without first contact as overdue after 2 working days', async () => {
    const id = await newReferral();
    expect((await contacts(id)).body).toMatchObject({ count: 0, firstContactOverdue: false });
    await s.db.query("update referrals set created_at = created_at - interval '8 days' where id = $1", [id]);
    const late = await contacts(id);
    expect(late.body.firstContactOverdue).toBe(true);
    expect(new Date(late.body.firstContactDueAt).getTime()).toBeLessThan(Date.now());
    await logContact(id, phoneCall());
    expect((await contacts(id)).body).toMatchObject({ firstContactOverdue: true, count: 1 }); // it came late, and stays so
  });

  it('refuses contacts before the referral is taken, after it is closed, in the future, or malformed; and to others', async () => {
    const before = await s.count('contact_log');
    expect(await logContact(await newReferral(['received']), phoneCall())).toMatchObject({
      status: 409,
      body: { code: 'referral_not_accepted' },
    });
    const closed = await newReferral(['received', 'accepted']);
    await s.request('POST', `/v1/referrals/${closed}/transitions`, {
      token: navigator(),
      body: { to: 'rejected', reason: 'duplicate', note: 'Henvist to gange.' },
    });
    expect((await logContact(closed, phoneCall())).body.code).toBe('invalid_transition');
    const id = await newReferral();
    expect((await logContact(id, phoneCall(-60))).body.code).toBe('contact_in_future');
    expect(await logContact(id, { ...phoneCall(), kind: 'carrier_pigeon' })).toMatchObject({
      status: 400,
      body: { errors: [{ path: 'kind' }] },
    });
    expect((await logContact(id, { ...phoneCall(), durationMinutes: 0 })).body.errors).toEqual([
      expect.objectContaining({ path: 'durationMinutes' }),
    ]);
    expect(await logContact(id, phoneCall(), doctor())).toMatchObject({ status: 403, body: { code: 'role_not_allowed' } });
    expect((await logContact(id, phoneCall(), s.token('navigator', SYDDJURS))).status).toBe(404);
    expect((await s.request('GET', `/v1/referrals/${id}/contacts`, { token: s.token('navigator', SYDDJURS) })).status).toBe(404);
    expect((await logContact(id, phoneCall(), s.token('doctor', AUNING))).status).toBe(403); // practice staff never log contacts
    expect(await s.count('contact_log')).toBe(before);
  });
});

describe.each(storages)('the outcome of contacts logged before it on %s', (kind) => {
  it('keeps them as contacts that reached the citizen, and wants it said of every new one', async () => {
    const store = await openTestDatabase(kind);
    const { db } = store;
    try {
      const migrations = loadMigrations();
      const beforeOutcomes = migrations.filter((m) => m.version < 13);
      await migrate(db, beforeOutcomes);
      const [referralId, contactId] = [randomUUID(), randomUUID()];
      await db.query(
        `insert into referrals (id, practice_id, patient_key, status, created_at, updated_at, practice, referrer, content, flags)
         values ($1, '045678', 'k', 'contacted', now(), now(), '{}', '{}', '{}', '[]')`,
        [referralId],
      );
      const contact = `insert into contact_log (id, referral_id, kind, at, duration_minutes, by_actor) values ($1, $2, 'phone', now(), 5, '{}')`;
      await db.query(contact, [contactId, referralId]);
      await migrate(db, migrations);
      expect(await db.query('select outcome from contact_log where id = $1', [contactId])).toEqual([{ outcome: 'reached' }]);
      await expect(db.query(contact, [randomUUID(), referralId])).rejects.toThrow(/outcome/);
    } finally {
      await store.dispose();
    }
  });
});

describe.each(storages)('the individual plan on %s', (kind) => {
  const s = suiteServer(kind);

  const doctor = () => s.token('doctor', GRENAA);
  const navigator = () => s.token('navigator', NORDDJURS);
  const plan = {
    goals: 'Jeg vil gerne ud af huset to gange om ugen og lære nogen at kende.',
    bridgeBuilder: false,
    companion: true,
    nextStep: 'Sofie følger Karen til gåklubben første gang.',
    nextStepDate: '2026-12-03',
  };

  it('saves the plan in versions; the first moves a contacted referral to "plan made"; the GP can read it', async () => {
    const id = (await s.request('POST', '/v1/referrals', { token: doctor(), body: referral(), headers: { 'idempotency-key': key() } })).body
      .id;
    const save = (body: unknown, token = navigator()) => s.request('PUT', `/v1/referrals/${id}/plan`, { token, body });
    expect((await save(plan)).body.code).toBe('referral_not_accepted');
    for (const to of ['received', 'accepted'] as const)
      await s.request('POST', `/v1/referrals/${id}/transitions`, { token: navigator(), body: { to } });
    await s.request('POST', `/v1/referrals/${id}/contacts`, {
      token: navigator(),
      body: { kind: 'meeting', outcome: 'reached', at: new Date().toISOString(), durationMinutes: 45 },
    });
    expect(await save(plan)).toMatchObject({ status: 200, body: { version: 1, companion: true, savedBy: { name: 'Sofie Kjær' } } });
    expect((await s.request('GET', `/v1/referrals/${id}`, { token: doctor() })).body.status).toBe('plan_made');
    expect(
      (await save({ ...plan, nextStep: 'Karen går selv til gåklubben.', nextStepDate: '2026-12-10', companion: false })).body.version,
    ).toBe(2);
    const read = await s.request('GET', `/v1/referrals/${id}/plan`, { token: doctor() });
    expect(read.body.plan).toMatchObject({ version: 2, companion: false, goals: plan.goals });
    expect((await save(plan, doctor())).body.code).toBe('role_not_allowed');
    expect(await save({ ...plan, goals: ' ', nextStepDate: '2026-13-01' })).toMatchObject({
      status: 400,
      body: { errors: [{ path: 'goals' }, { path: 'nextStepDate' }] },
    });
    expect((await s.request('GET', `/v1/referrals/${id}/plan`, { token: s.token('navigator', SYDDJURS) })).status).toBe(404);
  });
});

describe.each(storages)('unmet needs on %s', (kind) => {
  const s = suiteServer(kind);

  it('records needs no offer met and sums them by category and area for the organisation, and no one else', async () => {
    const doctor = s.token('doctor', GRENAA);
    const coordinator = s.token('coordinator', NORDDJURS);
    const id = (await s.request('POST', '/v1/referrals', { token: doctor, body: referral(), headers: { 'idempotency-key': key() } })).body
      .id;
    const record = (body: unknown, token = s.token('navigator', NORDDJURS)) => s.request('POST', '/v1/unmet-needs', { token, body });
    expect(await record({ referralId: id, category: 'creative', area: 'Allingåbro', note: 'Intet malehold i dagtimerne.' })).toMatchObject({
      status: 201,
      body: { category: 'creative', area: 'Allingåbro', recordedBy: { name: 'Sofie Kjær' } },
    });
    await record({ referralId: id, category: 'creative', area: 'Allingåbro ' });
    await record({ referralId: id, category: 'nature', area: 'Grenaa' });
    const summary = await s.request('GET', '/v1/unmet-needs/summary', { token: coordinator });
    expect(summary.body.items.map((i: { category: string; area: string; count: number }) => [i.category, i.area, i.count])).toEqual([
      ['creative', 'Allingåbro', 2],
      ['nature', 'Grenaa', 1],
    ]);
    expect((await s.request('GET', '/v1/unmet-needs/summary', { token: s.token('coordinator', SYDDJURS) })).body.items).toEqual([]);
    expect((await record({ referralId: id, category: 'creative', area: 'X' }, s.token('navigator', SYDDJURS))).status).toBe(404);
    expect((await record({ referralId: id, category: 'creative', area: 'X' }, doctor)).status).toBe(403);
    expect(await record({ referralId: id, category: 'bingo', area: '' })).toMatchObject({
      status: 400,
      body: { errors: [{ path: 'category' }, { path: 'area' }] },
    });
  });
});

describe.each(storages)("the navigators' first-contact worklist on %s", (kind) => {
  const s = suiteServer(kind);

  it('lists open referrals without a first contact, marks the overdue ones, and drops them once contacted', async () => {
    const doctor = s.token('doctor', GRENAA);
    const navigator = s.token('navigator', NORDDJURS);
    const create = async () =>
      (await s.request('POST', '/v1/referrals', { token: doctor, body: referral(), headers: { 'idempotency-key': key() } })).body
        .id as string;
    const fresh = await create();
    const late = await create();
    await s.db.query("update referrals set created_at = created_at - interval '10 days' where id = $1", [late]);
    const list = async (query = '') =>
      (await s.request('GET', `/v1/first-contacts${query}`, { token: navigator })).body.items as { referralId: string; overdue: boolean }[];
    const all = await list();
    expect(all.find((i) => i.referralId === fresh)).toMatchObject({ overdue: false });
    expect(all.find((i) => i.referralId === late)).toMatchObject({ overdue: true, patientName: 'Karen Jensen' });
    expect(all.findIndex((i) => i.referralId === late)).toBeLessThan(all.findIndex((i) => i.referralId === fresh)); // oldest first
    expect((await list('?state=overdue')).map((i) => i.referralId)).toContain(late);
    expect((await list('?state=overdue')).map((i) => i.referralId)).not.toContain(fresh);

    for (const to of ['received', 'accepted'])
      await s.request('POST', `/v1/referrals/${late}/transitions`, { token: navigator, body: { to } });
    await s.request('POST', `/v1/referrals/${late}/contacts`, {
      token: navigator,
      body: { kind: 'phone', outcome: 'reached', at: new Date().toISOString(), durationMinutes: 5 },
    });
    expect((await list()).map((i) => i.referralId)).not.toContain(late);
    expect((await s.request('GET', '/v1/first-contacts', { token: s.token('navigator', SYDDJURS) })).body.items).toEqual([]);
    expect((await s.request('GET', '/v1/first-contacts', { token: doctor })).status).toBe(403);
    expect((await s.request('GET', '/v1/first-contacts?state=soon', { token: navigator })).body.code).toBe('invalid_query');
  });
});
