import { http, HttpResponse } from 'msw';
import type { LiveEvent, LiveEventType } from '@henvis/contracts';
import { MOCK_API } from './mock-http.js';

interface OpenStream {
  send(event: LiveEvent): void;
  end(): void;
}

/**
 * The mock API's outbox and the streams open on it. Every change the handlers and the seed functions make is
 * published here, as the real API records it in its outbox; a stream gets what is published while it is open,
 * and one that resumes with Last-Event-ID first gets what came after that event.
 */
export interface MockLive {
  events: LiveEvent[];
  streams: Set<OpenStream>;
}

export const createMockLive = (): MockLive => ({ events: [], streams: new Set() });

/** Records a change in the outbox and sends it to every open stream. `data` gets the referral's id, as the API's does. */
export function publish(
  live: MockLive,
  type: LiveEventType,
  referralId: string,
  data: Record<string, string> = {},
  at = new Date(),
): LiveEvent {
  const event: LiveEvent = { id: `1.${live.events.length + 1}`, type, referralId, at: at.toISOString(), data: { referralId, ...data } };
  live.events.push(event);
  for (const stream of [...live.streams]) stream.send(event);
  return event;
}

/** Ends every open stream, as an API restart or a dropped connection would; the SDK comes back with Last-Event-ID. */
export function endStreams(live: MockLive): void {
  for (const stream of [...live.streams]) stream.end();
}

const encoder = new TextEncoder();

/** The events after a position (`1.<n>`: the mock's are numbered in order), as `GET /v1/events` lists them. */
function eventsAfter(live: MockLive, url: URL) {
  const after = url.searchParams.get('after');
  if (after === null) return { items: [], position: live.events.at(-1)?.id ?? '0.0', more: false };
  const limit = Number(url.searchParams.get('limit') ?? 100);
  const seq = Number(after.split('.')[1] ?? 0);
  const later = live.events.filter((e) => Number(e.id.split('.')[1]) > seq);
  const items = later.slice(0, limit);
  return { items, position: items.at(-1)?.id ?? after, more: later.length > limit };
}

/**
 * The outbox's two readers over `live`: `GET /v1/events` (the changes after a position, for the journal's catch-up)
 * and `GET /v1/events/stream`. A stream stays open until the client goes (aborts or cancels) or `endStreams`; the
 * SDK cancels what it reads when a widget is destroyed, so none is left holding a connection.
 */
export function liveStreamOf(live: MockLive) {
  return http.get(`${MOCK_API}/v1/events*`, ({ request }) => {
    const url = new URL(request.url);
    if (url.pathname === '/v1/events') return HttpResponse.json(eventsAfter(live, url));
    const after = request.headers.get('last-event-id');
    let stream: OpenStream | undefined;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        const write = (text: string) => controller.enqueue(encoder.encode(text));
        const send = (event: LiveEvent) => write(`id: ${event.id}\nevent: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
        const opened: OpenStream = {
          send,
          end() {
            if (!live.streams.delete(opened)) return;
            controller.close();
          },
        };
        stream = opened;
        write(': connected\n\n');
        if (after) for (const event of live.events.slice(live.events.findIndex((e) => e.id === after) + 1)) send(event);
        live.streams.add(opened);
        request.signal.addEventListener('abort', () => opened.end(), { once: true });
      },
      cancel() {
        if (stream) live.streams.delete(stream);
      },
    });
    return new HttpResponse(body, { headers: { 'content-type': 'text/event-stream' } });
  });
}
