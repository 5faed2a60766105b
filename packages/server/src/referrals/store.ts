import { randomUUID } from 'node:crypto';
import {
  firstContactDueAt,
  referralView,
  type Actor,
  type InclusionFlag,
  type NewReferral,
  type Practice,
  type Practitioner,
  type Referral,
  type ReferralEvent,
  type ReferralStatus,
} from '@henvis/contracts';
import { one, type Database, type Queryable } from '../db/database.js';
import type { AccessScope } from '../http/guard.js';

export interface ReferralRow {
  id: string;
  practice_id: string;
  patient_key: string;
  status: ReferralStatus;
  created_at: Date;
  updated_at: Date;
  practice: Practice;
  referrer: Practitioner;
  content: NewReferral;
  flags: InclusionFlag[];
  /** The navigator who took it, with their organisation: a colleague of another organisation is not a colleague. */
  owner: Owner | null;
}

export interface Owner {
  id: string;
  name: string;
  /** Absent on referrals taken before it was recorded. */
  orgId?: string;
}

/** The referral as the API shows it. */
export const toReferral = (row: ReferralRow): Referral =>
  referralView({
    id: row.id,
    status: row.status,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    practice: row.practice,
    referrer: row.referrer,
    content: row.content,
    flags: row.flags,
    owner: row.owner,
  });

export interface NewReferralRow {
  practice: Practice;
  referrer: Practitioner;
  patientKey: string;
  content: NewReferral;
  flags: InclusionFlag[];
  at: Date;
}

export async function insertReferral(tx: Queryable, r: NewReferralRow): Promise<ReferralRow> {
  return one(
    await tx.query<ReferralRow>(
      `insert into referrals (id, practice_id, patient_key, status, created_at, updated_at, practice, referrer, content, flags, first_contact_due_at)
     values ($1, $2, $3, 'sent', $4, $4, $5::jsonb, $6::jsonb, $7::jsonb, $8::jsonb, $9)
     returning *`,
      [
        randomUUID(),
        r.practice.id,
        r.patientKey,
        r.at,
        JSON.stringify(r.practice),
        JSON.stringify(r.referrer),
        JSON.stringify(r.content),
        JSON.stringify(r.flags),
        firstContactDueAt(r.at),
      ],
    ),
  );
}

export async function findReferral(tx: Queryable, id: string, forUpdate = false): Promise<ReferralRow | undefined> {
  const [row] = await tx.query<ReferralRow>(`select * from referrals where id = $1${forUpdate ? ' for update' : ''}`, [id]);
  return row;
}

export async function updateStatus(tx: Queryable, id: string, status: ReferralStatus, at: Date): Promise<ReferralRow> {
  return one(await tx.query<ReferralRow>('update referrals set status = $2, updated_at = $3 where id = $1 returning *', [id, status, at]));
}

export interface ListFilter {
  statuses?: ReferralStatus[];
  /** An owner (their id in their organisation), or null for referrals nobody has taken. */
  owner?: { id: string; orgId: string } | null;
  practiceId?: string;
  reason?: string;
  /** Part of the citizen's name, case-insensitive. */
  name?: string;
  /** The citizen (pseudonymised CPR number). */
  patientKey?: string;
  from?: Date;
  to?: Date;
  after?: { createdAt: Date; id: string };
  /** By creation time: `desc` newest first (default), `asc` oldest first. */
  order?: 'asc' | 'desc';
  limit: number;
}

