import { createHmac, randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { Database } from '../db/database.js';
import { liveEventOf, outboxEnd, readOutbox, type OutboxEvent } from '../outbox.js';
import { fixedTargets, type WebhookTarget, type WebhookTargets } from './subscriptions.js';

/**
 * A journal vendor's webhook as configuration names it (HENVIS_WEBHOOKS): where Henvis posts the changes of its
 * practices, signed with a shared secret. Seeded into the database at start; administered there since.
 */
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

/**
 * The `Henvis-Signature` header of a body: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`, with one `v1=`
 * per secret (as Stripe does during a secret's rotation: the new secret's first, then the old one's while it is
 * still accepted), so a receiver holding either secret can verify it.
 */
export function signWebhook(secret: string | readonly string[], body: string, at = new Date()): string {
  const t = Math.floor(at.getTime() / 1000);
  const secrets = typeof secret === 'string' ? [secret] : secret;
  return [`t=${t}`, ...secrets.map((s) => `v1=${createHmac('sha256', s).update(`${t}.${body}`).digest('hex')}`)].join(',');
}

const isList = (s: readonly WebhookSubscription[] | WebhookTargets): s is readonly WebhookSubscription[] => Array.isArray(s);

/** The secrets of a subscription that sign at `at`, newest first. */
export const signingSecrets = (target: WebhookTarget, at: Date) =>
  target.secrets.filter((s) => !s.acceptedUntil || s.acceptedUntil > at).map((s) => s.secret);

/** The wait before the next try after `attempts` failures in a row: 5 s doubling, at most an hour. */
export const retryDelayMs = (attempts: number) => Math.min(3_600_000, 5000 * 2 ** (attempts - 1));

/**
 * Delivers the outbox to each subscription, in order: an event goes out only after the one before it was taken
 * (any 2xx). A receiver that is down is tried again later with a growing wait, so nothing is lost and nothing
 * overtakes; every attempt is in the delivery log. Instances share the work: the one delivering a subscription
 * holds a lease on its cursor (no transaction is held open while it posts, as that would hold back every
 * outbox reader), so each event goes out once across them, and a crashed instance's lease runs out. It wakes when
 * the outbox grows (`wake`), when the subscriptions change (the stored ones: an administrator's change on any
 * instance), and every `intervalMs` regardless.
 */
export function startWebhookWorker(
  db: Database,
  subscriptions: readonly WebhookSubscription[] | WebhookTargets,
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
  const targets = isList(subscriptions)
    ? fixedTargets(subscriptions.map(({ secret, ...rest }) => ({ ...rest, secrets: [{ secret }] })))
    : subscriptions;

  async function post(subscription: WebhookTarget, event: OutboxEvent): Promise<{ ok: boolean; status?: number; error?: string }> {
    const live = liveEventOf(event);
    const body = JSON.stringify(live);
    try {
      const response = await doFetch(subscription.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'henvis-signature': signWebhook(signingSecrets(subscription, new Date()), body),
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

  /**
   * Takes the subscription's cursor for a while, when no other instance holds it and it is due. A stored
   * subscription comes back as the database has it now (URL, practices, secrets in force), so a change an
   * administrator committed holds for every delivery begun after it, whenever the notification arrives; one that was
   * removed gets no cursor and nothing more.
   */
  async function lease(subscription: WebhookTarget): Promise<{ cursor: CursorRow; target: WebhookTarget } | undefined> {
    const now = new Date();
    const end = await outboxEnd(db);
    const stored = subscription.stored === true;
    await db.query(
      `insert into webhook_cursors (subscription_id, last_txid, last_seq, next_attempt_at)
       select $1, $2, $3, $4 where not $5 or exists (select 1 from webhook_subscriptions where id = $1) on conflict do nothing`,
      [subscription.id, end.txid.toString(), end.seq.toString(), now, stored],
    );
    const [row] = await db.query<
      CursorRow & { url: string | null; practices: string[] | null; secrets: { secret: string; until: string | null }[] }
    >(
      `update webhook_cursors c set leased_by = $2, leased_until = $3
        where subscription_id = $1 and next_attempt_at <= $4 and (leased_until is null or leased_until < $4 or leased_by = $2)
          and (not $5 or exists (select 1 from webhook_subscriptions where id = $1))
        returning last_txid::text as last_txid, last_seq::text as last_seq, attempts, next_attempt_at,
          (select url from webhook_subscriptions s where s.id = c.subscription_id) as url,
          (select practices from webhook_subscriptions s where s.id = c.subscription_id) as practices,
          (select coalesce(jsonb_agg(jsonb_build_object('secret', w.secret, 'until', w.accepted_until)
                    order by w.accepted_until is not null, w.created_at desc, w.id desc), '[]'::jsonb)
             from webhook_secrets w where w.subscription_id = c.subscription_id and (w.accepted_until is null or w.accepted_until > $4)) as secrets`,
      [subscription.id, instance, new Date(now.getTime() + LEASE_MS), now, stored],
    );
    if (!row) return undefined;
    const { url, practices, secrets, ...cursor } = row;
    const target: WebhookTarget =
      stored && url && practices
        ? {
            ...subscription,
            url,
            practices,
            secrets: secrets.map((s) => ({ secret: s.secret, ...(s.until ? { acceptedUntil: new Date(s.until) } : {}) })),
          }
        : subscription;
    return { cursor, target };
  }

  /** Posts what is due to one subscription under its lease; true when more is waiting. */
  async function deliver(subscription: WebhookTarget): Promise<boolean> {
    const leased = await lease(subscription);
    if (!leased) return false;
    try {
      return await send(leased.target, leased.cursor);
    } finally {
      await db.query('update webhook_cursors set leased_by = null, leased_until = null where subscription_id = $1 and leased_by = $2', [
        subscription.id,
        instance,
      ]);
    }
  }

  async function send(subscription: WebhookTarget, cursor: CursorRow): Promise<boolean> {
    const after = { txid: BigInt(cursor.last_txid), seq: BigInt(cursor.last_seq) };
    const { events } = await readOutbox(db, { after, practiceIds: subscription.practices, limit: 20 });
    let attempts = cursor.attempts;
    for (const event of events) {
      // Stopped, or the subscription was removed meanwhile: nothing more goes to it.
      if (stopped || !targets.current().some((t) => t.id === subscription.id)) return false;
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
        for (const subscription of targets.current()) {
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
  const unsubscribeChanges = targets.onChange(tick);
  tick();

  return {
    async stop() {
      stopped = true;
      unsubscribe?.();
      unsubscribeChanges();
      clearTimeout(timer);
      await running;
    },
  };
}
