import type { LiveEvent, LiveEventType } from '@henvis/contracts';
import type { Queryable } from './db/database.js';

export type OutboxEventType = LiveEventType;

/** The channel whose notifications wake the outbox's readers. The payload is a position, never data. */
export const OUTBOX_CHANNEL = 'henvis_outbox';

/**
 * Records a change in the outbox, in the caller's transaction: the change and its event commit together or not at
 * all, and the readers are woken once it has committed (Queryable.notify). `payload` carries ids and codes only; whoever delivers it
 * fetches the rest with their own authorisation.
 */
export async function recordEvent(
  tx: Queryable,
  referral: { id: string; practice_id: string },
  type: OutboxEventType,
  payload: Record<string, string>,
  at: Date,
): Promise<void> {
  const [event] = await tx.query<{ position: string }>(
    `insert into outbox_events (referral_id, practice_id, type, payload, at) values ($1, $2, $3, $4::jsonb, $5)
     returning txid || '.' || seq as position`,
    [referral.id, referral.practice_id, type, JSON.stringify(payload), at],
  );
  if (event) tx.notify(OUTBOX_CHANNEL, event.position);
}

/**
 * A place in the outbox: after the events of transaction `txid` up to `seq`. Events are read in (txid, seq) order
 * and only from transactions older than every one still running, so a position never passes an event that is
 * yet to commit. Written `<txid>.<seq>` (the live stream's event id, the webhooks' id); a bare `<seq>`, as ids were
 * before, is read as that event's position.
 */
export interface OutboxPosition {
  txid: bigint;
  seq: bigint;
}

export const START: OutboxPosition = { txid: 0n, seq: 0n };
export const formatPosition = (p: OutboxPosition) => `${p.txid}.${p.seq}`;
export const comparePositions = (a: OutboxPosition, b: OutboxPosition) =>
  a.txid !== b.txid ? (a.txid < b.txid ? -1 : 1) : a.seq === b.seq ? 0 : a.seq < b.seq ? -1 : 1;

/** A position as written by formatPosition, or a legacy seq; undefined for anything else. */
export function parsePosition(text: string | undefined): OutboxPosition | { legacySeq: bigint } | undefined {
  const [, first, second] = /^(\d{1,19})(?:\.(\d{1,19}))?$/.exec(text?.trim() ?? '') ?? [];
  if (first === undefined) return undefined;
  return second === undefined ? { legacySeq: BigInt(first) } : { txid: BigInt(first), seq: BigInt(second) };
}

/** Where a reader resumes from a Last-Event-ID: a legacy seq is the position of that event (or before all). */
export async function resumePosition(db: Queryable, text: string | undefined): Promise<OutboxPosition | undefined> {
  const parsed = parsePosition(text);
  if (!parsed || !('legacySeq' in parsed)) return parsed;
  const [row] = await db.query<{ txid: string }>('select txid::text as txid from outbox_events where seq = $1', [
    parsed.legacySeq.toString(),
  ]);
  return { txid: row ? BigInt(row.txid) : 0n, seq: parsed.legacySeq };
}

/** An event as it was recorded, at its position. */
export interface OutboxEvent {
  position: OutboxPosition;
  type: OutboxEventType;
  referralId: string;
  practiceId: string;
  /** The citizen's pseudonym, for streams bound to one patient. */
  patientKey: string;
  payload: Record<string, string>;
  at: Date;
}

/** The event as every receiver gets it: the stream's `data` and a webhook's body are this one shape. */
export const liveEventOf = (e: OutboxEvent): LiveEvent => ({
  id: formatPosition(e.position),
  type: e.type,
  referralId: e.referralId,
  at: e.at.toISOString(),
  data: e.payload,
});

