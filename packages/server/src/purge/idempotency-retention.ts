import type { FastifyBaseLogger } from 'fastify';
import type { Database } from '../db/database.js';
import { expiredKeys } from './store.js';

/** How often the running server drops the Idempotency-Keys past their retention. */
export const RETENTION_SWEEP_MS = 60 * 60 * 1000;

/**
 * Drops the Idempotency-Keys whose lease ended more than 24 hours ago, at start and then every `everyMs`, with the
 * purge's own function: the answer a key keeps for its replay is the whole referral (CPR number, name, note), so
 * it is kept only as long as a retry is plausible. The timer does not keep the process alive.
 */
export function startIdempotencyRetention(
  db: Database,
  { everyMs = RETENTION_SWEEP_MS, log }: { everyMs?: number; log: FastifyBaseLogger },
): { stop(): Promise<void> } {
  let running: Promise<void> = Promise.resolve();
  let stopped = false;
  const sweep = () => {
    if (stopped) return;
    running = running.then(async () => {
      try {
        const removed = await expiredKeys(db, new Date(), { remove: true });
        if (removed > 0) log.info({ event: 'idempotency_keys_expired', removed }, 'dropped expired idempotency keys');
      } catch (error) {
        log.warn({ event: 'idempotency_retention_failed', err: error }, 'dropping expired idempotency keys failed');
      }
    });
  };
  const first = setTimeout(sweep, 0);
  const timer = setInterval(sweep, everyMs);
  first.unref();
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearTimeout(first);
      clearInterval(timer);
      await running;
    },
  };
}
