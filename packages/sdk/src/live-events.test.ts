import type { LiveEvent } from '@henvis/contracts';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { subscribeToEvents, type LiveEvents, type LiveEventsOptions } from './live-events.js';

/** One connection of the fake API: what the client sent, and the server's end of the body. */
interface Connection {
  headers: Record<string, string>;
  write(text: string): void;
  end(): void;
  /** Set when the client cancelled the body it was reading. */
  cancelled: boolean;
}

/** A fetch that opens a stream per call (or fails, as `fail` says for call n from 1) and keeps each connection. */
function fakeStreamApi(fail: (n: number) => boolean = () => false) {
  const connections: Connection[] = [];
  let calls = 0;
  const fetch = vi.fn((_url: RequestInfo | URL, init: RequestInit = {}) => {
    if (fail(++calls)) return Promise.reject(new TypeError('fetch failed'));
    let controller!: ReadableStreamDefaultController<Uint8Array>;
    const connection: Connection = {
      headers: init.headers as Record<string, string>,
      write: (text) => controller.enqueue(new TextEncoder().encode(text)),
      end: () => controller.close(),
      cancelled: false,
    };
    const body = new ReadableStream<Uint8Array>({
      start: (c) => void (controller = c),
      cancel: () => void (connection.cancelled = true),
    });
    connections.push(connection);
    return Promise.resolve(new Response(body, { headers: { 'content-type': 'text/event-stream' } }));
  });
  return { fetch: fetch as unknown as typeof globalThis.fetch, connections, calls: () => calls };
}

const event = (id: string, type: LiveEvent['type'] = 'referral.status_changed'): string => {
  const live: LiveEvent = {
    id,
    type,
    referralId: 'r1',
    at: '2026-11-24T10:00:00.000Z',
    data: { referralId: 'r1', from: 'sent', to: 'received' },
  };
  return `id: ${id}\nevent: ${type}\ndata: ${JSON.stringify(live)}\n\n`;
};

const open: LiveEvents[] = [];
afterEach(() => {
  for (const live of open.splice(0)) live.close();
});

function listen(fetch: typeof globalThis.fetch, options: Partial<LiveEventsOptions> = {}) {
  const heard: string[] = [];
  const states: string[] = [];
  const live = subscribeToEvents({
    apiUrl: 'http://henvis.test/',
    getToken: () => 'token-1',
    fetch,
    onEvent: (e) => heard.push(e.id),
    onConnected: ({ resumed }) => states.push(resumed ? 'resumed' : 'connected'),
    onDisconnected: () => states.push('down'),
    ...options,
  });
  open.push(live);
  return { heard, states, live };
}

describe('subscribeToEvents', () => {
  it('says when it is connected, whether it resumed, and resumes after the last event delivered', async () => {
    const api = fakeStreamApi();
    const { heard, states } = listen(api.fetch);
    await vi.waitFor(() => expect(states).toEqual(['connected']));
    expect(api.connections[0]!.headers).toMatchObject({ authorization: 'Bearer token-1', accept: 'text/event-stream' });
    expect(api.connections[0]!.headers['last-event-id']).toBeUndefined();
    api.connections[0]!.write(`${event('7.1')}: still here\n\n${event('7.2', 'message.created')}`);
    await vi.waitFor(() => expect(heard).toEqual(['7.1', '7.2']));

    api.connections[0]!.end();
    await vi.waitFor(() => expect(states).toEqual(['connected', 'down', 'resumed']));
    expect(api.connections[1]!.headers['last-event-id']).toBe('7.2');
    api.connections[1]!.write(event('9.1'));
    await vi.waitFor(() => expect(heard).toEqual(['7.1', '7.2', '9.1']));
  });

  it('cannot resume a connection made before any event came, and says so', async () => {
    const api = fakeStreamApi();
    const { states } = listen(api.fetch);
    await vi.waitFor(() => expect(states).toEqual(['connected']));
    api.connections[0]!.end();
    await vi.waitFor(() => expect(states).toEqual(['connected', 'down', 'connected']));
    expect(api.connections[1]!.headers['last-event-id']).toBeUndefined();
  });

  it('resumes after a position the API sends without an event (an id-only message), so a quiet stream never needs a reload', async () => {
    const api = fakeStreamApi();
    const { heard, states } = listen(api.fetch);
    await vi.waitFor(() => expect(states).toEqual(['connected']));
    api.connections[0]!.write('id: 12.7\n\n');
    await new Promise((resolve) => setTimeout(resolve, 20));
    api.connections[0]!.end();
    await vi.waitFor(() => expect(states).toEqual(['connected', 'down', 'resumed']));
    expect(api.connections[1]!.headers['last-event-id']).toBe('12.7');
    expect(heard).toEqual([]);
  });

  it('says once that it is down while attempts fail, and connected when one works', async () => {
    const api = fakeStreamApi((n) => n <= 3);
    const { states } = listen(api.fetch);
    await vi.waitFor(() => expect(states).toEqual(['down', 'connected']), { timeout: 5000 });
    expect(api.calls()).toBe(4);
  });

  it('drops a connection gone silent and makes it again, resuming; a heartbeat keeps it', async () => {
    const api = fakeStreamApi();
    const { heard, states } = listen(api.fetch, { idleTimeoutMs: 150 });
    await vi.waitFor(() => expect(states).toEqual(['connected']));
    api.connections[0]!.write(event('3.1'));
    for (let beat = 0; beat < 4; beat++) {
      await new Promise((resolve) => setTimeout(resolve, 80));
      api.connections[0]!.write(': still here\n\n');
    }
    expect(states).toEqual(['connected']); // 320 ms with a heartbeat every 80 ms
    await vi.waitFor(() => expect(states).toEqual(['connected', 'down', 'resumed']), { timeout: 3000 });
    expect(api.connections[0]!.cancelled).toBe(true);
    expect(api.connections[1]!.headers['last-event-id']).toBe('3.1');
    expect(heard).toEqual(['3.1']);
  });

  it('ends the body it reads when closed, and neither reconnects nor reports that as down', async () => {
    const api = fakeStreamApi();
    const { states, live } = listen(api.fetch);
    await vi.waitFor(() => expect(states).toEqual(['connected']));
    live.close();
    await vi.waitFor(() => expect(api.connections[0]!.cancelled).toBe(true));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(api.calls()).toBe(1);
    expect(states).toEqual(['connected']);
  });

  it('skips an event whose data is not a LiveEvent of its id and type, and still resumes after it', async () => {
    const api = fakeStreamApi();
    const { heard, states } = listen(api.fetch);
    await vi.waitFor(() => expect(states).toEqual(['connected']));
    api.connections[0]!.write(
      `id: 4.1\nevent: referral.merged\ndata: {}\n\n${event('4.2').replace('"id":"4.2"', '"id":"4.9"')}${event('4.3')}`,
    );
    await vi.waitFor(() => expect(heard).toEqual(['4.3']));
    api.connections[0]!.end();
    await vi.waitFor(() => expect(api.connections[1]?.headers['last-event-id']).toBe('4.3'));
  });
});
