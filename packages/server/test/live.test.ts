import pg from 'pg';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { parseLiveEvent, type LiveEvent } from '@henvis/contracts';
import type { Queryable } from '../src/db/database.js';
import { recordEvent } from '../src/outbox.js';
import { startWebhookWorker } from '../src/webhooks/deliver.js';
import { DOCTOR_CLAIMS, storages, suiteServer, type TestServer, type UntypedJson } from './harness.js';
import { AUNING, GRENAA, KAREN, NORDDJURS, OLE, key, referral } from './fixtures.js';

interface StreamEvent {
  id?: string;
  event: string;
  /** The LiveEvent (id, type, referralId, at, data), as a webhook carries it too. */
  data: UntypedJson;
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
    // The event's data is the LiveEvent of the contracts, the same a webhook gets; its id the event's position.
    expect(changed.data).toEqual({
      id: changed.id,
      type: 'referral.status_changed',
      referralId: karens,
      at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      data: { referralId: karens, from: 'sent', to: 'received', eventId: expect.stringMatching(/^[0-9a-f-]{36}$/) },
    });
    expect(changed.id).toMatch(/^\d+\.\d+$/);
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
    const missed = await again.waitFor((e) => e.data.referralId === id && e.data.data.to === 'accepted');
    expect(again.events.map((e) => e.id)).not.toContain(seen.id);
    expect(missed.id).not.toBe(seen.id);
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

/** A receiver for the webhook worker that keeps what it was posted, as LiveEvents. */
function webhookReceiver(db: TestServer['db'], practices: string[]) {
  const posted: LiveEvent[] = [];
  const worker = startWebhookWorker(
    db,
    [{ id: `order-${key()}`, url: 'http://receiver.invalid/henvis', secret: 'x'.repeat(32), practices }],
    pino({ level: 'silent' }),
    {
      intervalMs: 50,
      fetch: async (_url, init) => {
        const event = parseLiveEvent(typeof init?.body === 'string' ? init.body : '');
        if (event) posted.push(event);
        return new Response(null, { status: 204 });
      },
    },
  );
  return { posted, stop: () => worker.stop() };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const messageIds = (events: { data: Record<string, string> }[]) => events.map((e) => e.data.messageId).filter((m) => m !== undefined);

describe.each(storages)('no event lost when transactions commit out of order, on %s', (kind) => {
  const s = suiteServer(kind);
  const doctor = () => s.token('doctor', GRENAA);
  const newReferral = async (): Promise<{ id: string; practice_id: string }> => {
    const created = await s.request('POST', '/v1/referrals', { token: doctor(), body: referral(), headers: { 'idempotency-key': key() } });
    return { id: created.body.id, practice_id: GRENAA };
  };
  const event = (tx: Queryable, row: { id: string; practice_id: string }, messageId: string) =>
    recordEvent(tx, row, 'message.created', { referralId: row.id, messageId }, new Date());

  it('A writes an event and stays open, B writes a later one and commits, the readers read, A commits: both readers deliver A, then B, once', async () => {
    const row = await newReferral();
    const stream = openStream(s, doctor());
    await stream.connected();
    const webhooks = webhookReceiver(s.db, [GRENAA]);
    await expect.poll(async () => s.count('webhook_cursors'), { timeout: 5000 }).toBeGreaterThan(0);

    let commitA!: () => void;
    const aMayCommit = new Promise<void>((resolve) => (commitA = resolve));
    let aWrote!: () => void;
    const aHasWritten = new Promise<void>((resolve) => (aWrote = resolve));
    const a = s.db.transaction(async (tx) => {
      await event(tx, row, 'A');
      aWrote();
      await aMayCommit;
    });
    await aHasWritten;
    // On PGlite a transaction waits for the one before it: B commits after A there; on PostgreSQL before it.
    const b = s.db.transaction((tx) => event(tx, row, 'B'));
    if (kind === 'postgres') {
      await b;
      expect(
        (await s.db.query<{ n: number }>("select count(*)::int as n from outbox_events where payload->>'messageId' = 'B'"))[0]!.n,
      ).toBe(1);
      await sleep(600); // the readers were woken by B's commit and read again while A is open: B waits for A
      expect(messageIds(stream.events.map((e) => e.data))).toEqual([]);
      expect(messageIds(webhooks.posted)).toEqual([]);
    }
    commitA();
    await Promise.all([a, b]);
    await stream.waitFor((e) => e.data.data?.messageId === 'B');
    await expect.poll(() => webhooks.posted.length, { timeout: 5000 }).toBe(2);
    await sleep(200);
    expect(messageIds(stream.events.map((e) => e.data))).toEqual(['A', 'B']);
    expect(messageIds(webhooks.posted)).toEqual(['A', 'B']);
    await webhooks.stop();
    await stream.close();
  });

  it.runIf(kind === 'postgres')("is not held back by another application's long transaction on the same server", async () => {
    const row = await newReferral();
    const stream = openStream(s, doctor());
    await stream.connected();
    // A report, a migration or a backup by someone else, open throughout, with a transaction id older than ours.
    const other = new pg.Client({ connectionString: process.env.DATABASE_URL, application_name: 'someone-else' });
    await other.connect();
    try {
      await other.query('begin');
      await other.query('select pg_current_xact_id()');
      await s.db.transaction((tx) => event(tx, row, 'C'));
      await stream.waitFor((e) => e.data.data?.messageId === 'C');
    } finally {
      await other.query('rollback');
      await other.end();
    }
    await stream.close();
  });

  it('a soak of concurrent writers committing out of order: every stream and the webhook worker get each event once, in one order', async () => {
    const row = await newReferral();
    const streams = Array.from({ length: 5 }, () => openStream(s, doctor()));
    await Promise.all(streams.map((st) => st.connected()));
    const webhooks = webhookReceiver(s.db, [GRENAA]);
    await expect.poll(async () => s.count('webhook_cursors'), { timeout: 5000 }).toBeGreaterThan(0);
    const WRITERS = 6;
    const EACH = 40;
    // Each transaction writes its event, then waits a moment before it commits, so commits overtake each other.
    await Promise.all(
      Array.from({ length: WRITERS }, async (_, w) => {
        for (let i = 0; i < EACH; i++) {
          await s.db.transaction(async (tx) => {
            await event(tx, row, `${w}-${i}`);
            await sleep((w * 7 + i * 13) % 9);
          });
        }
      }),
    );
    const all = WRITERS * EACH;
    for (const stream of streams) {
      await expect.poll(() => messageIds(stream.events.map((e) => e.data)).length, { timeout: 20_000, interval: 100 }).toBe(all);
    }
    await expect.poll(() => webhooks.posted.length, { timeout: 30_000, interval: 100 }).toBe(all);
    await sleep(300);
    const orders = [...streams.map((st) => messageIds(st.events.map((e) => e.data))), messageIds(webhooks.posted)];
    for (const order of orders) {
      expect(order).toHaveLength(all); // 0 missed...
      expect(new Set(order).size).toBe(all); // ...and 0 doubled
      expect(order).toEqual(orders[0]); // in one order, the outbox's
    }
    // Each writer's own events in the order it wrote them.
    for (let w = 0; w < WRITERS; w++) {
      const mine = orders[0]!.filter((m) => m.startsWith(`${w}-`));
      expect(mine).toEqual(Array.from({ length: EACH }, (_, i) => `${w}-${i}`));
    }
    await webhooks.stop();
    await Promise.all(streams.map((st) => st.close()));
  });
});