/**
 * The oldest transaction of this application still running, as a number: events of older ones are final. Only this
 * application's own transactions (same database and application_name, which db/postgres.ts sets) hold it back: a
 * long migration, backup or report by anyone else must not stop the live events (pg_snapshot_xmin would). A running
 * transaction that cannot be told to be someone else's (pg_stat_activity hides other roles' xids from a role without
 * pg_read_all_stats) counts as ours, which only delays. From the statement's own snapshot, so no transaction can end
 * between the horizon and the rows read.
 */
const HORIZON = `coalesce(
  (select min(x::text::bigint) from pg_snapshot_xip(pg_current_snapshot()) x
    where not exists (
      select 1 from pg_stat_activity a
       where a.backend_xid is not null and a.backend_xid::text::bigint = x::text::bigint % 4294967296
         and (a.datname is distinct from current_database() or a.application_name is distinct from current_setting('application_name')))),
  pg_snapshot_xmax(pg_current_snapshot())::text::bigint)`;

interface EventRow {
  txid: string;
  seq: string;
  type: OutboxEventType;
  referral_id: string;
  practice_id: string;
  patient_key: string;
  payload: Record<string, string>;
  at: Date;
}
const toEvent = (r: EventRow): OutboxEvent => ({
  position: { txid: BigInt(r.txid), seq: BigInt(r.seq) },
  type: r.type,
  referralId: r.referral_id,
  practiceId: r.practice_id,
  patientKey: r.patient_key,
  payload: r.payload,
  at: r.at,
});

/** The position after the last final event: where a new reader starts. */
export async function outboxEnd(db: Queryable): Promise<OutboxPosition> {
  const [row] = await db.query<{ txid: string; seq: string }>(
    `select txid::text as txid, seq::text as seq from outbox_events where txid < ${HORIZON} order by txid desc, seq desc limit 1`,
  );
  return row ? { txid: BigInt(row.txid), seq: BigInt(row.seq) } : START;
}

export interface OutboxRead {
  events: OutboxEvent[];
  /**
   * Committed events lie beyond the horizon (a transaction older than theirs is still running): read again soon,
   * as no notification may come when that older transaction ends.
   */
  held: boolean;
}

/**
 * The final events after `after`, in order, of these practices (all, without `practiceIds`) and of one patient
 * (for a token bound to one), at most `limit`; and up to `until`, when given (a catch-up to another reader).
 * The live stream and the webhook worker both read the outbox this way.
 */
export async function readOutbox(
  db: Queryable,
  {
    after,
    until,
    practiceIds,
    patientKey,
    limit,
  }: { after: OutboxPosition; until?: OutboxPosition; practiceIds?: readonly string[]; patientKey?: string; limit: number },
): Promise<OutboxRead> {
  const params: unknown[] = [after.txid.toString(), after.seq.toString(), limit];
  const where = [`(o.txid, o.seq) > ($1::bigint, $2::bigint)`];
  if (practiceIds) where.push(`o.practice_id = any($${params.push(practiceIds)}::text[])`);
  if (patientKey) where.push(`r.patient_key = $${params.push(patientKey)}`);
  if (until)
    where.push(`(o.txid, o.seq) <= ($${params.push(until.txid.toString())}::bigint, $${params.push(until.seq.toString())}::bigint)`);
  const rows = await db.query<EventRow & { horizon: string }>(
    `select o.txid::text as txid, o.seq::text as seq, o.type, o.referral_id, o.practice_id, r.patient_key, o.payload, o.at
       from outbox_events o join referrals r on r.id = o.referral_id
      where ${where.join(' and ')} and o.txid < ${HORIZON}
      order by o.txid, o.seq limit $3`,
    params,
  );
  const events = rows.map(toEvent);
  if (events.length === limit) return { events, held: false };
  // Fewer than asked: is anything committed waiting behind a running transaction?
  const [beyond] = await db.query<{ held: boolean }>(
    `select exists (select 1 from outbox_events o where o.txid >= ${HORIZON} and (o.txid, o.seq) > ($1::bigint, $2::bigint)) as held`,
    [after.txid.toString(), after.seq.toString()],
  );
  return { events, held: beyond?.held ?? false };
}
