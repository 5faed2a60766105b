import type { KeyObject } from 'node:crypto';
import type { Queryable } from '../db/database.js';
import { GENESIS, ROW_COLUMNS, chainHash, fromStored, readChainHead } from './chain.js';
import { checkpointSignedBy, keyId, storedCheckpoints, type Checkpoint } from './checkpoints.js';

export interface VerifyOptions {
  /** The installation's public keys (or private: the public half is used), by which checkpoints must be signed. */
  keys: KeyObject[];
  /** Checkpoints kept outside the database (published JSON lines), checked beside those in audit_checkpoints. */
  externalCheckpoints?: Checkpoint[];
  /** Rows read per query: the log is streamed, never held whole. */
  batch?: number;
  /**
   * How long a line may wait for the chainer (default 60 s; it chains within a second while a server runs): one
   * unchained for longer was inserted past the application, or no server is chaining.
   */
  pendingGraceMs?: number;
}

export interface VerifyResult {
  ok: boolean;
  /** Rows whose hash was recomputed. */
  rows: number;
  /** Signed checkpoints checked against the chain. */
  checkpoints: number;
  /** The last position and its hash. */
  head: { seq: number; hash: string };
  /** Lines committed so recently that the chainer has not reached them yet (within the grace). */
  pending: number;
  ms: number;
  /** The first fault found: where (a chain position, or null for what has none) and what. */
  fault?: { position: number | null; reason: string };
}

/**
 * Walks the whole audit chain in position order and recomputes every hash, then holds the chain against its head
 * and every signed checkpoint. Names the first bad position: a row edited (its hash no longer follows), deleted (a
 * missing position), swapped or inserted (the hash breaks where it sits), or the log cut short after a checkpoint.
 */
export async function verifyAuditLog(db: Queryable, options: VerifyOptions): Promise<VerifyResult> {
  const started = performance.now();
  const batch = options.batch ?? 10_000;
  let rows = 0;
  let pending = 0;
  let last = { seq: 0, hash: GENESIS };
  const result = (fault?: VerifyResult['fault'], checkpoints = 0): VerifyResult => ({
    ok: !fault,
    rows,
    checkpoints,
    head: last,
    pending,
    ms: Math.round(performance.now() - started),
    ...(fault ? { fault } : {}),
  });

  const keys = new Map(options.keys.map((k) => [keyId(k), k]));
  const checkpoints = new Map<number, Checkpoint>();
  for (const c of [...(await storedCheckpoints(db)), ...(options.externalCheckpoints ?? [])]) {
    const key = keys.get(c.keyId);
    if (!key || !checkpointSignedBy(key, c)) {
      return result({
        position: c.seq,
        reason: key
          ? `the checkpoint of ${c.at} at position ${c.seq} does not carry a valid signature`
          : `the checkpoint of ${c.at} at position ${c.seq} is signed by key ${c.keyId}, which is not the installation's`,
      });
    }
    const other = checkpoints.get(c.seq);
    if (other && other.hash !== c.hash) {
      return result({ position: c.seq, reason: `two signed checkpoints at position ${c.seq} name different hashes` });
    }
    checkpoints.set(c.seq, c);
  }

  const graceMs = options.pendingGraceMs ?? 60_000;
  const [outside] = await db.query<{ n: number; id: string | null }>(
    'select count(*)::int as n, min(id)::text as id from audit_log where seq is null and at < $1',
    [new Date(Date.now() - graceMs)],
  );
  if (outside && outside.n > 0) {
    return result({
      position: null,
      reason: `${outside.n} row(s) outside the chain for more than ${Math.round(graceMs / 1000)} s (first id ${outside.id}): inserted past the application, or no server is chaining`,
    });
  }
  const [waiting] = await db.query<{ n: number }>('select count(*)::int as n from audit_log where seq is null');
  pending = waiting?.n ?? 0;

  let checked = 0;
  for (;;) {
    const page = await db.query<Parameters<typeof fromStored>[0] & { hash: string | null }>(
      `select ${ROW_COLUMNS}, hash from audit_log where seq > $1 order by audit_log.seq limit $2`,
      [last.seq, batch],
    );
    for (const stored of page) {
      const row = fromStored(stored);
      const expected = last.seq + 1;
      if (row.seq !== expected) {
        return result({ position: expected, reason: `position ${expected} is missing (the next row is at ${row.seq}): a row was deleted` });
      }
      const hash = chainHash(last.hash, row);
      if (hash !== stored.hash) {
        return result({
          position: row.seq,
          reason: `the row at position ${row.seq} does not match its hash: it was edited, moved or inserted (or the row before it was rewritten)`,
        });
      }
      last = { seq: row.seq, hash };
      rows++;
      const checkpoint = checkpoints.get(row.seq);
      if (checkpoint) {
        if (checkpoint.hash !== hash) {
          return result({
            position: row.seq,
            reason: `the chain at position ${row.seq} differs from the checkpoint signed ${checkpoint.at}: rows up to it were rewritten`,
          });
        }
        checked++;
      }
    }
    if (page.length < batch) break;
  }

  const beyond = [...checkpoints.values()].filter((c) => c.seq > last.seq).sort((a, b) => a.seq - b.seq)[0];
  if (beyond) {
    return result(
      {
        position: last.seq + 1,
        reason: `the log ends at position ${last.seq}, but a checkpoint signed ${beyond.at} is at ${beyond.seq}: it was cut short`,
      },
      checked,
    );
  }
  const head = await readChainHead(db);
  if (head.seq !== last.seq || head.hash !== last.hash) {
    return result(
      {
        position: Math.min(head.seq, last.seq) + 1,
        reason: `the log ends at position ${last.seq}, but the chain's head is at ${head.seq}: rows at the end were removed or the head was changed`,
      },
      checked,
    );
  }
  return result(undefined, checked);
}
