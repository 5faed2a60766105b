import type { FastifyBaseLogger } from 'fastify';
import type { Database } from '../db/database.js';
import { loadWebhookTargets } from '../admin/store.js';

/** The channel whose notifications tell every instance that the webhook subscriptions changed. No data in it. */
export const WEBHOOKS_CHANNEL = 'henvis_webhooks';

/** A subscription as the webhook worker delivers it. */
export interface WebhookTarget {
  id: string;
  url: string;
  practices: readonly string[];
  /** The secrets that sign, newest first: each until its `acceptedUntil`, the current one always. */
  secrets: readonly { secret: string; acceptedUntil?: Date }[];
  /** Kept in the database (webhook_subscriptions): the worker reads it anew from there each time it delivers. */
  stored?: boolean;
}

/** Where the worker gets its subscriptions: the current list, and a call when it changes. */
export interface WebhookTargets {
  current(): readonly WebhookTarget[];
  /** Calls `listener` after the list changed; returns the unsubscribe. */
  onChange(listener: () => void): () => void;
}

/** A list that never changes (a test's worker). */
export const fixedTargets = (targets: readonly WebhookTarget[]): WebhookTargets => ({ current: () => targets, onChange: () => () => {} });

/** A read of the subscriptions again, in case a notification was lost and to drop secrets past their time. */
const SAFETY_RELOAD_MS = 60_000;

/**
 * The subscriptions stored in the database, kept in memory and read again whenever an administrator changes one
 * (a notification on WEBHOOKS_CHANNEL, from any instance), when the listening connection is back, and every minute.
 */
export async function watchWebhookTargets(
  db: Database,
  log: Pick<FastifyBaseLogger, 'warn'>,
  { reloadMs = SAFETY_RELOAD_MS }: { reloadMs?: number } = {},
): Promise<WebhookTargets & { close(): Promise<void> }> {
  const load = async () => (await loadWebhookTargets(db, new Date())).map((t): WebhookTarget => ({ ...t, stored: true }));
  let targets = await load();
  const listeners = new Set<() => void>();
  let loading: Promise<void> | undefined;
  let again = false;
  const loadAgain = () => again;
  let closed = false;

  function reload() {
    if (closed) return;
    if (loading) {
      again = true;
      return;
    }
    loading = (async () => {
      do {
        again = false;
        try {
          targets = await load();
        } catch (error) {
          log.warn({ event: 'webhook_subscriptions_not_read', err: error }, 'reading the webhook subscriptions failed');
          return;
        }
      } while (loadAgain());
      for (const listener of listeners) listener();
    })().finally(() => {
      loading = undefined;
    });
  }

  const unlisten = await db.listen(WEBHOOKS_CHANNEL, reload);
  const timer = setInterval(reload, reloadMs);
  timer.unref();
  return {
    current: () => targets,
    onChange(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    async close() {
      closed = true;
      clearInterval(timer);
      await unlisten();
      await loading;
    },
  };
}
