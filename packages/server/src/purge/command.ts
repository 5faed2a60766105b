import { parseArgs } from 'node:util';
import { danishDate } from '@henvis/contracts';
import { configFromEnv } from '../config.js';
import { openDatabase } from '../db/database.js';
import { migrate } from '../db/migrate.js';
import { purgeEndedCourses, type PurgeReport } from './purge.js';
import { purgedTables } from './store.js';

/** Where the command reads its environment and writes its lines; the tests pass their own. */
export interface PurgeIo {
  env: NodeJS.ProcessEnv;
  out(line: string): void;
  err(line: string): void;
}

const processIo: PurgeIo = { env: process.env, out: (line) => console.log(line), err: (line) => console.error(line) };

export const PURGE_USAGE = `  henvis-server purge --until <YYYY-MM-DD> [--dry-run]
      Deletes everything personal about the courses that ended (closed, rejected, cancelled) before the Danish
      date <YYYY-MM-DD>: referrals, contacts, plans, messages, consents, WHO-5 answers, unmet needs, offer links,
      outbox events, webhook delivery logs and stored Idempotency-Key answers; and every Idempotency-Key past its
      lease plus 24 hours. One transaction per 500 courses; open courses are never touched; the audit log keeps its
      rows and gets one line with the counts. Prints the rows per table. --dry-run counts and deletes nothing. The
      date may not be in the future. With PGlite, stop the server first: the folder is rewritten so the deleted
      rows leave its files.`;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const isDate = (d: string) => DATE.test(d) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d);

/** `henvis-server purge`: the data controller's deletion at the pilot's end. */
export async function purgeCommand(args: string[], io: PurgeIo = processIo): Promise<number> {
  let values: { until?: string; 'dry-run'?: boolean };
  try {
    ({ values } = parseArgs({ args, options: { until: { type: 'string' }, 'dry-run': { type: 'boolean', default: false } } }));
  } catch (error) {
    io.err(`${(error as Error).message}\n\nUsage:\n${PURGE_USAGE}`);
    return 2;
  }
  const { until } = values;
  if (until === undefined) {
    io.err(`purge needs --until <YYYY-MM-DD>: courses that ended before that date are deleted.\n\nUsage:\n${PURGE_USAGE}`);
    return 2;
  }
  if (!isDate(until)) {
    io.err('--until must be a real calendar date, YYYY-MM-DD (for example 2026-09-01).');
    return 2;
  }
  const now = new Date();
  const today = danishDate(now);
  if (until > today) {
    io.err(`--until ${until} is in the future (today is ${today}): a purge only deletes courses that have already ended.`);
    return 2;
  }
  const config = configFromEnv(io.env);
  const db = await openDatabase(config.database);
  try {
    await migrate(db);
    const report = await purgeEndedCourses(db, { until, dryRun: values['dry-run'] ?? false, now });
    for (const line of describe(report)) io.out(line);
    return 0;
  } finally {
    await db.close();
  }
}

/** The report as the operator reads it: the rows per table, what stays, what was audited. */
export function describe(r: PurgeReport): string[] {
  const width = Math.max(...purgedTables.map((t) => t.length));
  const digits = Math.max(...purgedTables.map((t) => String(r.counts[t]).length));
  return [
    r.dryRun
      ? `Dry run: the purge up to ${r.until} would delete these rows (nothing was deleted):`
      : `Purged the courses that ended before ${r.until} (Danish time), ${r.batches} batch${r.batches === 1 ? '' : 'es'}, in ${(r.ms / 1000).toFixed(1)} s:`,
    ...purgedTables.map(
      (t) =>
        `  ${t.padEnd(width)}  ${String(r.counts[t]).padStart(digits)}${t === 'idempotency_keys' && r.expiredKeys > 0 ? `  (${r.expiredKeys} past their retention, of any course)` : ''}`,
    ),
    `Kept: ${r.kept.open} open courses, ${r.kept.endedLater} that ended on or after ${r.until}. The audit log keeps its rows.`,
    `Audited as ${r.dryRun ? 'purge.dry_run' : 'purge'}, resource ${r.until}.`,
    ...(r.dryRun
      ? []
      : r.storage === 'pglite'
        ? [`PGlite: the purged tables rewritten and ${r.walSegmentsRemoved} write-ahead log segments of before removed.`]
        : [
            'PostgreSQL: the purged tables rewritten (VACUUM FULL). WAL archives, replicas and backups still hold the old rows: see docs/operations.md.',
          ]),
  ];
}
