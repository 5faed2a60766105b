import type { Actor, ReferralStatus } from '@henvis/contracts';
import type { Queryable } from '../db/database.js';
import { recordEvent } from '../outbox.js';
import { insertEvent, updateStatus, type ReferralRow } from './store.js';

/**
 * Moves a referral to another status, in the caller's transaction: the row, its timeline entry (who, when, why)
 * and the outbox event that tells the journal. Whether the move is allowed is the caller's to check.
 */
export async function changeStatus(
  tx: Queryable,
  row: ReferralRow,
  to: ReferralStatus,
  actor: Actor,
  at: Date,
  details: { reason?: string; note?: string } = {},
): Promise<ReferralRow> {
  const updated = await updateStatus(tx, row.id, to, at);
  const eventId = await insertEvent(tx, row.id, { type: 'status_changed', from: row.status, to, ...details, actor, at });
  // The timeline entry's id, so a journal files the entry the event names (a status may be reached more than once).
  await recordEvent(tx, row, 'referral.status_changed', { referralId: row.id, from: row.status, to, eventId }, at);
  return updated;
}
