import { randomUUID } from 'node:crypto';
import type { Actor, Message } from '@henvis/contracts';
import { one, type Queryable } from '../db/database.js';

interface MessageRow {
  id: string;
  referral_id: string;
  in_reply_to: string | null;
  author: Message['author'];
  body: string;
  at: Date;
}

const toMessage = (row: MessageRow): Message => ({
  id: row.id,
  referralId: row.referral_id,
  ...(row.in_reply_to ? { inReplyTo: row.in_reply_to } : {}),
  author: row.author,
  body: row.body,
  at: row.at.toISOString(),
});

export async function listMessages(tx: Queryable, referralId: string): Promise<Message[]> {
  const rows = await tx.query<MessageRow>('select * from messages where referral_id = $1 order by at, id', [referralId]);
  return rows.map(toMessage);
}

/** Whether `id` is a message on this referral (a reply must answer one). */
export async function hasMessage(tx: Queryable, referralId: string, id: string): Promise<boolean> {
  const rows = await tx.query('select 1 from messages where id = $1 and referral_id = $2', [id, referralId]);
  return rows.length > 0;
}

export async function insertMessage(
  tx: Queryable,
  m: { referralId: string; inReplyTo?: string; author: Actor; body: string; at: Date },
): Promise<Message> {
  const row = one(
    await tx.query<MessageRow>(
      'insert into messages (id, referral_id, in_reply_to, author, body, at) values ($1, $2, $3, $4::jsonb, $5, $6) returning *',
      [randomUUID(), m.referralId, m.inReplyTo ?? null, JSON.stringify(m.author), m.body, m.at],
    ),
  );
  return toMessage(row);
}
