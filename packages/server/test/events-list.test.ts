import { describe, expect, it } from 'vitest';
import { CONSENT_TEXT_VERSION, consentText, consentTextHash, type LiveEventPage } from '@henvis/contracts';
import { storages, suiteServer } from './harness.js';
import { AUNING, GRENAA, KAREN, NORDDJURS, OLE, key, referral } from './fixtures.js';

/**
 * `GET /v1/events`: what a journal reads on opening to file what happened while it was closed, from the position it
 * kept. The same events as the live stream, as pages, in the stream's order and scope.
 */
describe.each(storages)('the events a journal catches up on, on %s', (kind) => {
  const s = suiteServer(kind);
  const doctor = (patient?: string) => s.token('doctor', GRENAA, patient);
  const navigator = () => s.token('navigator', NORDDJURS);
  const events = async (token: string, query = '') => {
    const answer = await s.request('GET', `/v1/events${query}`, { token });
    expect(answer.status).toBe(200);
    return answer.body as LiveEventPage;
  };
  const newReferral = async (cpr = KAREN, name = 'Karen Jensen'): Promise<string> =>
    (
      await s.request('POST', '/v1/referrals', {
        token: doctor(),
        body: referral({ patient: { cpr, name } }),
        headers: { 'idempotency-key': key() },
      })
    ).body.id;

  it("gives a patient's events after a kept position, in order, once, and where to read on from", async () => {
    // Where the outbox stands before anything of this test: no events, only the position.
    const before = await events(doctor(KAREN));
    expect(before).toEqual({ items: [], position: expect.stringMatching(/^\d+\.\d+$/), more: false });

    const karens = await newReferral();
    const oles = await newReferral(OLE, 'Ole Hansen');
    await s.request('POST', `/v1/referrals/${karens}/transitions`, { token: navigator(), body: { to: 'received' } });
    const message = await s.request('POST', `/v1/referrals/${karens}/messages`, {
      token: navigator(),
      body: { body: 'Hej fra navigatøren' },
    });
    await s.request('POST', `/v1/referrals/${oles}/transitions`, { token: navigator(), body: { to: 'received' } });
    const textHash = await consentTextHash(consentText('journal_data', 'da'));
    const consent = await s.request('POST', `/v1/referrals/${karens}/consents`, {
      token: navigator(),
      body: {
        kind: 'journal_data',
        decision: 'given',
        method: 'signed_on_screen',
        textVersion: CONSENT_TEXT_VERSION,
        locale: 'da',
        textHash,
      },
    });
    expect(consent.status).toBe(201);

    // A token bound to Karen: her events only, after the position kept.
    const karen = await events(doctor(KAREN), `?after=${before.position}`);
    expect(karen.items.map((e) => e.type)).toEqual(['referral.created', 'referral.status_changed', 'message.created', 'consent.recorded']);
    expect(karen.items.every((e) => e.referralId === karens)).toBe(true);
    expect(karen.position).toBe(karen.items.at(-1)!.id);
    expect(karen.more).toBe(false);
    // The status change names its timeline entry, so the journal files that one (a status can be reached twice).
    const timeline = (await s.request('GET', `/v1/referrals/${karens}/events`, { token: doctor() })).body.items as {
      id: string;
      to: string;
    }[];
    expect(karen.items[1]!.data).toEqual({
      referralId: karens,
      from: 'sent',
      to: 'received',
      eventId: timeline.find((e) => e.to === 'received')!.id,
    });
    expect(karen.items[2]!.data.messageId).toBe(message.body.id);
    expect(JSON.stringify(karen)).not.toMatch(/Karen|Hej fra|010190/);

    // Read on from there: nothing yet; then the next change only.
    expect(await events(doctor(KAREN), `?after=${karen.position}`)).toEqual({ items: [], position: karen.position, more: false });
    await s.request('POST', `/v1/referrals/${karens}/transitions`, { token: navigator(), body: { to: 'accepted' } });
    const next = await events(doctor(KAREN), `?after=${karen.position}`);
    expect(next.items.map((e) => [e.type, e.data.to])).toEqual([['referral.status_changed', 'accepted']]);

    // In pages: the practice's token sees both citizens' events, `more` while a page waits.
    const first = await events(doctor(), `?after=${before.position}&limit=2`);
    expect(first.items).toHaveLength(2);
    expect(first.more).toBe(true);
    const rest = await events(doctor(), `?after=${first.position}&limit=500`);
    expect(rest.more).toBe(false);
    expect([...first.items, ...rest.items].map((e) => e.id)).toEqual(
      [...new Set([...first.items, ...rest.items].map((e) => e.id))], // each once
    );
    expect([...first.items, ...rest.items].filter((e) => e.referralId === oles)).toHaveLength(2);

    // Another practice sees none of it, from the very beginning.
    const auning = await events(s.token('doctor', AUNING), '?after=0.0&limit=500');
    expect(auning.items.some((e) => e.referralId === karens || e.referralId === oles)).toBe(false);
    // From the beginning, Karen's token gets her whole history, the first catch-up of a journal that kept nothing.
    const all = await events(doctor(KAREN), '?after=0.0&limit=500');
    expect(all.items.filter((e) => e.referralId === karens).map((e) => e.id)).toEqual([...karen.items, ...next.items].map((e) => e.id));
  });

  it('refuses a position or a limit it cannot read, with field errors that do not echo them, and a missing token', async () => {
    for (const query of ['?after=yesterday', '?after=1.2.3', '?limit=0', '?limit=501', '?after=1.1&until=2']) {
      const answer = await s.request('GET', `/v1/events${query}`, { token: doctor() });
      expect(answer).toMatchObject({ status: 400, body: { code: 'invalid_query' } });
      expect(JSON.stringify(answer.body)).not.toMatch(/yesterday|1\.2\.3/);
    }
    const bad = await s.request('GET', '/v1/events?after=yesterday', { token: doctor() });
    expect(bad.body.errors).toEqual([expect.objectContaining({ path: 'after', code: 'invalid_position' })]);
    expect((await s.request('GET', '/v1/events?limit=501', { token: doctor() })).body.errors[0].code).toBe('limit_range');
    expect((await s.request('GET', '/v1/events')).status).toBe(401);
  });
});
