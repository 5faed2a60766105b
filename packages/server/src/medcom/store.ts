import type { Actor, DialoguePart, MedComAcknowledgementRecord } from '@henvis/contracts';
import type { Queryable } from '../db/database.js';
import { listMessages } from '../messages/store.js';
import { listEvents, type ReferralRow } from '../referrals/store.js';
import type { ParsedAcknowledgement } from './acknowledgement.js';
import type { DialogueSource } from './dialogue.js';

/** What the dialogue of a referral is made of: its text, its messages, its timeline and who serves its practice. */
export async function dialogueSource(tx: Queryable, row: ReferralRow): Promise<DialogueSource> {
  const serving = await tx.query<{ navigator_org_id: string }>(
    'select navigator_org_id from navigator_org_practices where practice_id = $1 order by navigator_org_id',
    [row.practice_id],
  );
  return {
    referral: {
      id: row.id,
      createdAt: row.created_at,
      practice: row.practice,
      referrer: row.referrer,
      content: row.content,
      ...(row.owner?.orgId ? { ownerOrgId: row.owner.orgId } : {}),
    },
    messages: await listMessages(tx, row.id),
    events: await listEvents(tx, row.id),
    servingOrgs: serving.map((s) => s.navigator_org_id),
  };
}

interface AcknowledgementRow {
  id: string;
  referral_id: string;
  message_header_id: string;
  part: DialoguePart;
  part_id: string;
  code: MedComAcknowledgementRecord['code'];
  issues: MedComAcknowledgementRecord['issues'];
  sent_at: Date | null;
  sender_sor: string;
  sender_name: string | null;
  received_at: Date;
  recorded_by: Actor;
}

const toRecord = (row: AcknowledgementRow): MedComAcknowledgementRecord => ({
  id: row.id,
  messageHeaderId: row.message_header_id,
  about: { part: row.part, id: row.part_id },
  code: row.code,
  issues: row.issues,
  ...(row.sent_at ? { sentAt: row.sent_at.toISOString() } : {}),
  sender: { sorCode: row.sender_sor, ...(row.sender_name ? { name: row.sender_name } : {}) },
  receivedAt: row.received_at.toISOString(),
  recordedBy: row.recorded_by,
});

/** The Acknowledgement recorded under this MessageHeader id, on any referral. */
export async function findAcknowledgement(
  tx: Queryable,
  id: string,
): Promise<{ referralId: string; record: MedComAcknowledgementRecord } | undefined> {
  const [row] = await tx.query<AcknowledgementRow>('select * from medcom_acknowledgements where id = $1', [id]);
  return row ? { referralId: row.referral_id, record: toRecord(row) } : undefined;
}

/**
 * Records an Acknowledgement of one of the referral's messages; `undefined` when one with its id was recorded
 * meanwhile (the caller reads that one).
 */
export async function insertAcknowledgement(
  tx: Queryable,
  a: { referralId: string; ack: ParsedAcknowledgement; about: { part: DialoguePart; id: string }; by: Actor; at: Date },
): Promise<MedComAcknowledgementRecord | undefined> {
  const [row] = await tx.query<AcknowledgementRow>(
    `insert into medcom_acknowledgements
       (id, referral_id, message_header_id, part, part_id, code, issues, sent_at, sender_sor, sender_name, received_at, recorded_by)
     values ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9, $10, $11, $12::jsonb)
     on conflict (id) do nothing
     returning *`,
    [
      a.ack.id,
      a.referralId,
      a.ack.acknowledgedId,
      a.about.part,
      a.about.id,
      a.ack.code,
      JSON.stringify(a.ack.issues),
      a.ack.sentAt ?? null,
      a.ack.sender.sorCode,
      a.ack.sender.name ?? null,
      a.at,
      JSON.stringify(a.by),
    ],
  );
  return row ? toRecord(row) : undefined;
}

/** The referral's recorded Acknowledgements, oldest first. */
export async function listAcknowledgements(tx: Queryable, referralId: string): Promise<MedComAcknowledgementRecord[]> {
  const rows = await tx.query<AcknowledgementRow>('select * from medcom_acknowledgements where referral_id = $1 order by received_at, id', [
    referralId,
  ]);
  return rows.map(toRecord);
}
