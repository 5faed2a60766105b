import { danishDate } from '@henvis/contracts';
import { describe, expect, it } from 'vitest';
import { storages, suiteServer } from './harness.js';
import { AUNING, GRENAA, KAREN, NORDDJURS, OLE, SYDDJURS, key, referral } from './fixtures.js';

const DAY = 86_400_000;
const day = (offset: number) => danishDate(new Date(Date.now() + offset * DAY));
const plan = (nextStepDate: string, nextStep = 'Ring og aftal et møde.') => ({
  goals: 'Ud af huset to gange om ugen.',
  bridgeBuilder: false,
  companion: false,
  nextStep,
  nextStepDate,
});

describe.each(storages)("the navigators' worklists on %s", (kind) => {
  const s = suiteServer(kind);
  const navigator = () => s.token('navigator', NORDDJURS);
  const coordinator = () => s.token('coordinator', NORDDJURS);
  let counter = 0;
  /** A referral taken by `token`'s user, for a citizen of its own unless `cpr` says. */
  const course = async (token: string, { practice = GRENAA, cpr, name }: { practice?: string; cpr?: string; name?: string } = {}) => {
    counter += 1;
    const cprOf = cpr ?? `${String(10 + (counter % 18)).padStart(2, '0')}0180-${String(1000 + counter)}`;
    const created = await s.request('POST', '/v1/referrals', {
      token: s.token('doctor', practice),
      body: referral({ patient: { cpr: cprOf, name: name ?? `Borger ${counter}` } }),
      headers: { 'idempotency-key': key() },
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    for (const to of ['received', 'accepted'])
      expect((await s.request('POST', `/v1/referrals/${id}/transitions`, { token, body: { to } })).status).toBe(200);
    return id;
  };
  const contact = (id: string, daysAgo: number) =>
    s.request('POST', `/v1/referrals/${id}/contacts`, {
      token: navigator(),
      body: { kind: 'phone', outcome: 'reached', at: new Date(Date.now() - daysAgo * DAY).toISOString(), durationMinutes: 10 },
    });
  const savePlan = async (id: string, nextStepDate: string, nextStep?: string, token = navigator()) =>
    expect((await s.request('PUT', `/v1/referrals/${id}/plan`, { token, body: plan(nextStepDate, nextStep) })).status).toBe(200);
  const ids = (body: { items: { id?: string; referralId?: string }[] }) => body.items.map((i) => i.id ?? i.referralId);
  const pages = async (query: string) => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await s.request('GET', `/v1/referrals?${query}&limit=2${cursor ? `&cursor=${cursor}` : ''}`, { token: navigator() });
      expect(page.status).toBe(200);
      seen.push(...ids(page.body).map(String));
      cursor = page.body.nextCursor;
    } while (cursor);
    return seen;
  };

  describe('"Mine forløb": the caseload with its courses at a glance', () => {
    const caseload: Record<string, string> = {};
    it('shows each course its last contact and its next step with its day, and sorts by them page by page', async () => {
      // Soonest next step first, none last; never contacted first, then the longest since the last contact.
      caseload.later = await course(navigator());
      caseload.none = await course(navigator());
      caseload.soon = await course(navigator());
      caseload.closed = await course(navigator());
      await savePlan(caseload.later, day(20), 'Følges til gåklubben.');
      await savePlan(caseload.soon, day(2), 'Ring efter lægebesøget.');
      await savePlan(caseload.soon, day(1), 'Ring i morgen.');
      await savePlan(caseload.closed, day(-3));
      expect((await contact(caseload.later, 9)).status).toBe(201);
      expect((await contact(caseload.later, 1)).status).toBe(201);
      expect((await contact(caseload.soon, 4)).status).toBe(201);
      expect((await contact(caseload.closed, 1)).status).toBe(201);
      const closing = { to: 'closed', reason: 'goal_reached', note: 'Borgeren går fast i gåklubben.' };
      expect((await s.request('POST', `/v1/referrals/${caseload.closed}/transitions`, { token: navigator(), body: closing })).status).toBe(
        200,
      );
      await course(coordinator());

      const open = 'owner=me&status=accepted,contacted,plan_made,linked';
      const list = await s.request('GET', `/v1/referrals?${open}&sort=next_step`, { token: navigator() });
      expect(ids(list.body)).toEqual([caseload.soon, caseload.later, caseload.none]);
      const soon = list.body.items[0];
      expect(soon.course).toEqual({ lastContactAt: expect.any(String), nextStep: 'Ring i morgen.', nextStepDate: day(1) });
      expect(Date.now() - Date.parse(soon.course.lastContactAt)).toBeGreaterThanOrEqual(4 * DAY - 60_000);
      expect(list.body.items[2].course).toEqual({});

      expect(await pages(`${open}&sort=next_step`)).toEqual([caseload.soon, caseload.later, caseload.none]);
      expect(await pages(`${open}&sort=last_contact`)).toEqual([caseload.none, caseload.soon, caseload.later]);
      // Every status of the owner (the closed course too), and only the owner's: the coordinator's course is not there.
      expect(await pages('owner=me&sort=last_contact')).toEqual([caseload.none, caseload.soon, caseload.later, caseload.closed]);
      expect((await pages(`${open}&sort=newest`)).slice(0, 3)).toEqual([caseload.soon, caseload.none, caseload.later]);
    });

    it("gives the next step orders to a caseload alone, and the course at a glance to the caseload's lists", async () => {
      for (const query of ['sort=next_step', 'owner=none&sort=last_contact']) {
        const refused = await s.request('GET', `/v1/referrals?${query}`, { token: navigator() });
        expect(refused).toMatchObject({
          status: 400,
          body: { code: 'invalid_query', errors: [{ path: 'sort', code: 'sort_needs_caseload' }] },
        });
      }
      const search = await s.request('POST', '/v1/referrals/search', { token: navigator(), body: { sort: 'next_step', text: 'Borger' } });
      expect(search).toMatchObject({ status: 400, body: { errors: [{ path: 'sort', code: 'sort_needs_caseload' }] } });
      const found = await s.request('POST', '/v1/referrals/search', {
        token: navigator(),
        body: { owner: 'me', sort: 'next_step', text: 'borger', status: 'accepted,contacted,plan_made,linked' },
      });
      expect(ids(found.body)).toEqual([caseload.soon, caseload.later, caseload.none]);
      const all = await s.request('GET', '/v1/referrals', { token: navigator() });
      expect(all.body.items.every((r: object) => !('course' in r))).toBe(true);
      const gp = await s.request('GET', '/v1/referrals', { token: s.token('doctor', GRENAA) });
      expect(gp.body.items.every((r: object) => !('course' in r) && !('likelyDuplicates' in r))).toBe(true);
      // A cursor of one order is no cursor of another.
      const first = await s.request('GET', '/v1/referrals?owner=me&sort=next_step&limit=1', { token: navigator() });
      const other = await s.request('GET', `/v1/referrals?owner=me&sort=last_contact&limit=1&cursor=${first.body.nextCursor}`, {
        token: navigator(),
      });
      expect(other).toMatchObject({ status: 400, body: { code: 'invalid_cursor' } });
      const byTime = await s.request('GET', `/v1/referrals?owner=me&limit=1&cursor=${first.body.nextCursor}`, { token: navigator() });
      expect(byTime).toMatchObject({ status: 400, body: { code: 'invalid_cursor' } });
    });
  });

  it('lists the open courses whose next step has come under "Frister", the earliest first, with the practice by name', async () => {
    const late = await course(navigator(), { practice: AUNING });
    const today = await course(coordinator());
    const ahead = await course(navigator());
    const ended = await course(navigator());
    await savePlan(late, day(-2), 'Ring og hør, hvordan det gik.');
    await savePlan(today, day(0), 'Møde på biblioteket.', coordinator());
    await savePlan(ahead, day(3));
    await savePlan(ended, day(-5));
    // A new version of the plan moves the day: the old one is gone from the list.
    await savePlan(ended, day(-9));
    const cancel = { to: 'closed', reason: 'declined', note: 'Ønsker ikke at fortsætte.' };
    expect((await s.request('POST', `/v1/referrals/${ended}/transitions`, { token: navigator(), body: cancel })).status).toBe(200);

    const due = await s.request('GET', '/v1/next-steps', { token: navigator() });
    expect(due.status).toBe(200);
    const mine = due.body.items.filter((i: { referralId: string }) => [late, today, ahead, ended].includes(i.referralId));
    expect(mine).toEqual([
      {
        referralId: late,
        patientName: expect.stringMatching(/^Borger/),
        practiceName: 'Lægerne i Auning',
        nextStep: 'Ring og hør, hvordan det gik.',
        nextStepDate: day(-2),
        overdue: true,
        owner: { id: expect.any(String), name: 'Sofie Kjær' },
      },
      expect.objectContaining({ referralId: today, practiceName: 'Lægehuset Grenaa', nextStepDate: day(0), overdue: false }),
    ]);
    const own = await s.request('GET', '/v1/next-steps?owner=me', { token: coordinator() });
    expect(ids(own.body)).toEqual([today]);
    expect((await s.request('GET', '/v1/next-steps', { token: s.token('navigator', SYDDJURS) })).body.items).toEqual([]);
    expect((await s.request('GET', '/v1/next-steps?owner=them', { token: navigator() })).status).toBe(400);
    expect((await s.request('GET', '/v1/next-steps', { token: s.token('doctor', GRENAA) })).status).toBe(403);
    const [line] = await s.db.query<{ detail: string }>(
      `select detail from audit_log where action = 'next_step.list' and resource_type = 'referral_list' order by id desc limit 1`,
    );
    expect(line!.detail.split(',').map((pair) => pair.split(':')[0])).toEqual([today]);

    const first = await s.request('GET', '/v1/first-contacts', { token: navigator() });
    expect(first.body.items[0]).toMatchObject({ practiceId: expect.any(String), practiceName: expect.stringMatching(/^Læge/) });
  });

  it("marks a citizen's open referrals made within 14 days of each other as likely duplicates, naming the others", async () => {
    const send = async (practice: string, cpr: string) =>
      (
        await s.request('POST', '/v1/referrals', {
          token: s.token('doctor', practice),
          body: referral({ patient: { cpr, name: cpr === KAREN ? 'Karen Jensen' : 'Ole Madsen' } }),
          headers: { 'idempotency-key': key() },
        })
      ).body.id as string;
    const [a, b, c] = [await send(GRENAA, KAREN), await send(GRENAA, KAREN), await send(AUNING, KAREN)];
    const old = await send(GRENAA, KAREN);
    const rejected = await send(GRENAA, KAREN);
    const ole = await send(GRENAA, OLE);
    await s.db.query(`update referrals set created_at = created_at - interval '15 days' where id = $1`, [old]);
    const no = { to: 'rejected', reason: 'duplicate', note: 'Sendt to gange.' };
    expect((await s.request('POST', `/v1/referrals/${rejected}/transitions`, { token: navigator(), body: no })).status).toBe(200);

    const search = await s.request('POST', '/v1/referrals/search', { token: navigator(), body: { text: KAREN, limit: '100' } });
    const byId = new Map(search.body.items.map((r: { id: string }) => [r.id, r]));
    const others = (id: string) => (byId.get(id) as { likelyDuplicates?: { id: string }[] }).likelyDuplicates?.map((d) => d.id);
    expect(others(a)).toEqual([b, c]);
    expect(others(b)).toEqual([a, c]);
    expect(others(c)).toEqual([a, b]);
    expect((byId.get(c) as { likelyDuplicates: unknown[] }).likelyDuplicates[0]).toEqual({
      id: a,
      createdAt: expect.any(String),
      status: 'sent',
      practiceName: 'Lægehuset Grenaa',
    });
    expect(others(old)).toBeUndefined();
    expect(others(rejected)).toBeUndefined();
    const oles = await s.request('POST', '/v1/referrals/search', { token: navigator(), body: { text: OLE } });
    expect(oles.body.items.find((r: { id: string }) => r.id === ole)).not.toHaveProperty('likelyDuplicates');
    // Another organisation sees neither the referrals nor that they are duplicates.
    expect(
      (await s.request('POST', '/v1/referrals/search', { token: s.token('navigator', SYDDJURS), body: { text: KAREN } })).body.items,
    ).toEqual([]);
  });
});
