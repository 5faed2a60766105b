import { createHash } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { Database, Queryable } from '../db/database.js';

/**
 * The audit log as a hash chain. Every row has a position (`seq`, 1, 2, 3, … in commit order) and
 * `hash = SHA-256(hash of the row before + "\n" + canonical JSON of the row)`, the first row chained to
 * {@link GENESIS}. The canonical JSON is made here, from the values as they are stored and read back (text, and
 * the time to the millisecond), never from a `jsonb` PostgreSQL re-serialised: so PGlite, PostgreSQL and a restored
 * backup give the same bytes, and the verifier (verify.ts) needs nothing but the rows.
 */
export const GENESIS = '0'.repeat(64);

/** One row of audit_log as the chain sees it: every column but the surrogate `id` and the `hash` itself. */
export interface ChainedRow {
  seq: number;
  /** ISO 8601 in UTC to the millisecond, as `Date.toISOString()` writes it. */
  at: string;
  issuer: string | null;
  actor_sub: string | null;
  actor_role: string | null;
  actor_org: string | null;
  patient_key: string | null;
  action: string;
  resource_type: string | null;
  resource_id: string | null;
  outcome: string;
  detail: string | null;
  client_ip: string | null;
}

/** The fields in code-point order: JSON.stringify of strings, integers and null in this order is RFC 8785 (JCS). */
const FIELDS = [
  'action',
  'actor_org',
  'actor_role',
  'actor_sub',
  'at',
  'client_ip',
  'detail',
  'issuer',
  'outcome',
  'patient_key',
  'resource_id',
  'resource_type',
  'seq',
] as const satisfies readonly (keyof ChainedRow)[];

export function canonicalRow(row: ChainedRow): string {
  return `{${FIELDS.map((f) => `"${f}":${JSON.stringify(row[f])}`).join(',')}}`;
}

export function chainHash(previous: string, row: ChainedRow): string {
  return createHash('sha256')
    .update(`${previous}\n${canonicalRow(row)}`)
    .digest('hex');
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Text exactly as the store will give it back: PostgreSQL cannot hold a NUL, and a lone surrogate becomes U+FFFD
 * on the way in. Hashing what was sent rather than what is kept would break the chain at that row.
 */
export function storable(text: string): string;
export function storable(text: string | null): string | null;
export function storable(text: string | null): string | null {
  return text === null ? null : text.replace(LONE_SURROGATE, '\uFFFD').replaceAll('\0', '\uFFFD');
}

export interface ChainHead {
  seq: number;
  hash: string;
}

/** The head of the chain as committed now; with `lock`, locked (or, with `skipLocked`, undefined if another has it). */
export async function readChainHead(db: Queryable, opts?: { lock?: boolean; skipLocked?: false }): Promise<ChainHead>;
export async function readChainHead(db: Queryable, opts: { lock: true; skipLocked: true }): Promise<ChainHead | undefined>;
export async function readChainHead(db: Queryable, { lock = false, skipLocked = false } = {}): Promise<ChainHead | undefined> {
  const [head] = await db.query<{ seq: string; hash: string }>(
    `select seq::text as seq, hash from audit_chain_head${lock ? ` for update${skipLocked ? ' skip locked' : ''}` : ''}`,
  );
  if (!head) {
    if (skipLocked) return undefined;
    throw new Error('audit_chain_head is empty: the migrations did not run');
  }
  return { seq: Number(head.seq), hash: head.hash };
}

/** Locks the head of the chain until the caller's transaction ends: whoever holds it appends the next rows. */
export const lockChainHead = (tx: Queryable): Promise<ChainHead> => readChainHead(tx, { lock: true });

export const ROW_COLUMNS =
  'seq::text as seq, at, issuer, actor_sub, actor_role, actor_org, patient_key, action, resource_type, resource_id, outcome, detail, client_ip';

type StoredRow = Omit<ChainedRow, 'seq' | 'at'> & { seq: string | null; at: Date };

/** A row as read with {@link ROW_COLUMNS}, in the shape it was hashed in. */
export function fromStored(row: StoredRow): ChainedRow {
  return { ...row, seq: Number(row.seq), at: row.at.toISOString() };
}

/**
 * Chains the audit lines written since the last time: gives each its position and hash, in the order of their ids
 * among the committed ones, with their time cut to the millisecond the chain keeps, and moves the head. A line
 * whose transaction commits later than one with a higher id is chained after it: its position says when it joined
 * the chain. With `wait: false` it returns 0 at once when another chainer (another instance) holds the head.
 * Returns the lines chained.
 */
export async function chainUnchainedRows(
  db: Database,
  { batch = 2_000, wait = true }: { batch?: number; wait?: boolean } = {},
): Promise<number> {
  let chained = 0;
  for (;;) {
    const done = await db.transaction(async (tx) => {
      const locked = wait ? await lockChainHead(tx) : await readChainHead(tx, { lock: true, skipLocked: true });
      if (!locked) return 0;
      let head = locked;
      const rows = await tx.query<StoredRow & { id: string }>(
        `select id::text as id, ${ROW_COLUMNS} from audit_log where seq is null order by audit_log.id limit $1`,
        [batch],
      );
      if (rows.length === 0) return 0;
      const updates = rows.map(({ id, ...stored }) => {
        const row = fromStored({ ...stored, seq: String(head.seq + 1) });
        head = { seq: row.seq, hash: chainHash(head.hash, row) };
        return { id, seq: row.seq, hash: head.hash, at: row.at };
      });
      await tx.query(
        `with v as (select * from jsonb_to_recordset($1::jsonb) as v(id bigint, seq bigint, hash text, at timestamptz)),
              chained as (update audit_log a set seq = v.seq, hash = v.hash, at = v.at from v where a.id = v.id returning 1)
         update audit_chain_head set seq = $2, hash = $3`,
        [JSON.stringify(updates), head.seq, head.hash],
      );
      return rows.length;
    });
    chained += done;
    if (done < batch) return chained;
  }
}

/**
 * Chains new audit lines every `intervalMs` (and at once again while there are more than a batch), sharing the
 * work with other instances (whoever holds the head chains). `stop()` chains what is left.
 */
export function startAuditChainer(
  db: Database,
  log: FastifyBaseLogger,
  { intervalMs = 200 }: { intervalMs?: number } = {},
): { stop(): Promise<void> } {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const tick = () => {
    running = chainUnchainedRows(db, { wait: false })
      .then(
        () => undefined,
        (error: unknown) => log.warn({ event: 'audit_chain_failed', err: error }, 'chaining the audit log failed'),
      )
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, intervalMs);
      });
  };
  tick();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
      await chainUnchainedRows(db).catch((error: unknown) =>
        log.warn({ event: 'audit_chain_failed', err: error }, 'chaining the audit log failed'),
      );
    },
  };
}
