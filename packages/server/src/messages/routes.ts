import { randomUUID } from 'node:crypto';
import { NewMessage, type Message } from '@henvis/contracts';
import type { FastifyInstance } from 'fastify';
import type { Queryable } from '../db/database.js';
import { recordEvent } from '../outbox.js';
import { createGuard, isUuid, type GuardOptions } from '../referrals/guard.js';
import { actorOf, parseBody } from '../referrals/routes.js';

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

async function listMessages(tx: Queryable, referralId: string): Promise<Message[]> {
  const rows = await tx.query<MessageRow>('select * from messages where referral_id = $1 order by at, id', [referralId]);
  return rows.map(toMessage);
}

/** `/v1/referrals/{id}/messages`: the dialogue between navigator and practice, for everyone who sees the referral. */
export async function messageRoutes(app: FastifyInstance, options: GuardOptions) {
  const { audited, findVisible } = createGuard(options);

  app.post<{ Params: { id: string } }>('/referrals/:id/messages', async (request, reply) => {
    const input = parseBody<NewMessage>(NewMessage, request.body);
    const principal = options.principalOf(request);
    const message = await audited(request, async (tx, log) => {
      const row = await findVisible(tx, request, request.params.id, 'message.create', log, true);
      if (!row) return 'not_found';
      const entry = { action: 'message.create', resourceType: 'referral', resourceId: row.id, patientKey: row.patient_key } as const;
      if (input.inReplyTo) {
        const [parent] = isUuid(input.inReplyTo)
          ? await tx.query<{ id: string }>('select id from messages where id = $1 and referral_id = $2', [input.inReplyTo, row.id])
          : [];
        if (!parent) {
          log.push({ ...entry, outcome: 'refused', detail: 'message_not_found' });
          return 'message_not_found';
        }
      }
      const now = new Date();
      const [created] = await tx.query<MessageRow>(
        'insert into messages (id, referral_id, in_reply_to, author, body, at) values ($1, $2, $3, $4::jsonb, $5, $6) returning *',
        [randomUUID(), row.id, input.inReplyTo ?? null, JSON.stringify(actorOf(principal)), input.body, now],
      );
      await recordEvent(tx, row, 'message.created', { referralId: row.id, messageId: created!.id }, now);
      log.push({ ...entry, outcome: 'ok' });
      return toMessage(created!);
    });
    return reply.code(201).send(message);
  });

  app.get<{ Params: { id: string } }>('/referrals/:id/messages', async (request) =>
    audited(request, async (tx, log) => {
      const row = await findVisible(tx, request, request.params.id, 'message.list', log);
      if (!row) return 'not_found';
      log.push({ action: 'message.list', outcome: 'ok', resourceType: 'referral', resourceId: row.id, patientKey: row.patient_key });
      return { items: await listMessages(tx, row.id) };
    }),
  );
}
