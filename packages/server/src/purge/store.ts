import { terminalStatuses } from '@henvis/contracts';
import { one, type Database, type Queryable } from '../db/database.js';

/**
 * Every table that holds rows of a course, and how the rows of the courses `$1` (referral ids) are found there.
 * The referral's own tables go with it (`on delete cascade`); the delivery logs and the Idempotency-Keys name it
 * only by the outbox position and by the stored answer. A new table with a referral id belongs here (the purge
 * test finds the tables that reference referrals and fails on one missing).
 */
export const COURSE_TABLES = {
  referrals: 'id = any($1::uuid[])',
  referral_events: 'referral_id = any($1::uuid[])',
  referral_facts: 'referral_id = any($1::uuid[])',
  contact_log: 'referral_id = any($1::uuid[])',
  plans: 'referral_id = any($1::uuid[])',
  messages: 'referral_id = any($1::uuid[])',
  consents: 'referral_id = any($1::uuid[])',
  disclosures: 'referral_id = any($1::uuid[])',
  who5_responses: 'referral_id = any($1::uuid[])',
  unmet_needs: 'referral_id = any($1::uuid[])',
  offer_links: 'referral_id = any($1::uuid[])',
  medcom_acknowledgements: 'referral_id = any($1::uuid[])',
  outbox_events: 'referral_id = any($1::uuid[])',
  webhook_deliveries: 'seq in (select o.seq from outbox_events o where o.referral_id = any($1::uuid[]))',
  // The answer stored for a replay is the created referral; a key past its retention goes with expiredKeys.
  idempotency_keys: "response_body->>'id' = any($1::uuid[]::text[]) and locked_until >= $2",
} as const;

export type PurgedTable = keyof typeof COURSE_TABLES;
export type PurgeCounts = Record<PurgedTable, number>;
export const purgedTables = Object.keys(COURSE_TABLES) as PurgedTable[];

/** How long an Idempotency-Key's answer is kept after its lease ended: a retry within a day replays. */
export const IDEMPOTENCY_RETENTION_MS = 24 * 60 * 60 * 1000;

/** Before this instant a key's lease ended more than the retention ago. */
export const keyExpiry = (now: Date): Date => new Date(now.getTime() - IDEMPOTENCY_RETENTION_MS);

const TERMINAL = [...terminalStatuses];

/**
 * When a course ended: the time of the status change to its end status (afsluttet, afvist, annulleret), which
 * nothing leaves again; a row without that event, by its last change.
 */
const ENDED_AT = `coalesce((select max(e.at) from referral_events e where e.referral_id = r.id and e.to_status = r.status), r.updated_at)`;
const ENDED_BEFORE = `r.status = any($2::text[]) and ${ENDED_AT} < ($3::date::timestamp at time zone 'Europe/Copenhagen')`;

/**
 * The next `limit` courses after `after` (by id) that ended before the start of the Danish day `until`. `lock`
 * takes them `for update`, so that nothing is added to them before the batch commits.
 */
export async function endedCourses(
  tx: Queryable,
  { after, until, limit, lock }: { after: string; until: string; limit: number; lock: boolean },
): Promise<string[]> {
  const rows = await tx.query<{ id: string }>(
    `select r.id from referrals r where r.id > $1::uuid and ${ENDED_BEFORE} order by r.id limit $4 ${lock ? 'for update of r' : ''}`,
    [after, TERMINAL, until, limit],
  );
  return rows.map((r) => r.id);
}

/** What the purge leaves: the open courses, and the ended ones not yet before the cut-off. */
export async function keptCourses(q: Queryable, until: string): Promise<{ open: number; endedLater: number }> {
  return one(
    await q.query<{ open: number; endedLater: number }>(
      `select count(*) filter (where not (r.status = any($1::text[])))::int as "open",
              count(*) filter (where r.status = any($1::text[]) and not (${ENDED_AT} < ($2::date::timestamp at time zone 'Europe/Copenhagen')))::int
                as "endedLater"
         from referrals r`,
      [TERMINAL, until],
    ),
  );
}

