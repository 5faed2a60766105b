import type { LiveEventType } from '@henvis/contracts';
import { one, type Queryable } from './db/database.js';

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

/** An event as it was recorded, at position `seq` (a bigint, kept as text). */
export interface OutboxEvent {
  seq: string;
  type: OutboxEventType;
  referral_id: string;
  payload: Record<string, string>;
  at: Date;
}

/** The position of the newest event: where a new reader starts. */
export async function outboxEnd(db: Queryable): Promise<string> {
  const row = one(await db.query<{ seq: string }>('select coalesce(max(seq), 0)::text as seq from outbox_events'));
  return row.seq;
}

/**
 * The events after position `after` of these practices (and of one patient, for a token bound to one), in order.
 * The live stream and the webhook worker both read the outbox this way.
 */
export function readOutbox(
  db: Queryable,
  { after, practiceIds, patientKey, limit }: { after: string | number; practiceIds: string[]; patientKey?: string; limit: number },
): Promise<OutboxEvent[]> {
  return db.query<OutboxEvent>(
    `select o.seq::text as seq, o.type, o.referral_id, o.payload, o.at from outbox_events o
       ${patientKey ? 'join referrals r on r.id = o.referral_id and r.patient_key = $4' : ''}
      where o.seq > $1 and o.practice_id = any($2::text[]) order by o.seq limit $3`,
    patientKey ? [after, practiceIds, limit, patientKey] : [after, practiceIds, limit],
  );
}
