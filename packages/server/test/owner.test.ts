import { describe, expect, it } from 'vitest';
import { storages, suiteServer } from './harness.js';
import { GRENAA, NORDDJURS, SYDDJURS, key, referral } from './fixtures.js';

describe.each(storages)('taking and handing on referrals on %s', (kind) => {
  const s = suiteServer(kind);

  const doctor = () => s.token('doctor', GRENAA);
  const navigator = () => s.token('navigator', NORDDJURS);
  const coordinator = () => s.token('coordinator', NORDDJURS);
  const newReferral = async (): Promise<string> =>
    (await s.request('POST', '/v1/referrals', { token: doctor(), body: referral(), headers: { 'idempotency-key': key() } })).body.id;
  const move = (id: string, to: string, token = navigator()) =>
    s.request('POST', `/v1/referrals/${id}/transitions`, { token, body: { to } });
  const ids = async (query: string, token = navigator()) =>
    ((await s.request('GET', `/v1/referrals?limit=100&${query}`, { token })).body.items as { id: string }[]).map((r) => r.id);

  it('gives the referral to the navigator who accepts it, and lists it in their caseload', async () => {
    const id = await newReferral();
    expect(await ids('owner=none')).toContain(id);
    await move(id, 'received');
    const accepted = await move(id, 'accepted');
    expect(accepted.body.owner).toEqual({ id: 'demo-navigator', name: 'Sofie Kjær' });
    expect(await ids('owner=me')).toContain(id);
    expect(await ids('owner=none')).not.toContain(id);
    expect(await ids('owner=me', coordinator())).not.toContain(id);
    expect((await s.request('GET', '/v1/referrals?owner=everyone', { token: navigator() })).body.code).toBe('invalid_query');
  });

  it('hands a taken referral to a colleague, audited; not before it is taken, not by the practice, not across organisations', async () => {
    const id = await newReferral();
    const reassign = (token = coordinator(), target = id) =>
      s.request('POST', `/v1/referrals/${target}/owner`, { token, body: { id: 'demo-coordinator', name: 'A name the caller typed' } });
    expect(await reassign()).toMatchObject({ status: 409, body: { code: 'invalid_transition' } });
    await move(id, 'received');
    await move(id, 'accepted');
    expect(await reassign()).toMatchObject({ status: 200, body: { owner: { id: 'demo-coordinator', name: 'Jonas Berg' } } });
    expect(await ids('owner=me')).not.toContain(id);
    expect((await reassign(doctor())).body.code).toBe('role_not_allowed');
    expect((await reassign(s.token('navigator', SYDDJURS))).status).toBe(404);
    expect((await s.request('POST', `/v1/referrals/${id}/owner`, { token: coordinator(), body: { id: '', name: 'Ingen' } })).status).toBe(
      400,
    );
    const [row] = await s.db.query<{ n: number }>(
      "select count(*)::int as n from audit_log where action = 'referral.reassign' and outcome = 'ok' and resource_id = $1",
      [id],
    );
    expect(row!.n).toBe(1);
  });

  it('keeps a citizen with the organisation that took it, where two organisations serve one practice', async () => {
    await s.db.query(
      "insert into navigator_org_practices (navigator_org_id, practice_id) values ('syddjurs-navigatorer', $1) on conflict do nothing",
      [GRENAA],
    );
    try {
      const id = await newReferral();
      await move(id, 'received');
      await move(id, 'accepted');
      // The same user id at another organisation's identity provider is someone else.
      const syddjurs = s.token('navigator', SYDDJURS);
      expect(await ids('owner=me', syddjurs)).not.toContain(id);
      expect(await ids('owner=me')).toContain(id);
      await s.request('GET', '/v1/colleagues', { token: s.token('coordinator', SYDDJURS) });
      const taken = await s.request('POST', `/v1/referrals/${id}/owner`, {
        token: s.token('coordinator', SYDDJURS),
        body: { id: 'demo-coordinator', name: 'Jonas Berg' },
      });
      expect(taken).toMatchObject({ status: 404, body: { code: 'not_found' } });
      // Syddjurs sees the referral of the practice it serves, but does not work Norddjurs' course.
      expect((await s.request('GET', `/v1/referrals/${id}`, { token: syddjurs })).status).toBe(200);
      expect((await move(id, 'contacted', syddjurs)).status).toBe(404);
      expect((await s.request('POST', `/v1/referrals/${id}/messages`, { token: syddjurs, body: { body: 'Hej' } })).status).toBe(404);
      expect(
        (
          await s.request('POST', `/v1/referrals/${id}/contacts`, {
            token: syddjurs,
            body: { kind: 'phone', outcome: 'reached', at: new Date().toISOString(), durationMinutes: 5 },
          })
        ).status,
      ).toBe(404);
      const needs = await s.count('unmet_needs');
      const need = await s.request('POST', '/v1/unmet-needs', {
        token: syddjurs,
        body: { referralId: id, category: 'creative', area: 'Grenaa', note: 'Intet malehold.' },
      });
      expect(need).toMatchObject({ status: 404, body: { code: 'not_found' } });
      expect(await s.count('unmet_needs')).toBe(needs);
      expect(await s.count(`audit_log where detail = 'owned_by_another_organisation' and resource_id = '${id}'`)).toBe(5);
      expect((await s.request('GET', `/v1/referrals/${id}`, { token: navigator() })).body.owner).toEqual({
        id: 'demo-navigator',
        name: 'Sofie Kjær',
      });
    } finally {
      await s.db.query("delete from navigator_org_practices where navigator_org_id = 'syddjurs-navigatorer'");
    }
  });

  it('hands over only to a colleague the organisation has signed in, and lists them to their own organisation', async () => {
    const id = await newReferral();
    await move(id, 'received');
    await move(id, 'accepted');
    const unknown = await s.request('POST', `/v1/referrals/${id}/owner`, {
      token: coordinator(),
      body: { id: 'nav-nobody', name: 'Nobody' },
    });
    expect(unknown).toMatchObject({
      status: 400,
      body: { code: 'validation_failed', errors: [{ path: 'id', code: 'unknown_colleague' }] },
    });
    // Rasmus has signed in at Norddjurs only.
    await s.db.query(
      "insert into staff (org_id, sub, name, role, last_seen) values ('norddjurs-navigatorer', 'nav-rasmus', 'Rasmus Friis', 'navigator', now())",
    );
    await s.request('GET', '/v1/colleagues', { token: s.token('navigator', SYDDJURS) });
    const colleagues = await s.request('GET', '/v1/colleagues', { token: navigator() });
    expect(colleagues.body.items).toEqual([
      { id: 'demo-coordinator', name: 'Jonas Berg', role: 'coordinator' },
      { id: 'nav-rasmus', name: 'Rasmus Friis', role: 'navigator' },
      { id: 'demo-navigator', name: 'Sofie Kjær', role: 'navigator' },
    ]);
    const syddjurs = (await s.request('GET', '/v1/colleagues', { token: s.token('navigator', SYDDJURS) })).body.items.map(
      (c: { id: string }) => c.id,
    );
    expect(syddjurs).toContain('demo-navigator');
    expect(syddjurs).not.toContain('nav-rasmus');
    const handed = await s.request('POST', `/v1/referrals/${id}/owner`, { token: coordinator(), body: { id: 'nav-rasmus', name: 'R.' } });
    expect(handed.body.owner).toEqual({ id: 'nav-rasmus', name: 'Rasmus Friis' });
    expect((await s.request('GET', '/v1/colleagues', { token: doctor() })).body.code).toBe('role_not_allowed');
  });
});
