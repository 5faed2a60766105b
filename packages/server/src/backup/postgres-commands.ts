/**
 * PostgreSQL is backed up with its own tools, which take a consistent snapshot while the server runs: henvis-server
 * does not wrap them but prints the exact commands. Custom format (compressed, restorable table by table); restored
 * into a new, empty database in one transaction, so a failed restore leaves nothing behind. The connection strings
 * stay in the environment (they may hold a password) and are never printed.
 */
const quote = (arg: string) => (/^[\w./:@%+=,-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", `'\\''`)}'`);

export const PURGE_CUT_OFF_SQL = "select max(resource_id) from audit_log where action = 'purge'";
// In double quotes: the statement holds single quotes and nothing a shell expands there.
const sqlArg = `"${PURGE_CUT_OFF_SQL}"`;

export function pgDumpCommand(file: string): string {
  return `pg_dump --format=custom --file=${quote(file)} "$DATABASE_URL"`;
}

/** `database`: the new database's name; RESTORED_DATABASE_URL is DATABASE_URL with that name as its path. */
export function pgRestoreCommands(file: string, database: string): string[] {
  return [
    `psql "$DATABASE_URL" --tuples-only --command=${sqlArg}`,
    `createdb --maintenance-db="$DATABASE_URL" ${quote(database)}`,
    `pg_restore --exit-on-error --single-transaction --no-owner --no-acl --dbname="$RESTORED_DATABASE_URL" ${quote(file)}`,
    `psql "$RESTORED_DATABASE_URL" --tuples-only --command=${sqlArg}`,
  ];
}

export function postgresBackupAdvice(file: string): string[] {
  return [
    'DATABASE_URL is set: PostgreSQL is backed up with pg_dump (a client of the same major version as the server, or newer).',
    'henvis-server does not run it; run, on a machine that reaches the database:',
    '',
    `  ${pgDumpCommand(file)}`,
    '',
    'It takes a consistent snapshot while the server runs. The file holds personal data: store it encrypted, off this machine.',
  ];
}

export function postgresRestoreAdvice(file: string, database: string): string[] {
  const [before, create, restore, after] = pgRestoreCommands(file, database);
  return [
    'DATABASE_URL is set: PostgreSQL is restored with pg_restore, into a new, empty database; henvis-server does not run it.',
    `RESTORED_DATABASE_URL: DATABASE_URL with ${database} as its database name.`,
    '',
    '  # the purge cut-off of the database in use, if it still exists (note it)',
    `  ${before}`,
    `  ${create}`,
    `  ${restore}`,
    '  # the purge cut-off in the restored backup',
    `  ${after}`,
    '',
    "If the backup's cut-off is empty or older than the one noted, it holds data purged since: with DATABASE_URL set to",
    'RESTORED_DATABASE_URL, run henvis-server purge --until <the cut-off noted> before the server serves it.',
    'Then point DATABASE_URL at the restored database (or rename the databases while no one is connected) and start.',
  ];
}
