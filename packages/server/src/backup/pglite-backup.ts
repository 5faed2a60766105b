import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, rmdirSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { PGlite } from '@electric-sql/pglite';
import { loadMigrations } from '../db/migrate.js';
import { pgliteQueryable } from '../db/pglite.js';
import { BackupFileError, decodeBackupFile, encodeBackupFile, type BackupManifest } from './backup-file.js';
import { inventory, purgedUntil, tableNames, type Inventory } from './inventory.js';

/** A backup or restore that will not run as asked; the message tells the operator why and what to do (exit 2). */
export class BackupRefused extends Error {
  override name = 'BackupRefused';
}

// PGlite writes postmaster.pid while a process has the folder open and removes it when that process closes it;
// nothing else stops a second process from opening the same folder, and two of them corrupt it.
const OPEN_MARKER = 'postmaster.pid';
const isPgliteFolder = (dir: string) => existsSync(join(dir, 'PG_VERSION'));

function refuseIfOpen(dir: string): void {
  if (existsSync(join(dir, OPEN_MARKER))) {
    throw new BackupRefused(
      `${dir} is open (${OPEN_MARKER} is there): stop henvis-server first. If no server runs (it was killed), start and stop it once so that it closes the folder cleanly.`,
    );
  }
}

/** A copy opened to back it up or restore it is only read: nothing listens to it. */
const reading = (pg: PGlite) =>
  pgliteQueryable(pg, () => {
    throw new Error('a backup or restore only reads: it sends no notifications');
  });

/** Takes a backup of the PGlite folder `dataDir`: PGlite's own dump of it, with a manifest of what it holds. */
export async function backupPglite(dataDir: string, now = new Date()): Promise<{ file: Buffer; manifest: BackupManifest }> {
  const dir = resolve(dataDir);
  if (!isPgliteFolder(dir)) throw new BackupRefused(`${dir} holds no PGlite database (HENVIS_DATA_DIR): nothing to back up.`);
  refuseIfOpen(dir);
  const pg = await PGlite.create(dir);
  try {
    const q = reading(pg);
    const held = await inventory(q);
    if (!held) throw new BackupRefused(`${dir} is a PGlite database but not a Henvis one (no schema_migrations or audit_log).`);
    const [version] = await q.query<{ v: string }>('select version() as v');
    // Everything written so far into the data files, so that the copy needs no replay of the WAL.
    await pg.exec('checkpoint');
    const dump = await pg.dumpDataDir('gzip');
    const payload = new Uint8Array(await dump.arrayBuffer());
    const file = encodeBackupFile({ createdAt: now.toISOString(), storage: 'pglite', postgres: version?.v ?? '', ...held }, payload);
    return { file, manifest: decodeBackupFile(file).manifest };
  } finally {
    await pg.close();
  }
}

export interface RestoreOptions {
  /** Replace a folder that holds a database. */
  force?: boolean;
  /** The latest purge's cut-off the operator knows of (YYYY-MM-DD), beside the one read from the folder replaced. */
  purgedUntil?: string;
}

export interface RestoreReport {
  manifest: BackupManifest;
  /** The folder restored into, which held a database before. */
  replaced: boolean;
  /** The purge cut-off of the database replaced, read before replacing it. */
  replacedPurgedUntil: string | null;
  /** The cut-off to purge again up to, when the backup predates a purge that was known; null when it does not. */
  purgeAgainUntil: string | null;
}

/** The latest migration this build knows; a backup of a later schema needs a newer henvis-server. */
export const latestSchemaVersion = () => Math.max(...loadMigrations().map((m) => m.version));

/**
 * Restores a backup file into the PGlite folder `dataDir`: checked whole first, loaded into a folder beside it, its
 * row counts checked against the manifest, and only then put in place by renaming, so that `dataDir` is never left
 * half restored. A folder that holds a database is replaced only with `force`, and its purge cut-off read first.
 */
