import { createHmac, randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { Database } from '../db/database.js';
import { liveEventOf, outboxEnd, readOutbox, type OutboxEvent } from '../outbox.js';

/** A journal vendor's webhook: where Henvis posts the changes of its practices, signed with a shared secret. */
export interface WebhookSubscription {
  id: string;
  url: string;
  /** At least 32 characters; the HMAC-SHA256 key. */
  secret: string;
  /** The practices (ydernumre) whose changes go to this vendor. */
  practices: string[];
}

interface CursorRow {
  last_txid: string;
  last_seq: string;
  attempts: number;
  next_attempt_at: Date;
}

/** How long an instance may deliver a subscription before another may take over (a crashed one's lease runs out). */
const LEASE_MS = 60_000;

/** The `Henvis-Signature` header of a body: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`. */
export function signWebhook(secret: string, body: string, at = new Date()): string {
  const t = Math.floor(at.getTime() / 1000);
  return `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')}`;
}

/** The wait before the next try after `attempts` failures in a row: 5 s doubling, at most an hour. */
export const retryDelayMs = (attempts: number) => Math.min(3_600_000, 5000 * 2 ** (attempts - 1));

/**
 * Delivers the outbox to each subscription, in order: an event goes out only after the one before it was taken
 * (any 2xx). A receiver that is down is tried again later with a growing wait, so nothing is lost and nothing
 * overtakes; every attempt is in the delivery log. Instances share the work: the one delivering a subscription
 * holds a lease on its cursor (no transaction is held open while it posts, as that would hold back every
 * outbox reader), so each event goes out once across them, and a crashed instance's lease runs out. It wakes when
 * the outbox grows (`wake`), and every `intervalMs` regardless.
 */
export function startWebhookWorker(
  db: Database,
  subscriptions: WebhookSubscription[],
  log: FastifyBaseLogger,
  {
    intervalMs = 1000,
    timeoutMs = 5000,
    fetch: doFetch = fetch,
    instance = randomUUID(),
    onWake,
  }: {
    intervalMs?: number;
    timeoutMs?: number;
    fetch?: typeof fetch;
    /** This instance's name in the leases. */
    instance?: string;
    /** Subscribes to the outbox hub's wake-ups; returns the unsubscribe. */
    onWake?: (wake: () => void) => () => void;
  } = {},
): { stop(): Promise<void> } {
  let stopped = false;
  let running: Promise<void> | undefined;
  // Set by a wake-up during a round, read after it: a function, so the loop's test reads it anew.
  let wokenMeanwhile = false;
  const woken = () => wokenMeanwhile;
  const isStopped = () => stopped;
  let timer: NodeJS.Timeout | undefined;

  async function post(subscription: WebhookSubscription, event: OutboxEvent): Promise<{ ok: boolean; status?: number; error?: string }> {
    const live = liveEventOf(event);
    const body = JSON.stringify(live);
    try {
      const response = await doFetch(subscription.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'henvis-signature': signWebhook(subscription.secret, body),
          'henvis-event-id': live.id,
        },
        body,
        signal: AbortSignal.timeout(timeoutMs),
      });
      await response.body?.cancel();
      return { ok: response.ok, status: response.status };
    } catch (error) {
      return { ok: false, error: error instanceof Error ? error.name : 'error' };
    }
  }

  /** Takes the subscription's cursor for a while, when no other instance holds it and it is due. */
  async function lease(subscription: WebhookSubscription): Promise<CursorRow | undefined> {
    const now = new Date();
    const end = await outboxEnd(db);
    await db.query(
      'insert into webhook_cursors (subscription_id, last_txid, last_seq, next_attempt_at) values ($1, $2, $3, $4) on conflict do nothing',
      [subscription.id, end.txid.toString(), end.seq.toString(), now],
    );
    const [cursor] = await db.query<CursorRow>(
      `update webhook_cursors set leased_by = $2, leased_until = $3
        where subscription_id = $1 and next_attempt_at <= $4 and (leased_until is null or leased_until < $4 or leased_by = $2)
        returning last_txid::text as last_txid, last_seq::text as last_seq, attempts, next_attempt_at`,
      [subscription.id, instance, new Date(now.getTime() + LEASE_MS), now],
    );
    return cursor;
  }

  /** Posts what is due to one subscription under its lease; true when more is waiting. */
  async function deliver(subscription: WebhookSubscription): Promise<boolean> {
    const cursor = await lease(subscription);
    if (!cursor) return false;
    try {
      return await send(subscription, cursor);
    } finally {
      await db.query('update webhook_cursors set leased_by = null, leased_until = null where subscription_id = $1 and leased_by = $2', [
        subscription.id,
        instance,
      ]);
    }
  }

  async function send(subscription: WebhookSubscription, cursor: CursorRow): Promise<boolean> {
    const after = { txid: BigInt(cursor.last_txid), seq: BigInt(cursor.last_seq) };
    const { events } = await readOutbox(db, { after, practiceIds: subscription.practices, limit: 20 });
    let attempts = cursor.attempts;
    for (const event of events) {
      if (stopped) return false;
      const result = await post(subscription, event);
      await db.query(
        `insert into webhook_deliveries (subscription_id, seq, event_type, attempt, outcome, status, error, at) values ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [
          subscription.id,
          event.position.seq.toString(),
          event.type,
          attempts + 1,
          result.ok ? 'delivered' : 'failed',
          result.status ?? null,
          result.error ?? null,
          new Date(),
        ],
      );
      if (!result.ok) {
        attempts++;
        log.warn({ event: 'webhook_failed', subscription: subscription.id, status: result.status, attempts }, 'webhook delivery failed');
        await db.query('update webhook_cursors set attempts = $3, next_attempt_at = $4 where subscription_id = $1 and leased_by = $2', [
          subscription.id,
          instance,
          attempts,
          new Date(Date.now() + retryDelayMs(attempts)),
        ]);
        return false;
      }
      attempts = 0;
      await db.query(
        'update webhook_cursors set last_txid = $3, last_seq = $4, attempts = 0, next_attempt_at = $5 where subscription_id = $1 and leased_by = $2',
        [subscription.id, instance, event.position.txid.toString(), event.position.seq.toString(), new Date()],
      );
    }
    return events.length === 20;
  }

  function tick() {
    if (stopped) return;
    if (running) {
      wokenMeanwhile = true;
      return;
    }
    clearTimeout(timer);
    running = (async () => {
      let more: boolean;
      do {
        wokenMeanwhile = false;
        more = false;
        for (const subscription of subscriptions) {
          if (isStopped()) return;
          try {
            if (await deliver(subscription)) more = true;
          } catch (error) {
            log.warn({ event: 'webhook_worker_failed', subscription: subscription.id, err: error }, 'webhook worker failed');
          }
        }
      } while ((more || woken()) && !isStopped());
    })().finally(() => {
      running = undefined;
      if (!stopped) timer = setTimeout(tick, intervalMs);
    });
  }
  const unsubscribe = onWake?.(tick);
  tick();

  return {
    async stop() {
      stopped = true;
      unsubscribe?.();
      clearTimeout(timer);
      await running;
    },
  };
}
