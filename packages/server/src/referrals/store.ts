import { randomUUID } from 'node:crypto';
import {
  firstContactDueAt,
  referralStatuses,
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
import type { ChainedRow } from '../audit/chain.js';
import { one, type Database, type Queryable } from '../db/database.js';
import { OUTBOX_CHANNEL } from '../outbox.js';
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

/** Everything one create writes, worked out before the statement: the row, its first event, the audit line. */
export interface CreateReferral extends NewReferralRow {
  id: string;
  actor: Actor;
  /** The caller's Idempotency-Key, its scope and the hash of the request. */
  idempotency: { scope: string; key: string; hash: string };
  /** The audit line's columns (the chainer gives it its position). */
  audit: Omit<ChainedRow, 'seq'>;
}

/**
 * Creates a referral in one statement, one round trip and so one transaction: the Idempotency-Key claimed with
 * the response it answers, the referral, its `created` event, the outbox event and the
 * audit line (chained by the chainer once committed). It takes no lock but the key's: creates run side by side.
 * A key that is already there
 * (another request with it, finished or running) writes nothing: `claimed` is false and the caller finds out why
 * (keyState). A key left in flight by a request that died longer than the lease ago is taken over.
 */
export async function createReferralAtOnce(db: Queryable, c: CreateReferral): Promise<{ claimed: boolean; row: ReferralRow }> {
  const row: ReferralRow = {
    id: c.id,
    practice_id: c.practice.id,
    patient_key: c.patientKey,
    status: 'sent',
    created_at: c.at,
    updated_at: c.at,
    practice: c.practice,
    referrer: c.referrer,
    content: c.content,
    flags: c.flags,
    owner: null,
  };
  const a = c.audit;
  const [result] = await db.query<{ claimed: number; position: string | null; audited: number }>(
    `with
     key as (
       insert into idempotency_keys as k (scope, key, request_hash, state, locked_until, response_status, response_body)
       values ($1, $2, $3, 'done', $4, 201, $5::jsonb)
       on conflict (scope, key) do update set state = 'done', locked_until = excluded.locked_until,
         response_status = 201, response_body = excluded.response_body
       where k.state = 'in_flight' and k.locked_until < $4 and k.request_hash = excluded.request_hash
       returning 1),
     referral as (
       insert into referrals (id, practice_id, patient_key, status, created_at, updated_at, practice, referrer, content, flags, first_contact_due_at)
       select $6, $7, $8, 'sent', $4, $4, $9::jsonb, $10::jsonb, $11::jsonb, $12::jsonb, $13 from key
       returning id, practice_id),
     event as (
       insert into referral_events (id, referral_id, seq, type, from_status, to_status, actor, at)
       select $14, id, 1, 'created', null, 'sent', $15::jsonb, $4 from referral),
     outbox as (
       insert into outbox_events (referral_id, practice_id, type, payload, at)
       select id, practice_id, 'referral.created', jsonb_build_object('referralId', id::text, 'status', 'sent'), $4 from referral
       returning txid || '.' || seq as position),
     audited as (
       insert into audit_log (at, issuer, actor_sub, actor_role, actor_org, patient_key, action, resource_type, resource_id, outcome, detail, client_ip)
       select $16::timestamptz, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26, $27 from referral
       returning 1)
     select (select count(*) from key)::int as claimed, (select position from outbox) as position,
            (select count(*) from audited)::int as audited`,
    [
      c.idempotency.scope,
      c.idempotency.key,
      c.idempotency.hash,
      c.at,
      JSON.stringify(toReferral(row)),
      c.id,
      c.practice.id,
      c.patientKey,
      JSON.stringify(c.practice),
      JSON.stringify(c.referrer),
      JSON.stringify(c.content),
      JSON.stringify(c.flags),
      firstContactDueAt(c.at),
      randomUUID(),
      JSON.stringify(c.actor),
      a.at,
      a.issuer,
      a.actor_sub,
      a.actor_role,
      a.actor_org,
      a.patient_key,
      a.action,
      a.resource_type,
      a.resource_id,
      a.outcome,
      a.detail,
      a.client_ip,
    ],
  );
  const claimed = (result?.claimed ?? 0) > 0;
  if (claimed && (!result?.position || result.audited !== 1)) throw new Error('a create wrote part of its rows');
  if (result?.position) db.notify(OUTBOX_CHANNEL, result.position);
  return { claimed, row };
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
  /** Part of the citizen's name, in any case, with or without accents (searched as henvis_search_text folds it). */
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

const LISTED =
  'r.id, r.practice_id, r.patient_key, r.status, r.created_at, r.updated_at, r.practice, r.referrer, r.content, r.flags, r.owner';

/**
 * A page of the referrals in `scope` that pass `f`, in creation order, at a cost that grows with the page and the
 * practices it spans, not with the table (the indexes of migration 026). One citizen's few referrals are read by the
 * patient index, and a name by its keys in each practice (henvis_name_keys). Any other list is a merge of short
 * scans, each in the order of the list and stopping after a page: one per practice of the scope (and per status asked
 * for), or, for a caseload, one per status of the owner. The merge keeps the first page of them all; then its rows
 * are read.
 */
export async function listReferrals(tx: Queryable, scope: AccessScope, f: ListFilter): Promise<ReferralRow[]> {
  const practices = [...new Set(scope.practiceIds)].filter((id) => f.practiceId === undefined || id === f.practiceId);
  if (practices.length === 0) return [];
  const params: unknown[] = [];
  const param = (value: unknown, cast = '') => `$${params.push(value)}${cast}`;
  const by = f.order === 'asc' ? 'asc' : 'desc';
  const inScope = param(practices, '::text[]');
  const statuses = f.statuses?.length ? param([...new Set(f.statuses)], '::text[]') : undefined;
  const owner = f.owner ? [`owner_org = ${param(f.owner.orgId)}`, `owner_id = ${param(f.owner.id)}`] : [];

  const filters: string[] = [];
  for (const key of [scope.patientKey, f.patientKey]) if (key !== undefined) filters.push(`patient_key = ${param(key)}`);
  if (f.owner === null) filters.push('owner_id is null');
  if (f.reason !== undefined) filters.push(`reasons @> array[${param(f.reason)}]::text[]`);
  if (f.from) filters.push(`created_at >= ${param(f.from)}::timestamptz`);
  if (f.to) filters.push(`created_at < ${param(f.to)}::timestamptz`);
  if (f.after) {
    const after = `(${param(f.after.createdAt)}::timestamptz, ${param(f.after.id)}::uuid)`;
    filters.push(`(created_at, id) ${by === 'desc' ? '<' : '>'} ${after}`);
  }
  let nameKeys: string[] = [];
  if (f.name !== undefined) {
    const name = await searchedName(tx, f.name, practices);
    if (!name) return [];
    filters.push(`search_name like ${param(`%${name.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)}`);
    // Constants, not a join: the planner estimates each practice's keys from the index's statistics.
    nameKeys = name.keys.map((keys) => `henvis_name_keys(practice_id, search_name) @> ${param(spread(keys), '::text[]')}`);
  }
  const limit = param(f.limit);
  const page = (sql: string) =>
    tx.query<ReferralRow>(
      `with page as (${sql})
       select ${LISTED} from page join referrals r on r.id = page.id order by page.created_at ${by}, page.id ${by}`,
      params,
    );
  const inOrder = `order by created_at ${by}, id ${by} limit ${limit}`;
  // The merge of one ordered scan per probe (a practice, a practice and status, a status of the owner); `when`, a
  // condition evaluated once, can leave it unread.
  const merged = (probes: string[], keys: string[], when = 'true') =>
    `select k.id, k.created_at from ${probes.join(' cross join ')}
      cross join lateral (select id, created_at from referrals where ${[...keys, ...filters].join(' and ')} ${inOrder}) k
     where ${when} order by k.created_at ${by}, k.id ${by} limit ${limit}`;
  const anyStatus = statuses ? [`status = any(${statuses})`] : [];
  const byPractice = [`unnest(${inScope}) as p (practice_id)`];

  if (scope.patientKey !== undefined || f.patientKey !== undefined) {
    return page(
      `select id, created_at from referrals where ${[`practice_id = any(${inScope})`, ...anyStatus, ...owner, ...filters].join(' and ')} ${inOrder}`,
    );
  }
  if (nameKeys.length > 0) {
    // The hits by their keys while they are few; a text that many names hold (a common fragment) is looked for in the
    // practices' newest first instead, in the index that holds the names, which soon finds a page of them.
    const hits = [`(${nameKeys.join(' or ')})`, `practice_id = any(${inScope})`, ...anyStatus, ...owner, ...filters];
    return page(
      `with hits as materialized (select id, created_at from referrals where ${hits.join(' and ')} limit ${FEW_HITS + 1})
       (select id, created_at from hits where (select count(*) from hits) <= ${FEW_HITS} ${inOrder})
       union all
       (${merged(byPractice, ['practice_id = p.practice_id', ...anyStatus, ...owner], `(select count(*) from hits) > ${FEW_HITS}`)})`,
    );
  }
  if (f.owner) {
    return page(
      merged(
        [`unnest(${statuses ?? param(referralStatuses, '::text[]')}) as s (status)`],
        [...owner, 'status = s.status', `practice_id = any(${inScope})`],
      ),
    );
  }
  // A name too short for keys is looked for in each practice's newest first, in the index that holds it.
  const byStatus = statuses !== undefined && f.name === undefined;
  return page(
    merged(
      [...byPractice, ...(byStatus ? [`unnest(${statuses}) as s (status)`] : [])],
      ['practice_id = p.practice_id', ...(byStatus ? ['status = s.status'] : anyStatus)],
    ),
  );
}

/** Hits a name search reads by its keys before it reads the practices in order instead. */
const FEW_HITS = 300;

/**
 * At most four of a text's keys, spread over it (its first and last run among them): each key costs a look in the
 * index, and four runs of three characters already leave few names besides those holding the text, which the LIKE
 * then checks.
 */
function spread(keys: string[]): string[] {
  if (keys.length <= 4) return keys;
  return keys.filter((_, i) => [0, 1, 2, 3].some((n) => i === Math.round((n * (keys.length - 1)) / 3)));
}

/**
 * A searched name as the database folds it (henvis_search_text, the one definition for names and texts searched
 * for), with its keys in each practice; none for a text of fewer than three characters, whose practices are read in
 * order instead. Undefined when nothing is left of it (spaces and hyphens only).
 */
async function searchedName(tx: Queryable, name: string, practices: string[]): Promise<{ text: string; keys: string[][] } | undefined> {
  const rows = await tx.query<{ text: string | null; length: number; keys: string[] }>(
    `select t.text, length(t.text)::int as length, henvis_name_keys(p.practice, t.text) as keys
       from henvis_search_text($1) as t (text), unnest($2::text[]) as p (practice)`,
    [name, practices],
  );
  const [first] = rows;
  if (!first?.text) return undefined;
  return { text: first.text, keys: first.length >= 3 ? rows.map((r) => r.keys) : [] };
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

/** Adds a timeline entry; returns its id. */
export async function insertEvent(tx: Queryable, referralId: string, e: NewEvent): Promise<string> {
  const id = randomUUID();
  await tx.query(
    `insert into referral_events (id, referral_id, seq, type, from_status, to_status, reason, note, actor, at)
     values ($1, $2, (select coalesce(max(seq), 0) + 1 from referral_events where referral_id = $2), $3, $4, $5, $6, $7, $8::jsonb, $9)`,
    [id, referralId, e.type, e.from ?? null, e.to, e.reason ?? null, e.note ?? null, JSON.stringify(e.actor), e.at],
  );
  return id;
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
  const rows = await tx.query<{ practice_id: string }>(
    'select practice_id from navigator_org_practices where navigator_org_id = $1 order by practice_id',
    [navigatorOrgId],
  );
  return rows.map((r) => r.practice_id);
}

export type KeyState =
  { kind: 'replay'; status: number; body: unknown } | { kind: 'refused'; code: 'idempotency_key_reused' | 'idempotency_in_flight' };

/**
 * Why an Idempotency-Key could not be claimed: used before for another body (reused), its first request still
 * running (in flight, also when it is gone by now: retry), or finished, so its stored answer is replayed.
 */
export async function keyState(db: Queryable, scope: string, key: string, hash: string): Promise<KeyState> {
  const [row] = await db.query<{ request_hash: string; state: string; response_status: number | null; response_body: unknown }>(
    'select request_hash, state, response_status, response_body from idempotency_keys where scope = $1 and key = $2',
    [scope, key],
  );
  if (!row) return { kind: 'refused', code: 'idempotency_in_flight' };
  if (row.request_hash !== hash) return { kind: 'refused', code: 'idempotency_key_reused' };
  if (row.state === 'done' && row.response_status !== null) return { kind: 'replay', status: row.response_status, body: row.response_body };
  return { kind: 'refused', code: 'idempotency_in_flight' };
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