export async function restorePglite(backup: Uint8Array, dataDir: string, options: RestoreOptions = {}): Promise<RestoreReport> {
  const { manifest, payload } = decodeBackupFile(backup);
  const latest = latestSchemaVersion();
  if (manifest.schemaVersion > latest) {
    throw new BackupRefused(
      `the backup is of Henvis schema version ${manifest.schemaVersion}, newer than this henvis-server knows (${latest}): restore it with the version that took it, or a later one.`,
    );
  }
  const target = resolve(dataDir);
  const existing = existsSync(target) ? statSync(target) : undefined;
  if (existing && !existing.isDirectory()) throw new BackupRefused(`${target} is a file, not a folder.`);
  const filled = existing !== undefined && readdirSync(target).length > 0;
  let replacedPurgedUntil: string | null = null;
  if (filled) {
    if (!isPgliteFolder(target)) {
      throw new BackupRefused(`${target} is not empty and holds no PGlite database: restore into an empty or new folder.`);
    }
    refuseIfOpen(target);
    if (!options.force) {
      throw new BackupRefused(`${target} already holds a database: give --force to replace it (take a backup of it first).`);
    }
    replacedPurgedUntil = await readPurgedUntil(target);
  }

  const tar = unpack(payload);
  const parent = dirname(target);
  mkdirSync(parent, { recursive: true });
  const suffix = randomBytes(4).toString('hex');
  const staging = join(parent, `.${basename(target)}.restoring-${suffix}`);
  try {
    let pg: PGlite;
    try {
      pg = await PGlite.create({ dataDir: staging, loadDataDir: new Blob([tar]) });
    } catch (error) {
      throw new BackupRefused(
        `PGlite could not start on the backup's data (${(error as Error).message}); a backup from a PGlite of another PostgreSQL version? Nothing was replaced.`,
      );
    }
    try {
      const restored = await inventory(reading(pg));
      const differs = restored ? firstDifference(restored, manifest) : 'its schema';
      if (differs) {
        throw new BackupFileError(
          `the backup is damaged: the restored database differs from its manifest in ${differs}; nothing was replaced`,
        );
      }
    } finally {
      await pg.close();
    }
    if (filled) {
      const aside = join(parent, `.${basename(target)}.replaced-${suffix}`);
      renameSync(target, aside);
      try {
        renameSync(staging, target);
      } catch (error) {
        renameSync(aside, target);
        throw error;
      }
      rmSync(aside, { recursive: true, force: true });
    } else {
      if (existing) rmdirSync(target);
      renameSync(staging, target);
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }

  const known =
    [replacedPurgedUntil, options.purgedUntil ?? null]
      .filter((d): d is string => d !== null)
      .sort()
      .at(-1) ?? null;
  const purgeAgainUntil = known !== null && (manifest.purgedUntil === null || manifest.purgedUntil < known) ? known : null;
  return { manifest, replaced: filled, replacedPurgedUntil, purgeAgainUntil };
}

async function readPurgedUntil(dir: string): Promise<string | null> {
  const pg = await PGlite.create(dir);
  try {
    const q = reading(pg);
    return (await tableNames(q)).includes('audit_log') ? await purgedUntil(q) : null;
  } finally {
    await pg.close();
  }
}

/**
 * The tar inside the payload, checked before PGlite sees it: PGlite's loader fails on a broken gzip stream with an
 * error thrown where nothing can catch it, which ends the process.
 */
function unpack(payload: Uint8Array): Buffer {
  let tar: Buffer;
  try {
    tar = gunzipSync(payload);
  } catch {
    throw new BackupFileError('the backup is damaged: its data is not a readable gzip stream');
  }
  if (tar.toString('latin1', 257, 262) !== 'ustar')
    throw new BackupFileError('the backup is damaged: its data is not a tar of a PGlite folder');
  return tar;
}

/** What a restored database holds that its manifest does not say: the schema version, or a table's rows. */
function firstDifference(restored: Inventory, manifest: BackupManifest): string | undefined {
  if (restored.schemaVersion !== manifest.schemaVersion) return 'its schema version';
  const names = new Set([...Object.keys(restored.tables), ...Object.keys(manifest.tables)]);
  const table = [...names].sort().find((name) => restored.tables[name] !== manifest.tables[name]);
  return table === undefined
    ? undefined
    : `the rows of ${table} (${restored.tables[table] ?? 'no table'}, the manifest says ${manifest.tables[table] ?? 'no table'})`;
}
