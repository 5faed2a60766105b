import { describe, expect, it } from 'vitest';
import { DOCTOR_CLAIMS, suiteServer, type TestServer } from './harness.js';
import { AUNING, GRENAA, KAREN, NORDDJURS, OLE, key, referral } from './fixtures.js';

interface StreamEvent {
  id?: string;
  event: string;
  data: Record<string, string>;
}

/**
 * Reads `GET /v1/events/stream` with a bearer token, as the SDK does, collecting its events as they arrive. The
 * waits are driven by what the stream brings, each bounded: `connected` (the server's `: connected`, written once
 * it knows where the stream starts), `waitFor` an event, `ended` the server closing it.
 */
function openStream(s: TestServer, token: string, lastEventId?: string) {
  const events: StreamEvent[] = [];
  const controller = new AbortController();
  const arrived = new EventTarget(); // 'event' per event read, 'connected', 'end'
  let connected = false;
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
        const lines = block.split('\n');
        if (!connected && lines.includes(': connected')) {
          connected = true;
          arrived.dispatchEvent(new Event('connected'));
        }
        const fields = Object.fromEntries(
          lines
            .filter((l) => !l.startsWith(':') && l.includes(': '))
            .map((l) => [l.slice(0, l.indexOf(': ')), l.slice(l.indexOf(': ') + 2)]),
        );
        if (fields.event) {
          events.push({ ...(fields.id ? { id: fields.id } : {}), event: fields.event, data: JSON.parse(fields.data ?? '{}') });
          arrived.dispatchEvent(new Event('event'));
        }
      }
    }
  })()
    .catch(() => {})
    .finally(() => {
      ended = true;
      arrived.dispatchEvent(new Event('end'));
    });

  /** Resolves with `check()`'s answer once it has one, re-checking on each of `on`; rejects after `ms` or at the end. */
  function until<T>(check: () => T | undefined, on: string, ms: number, what: string): Promise<T> {
    return new Promise((resolve, reject) => {
      const settle = () => {
        const found = check();
        if (found !== undefined) finish(() => resolve(found));
        else if (ended) finish(() => reject(new Error(`the stream ended without ${what}; got ${JSON.stringify(events)}`)));
      };
      const timer = setTimeout(() => finish(() => reject(new Error(`no ${what} within ${ms} ms; got ${JSON.stringify(events)}`))), ms);
      const finish = (then: () => void) => {
        clearTimeout(timer);
        arrived.removeEventListener(on, settle);
        arrived.removeEventListener('end', settle);
        then();
      };
      arrived.addEventListener(on, settle);
      arrived.addEventListener('end', settle);
      settle();
    });
  }

  return {
    events,
    /** Resolves once the server has opened the stream: changes from now on reach it. */
    connected: (ms = 5000) => until(() => (connected ? true : undefined), 'connected', ms, 'connection'),
    waitFor: (predicate: (e: StreamEvent) => boolean, ms = 5000) => until(() => events.find(predicate), 'event', ms, 'such event'),
    /** Resolves once the server has ended the stream. */
    ended: (ms = 5000) => until(() => (ended ? true : undefined), 'end', ms, 'end'),
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
    (await s.request('POST', '/v1/referrals', { token: doctor(), body: referral({ patient }), headers: { 'idempotency-key': key() } })).body
      .id;

  it("streams changes to the practice's journal, and to no one who may not see them", async () => {
    const karens = await newReferral();
    const oles = await newReferral({ cpr: OLE, name: 'Ole Hansen' });
    const practice = openStream(s, doctor());
    const boundToOle = openStream(s, s.token('doctor', GRENAA, OLE));
    const otherPractice = openStream(s, s.token('doctor', AUNING));
    await Promise.all([practice.connected(), boundToOle.connected(), otherPractice.connected()]);
    await s.request('POST', `/v1/referrals/${karens}/transitions`, { token: navigator(), body: { to: 'received' } });
    await s.request('POST', `/v1/referrals/${karens}/messages`, { token: navigator(), body: { body: 'Hej fra navigatøren' } });
    await s.request('POST', `/v1/referrals/${oles}/transitions`, { token: navigator(), body: { to: 'received' } });

    const changed = await practice.waitFor((e) => e.event === 'referral.status_changed' && e.data.referralId === karens);
    expect(changed.data).toMatchObject({ from: 'sent', to: 'received' });
    expect(changed.id).toMatch(/^\d+$/);
    await practice.waitFor((e) => e.event === 'message.created' && e.data.referralId === karens);
    await boundToOle.waitFor((e) => e.data.referralId === oles);
    expect(boundToOle.events.some((e) => e.data.referralId === karens)).toBe(false);
    // The outbox is read in order: once the other practice hears of its own new referral, it would have heard of
    // the changes before it too.
    const auning = (
      await s.request('POST', '/v1/referrals', {
        token: s.token('doctor', AUNING),
        body: referral(),
        headers: { 'idempotency-key': key() },
      })
    ).body.id;
    await otherPractice.waitFor((e) => e.data.referralId === auning);
    expect(otherPractice.events.map((e) => e.data.referralId)).toEqual([auning]);
    expect(JSON.stringify(practice.events)).not.toMatch(/Karen|Hej fra|010190/);
    await Promise.all([practice.close(), boundToOle.close(), otherPractice.close()]);
  });

  it('misses nothing across a reconnect with Last-Event-ID', async () => {
    const id = await newReferral();
    const first = openStream(s, doctor());
    await first.connected();
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
    await stream.ended(1000);
  });
});
