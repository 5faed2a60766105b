import { createHash } from 'node:crypto';
import type { Database, Queryable } from '../db/database.js';
import { HttpProblem } from '../http-problem.js';

const KEY_PATTERN = /^[A-Za-z0-9._:-]{8,255}$/;
/** How long a claimed key stays locked; a request that died longer ago can be retried with the same key. */
const LEASE_MS = 30_000;

export function requireIdempotencyKey(header: string | string[] | undefined): string {
  if (header === undefined || header === '') throw new HttpProblem('idempotency_key_missing');
  if (Array.isArray(header) || !KEY_PATTERN.test(header)) throw new HttpProblem('idempotency_key_invalid');
  return header;
}

/** A hash of the request body that ignores key order and white space. */
export function requestHash(body: unknown): string {
  return createHash('sha256').update(canonicalJson(body)).digest('hex');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export type Claim = { kind: 'new' } | { kind: 'replay'; status: number; body: unknown };

interface KeyRow {
  request_hash: string;
  state: 'in_flight' | 'done';
  locked_until: Date;
  response_status: number | null;
  response_body: unknown;
}

/**
 * Claims an Idempotency-Key for this caller. A key already used for another body is refused (422); a key whose
 * first request is still running is refused (409); a finished one replays its stored response.
 */
export async function claimKey(db: Database, scope: string, key: string, hash: string, now: Date): Promise<Claim> {
  return db.transaction(async (tx) => {
    const inserted = await tx.query(
      `insert into idempotency_keys (scope, key, request_hash, state, locked_until)
       values ($1, $2, $3, 'in_flight', $4) on conflict (scope, key) do nothing returning key`,
      [scope, key, hash, new Date(now.getTime() + LEASE_MS)],
    );
    if (inserted.length > 0) return { kind: 'new' } as const;
    const [row] = await tx.query<KeyRow>('select * from idempotency_keys where scope = $1 and key = $2 for update', [scope, key]);
    if (!row) throw new HttpProblem('idempotency_in_flight');
    if (row.request_hash !== hash) throw new HttpProblem('idempotency_key_reused');
    if (row.state === 'done') return { kind: 'replay', status: row.response_status!, body: row.response_body } as const;
    if (row.locked_until > now) throw new HttpProblem('idempotency_in_flight');
    await tx.query('update idempotency_keys set locked_until = $3 where scope = $1 and key = $2', [
      scope,
      key,
      new Date(now.getTime() + LEASE_MS),
    ]);
    return { kind: 'new' } as const;
  });
}

/** Stores the response, in the transaction of the work it answers. */
export async function completeKey(tx: Queryable, scope: string, key: string, status: number, body: unknown): Promise<void> {
  await tx.query(
    `update idempotency_keys set state = 'done', response_status = $3, response_body = $4::jsonb where scope = $1 and key = $2`,
    [scope, key, status, JSON.stringify(body)],
  );
}

/** Frees a key whose request failed, so that a retry with the same key can proceed at once. */
export async function releaseKey(db: Database, scope: string, key: string): Promise<void> {
  await db.query(`delete from idempotency_keys where scope = $1 and key = $2 and state = 'in_flight'`, [scope, key]);
}
