import { describe, expect, it } from 'vitest';
import { storages, suiteServer } from './harness.js';
import { AUNING, GRENAA, NORDDJURS, SYDDJURS, key, referral } from './fixtures.js';

describe.each(storages)('messages and the outbox on %s', (kind) => {
  const s = suiteServer(kind);

  const doctor = () => s.token('doctor', GRENAA);
  const navigator = () => s.token('navigator', NORDDJURS);
  const newReferral = async (): Promise<string> =>
    (await s.request('POST', '/v1/referrals', { token: doctor(), body: referral(), headers: { 'idempotency-key': key() } })).body.id;
  const write = (id: string, body: unknown, token = navigator()) => s.request('POST', `/v1/referrals/${id}/messages`, { token, body });

  it('carries a threaded dialogue between navigator and practice, each message with author, role and time', async () => {
    const id = await newReferral();
    const question = await write(id, { body: 'Karen vil gerne i gåklubben. Må jeg ringe til hende om formiddagen?' });
    expect(question).toMatchObject({ status: 201, body: { author: { name: 'Sofie Kjær', role: 'navigator', orgId: NORDDJURS } } });
    const answer = await write(id, { body: 'Ja, formiddag passer hende bedst.', inReplyTo: question.body.id }, doctor());
    expect(answer.body).toMatchObject({ inReplyTo: question.body.id, author: { name: 'Mette Holm', role: 'doctor', orgId: GRENAA } });
    for (const token of [doctor(), navigator()]) {
      const list = await s.request('GET', `/v1/referrals/${id}/messages`, { token });
      expect(list.body.items.map((m: { body: string }) => m.body)).toEqual([question.body.body, answer.body.body]);
    }
  });

  it('lets no one else read or write (404), refuses empty text and replies to unknown messages, and stores nothing then', async () => {
    const id = await newReferral();
    const other = await newReferral();
    const elsewhere = await write(other, { body: 'Hej' });
    const before = await s.count('messages');
    for (const token of [s.token('navigator', SYDDJURS), s.token('doctor', AUNING)]) {
      expect((await write(id, { body: 'Hej' }, token)).status).toBe(404);
      expect((await s.request('GET', `/v1/referrals/${id}/messages`, { token })).status).toBe(404);
    }
    expect(await write(id, { body: '   ' })).toMatchObject({
      status: 400,
      body: { code: 'validation_failed', errors: [{ path: 'body' }] },
    });
    expect(await write(id, { body: 'Svar', inReplyTo: elsewhere.body.id })).toMatchObject({
      status: 422,
      body: { code: 'message_not_found' },
    });
    expect(await s.count('messages')).toBe(before);
  });

  it('writes an outbox event in the same transaction as each change, with ids and codes and no personal data', async () => {
    const id = await newReferral();
    await s.request('POST', `/v1/referrals/${id}/transitions`, { token: navigator(), body: { to: 'received' } });
    const message = await write(id, { body: 'Karen Jensen er ringet op.' });
    await s.request('POST', `/v1/referrals/${id}/transitions`, { token: navigator(), body: { to: 'contacted' } }); // refused: not allowed from received
    const events = await s.db.query<{ type: string; payload: Record<string, string> }>(
      'select type, payload from outbox_events where referral_id = $1 order by seq',
      [id],
    );
    expect(events.map((e) => e.type)).toEqual(['referral.created', 'referral.status_changed', 'message.created']);
    // The status change names its timeline entry, which the journal files it by.
    const [received] = await s.db.query<{ id: string }>(
      `select id from referral_events where referral_id = $1 and to_status = 'received'`,
      [id],
    );
    expect(events[1]!.payload).toEqual({ referralId: id, from: 'sent', to: 'received', eventId: received!.id });
    expect(events[2]!.payload).toEqual({ referralId: id, messageId: message.body.id });
    expect(JSON.stringify(events)).not.toMatch(/Karen|010190/);
  });
});
