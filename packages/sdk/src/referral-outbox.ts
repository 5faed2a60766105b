import type { HenvisErrorCode, NewReferral, Referral } from '@henvis/contracts';
import { backoffDelay, sleep } from './backoff.js';
import type { HenvisClient } from './client.js';
import { HenvisError } from './henvis-error.js';

/** A referral waiting to be delivered. */
export interface QueuedReferral {
  /** The Idempotency-Key every attempt uses, so the referral is stored once. */
  readonly idempotencyKey: string;
  readonly referral: NewReferral;
  readonly queuedAt: Date;
  readonly attempts: number;
  readonly lastError: HenvisErrorCode;
}

export interface ReferralOutboxOptions {
  /** How long a referral may wait before it is dropped with `delivery_expired` (default 24 hours). */
  maxAgeMs?: number;
  /** Longest wait between attempts (default 60 s). */
  maxDelayMs?: number;
  /**
   * Time limit of the first attempt (default 4 s): a referral the API has not answered by then is queued, and the
   * user is told so. Each later attempt may take twice as long as the one before, up to 30 s, so a slow API still
   * gets through.
   */
  attemptTimeoutMs?: number;
}

/**
 * Delivers referrals through the client, and keeps one that could not be delivered (no network, server errors)
 * trying with the same Idempotency-Key until it is stored, refused, or too old. The outbox does the retrying:
 * each attempt is a single request with a short time limit, so a hanging API makes the referral queued (and the
 * user told) within seconds, not after the client's own retries of a request that never answers.
 *
 * A queued referral holds personal data, so it waits in this page's memory only: never in localStorage,
 * IndexedDB or a cookie. It is lost if the page is closed before delivery; the widget shows the queue and warns
 * before the page unloads.
 */
export interface ReferralOutbox {
  /** Resolves when the referral is stored; rejects at once on a refusal (4xx), or with `delivery_expired`. */
  send(referral: NewReferral, options?: { onQueued?: (item: QueuedReferral) => void }): Promise<Referral>;
  /** The referrals waiting now, oldest first. */
  readonly pending: readonly QueuedReferral[];
  /** Called whenever `pending` changes. Returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
  /** Tries every waiting referral now, e.g. when the browser comes back online. */
  retryNow(): void;
  /**
   * Stops for good: no more attempts, and each waiting referral's `send` rejects with `delivery_cancelled`, so
   * the caller can say it was not sent. Referrals being sent at this moment still finish.
   */
  close(): void;
}

export function createReferralOutbox(client: Pick<HenvisClient, 'createReferral'>, options: ReferralOutboxOptions = {}): ReferralOutbox {
  const maxAgeMs = options.maxAgeMs ?? 24 * 60 * 60 * 1000;
  const delays = { baseDelayMs: 1000, maxDelayMs: options.maxDelayMs ?? 60_000 };
  const firstTimeoutMs = options.attemptTimeoutMs ?? 4000;
  const timeoutOf = (attempt: number) => Math.min(firstTimeoutMs * 2 ** (attempt - 1), Math.max(firstTimeoutMs, 30_000));
  let pending: QueuedReferral[] = [];
  const listeners = new Set<() => void>();
  const wakers = new Set<AbortController>();
  let closed = false;

  const publish = (next: QueuedReferral[]) => {
    pending = next;
    for (const listener of listeners) listener();
  };

  async function send(referral: NewReferral, { onQueued }: { onQueued?: (item: QueuedReferral) => void } = {}): Promise<Referral> {
    const idempotencyKey = crypto.randomUUID();
    const queuedAt = new Date();
    for (let attempts = 1; ; attempts++) {
      try {
        const stored = await client.createReferral(referral, { idempotencyKey, retry: false, timeoutMs: timeoutOf(attempts) });
        publish(pending.filter((p) => p.idempotencyKey !== idempotencyKey));
        return stored;
      } catch (error) {
        const retryable = error instanceof HenvisError && error.retryable;
        const expired = Date.now() - queuedAt.getTime() >= maxAgeMs;
        if (closed && retryable) {
          publish(pending.filter((p) => p.idempotencyKey !== idempotencyKey));
          throw new HenvisError('delivery_cancelled', { cause: error });
        }
        if (!retryable || expired) {
          publish(pending.filter((p) => p.idempotencyKey !== idempotencyKey));
          throw expired && retryable ? new HenvisError('delivery_expired', { cause: error }) : error;
        }
        const item: QueuedReferral = { idempotencyKey, referral, queuedAt, attempts, lastError: error.code };
        const known = pending.some((p) => p.idempotencyKey === idempotencyKey);
        publish(known ? pending.map((p) => (p.idempotencyKey === idempotencyKey ? item : p)) : [...pending, item]);
        if (!known) onQueued?.(item);
        const waker = new AbortController();
        wakers.add(waker);
        await sleep(backoffDelay(delays, attempts), waker.signal).catch(() => {});
        wakers.delete(waker);
        if (closed) {
          publish(pending.filter((p) => p.idempotencyKey !== idempotencyKey));
          throw new HenvisError('delivery_cancelled', { cause: error });
        }
      }
    }
  }

  return {
    send,
    get pending() {
      return pending;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    retryNow() {
      for (const waker of wakers) waker.abort();
    },
    close() {
      closed = true;
      for (const waker of wakers) waker.abort();
    },
  };
}
