import { audit } from '../audit.js';
import type { Database } from '../db/database.js';
import {
  deleteCourses,
  countCourseRows,
  endedCourses,
  eraseDeletedRows,
  expiredKeys,
  keptCourses,
  purgedTables,
  type PurgeCounts,
} from './store.js';

export interface PurgeOptions {
  /** The cut-off, a Danish calendar date `YYYY-MM-DD`: courses that ended before its first moment go. */
  until: string;
  /** Count only: nothing is deleted (one audit line, `purge.dry_run`, is still written). */
  dryRun: boolean;
  now?: Date;
  /** Courses per transaction. */
  batchSize?: number;
}

export interface PurgeReport {
  until: string;
  dryRun: boolean;
  /** Rows deleted (or, in a dry run, that would be), per table. `idempotency_keys` includes the expired keys. */
  counts: PurgeCounts;
  /** Of `counts.idempotency_keys`: keys of any course past their retention (lease + 24 hours). */
  expiredKeys: number;
  batches: number;
  /** What stays: courses still open, and courses that ended on or after the cut-off. */
  kept: { open: number; endedLater: number };
  storage: Database['kind'];
  /** PGlite: write-ahead log segments of before the purge, removed with the bytes they held. */
  walSegmentsRemoved: number;
  ms: number;
}

/** `referrals=3 referral_events=12 …`: the counts of the audit line, and nothing else. */
export const countsDetail = (counts: PurgeCounts): string => purgedTables.map((t) => `${t}=${counts[t]}`).join(' ');

const zero = (): PurgeCounts => Object.fromEntries(purgedTables.map((t) => [t, 0])) as PurgeCounts;

/**
 * The purge at the pilot's end: every course that ended before `until`, with everything personal about it, and
 * the Idempotency-Keys past their retention, one transaction per batch of courses. Open courses are never touched.
 * The audit log keeps its rows (pseudonyms, not personal data) and gets one line for the run, `purge` (or
 * `purge.dry_run`) with the cut-off as its resource id and the counts as its detail, in the last batch's
 * transaction. Afterwards the purged tables are rewritten so the deleted rows leave the files too (store.ts).
 */
export async function purgeEndedCourses(db: Database, options: PurgeOptions): Promise<PurgeReport> {
  const started = performance.now();
  const { until, dryRun } = options;
  const now = options.now ?? new Date();
  const batchSize = options.batchSize ?? 500;
  const counts = zero();
  const expired = dryRun
    ? await expiredKeys(db, now, { remove: false })
    : await db.transaction((tx) => expiredKeys(tx, now, { remove: true }));
  counts.idempotency_keys += expired;
  let after = '00000000-0000-0000-0000-000000000000';
  let batches = 0;
  for (let last = false; !last;) {
    last = await db.transaction(async (tx) => {
      const ids = await endedCourses(tx, { after, until, limit: batchSize, lock: !dryRun });
      if (ids.length > 0) {
        const batch = dryRun ? await countCourseRows(tx, ids, now) : await deleteCourses(tx, ids, now);
        for (const t of purgedTables) counts[t] += batch[t];
        after = ids.at(-1) ?? after;
        batches++;
      }
      if (ids.length === batchSize) return false;
      const action = dryRun ? 'purge.dry_run' : 'purge';
      await audit(tx, undefined, [{ action, outcome: 'ok', resourceType: 'purge', resourceId: until, detail: countsDetail(counts) }]);
      return true;
    });
  }
  const kept = await keptCourses(db, until);
  const erased = dryRun ? { walSegmentsRemoved: 0 } : await eraseDeletedRows(db, purgedTables);
  return {
    until,
    dryRun,
    storage: db.kind,
    counts,
    expiredKeys: expired,
    batches,
    kept,
    ...erased,
    ms: Math.round(performance.now() - started),
  };
}
