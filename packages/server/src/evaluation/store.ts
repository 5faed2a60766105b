import { randomUUID } from 'node:crypto';
import type { ConsentKind, ConsentRecord, Disclosure, Who5Answers, Who5Response } from '@henvis/contracts';
import { one, type Queryable } from '../db/database.js';

type Person = ConsentRecord['informedBy'];

interface ConsentRow {
  id: string;
  referral_id: string;
  kind: ConsentKind;
  decision: ConsentRecord['decision'];
  decided_at: Date;
  expires_at: Date | null;
  withdrawn_at: Date | null;
  withdrawn_by: Person | null;
  record: Pick<ConsentRecord, 'method' | 'setting' | 'textVersion' | 'locale' | 'textHash' | 'informedBy'>;
}

function toConsent(row: ConsentRow): ConsentRecord {
  return {
    id: row.id,
    referralId: row.referral_id,
    kind: row.kind,
    decision: row.decision,
    ...row.record,
    decidedAt: row.decided_at.toISOString(),
    ...(row.expires_at ? { expiresAt: row.expires_at.toISOString() } : {}),
    ...(row.withdrawn_at ? { withdrawnAt: row.withdrawn_at.toISOString() } : {}),
    ...(row.withdrawn_by ? { withdrawnBy: row.withdrawn_by } : {}),
  };
}

export type NewConsentRow = Omit<ConsentRecord, 'id' | 'withdrawnAt' | 'withdrawnBy'>;

export async function insertConsent(tx: Queryable, c: NewConsentRow): Promise<ConsentRecord> {
  const { referralId, kind, decision, decidedAt, expiresAt, ...record } = c;
  const row = one(
    await tx.query<ConsentRow>(
      `insert into consents (id, referral_id, kind, decision, decided_at, expires_at, record)
     values ($1, $2, $3, $4, $5, $6, $7::jsonb) returning *`,
      [randomUUID(), referralId, kind, decision, decidedAt, expiresAt ?? null, JSON.stringify(record)],
    ),
  );
  return toConsent(row);
}

/** Newest first: the first of each kind is the one in force. */
export async function listConsents(tx: Queryable, referralId: string): Promise<ConsentRecord[]> {
  const rows = await tx.query<ConsentRow>('select * from consents where referral_id = $1 order by decided_at desc, id', [referralId]);
  return rows.map(toConsent);
}

export async function currentConsent(tx: Queryable, referralId: string, kind: ConsentKind): Promise<ConsentRecord | undefined> {
  const [row] = await tx.query<ConsentRow>(
    'select * from consents where referral_id = $1 and kind = $2 order by decided_at desc, id limit 1',
    [referralId, kind],
  );
  return row && toConsent(row);
}

export async function findConsent(tx: Queryable, referralId: string, id: string): Promise<ConsentRecord | undefined> {
  const [row] = await tx.query<ConsentRow>('select * from consents where referral_id = $1 and id = $2 for update', [referralId, id]);
  return row && toConsent(row);
}

export async function withdrawConsent(tx: Queryable, id: string, at: Date, by: Person): Promise<ConsentRecord> {
  const row = one(
    await tx.query<ConsentRow>('update consents set withdrawn_at = $2, withdrawn_by = $3::jsonb where id = $1 returning *', [
      id,
      at,
      JSON.stringify(by),
    ]),
  );
  return toConsent(row);
}

export async function insertDisclosure(tx: Queryable, referralId: string, consentId: string, at: Date, by: Person): Promise<Disclosure> {
  const id = randomUUID();
  await tx.query('insert into disclosures (id, referral_id, consent_id, disclosed_at, disclosed_by) values ($1, $2, $3, $4, $5::jsonb)', [
    id,
    referralId,
    consentId,
    at,
    JSON.stringify(by),
  ]);
  return { id, referralId, consentId, disclosedAt: at.toISOString(), disclosedBy: by };
}

interface Who5Row {
  id: string;
  referral_id: string;
  kind: Who5Response['kind'];
  answers: Who5Answers;
  taken_at: Date;
  late: boolean;
  recorded_by: Person;
}

const toWho5 = (row: Who5Row): Who5Response => ({
  id: row.id,
  referralId: row.referral_id,
  kind: row.kind,
  answers: row.answers,
  takenAt: row.taken_at.toISOString(),
  late: row.late,
  recordedBy: row.recorded_by,
});

export async function insertWho5(tx: Queryable, r: Omit<Who5Response, 'id'>): Promise<Who5Response> {
  const row = one(
    await tx.query<Who5Row>(
      `insert into who5_responses (id, referral_id, kind, answers, taken_at, late, recorded_by)
     values ($1, $2, $3, $4::jsonb, $5, $6, $7::jsonb) returning *`,
      [randomUUID(), r.referralId, r.kind, JSON.stringify(r.answers), r.takenAt, r.late, JSON.stringify(r.recordedBy)],
    ),
  );
  return toWho5(row);
}

/** Oldest first: the baseline, then the follow-up. */
export async function listWho5(tx: Queryable, referralId: string): Promise<Who5Response[]> {
  const rows = await tx.query<Who5Row>('select * from who5_responses where referral_id = $1 order by taken_at, id', [referralId]);
  return rows.map(toWho5);
}

export interface PendingFollowUpRow {
  referral_id: string;
  patient_key: string;
  patient_name: string;
  baseline_taken_at: Date;
}

/** Referrals of these practices with a WHO-5 baseline and no follow-up yet, whose well-being consent is in force. */
export async function listPendingFollowUps(tx: Queryable, practiceIds: string[]): Promise<PendingFollowUpRow[]> {
  return tx.query<PendingFollowUpRow>(
    `select r.id as referral_id, r.patient_key, r.content->'patient'->>'name' as patient_name, b.taken_at as baseline_taken_at
       from who5_responses b
       join referrals r on r.id = b.referral_id
      where b.kind = 'baseline'
        and r.practice_id = any($1::text[])
        and r.status not in ('rejected', 'cancelled')
        and not exists (select 1 from who5_responses f where f.referral_id = b.referral_id and f.kind = 'follow_up')
        and (select c.decision = 'given' and c.withdrawn_at is null
               from consents c where c.referral_id = r.id and c.kind = 'wellbeing_data'
              order by c.decided_at desc, c.id limit 1)
      order by b.taken_at, r.id`,
    [practiceIds],
  );
}