/** The rows of these courses, per table. */
export async function countCourseRows(tx: Queryable, ids: readonly string[], now: Date): Promise<PurgeCounts> {
  const columns = purgedTables.map((t) => `(select count(*) from ${t} where ${COURSE_TABLES[t]})::int as ${t}`);
  return one(await tx.query<PurgeCounts>(`select ${columns.join(', ')}`, [ids, keyExpiry(now)]));
}

/**
 * Deletes these courses with everything of theirs, in the caller's transaction, and returns what went per table.
 * Only ended courses are deleted, whatever the ids: an id of an open course is refused and nothing is deleted.
 */
export async function deleteCourses(tx: Queryable, ids: readonly string[], now: Date): Promise<PurgeCounts> {
  const counts = await countCourseRows(tx, ids, now);
  await tx.query(`delete from webhook_deliveries where ${COURSE_TABLES.webhook_deliveries}`, [ids]);
  await tx.query(`delete from idempotency_keys where ${COURSE_TABLES.idempotency_keys}`, [ids, keyExpiry(now)]);
  // The rest goes with the referral (on delete cascade); the counts above were taken with the referrals locked.
  const deleted = await tx.query(`delete from referrals where id = any($1::uuid[]) and status = any($2::text[]) returning id`, [
    ids,
    TERMINAL,
  ]);
  if (deleted.length !== ids.length) throw new Error(`purge refused: ${ids.length - deleted.length} of the courses are not ended`);
  return counts;
}

/** The Idempotency-Keys whose lease ended more than the retention ago, of any course: counted, or deleted. */
export async function expiredKeys(q: Queryable, now: Date, { remove }: { remove: boolean }): Promise<number> {
  const sql = remove
    ? 'with gone as (delete from idempotency_keys where locked_until < $1 returning 1) select count(*)::int as n from gone'
    : 'select count(*)::int as n from idempotency_keys where locked_until < $1';
  return one(await q.query<{ n: number }>(sql, [keyExpiry(now)])).n;
}

/**
 * Makes the deleted rows go from the files too. A delete only marks rows dead: their bytes stay in the table's
 * pages until VACUUM FULL rewrites the table (and its indexes and TOAST) into new files, and ANALYZE replaces the
 * samples of column values in pg_statistic. On PGlite, whose folder is all there is, also the write-ahead log:
 * old segments hold the rows as written (and whole pages of them), and PostgreSQL recycles a segment by renaming
 * it, bytes and all, for later use. With recycling off, each checkpoint after a segment switch removes the
 * segments before it; switching until no segment of before is left leaves one new, zero-filled segment.
 */
export async function eraseDeletedRows(db: Database, tables: readonly string[]): Promise<{ walSegmentsRemoved: number }> {
  await db.exec(`vacuum (full, analyze) ${tables.join(', ')}`);
  if (db.kind !== 'pglite') return { walSegmentsRemoved: 0 };
  // pg_statistic's replaced rows are dead rows of its own.
  await db.exec('vacuum full pg_statistic');
  const segments = async () =>
    (await db.query<{ name: string }>(`select name from pg_ls_waldir() where name ~ '^[0-9A-F]{24}$' order by name`)).map((r) => r.name);
  const before = await segments();
  await db.exec('set wal_recycle = off');
  try {
    await db.exec('checkpoint');
    for (let i = 0; i <= before.length + 1; i++) {
      if ((await segments()).every((s) => !before.includes(s))) break;
      await db.query('select pg_switch_wal()');
      await db.exec('checkpoint');
    }
  } finally {
    await db.exec('reset wal_recycle');
  }
  const after = await segments();
  const left = after.filter((s) => before.includes(s));
  if (left.length > 0) throw new Error(`the write-ahead log still holds segments from before the purge: ${left.join(', ')}`);
  return { walSegmentsRemoved: before.length };
}
