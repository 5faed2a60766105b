import { createHmac } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { Database, Queryable } from '../db/database.js';
import { outboxEnd, readOutbox, type OutboxEvent } from '../outbox.js';

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
  last_seq: string;
  attempts: number;
  next_attempt_at: Date;
}

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
 * overtakes; every attempt is in the delivery log. Instances share the work: a subscription's cursor is locked
 * by the one delivering it.
 */
export function startWebhookWorker(
  db: Database,
  subscriptions: WebhookSubscription[],
  log: FastifyBaseLogger,
  { intervalMs = 1000, timeoutMs = 5000, fetch: doFetch = fetch }: { intervalMs?: number; timeoutMs?: number; fetch?: typeof fetch } = {},
): { stop(): Promise<void> } {
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;

  async function post(subscription: WebhookSubscription, event: OutboxEvent): Promise<{ ok: boolean; status?: number; error?: string }> {
    const body = JSON.stringify({
      id: event.seq,
      type: event.type,
      referralId: event.referral_id,
      at: event.at.toISOString(),
      data: event.payload,
    });
    try {
      const response = await doFetch(subscription.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'henvis-signature': signWebhook(subscription.secret, body),
          'henvis-event-id': event.seq,
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

  async function deliver(tx: Queryable, subscription: WebhookSubscription): Promise<void> {
    const now = new Date();
    await tx.query('insert into webhook_cursors (subscription_id, last_seq, next_attempt_at) values ($1, $2, $3) on conflict do nothing', [
      subscription.id,
      await outboxEnd(tx),
      now,
    ]);
    const [cursor] = await tx.query<CursorRow>('select * from webhook_cursors where subscription_id = $1 for update skip locked', [
      subscription.id,
    ]);
    if (!cursor || cursor.next_attempt_at > now) return;
    const events = await readOutbox(tx, { after: cursor.last_seq, practiceIds: subscription.practices, limit: 20 });
    let attempts = cursor.attempts;
    for (const event of events) {
      const result = await post(subscription, event);
      await tx.query(
        `insert into webhook_deliveries (subscription_id, seq, event_type, attempt, outcome, status, error, at) values ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [
          subscription.id,
          event.seq,
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
        await tx.query('update webhook_cursors set attempts = $2, next_attempt_at = $3 where subscription_id = $1', [
          subscription.id,
          attempts,
          new Date(Date.now() + retryDelayMs(attempts)),
        ]);
        return;
      }
      attempts = 0;
      await tx.query('update webhook_cursors set last_seq = $2, attempts = 0, next_attempt_at = $3 where subscription_id = $1', [
        subscription.id,
        event.seq,
        new Date(),
      ]);
    }
  }

  const tick = () => {
    running = (async () => {
      for (const subscription of subscriptions) {
        if (stopped) return;
        try {
          await db.transaction((tx) => deliver(tx, subscription));
        } catch (error) {
          log.warn({ event: 'webhook_worker_failed', subscription: subscription.id, err: error }, 'webhook worker failed');
        }
      }
    })().finally(() => {
      if (!stopped) timer = setTimeout(tick, intervalMs);
    });
  };
  tick();

  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
