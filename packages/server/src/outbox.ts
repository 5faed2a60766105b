import type { Queryable } from './db/database.js';

/** What the outbox records: the kinds of change a journal or a vendor's backend hears about. */
export type OutboxEventType = 'referral.created' | 'referral.status_changed' | 'message.created' | 'consent.recorded' | 'consent.withdrawn';

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
