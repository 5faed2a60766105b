import { liveEventTypes, type ListLiveEventsQuery, type LiveEventPage } from '@henvis/contracts';
import type { FastifyPluginAsync } from 'fastify';
import { audit } from '../audit.js';
import { answer, fileAnswer, problems, query, tagRoutes } from '../http/schemas.js';
import { formatPosition, liveEventOf, outboxEnd, readOutbox, resumePosition } from '../outbox.js';
import type { OutboxHub } from './hub.js';

const HEARTBEAT_MS = 15_000;

/**
 * `GET /v1/events/stream`: the outbox as server-sent events, for the referrals the token may see, so a journal
 * hears of a status change or a message without reloading. Each event's `id` is its outbox position and its
 * `data` the LiveEvent a webhook gets too: a client that reconnects with `Last-Event-ID` misses nothing. The
 * instance's outbox hub feeds every stream; none polls the database. The stream ends when the token expires; the
 * client then reconnects with a fresh one. (Read with fetch, not EventSource: the token goes in the Authorization
 * header.)
 */
// eslint-disable-next-line @typescript-eslint/require-await -- a Fastify plugin is async so a registration error rejects ready(), not the process; lint can't see it
export const liveRoutes: FastifyPluginAsync<{ hub: OutboxHub }> = async (app, { hub }) => {
  const { db, guard } = app;
  tagRoutes(app, 'live');
  const open = new Set<() => void>();
  app.addHook('preClose', (done) => {
    for (const close of [...open]) close();
    done();
  });

  /**
   * `GET /v1/events`: the same events as the stream, as pages, for a journal catching up on what happened while it
   * was closed (the widget on mount) and for a vendor's backend that reads instead of being called (webhooks).
   */
  app.get<{ Querystring: ListLiveEventsQuery }>(
    '/events',
    {
      schema: {
        operationId: 'listEvents',
        summary:
          "The events after a position that the token may see, oldest first (a token bound to a patient: that patient's); without `after`, none and the position now, to read on from",
        querystring: query('ListLiveEventsQuery'),
        response: { 200: answer('The events and where to read on from', 'LiveEventPage'), ...problems(400, 401) },
      },
    },
    async (request): Promise<LiveEventPage> => {
      const { principal } = request;
      const scope = await db.transaction(async (tx) => {
        const found = await guard.scope(tx, principal);
        await audit(tx, principal, [{ action: 'events.list', outcome: 'ok' }], request.ip);
        return found;
      });
      const after = await resumePosition(db, request.query.after);
      if (!after) return { items: [], position: formatPosition(await outboxEnd(db)), more: false };
      const limit = Number(request.query.limit ?? 100);
      const { events } = await readOutbox(db, {
        after,
        practiceIds: scope.practiceIds,
        ...(scope.patientKey ? { patientKey: scope.patientKey } : {}),
        limit: limit + 1,
      });
      const items = events.slice(0, limit).map(liveEventOf);
      return { items, position: items.at(-1)?.id ?? formatPosition(after), more: events.length > limit };
    },
  );

  app.get(
    '/events/stream',
    {
      schema: {
        operationId: 'streamEvents',
        summary: `Server-sent events from the outbox for the referrals the token may see (${liveEventTypes.join(', ')}); \`id\` is the outbox position, send it back as Last-Event-ID to resume; \`data\` is a LiveEvent; ends with \`token_expired\``,
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
      const lastEventId = request.headers['last-event-id'];
      const after = await resumePosition(db, typeof lastEventId === 'string' ? lastEventId : undefined);

      reply.hijack();
      const raw = reply.raw;
      const headers = Object.fromEntries(Object.entries(reply.getHeaders()).filter(([name]) => name.startsWith('access-control-')));
      raw.writeHead(200, {
        ...headers,
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
      });

      let closed = false;
      const isClosed = () => closed; // read anew after an await
      let quietSince = Date.now();
      let unsubscribe: (() => void) | undefined;
      const close = () => {
        if (closed) return;
        closed = true;
        clearInterval(heartbeat);
        clearTimeout(expiry);
        unsubscribe?.();
        open.delete(close);
        raw.end();
      };
      open.add(close);
      request.raw.on('close', close);
      const heartbeat = setInterval(() => {
        if (Date.now() - quietSince < HEARTBEAT_MS) return;
        raw.write(': still here\n\n');
        quietSince = Date.now();
      }, HEARTBEAT_MS / 3);
      const expiry = setTimeout(
        () => {
          raw.write('event: token_expired\ndata: {}\n\n');
          close();
        },
        Math.max(0, principal.expiresAt.getTime() - Date.now()),
      );
      try {
        const { remove, position } = await hub.subscribe({
          practiceIds: scope.practiceIds,
          patientKey: scope.patientKey,
          after,
          deliver(events) {
            if (closed) return;
            for (const event of events) {
              const live = liveEventOf(event);
              raw.write(`id: ${live.id}\nevent: ${live.type}\ndata: ${JSON.stringify(live)}\n\n`);
            }
            quietSince = Date.now();
          },
        });
        if (isClosed()) remove();
        else {
          unsubscribe = remove;
          // Connected once subscribed, so nothing falls between; the position as an id of its own, so a client that
          // hears nothing before its token expires resumes from here instead of loading everything again.
          raw.write(`retry: 3000\nid: ${formatPosition(position)}\n: connected\n\n`);
        }
      } catch (error) {
        request.log.warn({ event: 'stream_failed', err: error }, 'event stream failed');
        close();
      }
    },
  );
};
