import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { audit } from '../audit.js';
import type { Database } from '../db/database.js';

/** At most `max` failed authentications per client address in `windowMs`; then its requests are refused until the window ends. */
export interface AuthFailureLimit {
  max: number;
  windowMs: number;
}

/** Where the address stands: let through, or locked out for `retryAfter` seconds. */
export type AuthFailureCheck = { locked: false } | { locked: true; retryAfter: number };

export interface AuthFailures {
  /** Before the token is looked at: is the caller's address locked out? A lock-out's first refusal is audited. */
  check(request: FastifyRequest): Promise<AuthFailureCheck>;
  /** A failed authentication from the caller's address, counted. */
  failed(request: FastifyRequest): Promise<void>;
}

/**
 * Counts failed authentications per client address with @fastify/rate-limit's store and refuses an address that
 * has too many: requests are counted only when their token fails (`createRateLimit` incremented on failure,
 * read without incrementing before each request), so valid traffic from an address is never limited by its own
 * volume. The store is the plugin's in-memory one: per instance.
 *
 * The audit log gets the start of each lock-out (its first refused request) and, when the window is over, one line
 * with the number of requests it refused, instead of a line per refused request: a flood cannot fill the log.
 */
export async function authFailures(app: FastifyInstance, db: Database, { max, windowMs }: AuthFailureLimit): Promise<AuthFailures> {
  await app.register(rateLimit, { global: false });
  const limiter = app.createRateLimit({ max, timeWindow: windowMs, keyGenerator: (request) => request.ip });
  // The lock-outs under way, by address: how many requests each refused, for its closing audit line.
  const lockouts = new Map<string, { refused: number; timer: NodeJS.Timeout }>();

  const close = (address: string) => {
    const lockout = lockouts.get(address);
    if (!lockout) return Promise.resolve();
    clearTimeout(lockout.timer);
    lockouts.delete(address);
    if (lockout.refused < 2) return Promise.resolve();
    return db
      .transaction((tx) =>
        audit(
          tx,
          undefined,
          [
            {
              action: 'authenticate.lockout_ended',
              outcome: 'refused',
              detail: 'too_many_attempts',
              resourceType: 'refused_requests',
              resourceId: String(lockout.refused),
            },
          ],
          address,
        ),
      )
      .catch((error: unknown) => app.log.error({ err: error }, 'audit line not written'));
  };
  // The lock-outs that have not ended when the server stops are closed then, while the store is still open.
  app.addHook('onClose', async () => {
    await Promise.all([...lockouts.keys()].map(close));
  });

  return {
    async check(request) {
      const state = await limiter(request, { increment: false });
      if (state.isAllowed || state.remaining > 0) return { locked: false };
      const retryAfter = Math.max(1, state.ttlInSeconds);
      const lockout = lockouts.get(state.key);
      if (lockout) {
        lockout.refused++;
        return { locked: true, retryAfter };
      }
      lockouts.set(state.key, { refused: 1, timer: setTimeout(() => void close(state.key), state.ttl).unref() });
      request.log.warn({ event: 'authentication_locked_out', seconds: retryAfter }, 'too many failed authentications');
      await db.transaction((tx) =>
        audit(tx, undefined, [{ action: 'authenticate', outcome: 'refused', detail: 'too_many_attempts' }], request.ip),
      );
      return { locked: true, retryAfter };
    },
    async failed(request) {
      await limiter(request);
    },
  };
}
