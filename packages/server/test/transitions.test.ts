import { describe, expect, it } from 'vitest';
import { storages, suiteServer } from './harness.js';
import { GRENAA, NORDDJURS, OSTERBRO, SYDDJURS, key, referral } from './fixtures.js';

describe.each(storages)('status transitions on %s', (kind) => {
  const s = suiteServer(kind);

  const doctor = () => s.token('doctor', GRENAA);
  const navigator = () => s.token('navigator', NORDDJURS);
  const newReferral = async (): Promise<string> =>
    (await s.request('POST', '/v1/referrals', { token: doctor(), body: referral(), headers: { 'idempotency-key': key() } })).body.id;
  const move = (id: string, body: unknown, token = navigator()) => s.request('POST', `/v1/referrals/${id}/transitions`, { token, body });
  const statusOf = async (id: string) => (await s.request('GET', `/v1/referrals/${id}`, { token: doctor() })).body.status;

  it('walks the whole course and records who and when on the timeline', async () => {
    const id = await newReferral();
    for (const to of ['received', 'accepted', 'contacted', 'plan_made', 'linked'] as const) {
      expect(await move(id, { to })).toMatchObject({ status: 200, body: { status: to } });
    }
    const closed = await move(id, { to: 'closed', reason: 'joined_community', note: 'Går fast i gåklubben.' });
    expect(closed.body.status).toBe('closed');

    const events = await s.request('GET', `/v1/referrals/${id}/events`, { token: doctor() });
    expect(events.status).toBe(200);
    expect(events.body.items.map((e: { from?: string; to: string }) => [e.from ?? null, e.to])).toEqual([
      [null, 'sent'],
      ['sent', 'received'],
      ['received', 'accepted'],
      ['accepted', 'contacted'],
      ['contacted', 'plan_made'],
      ['plan_made', 'linked'],
      ['linked', 'closed'],
    ]);
    expect(events.body.items[0]).toMatchObject({ type: 'created', actor: { name: 'Mette Holm', role: 'doctor', orgId: GRENAA } });
    expect(events.body.items.at(-1)).toMatchObject({
      type: 'status_changed',
      reason: 'joined_community',
      note: 'Går fast i gåklubben.',
      actor: { name: 'Sofie Kjær', role: 'navigator', orgId: NORDDJURS },
      at: expect.stringMatching(/Z$/),
    });
  });

  it('refuses a step the graph does not allow (409) and leaves the status as it was', async () => {
    const id = await newReferral();
    expect(await move(id, { to: 'contacted' })).toMatchObject({ status: 409, body: { code: 'invalid_transition' } });
    expect(await statusOf(id)).toBe('sent');
    const events = await s.count(`referral_events where referral_id = '${id}'`);
    expect(await s.count(`audit_log where resource_id = '${id}' and outcome = 'refused'`)).toBe(1);
    expect(events).toBe(1);
  });

  it('lets the practice cancel, with a reason and a text, and nothing moves afterwards', async () => {
    const id = await newReferral();
    expect(await move(id, { to: 'received' }, doctor())).toMatchObject({ status: 403, body: { code: 'transition_forbidden_for_role' } });
    expect(await move(id, { to: 'cancelled', reason: 'entered_in_error', note: 'Forkert patient valgt.' }, doctor())).toMatchObject({
      status: 200,
      body: { status: 'cancelled' },
    });
    expect(await move(id, { to: 'received' })).toMatchObject({ status: 409, body: { code: 'invalid_transition' } });
  });

  it('requires a reason from the list and a text to close, reject or cancel', async () => {
    const id = await newReferral();
    for (const body of [
      { to: 'rejected' },
      { to: 'rejected', reason: 'outside_area' },
      { to: 'rejected', reason: 'not_a_reason', note: 'x' },
      { to: 'rejected', reason: 'outside_area', note: '' },
      { to: 'received', reason: 'outside_area' },
      { to: 'archived' },
      'received',
    ]) {
      const response = await move(id, body);
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('validation_failed');
    }
    expect(await statusOf(id)).toBe('sent');
    expect(await move(id, { to: 'rejected', reason: 'outside_area', note: 'Bor i Aarhus.' })).toMatchObject({ status: 200 });
  });

  it('answers 404 to a navigator of another organisation and to another practice, and changes nothing', async () => {
    const id = await newReferral();
    expect(await move(id, { to: 'received' }, s.token('navigator', SYDDJURS))).toMatchObject({ status: 404, body: { code: 'not_found' } });
    expect(await move(id, { to: 'cancelled', reason: 'duplicate', note: 'x' }, s.token('doctor', OSTERBRO))).toMatchObject({ status: 404 });
    expect(await s.request('GET', `/v1/referrals/${id}/events`, { token: s.token('navigator', SYDDJURS) })).toMatchObject({ status: 404 });
    expect(await statusOf(id)).toBe('sent');
  });

  it('lets exactly one of two simultaneous identical changes through', async () => {
    const id = await newReferral();
    const results = await Promise.all([move(id, { to: 'received' }), move(id, { to: 'received' })]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(await s.count(`referral_events where referral_id = '${id}'`)).toBe(2);
  });
});
