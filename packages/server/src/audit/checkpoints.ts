import { appendFileSync } from 'node:fs';
import { createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import type { Database, Queryable } from '../db/database.js';
import { readChainHead } from './chain.js';

/**
 * A signed checkpoint: "at `at`, position `seq` of the audit chain had hash `hash`", signed with the
 * installation's Ed25519 key. Published outside the database (the server's log, a file of JSON lines, `henvis-server
 * audit checkpoints`), it lets an auditor prove that no row up to `seq` was changed, removed or added later, even by
 * someone who rewrote the whole table and its checkpoints.
 */
export interface Checkpoint {
  seq: number;
  hash: string;
  /** ISO 8601, UTC, to the millisecond. */
  at: string;
  /** Which key signed it: the first 16 hex digits of SHA-256 of the public key (SPKI DER). */
  keyId: string;
  /** Ed25519 over {@link checkpointStatement}, base64url. */
  signature: string;
}

export const checkpointStatement = (c: Pick<Checkpoint, 'seq' | 'hash' | 'at'>): string =>
  `henvis-audit-checkpoint/1\n${c.seq}\n${c.hash}\n${c.at}`;

export function keyId(key: KeyObject): string {
  const publicKey = key.type === 'private' ? createPublicKey(key) : key;
  return createHash('sha256')
    .update(publicKey.export({ format: 'der', type: 'spki' }))
    .digest('hex')
    .slice(0, 16);
}

export function signCheckpoint(privateKey: KeyObject, c: Pick<Checkpoint, 'seq' | 'hash' | 'at'>): Checkpoint {
  const signature = sign(null, Buffer.from(checkpointStatement(c)), privateKey).toString('base64url');
  return { seq: c.seq, hash: c.hash, at: c.at, keyId: keyId(privateKey), signature };
}

export function checkpointSignedBy(publicKey: KeyObject, c: Checkpoint): boolean {
  try {
    return verify(null, Buffer.from(checkpointStatement(c)), publicKey, Buffer.from(c.signature, 'base64url'));
  } catch {
    return false;
  }
}

/**
 * The development installation's signing key: public knowledge, like the development issuer's, so a development
 * log proves nothing. Production mode refuses to start without a key of its own (config.ts).
 */
const DEV_SIGNING_KEY_PEM = `-----BEGIN PRIVATE KEY-----
MC4CAQAwBQYDK2VwBCIEIBwscz6cIcB1ytWzcGPSt4rv7Iv9R+4Rebl6h4i47PLt
-----END PRIVATE KEY-----`;
export const devAuditSigningKey = (): KeyObject => createPrivateKey(DEV_SIGNING_KEY_PEM);

type StoredCheckpoint = { seq: string; hash: string; at: Date; key_id: string; signature: string };
const fromStored = (r: StoredCheckpoint): Checkpoint => ({
  seq: Number(r.seq),
  hash: r.hash,
  at: r.at.toISOString(),
  keyId: r.key_id,
  signature: r.signature,
});

export async function storedCheckpoints(db: Queryable, sinceSeq = 0): Promise<Checkpoint[]> {
  const rows = await db.query<StoredCheckpoint>(
    'select seq::text as seq, hash, at, key_id, signature from audit_checkpoints where seq > $1 order by audit_checkpoints.seq',
    [sinceSeq],
  );
  return rows.map(fromStored);
}

/** Signs and stores a checkpoint of the chain's head now; none when the head has one already or the log is empty. */
export async function writeCheckpoint(db: Database, privateKey: KeyObject, now = new Date()): Promise<Checkpoint | undefined> {
  return db.transaction(async (tx) => {
    const head = await readChainHead(tx);
    if (head.seq === 0) return undefined;
    const checkpoint = signCheckpoint(privateKey, { seq: head.seq, hash: head.hash, at: now.toISOString() });
    // Two instances may sign the same head at once: the first one stands.
    const written = await tx.query(
      `insert into audit_checkpoints (seq, hash, at, key_id, signature) values ($1, $2, $3, $4, $5)
       on conflict (seq) do nothing returning 1`,
      [checkpoint.seq, checkpoint.hash, checkpoint.at, checkpoint.keyId, checkpoint.signature],
    );
    return written.length > 0 ? checkpoint : undefined;
  });
}

export interface CheckpointerOptions {
  privateKey: KeyObject;
  /** A checkpoint when this many rows were added since the last (default 10,000)… */
  everyRows?: number;
  /** …or when this much time passed and any row was added (default an hour). */
  everyMs?: number;
  /** How often to look (default 10 s). */
  tickMs?: number;
  /** Where each checkpoint is published besides the database: JSON lines appended to this file. */
  file?: string;
  log: { info(details: object, message: string): void; error(details: object, message: string): void };
}

/** Runs in each API instance: signs a checkpoint every N rows or hour, and one more on stop. */
export function startCheckpointer(db: Database, options: CheckpointerOptions): { stop(): Promise<void> } {
  const everyRows = options.everyRows ?? 10_000;
  const everyMs = options.everyMs ?? 3_600_000;
  let running: Promise<void> = Promise.resolve();

  function publish(checkpoint: Checkpoint | undefined) {
    if (!checkpoint) return;
    options.log.info({ event: 'audit_checkpoint', ...checkpoint }, 'audit checkpoint signed');
    if (options.file) appendFileSync(options.file, `${JSON.stringify(checkpoint)}\n`);
  }

  async function tick(force: boolean) {
    const [last] = await db.query<{ seq: string; at: Date }>(
      'select seq::text as seq, at from audit_checkpoints order by audit_checkpoints.seq desc limit 1',
    );
    const head = await readChainHead(db);
    const since = head.seq - Number(last?.seq ?? 0);
    if (since <= 0) return;
    const due = force || since >= everyRows || !last || Date.now() - last.at.getTime() >= everyMs;
    if (due) publish(await writeCheckpoint(db, options.privateKey));
  }

  const run = (force: boolean) => {
    running = running.then(() => tick(force)).catch((error: unknown) => options.log.error({ err: error }, 'audit checkpoint failed'));
    return running;
  };
  const timer = setInterval(() => void run(false), options.tickMs ?? 10_000);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await run(true);
    },
  };
}
