import type { NewMessage } from '@henvis/contracts';
import type { FastifyPluginAsync } from 'fastify';
import { actorOf } from '../auth/principal.js';
import { isUuid } from '../http/guard.js';
import { answer, body, params, problems, tagRoutes } from '../http/schemas.js';
import { recordEvent } from '../outbox.js';
import { hasMessage, insertMessage, listMessages } from './store.js';

/** `/v1/referrals/{id}/messages`: the dialogue between navigator and practice, for everyone who sees the referral. */
// eslint-disable-next-line @typescript-eslint/require-await -- a Fastify plugin is async so a registration error rejects ready(), not the process; lint can't see it
export const messageRoutes: FastifyPluginAsync = async (app) => {
  const { guard } = app;
  tagRoutes(app, 'messages');

  app.post<{ Params: { id: string }; Body: NewMessage }>(
    '/referrals/:id/messages',
    {
      schema: {
        operationId: 'sendMessage',
        summary: 'Write to the other side (navigator ↔ practice); `inReplyTo` threads a reply',
        params: params('id'),
        body: body('NewMessage', { body: 'Karen har været med i gåklubben to gange og vil gerne fortsætte.' }),
        response: { 201: answer('Sent', 'Message'), ...problems(400, 401, 404, 422) },
      },
    },
    async (request, reply) => {
      const input = request.body;
      const message = await guard.onReferral(
        request,
        'message.create',
        async (tx, row, audit) => {
          if (input.inReplyTo && !(isUuid(input.inReplyTo) && (await hasMessage(tx, row.id, input.inReplyTo))))
            return audit.refuse('message_not_found');
          const now = new Date();
          const created = await insertMessage(tx, {
            referralId: row.id,
            ...(input.inReplyTo ? { inReplyTo: input.inReplyTo } : {}),
            author: actorOf(request.principal),
            body: input.body,
            at: now,
          });
          await recordEvent(tx, row, 'message.created', { referralId: row.id, messageId: created.id }, now);
          audit.ok();
          return created;
        },
        { forUpdate: true },
      );
      return reply.code(201).send(message);
    },
  );

  app.get<{ Params: { id: string } }>(
    '/referrals/:id/messages',
    {
      schema: {
        operationId: 'listMessages',
        summary: 'The messages of a referral, oldest first, each with author, role and time',
        params: params('id'),
        response: { 200: answer('Messages', 'MessageList'), ...problems(401, 404) },
      },
    },
    async (request) =>
      guard.onReferral(request, 'message.list', async (tx, row, audit) => {
        audit.ok();
        return { items: await listMessages(tx, row.id) };
      }),
  );
};
