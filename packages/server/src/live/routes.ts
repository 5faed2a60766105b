import { liveEventTypes } from '@henvis/contracts';
import type { FastifyPluginAsync } from 'fastify';
import { audit } from '../audit.js';
import { fileAnswer, problems, tagRoutes } from '../http/schemas.js';
import { outboxEnd, readOutbox } from '../outbox.js';

const POLL_MS = 1000;
const HEARTBEAT_MS = 15_000;

/**
 * `GET /v1/events/stream`: the outbox as server-sent events, for the referrals the token may see, so a journal
 * hears of a status change or a message without reloading. Each event's `id` is its outbox position: a client
 * that reconnects with `Last-Event-ID` misses nothing. The stream ends when the token expires; the client then
 * reconnects with a fresh one. (Read with fetch, not EventSource: the token goes in the Authorization header.)
 */
// eslint-disable-next-line @typescript-eslint/require-await -- a Fastify plugin is async so a registration error rejects ready(), not the process; lint can't see it
export const liveRoutes: FastifyPluginAsync = async (app) => {
  const { db, guard } = app;
  tagRoutes(app, 'live');
  const open = new Set<() => void>();
  app.addHook('preClose', (done) => {
    for (const close of [...open]) close();
    done();
  });

  app.get(
    '/events/stream',
    {
      schema: {
        operationId: 'streamEvents',
        summary: `Server-sent events from the outbox for the referrals the token may see (${liveEventTypes.join(', ')}); \`id\` is the outbox position, send it back as Last-Event-ID to resume; ends with \`token_expired\``,
        headers: { type: 'object', properties: { 'Last-Event-ID': { type: 'string', description: 'Resume after this event' } } },
        response: { 200: fileAnswer('text/event-stream', 'text/event-stream'), ...problems(401) },
      },
    },
    async (request, reply) => {
      const { principal } = request;
      const scope = await db.transaction(async (tx) => {
        const found = await guard.scope(tx, principal);
        await audit(tx, principal, [{ action: 'events.stream', outcome: 'ok' }], request.ip);
        return found;
      });
      const resumeFrom = Number(request.headers['last-event-id']);
      let last = Number.isSafeInteger(resumeFrom) && resumeFrom >= 0 ? resumeFrom : Number(await outboxEnd(db));

      reply.hijack();
      const raw = reply.raw;
      const headers = Object.fromEntries(Object.entries(reply.getHeaders()).filter(([name]) => name.startsWith('access-control-')));
      raw.writeHead(200, {
        ...headers,
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
      });
      raw.write(`retry: 3000\n: connected\n\n`);

      let closed = false;
      let timer: NodeJS.Timeout | undefined;
      let quietSince = Date.now();
      const close = () => {
        if (closed) return;
        closed = true;
        clearTimeout(timer);
        open.delete(close);
        raw.end();
      };
      open.add(close);
      request.raw.on('close', close);

      const tick = async () => {
        if (closed) return;
        if (Date.now() >= principal.expiresAt.getTime()) {
          raw.write('event: token_expired\ndata: {}\n\n');
          close();
          return;
        }
        try {
          const rows = await readOutbox(db, {
            after: last,
            practiceIds: scope.practiceIds,
            ...(scope.patientKey ? { patientKey: scope.patientKey } : {}),
            limit: 100,
          });
          for (const row of rows) {
            raw.write(`id: ${row.seq}\nevent: ${row.type}\ndata: ${JSON.stringify({ ...row.payload, at: row.at.toISOString() })}\n\n`);
            last = Number(row.seq);
          }
          if (rows.length) quietSince = Date.now();
          else if (Date.now() - quietSince >= HEARTBEAT_MS) {
            raw.write(': still here\n\n');
            quietSince = Date.now();
          }
        } catch (error) {
          request.log.warn({ event: 'stream_failed', err: error }, 'event stream failed');
          close();
          return;
        }
        timer = setTimeout(() => void tick(), POLL_MS);
      };
      void tick();
    },
  );
};
