import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { configFromEnv } from '../config.js';
import { BackupFileError, type BackupManifest } from './backup-file.js';
import { BackupRefused, backupPglite, latestSchemaVersion, restorePglite } from './pglite-backup.js';
import { postgresBackupAdvice, postgresRestoreAdvice } from './postgres-commands.js';

/** Where a command reads its environment and writes its lines; the tests pass their own. */
export interface CommandIo {
  env: NodeJS.ProcessEnv;
  out(line: string): void;
  err(line: string): void;
}

const processIo: CommandIo = { env: process.env, out: (line) => console.log(line), err: (line) => console.error(line) };

export const BACKUP_USAGE = `  henvis-server backup <file> [--force]
      Writes a backup of the PGlite folder (HENVIS_DATA_DIR) to <file>: PGlite's dump of the folder with a manifest
      (schema version, time, rows per table, the latest purge cut-off). Stop the server first. --force overwrites an
      existing <file>. With DATABASE_URL it prints the pg_dump command to run instead (and exits 2).
  henvis-server restore <file> [--force] [--purged-until <YYYY-MM-DD>] [--database <name>]
      Restores a backup into HENVIS_DATA_DIR, all or nothing. Refuses a folder that holds a database unless --force
      and warns, with the purge command to run again, when the backup predates the latest purge of the database it
      replaces or --purged-until. With DATABASE_URL it prints the pg_restore commands instead (into a new
      database, --database, default henvis_restored; exits 2).`;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const isDate = (d: string) => DATE.test(d) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d);

function parse<T>(parseThem: () => T, io: CommandIo): T | undefined {
  try {
    return parseThem();
  } catch (error) {
    io.err(`${(error as Error).message}\n\nUsage:\n${BACKUP_USAGE}`);
    return undefined;
  }
}

/** `henvis-server backup <file>`. */
export async function backupCommand(args: string[], io: CommandIo = processIo): Promise<number> {
  const parsed = parse(() => parseArgs({ args, allowPositionals: true, options: { force: { type: 'boolean', default: false } } }), io);
  const [file, ...extra] = parsed?.positionals ?? [];
  if (!parsed || !file || extra.length > 0) {
    if (parsed) io.err(`backup needs one <file>.\n\nUsage:\n${BACKUP_USAGE}`);
    return 2;
  }
  const { database } = configFromEnv(io.env);
  if (database.kind === 'postgres') {
    for (const line of postgresBackupAdvice(file)) io.out(line);
    return 2;
  }
  if (database.dataDir === ':memory:') {
    io.err('HENVIS_DATA_DIR is :memory:: nothing is kept, so there is nothing to back up.');
    return 2;
  }
  const path = resolve(file);
  if (existsSync(path) && !parsed.values.force) {
    io.err(`${path} exists: give --force to overwrite it.`);
    return 2;
  }
  try {
    const { file: bytes, manifest } = await backupPglite(database.dataDir);
    // Written beside, readable by the owner only (it holds personal data), and put in place whole.
    const partial = `${path}.partial-${randomBytes(4).toString('hex')}`;
    try {
      writeFileSync(partial, bytes, { mode: 0o600, flag: 'wx' });
      renameSync(partial, path);
    } finally {
      rmSync(partial, { force: true });
    }
    io.out(`Backed up ${resolve(database.dataDir)} to ${path} (${megabytes(bytes.byteLength)}, SHA-256 ${manifest.payload.sha256}).`);
    io.out(describe(manifest));
    return 0;
  } catch (error) {
    return refused(error, 'backup', io);
  }
}

/** `henvis-server restore <file>`. */
export async function restoreCommand(args: string[], io: CommandIo = processIo): Promise<number> {
  const parsed = parse(
    () =>
      parseArgs({
        args,
        allowPositionals: true,
        options: {
          force: { type: 'boolean', default: false },
          'purged-until': { type: 'string' },
          database: { type: 'string', default: 'henvis_restored' },
        },
      }),
    io,
  );
  const [file, ...extra] = parsed?.positionals ?? [];
  if (!parsed || !file || extra.length > 0) {
    if (parsed) io.err(`restore needs one <file>.\n\nUsage:\n${BACKUP_USAGE}`);
    return 2;
  }
  const purgedUntil = parsed.values['purged-until'];
  if (typeof purgedUntil === 'string' && !isDate(purgedUntil)) {
    io.err('--purged-until must be a date, YYYY-MM-DD: the cut-off of the latest purge.');
    return 2;
  }
  const { database } = configFromEnv(io.env);
  if (database.kind === 'postgres') {
    const name = parsed.values.database;
    if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) {
      io.err('--database must be a plain PostgreSQL name: a-z, 0-9 and _.');
      return 2;
    }
    for (const line of postgresRestoreAdvice(file, name)) io.out(line);
    return 2;
  }
  if (database.dataDir === ':memory:') {
    io.err('HENVIS_DATA_DIR is :memory:: a restore needs a folder to restore into.');
    return 2;
  }
  let bytes: Buffer;
  try {
    bytes = readFileSync(resolve(file));
  } catch {
    io.err(`restore refused: cannot read ${resolve(file)}.`);
    return 2;
  }
  try {
    const report = await restorePglite(bytes, database.dataDir, {
      force: parsed.values.force,
      ...(typeof purgedUntil === 'string' ? { purgedUntil } : {}),
    });
    const m = report.manifest;
    io.out(`Restored ${resolve(file)} into ${resolve(database.dataDir)}${report.replaced ? ', replacing the database there' : ''}.`);
    io.out(describe(m));
    if (m.schemaVersion < latestSchemaVersion()) {
      io.out(`henvis-server start migrates it from schema version ${m.schemaVersion} to ${latestSchemaVersion()}.`);
    }
    if (report.purgeAgainUntil) {
      const known = report.purgeAgainUntil;
      io.err('');
      io.err('WARNING: THIS BACKUP PREDATES A PURGE. It holds personal data that was deleted since it was taken.');
      io.err(`  The backup was purged up to: ${m.purgedUntil ?? 'never'}. The latest purge known: up to ${known}.`);
      io.err('  Purge it again before the server serves it:');
      io.err('');
      io.err(`    henvis-server purge --until ${known}`);
      io.err('');
    } else if (!report.replaced && purgedUntil === undefined) {
      io.out(
        'No purge cut-off to compare with (an empty folder, no --purged-until): if this installation was purged after the backup was taken, run henvis-server purge --until <that cut-off> again.',
      );
    }
    return 0;
  } catch (error) {
    return refused(error, 'restore', io);
  }
}

function refused(error: unknown, what: string, io: CommandIo): number {
  if (error instanceof BackupRefused || error instanceof BackupFileError) {
    io.err(`${what} refused: ${error.message}`);
    return 2;
  }
  throw error;
}

const megabytes = (bytes: number) => `${(bytes / 1_048_576).toFixed(1)} MB`;

/** What a backup holds, in two lines: no personal data, only counts. */
function describe(m: BackupManifest): string {
  const tables = Object.entries(m.tables);
  const rows = tables.reduce((sum, [, n]) => sum + n, 0);
  const filled = tables
    .filter(([, n]) => n > 0)
    .map(([name, n]) => `${name} ${n}`)
    .join(', ');
  return [
    `Backup taken ${m.createdAt}, Henvis schema version ${m.schemaVersion}, ${m.postgres.split(' on ')[0] ?? m.postgres}; purged up to ${m.purgedUntil ?? 'never'}.`,
    `${rows} rows in ${tables.length} tables: ${filled || 'all empty'}.`,
  ].join('\n');
}