export async function listReferrals(tx: Queryable, scope: AccessScope, f: ListFilter): Promise<ReferralRow[]> {
  const params: unknown[] = [scope.practiceIds];
  const where = ['practice_id = any($1::text[])'];
  const add = (sql: (p: string) => string, value: unknown) => {
    params.push(value);
    where.push(sql(`$${params.length}`));
  };
  if (scope.patientKey) add((p) => `patient_key = ${p}`, scope.patientKey);
  if (f.practiceId) add((p) => `practice_id = ${p}`, f.practiceId);
  if (f.owner === null) where.push('owner is null');
  else if (f.owner !== undefined) {
    add((p) => `owner->>'id' = ${p}`, f.owner.id);
    add((p) => `owner->>'orgId' = ${p}`, f.owner.orgId);
  }
  if (f.statuses?.length) add((p) => `status = any(${p}::text[])`, f.statuses);
  if (f.reason) add((p) => `content->'reasons' ? ${p}`, f.reason);
  if (f.patientKey) add((p) => `patient_key = ${p}`, f.patientKey);
  if (f.name) add((p) => `content->'patient'->>'name' ilike ${p}`, `%${f.name.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  if (f.from) add((p) => `created_at >= ${p}`, f.from);
  if (f.to) add((p) => `created_at < ${p}`, f.to);
  const order = f.order ?? 'desc';
  if (f.after) {
    params.push(f.after.createdAt, f.after.id);
    where.push(`(created_at, id) ${order === 'desc' ? '<' : '>'} ($${params.length - 1}, $${params.length}::uuid)`);
  }
  params.push(f.limit);
  return tx.query<ReferralRow>(
    `select * from referrals where ${where.join(' and ')} order by created_at ${order}, id ${order} limit $${params.length}`,
    params,
  );
}

interface EventRow {
  id: string;
  referral_id: string;
  type: ReferralEvent['type'];
  from_status: ReferralStatus | null;
  to_status: ReferralStatus;
  reason: string | null;
  note: string | null;
  actor: Actor;
  at: Date;
}

export interface NewEvent {
  type: ReferralEvent['type'];
  from?: ReferralStatus;
  to: ReferralStatus;
  reason?: string;
  note?: string;
  actor: Actor;
  at: Date;
}

export async function insertEvent(tx: Queryable, referralId: string, e: NewEvent): Promise<void> {
  await tx.query(
    `insert into referral_events (id, referral_id, seq, type, from_status, to_status, reason, note, actor, at)
     values ($1, $2, (select coalesce(max(seq), 0) + 1 from referral_events where referral_id = $2), $3, $4, $5, $6, $7, $8::jsonb, $9)`,
    [randomUUID(), referralId, e.type, e.from ?? null, e.to, e.reason ?? null, e.note ?? null, JSON.stringify(e.actor), e.at],
  );
}

export async function listEvents(tx: Queryable, referralId: string): Promise<ReferralEvent[]> {
  const rows = await tx.query<EventRow>('select * from referral_events where referral_id = $1 order by seq', [referralId]);
  return rows.map((r) => ({
    id: r.id,
    referralId: r.referral_id,
    type: r.type,
    ...(r.from_status ? { from: r.from_status } : {}),
    to: r.to_status,
    ...(r.reason ? { reason: r.reason } : {}),
    ...(r.note ? { note: r.note } : {}),
    actor: r.actor,
    at: r.at.toISOString(),
  }));
}

export async function setOwner(tx: Queryable, id: string, owner: Required<Owner>, at: Date): Promise<ReferralRow> {
  return one(
    await tx.query<ReferralRow>('update referrals set owner = $2::jsonb, updated_at = $3 where id = $1 returning *', [
      id,
      JSON.stringify(owner),
      at,
    ]),
  );
}

/** The practices a navigator organisation serves. */
export async function servedPractices(tx: Queryable, navigatorOrgId: string): Promise<string[]> {
  const rows = await tx.query<{ practice_id: string }>('select practice_id from navigator_org_practices where navigator_org_id = $1', [
    navigatorOrgId,
  ]);
  return rows.map((r) => r.practice_id);
}

/** How long a claimed key stays locked; a request that died longer ago can be retried with the same key. */
const LEASE_MS = 30_000;

export type Claim =
  | { kind: 'new' }
  | { kind: 'replay'; status: number; body: unknown }
  | { kind: 'refused'; code: 'idempotency_key_reused' | 'idempotency_in_flight' };

/** An Idempotency-Key's row: a finished request's response is stored with its state (completeKey). */
type KeyRow = { request_hash: string; locked_until: Date } & (
  { state: 'in_flight'; response_status: null; response_body: null } | { state: 'done'; response_status: number; response_body: unknown }
);

/**
 * Claims an Idempotency-Key for this caller. A key already used for another body is refused (reused); a key whose
 * first request is still running is refused (in flight); a finished one replays its stored response.
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
    if (!row) return { kind: 'refused', code: 'idempotency_in_flight' } as const;
    if (row.request_hash !== hash) return { kind: 'refused', code: 'idempotency_key_reused' } as const;
    if (row.state === 'done') return { kind: 'replay', status: row.response_status, body: row.response_body } as const;
    if (row.locked_until > now) return { kind: 'refused', code: 'idempotency_in_flight' } as const;
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

/**
 * Gives the referrals stored before `first_contact_due_at` existed their deadline, a thousand at a time. Run at
 * start, after the migrations; a no-op once every referral has one.
 */
export async function backfillFirstContactDue(db: Database): Promise<number> {
  let filled = 0;
  for (;;) {
    const rows = await db.query<{ id: string; created_at: Date }>(
      'select id, created_at from referrals where first_contact_due_at is null limit 1000',
    );
    if (rows.length === 0) return filled;
    await db.query(
      `update referrals r set first_contact_due_at = d.due
         from unnest($1::uuid[], $2::timestamptz[]) as d (id, due)
        where r.id = d.id and r.first_contact_due_at is null`,
      [rows.map((r) => r.id), rows.map((r) => firstContactDueAt(r.created_at).toISOString())],
    );
    filled += rows.length;
  }
}
