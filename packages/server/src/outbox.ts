import type { LiveEventType } from '@henvis/contracts';
import type { Queryable } from './db/database.js';

export type OutboxEventType = LiveEventType;

/**
 * Records a change in the outbox, in the caller's transaction: the change and its event commit together or not at
 * all. `payload` carries ids and codes only; whoever delivers it fetches the rest with their own authorisation.
 */
export async function recordEvent(
  tx: Queryable,
  referral: { id: string; practice_id: string },
  type: OutboxEventType,
  payload: Record<string, string>,
  at: Date,
): Promise<void> {
  await tx.query('insert into outbox_events (referral_id, practice_id, type, payload, at) values ($1, $2, $3, $4::jsonb, $5)', [
    referral.id,
    referral.practice_id,
    type,
    JSON.stringify(payload),
    at,
  ]);
}
