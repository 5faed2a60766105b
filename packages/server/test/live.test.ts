import { describe, expect, it } from 'vitest';
import { DOCTOR_CLAIMS, suiteServer, type TestServer } from './harness.js';
import { AUNING, GRENAA, KAREN, NORDDJURS, OLE, key, referral } from './fixtures.js';

interface StreamEvent {
  id?: string;
  event: string;
  data: Record<string, string>;
}

/** Reads `GET /v1/events/stream` with a bearer token, as the SDK does, collecting events until closed. */
function openStream(s: TestServer, token: string, lastEventId?: string) {
  const events: StreamEvent[] = [];
  const controller = new AbortController();
  let ended = false;
  const done = (async () => {
    const response = await fetch(`${s.url}/v1/events/stream`, {
      headers: { authorization: `Bearer ${token}`, ...(lastEventId ? { 'last-event-id': lastEventId } : {}) },
      signal: controller.signal,
    });
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += value;
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const fields = Object.fromEntries(block.split('\n').filter((l) => !l.startsWith(':') && l.includes(': ')).map((l) => [l.slice(0, l.indexOf(': ')), l.slice(l.indexOf(': ') + 2)]));
        if (fields.event) events.push({ ...(fields.id ? { id: fields.id } : {}), event: fields.event, data: JSON.parse(fields.data ?? '{}') });
      }
    }
  })()
    .catch(() => {})
    .finally(() => (ended = true));
  return {
    events,
    ended: () => ended,
    async waitFor(predicate: (e: StreamEvent) => boolean, ms = 5000) {
      const until = Date.now() + ms;
      while (Date.now() < until) {
        const found = events.find(predicate);
        if (found) return found;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`no such event within ${ms} ms; got ${JSON.stringify(events)}`);
    },
    close: async () => {
      controller.abort();
      await done;
    },
  };
}

describe('live events from the outbox', () => {
  const s = suiteServer('pglite');

  const doctor = () => s.token('doctor', GRENAA);
  const navigator = () => s.token('navigator', NORDDJURS);
  const newReferral = async (patient = { cpr: KAREN, name: 'Karen Jensen' }): Promise<string> =>
    (await s.request('POST', '/v1/referrals', { token: doctor(), body: referral({ patient }), headers: { 'idempotency-key': key() } })).body.id;

  it("streams changes to the practice's journal, and to no one who may not see them", async () => {
    const karens = await newReferral();
    const oles = await newReferral({ cpr: OLE, name: 'Ole Hansen' });
    const practice = openStream(s, doctor());
    const boundToOle = openStream(s, s.token('doctor', GRENAA, OLE));
    const otherPractice = openStream(s, s.token('doctor', AUNING));
    await new Promise((r) => setTimeout(r, 300));
    await s.request('POST', `/v1/referrals/${karens}/transitions`, { token: navigator(), body: { to: 'received' } });
    await s.request('POST', `/v1/referrals/${karens}/messages`, { token: navigator(), body: { body: 'Hej fra navigatøren' } });
    await s.request('POST', `/v1/referrals/${oles}/transitions`, { token: navigator(), body: { to: 'received' } });

    const changed = await practice.waitFor((e) => e.event === 'referral.status_changed' && e.data.referralId === karens);
    expect(changed.data).toMatchObject({ from: 'sent', to: 'received' });
    expect(changed.id).toMatch(/^\d+$/);
    await practice.waitFor((e) => e.event === 'message.created' && e.data.referralId === karens);
    await boundToOle.waitFor((e) => e.data.referralId === oles);
    expect(boundToOle.events.some((e) => e.data.referralId === karens)).toBe(false);
    expect(otherPractice.events).toEqual([]);
    expect(JSON.stringify(practice.events)).not.toMatch(/Karen|Hej fra|010190/);
    await Promise.all([practice.close(), boundToOle.close(), otherPractice.close()]);
  });

  it('misses nothing across a reconnect with Last-Event-ID', async () => {
    const id = await newReferral();
    const first = openStream(s, doctor());
    await new Promise((r) => setTimeout(r, 300));
    await s.request('POST', `/v1/referrals/${id}/transitions`, { token: navigator(), body: { to: 'received' } });
    const seen = await first.waitFor((e) => e.data.referralId === id);
    await first.close();
    await s.request('POST', `/v1/referrals/${id}/transitions`, { token: navigator(), body: { to: 'accepted' } }); // while away
    const again = openStream(s, doctor(), seen.id);
    const missed = await again.waitFor((e) => e.data.referralId === id && e.data.to === 'accepted');
    expect(Number(missed.id)).toBeGreaterThan(Number(seen.id));
    await again.close();
  });

  it('ends the stream when the token expires, so the client reconnects with a fresh one', async () => {
    const now = Math.floor(Date.now() / 1000);
    const shortLived = s.vendor.sign({ ...DOCTOR_CLAIMS, iat: now, exp: now + 2 });
    const stream = openStream(s, shortLived);
    await stream.waitFor((e) => e.event === 'token_expired', 6000);
    for (let i = 0; i < 20 && !stream.ended(); i++) await new Promise((r) => setTimeout(r, 50));
    expect(stream.ended()).toBe(true);
  });
});
