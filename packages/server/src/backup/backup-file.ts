import { createHash } from 'node:crypto';
import type { Inventory } from './inventory.js';

/**
 * A Henvis backup file: a first line that says what it is, one line of JSON (the manifest), then the payload, PGlite's
 * own dump of its data folder (a gzipped tar). The manifest lets a restore say what it restores and check, before it
 * touches anything, that the payload is whole (its length and SHA-256) and that this build can run its schema.
 */
export const BACKUP_MAGIC = 'HENVIS-BACKUP';
export const BACKUP_FORMAT_VERSION = 1;

export interface BackupManifest extends Inventory {
  format: 'henvis-backup';
  formatVersion: number;
  /** When the backup was taken (ISO 8601). */
  createdAt: string;
  storage: 'pglite';
  /** `select version()` of the database that was backed up. */
  postgres: string;
  payload: { encoding: 'pglite-datadir-tgz'; bytes: number; sha256: string };
}

/** A file that is not a Henvis backup, or one that is damaged; the message says which, for the operator. */
export class BackupFileError extends Error {
  override name = 'BackupFileError';
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const NEWLINE = 0x0a;
// A manifest is a few kilobytes; a file whose second line runs past this is not one of ours.
const MAX_MANIFEST_BYTES = 1 << 20;

export function encodeBackupFile(about: Omit<BackupManifest, 'format' | 'formatVersion' | 'payload'>, payload: Uint8Array): Buffer {
  const manifest: BackupManifest = {
    format: 'henvis-backup',
    formatVersion: BACKUP_FORMAT_VERSION,
    ...about,
    payload: { encoding: 'pglite-datadir-tgz', bytes: payload.byteLength, sha256: sha256(payload) },
  };
  return Buffer.concat([Buffer.from(`${BACKUP_MAGIC}\n${JSON.stringify(manifest)}\n`), payload]);
}

/** The manifest and the payload of a backup file, checked whole; throws BackupFileError otherwise. */
export function decodeBackupFile(file: Uint8Array): { manifest: BackupManifest; payload: Uint8Array } {
  const bytes = Buffer.from(file.buffer, file.byteOffset, file.byteLength);
  const magicEnd = bytes.indexOf(NEWLINE);
  if (magicEnd !== BACKUP_MAGIC.length || bytes.toString('latin1', 0, magicEnd) !== BACKUP_MAGIC) {
    throw new BackupFileError('not a Henvis backup (it does not start with the HENVIS-BACKUP line that henvis-server backup writes)');
  }
  const manifestEnd = bytes.indexOf(NEWLINE, magicEnd + 1);
  if (manifestEnd < 0 || manifestEnd - magicEnd > MAX_MANIFEST_BYTES) {
    throw new BackupFileError('the backup is truncated or damaged: its manifest line is incomplete');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(bytes.toString('utf8', magicEnd + 1, manifestEnd));
  } catch {
    throw new BackupFileError('the backup is damaged: its manifest is not JSON');
  }
  const manifest = checkManifest(parsed);
  const payload = bytes.subarray(manifestEnd + 1);
  if (payload.byteLength !== manifest.payload.bytes) {
    throw new BackupFileError(
      `the backup is truncated or damaged: its data is ${payload.byteLength} bytes, the manifest says ${manifest.payload.bytes}`,
    );
  }
  if (sha256(payload) !== manifest.payload.sha256) {
    throw new BackupFileError('the backup is damaged: its data does not match the SHA-256 in its manifest');
  }
  return { manifest, payload };
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isCount = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;

function checkManifest(m: unknown): BackupManifest {
  const damaged = (what: string) => new BackupFileError(`the backup is damaged: its manifest has no valid ${what}`);
  if (!isRecord(m) || m.format !== 'henvis-backup') throw new BackupFileError('not a Henvis backup (its manifest is not one)');
  if (!isCount(m.formatVersion)) throw damaged('formatVersion');
  if (m.formatVersion > BACKUP_FORMAT_VERSION) {
    throw new BackupFileError(
      `the backup is of format ${m.formatVersion}, written by a newer henvis-server; this one reads format ${BACKUP_FORMAT_VERSION}: upgrade it first`,
    );
  }
  if (m.storage !== 'pglite') throw damaged('storage');
  if (typeof m.createdAt !== 'string' || Number.isNaN(Date.parse(m.createdAt))) throw damaged('createdAt');
  if (!isCount(m.schemaVersion) || m.schemaVersion === 0) throw damaged('schemaVersion');
  if (typeof m.postgres !== 'string') throw damaged('postgres');
  if (!isRecord(m.tables) || !Object.values(m.tables).every(isCount)) throw damaged('tables');
  if (m.purgedUntil !== null && !(typeof m.purgedUntil === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(m.purgedUntil))) {
    throw damaged('purgedUntil');
  }
  const p = m.payload;
  if (
    !isRecord(p) ||
    p.encoding !== 'pglite-datadir-tgz' ||
    !isCount(p.bytes) ||
    typeof p.sha256 !== 'string' ||
    !/^[0-9a-f]{64}$/.test(p.sha256)
  ) {
    throw damaged('payload');
  }
  return m as unknown as BackupManifest;
}
