import { parseLiveEvent, type LiveEvent } from '@henvis/contracts';
import type { HenvisClientOptions } from './api-request.js';
import { backoffDelay, defaultRetryPolicy, sleep } from './backoff.js';

/** The API writes a heartbeat at least every 20 s; a connection silent for this long is taken as dead. */
const DEFAULT_IDLE_TIMEOUT_MS = 45_000;

export interface LiveEventsOptions extends Pick<HenvisClientOptions, 'apiUrl' | 'getToken' | 'fetch'> {
  /** Called for each change the token may see, in order, once. */
  onEvent(event: LiveEvent): void;
  /**
   * Called each time a connection is up. `resumed` is true when it picked up after the last event delivered
   * (Last-Event-ID): whatever happened while it was away comes next, through `onEvent`. It is false on the first
   * connection and on one made before any event came: changes made before it are not delivered, so load the
   * current state once then.
   */
  onConnected?(connection: { resumed: boolean }): void;
  /**
   * Called when the stream goes down: a connection ended or failed, or the first attempt failed. It reconnects by
   * itself; until the next `onConnected`, changes are not heard.
   */
  onDisconnected?(): void;
  /** A connection silent for this long (no event, no heartbeat) is dropped and made again. Default 45 s. */
  idleTimeoutMs?: number;
}

export interface LiveEvents {
  /** Stops listening for good. */
  close(): void;
}

/**
 * Listens to the API's live events (`/v1/events/stream`) with a token in the Authorization header. Reconnects by
 * itself after a network error, a connection gone silent, or when the token expires (asking `getToken` for a
 * fresh one), and resumes after the last event it delivered, so none is lost or repeated while the connection is
 * away.
 */
export function subscribeToEvents(options: LiveEventsOptions): LiveEvents {
  const controller = new AbortController();
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
  const url = `${options.apiUrl.replace(/\/+$/, '')}/v1/events/stream`;
  const idleTimeoutMs = options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS;
  let lastEventId: string | undefined;
  let up: boolean | undefined;

  const wentDown = () => {
    if (up === false || controller.signal.aborted) return;
    up = false;
    options.onDisconnected?.();
  };

  async function listen(refresh: boolean): Promise<'ended' | 'token_expired'> {
    // One controller per connection: closing the stream aborts it, and so does a connection gone silent.
    const connection = new AbortController();
    const abort = () => connection.abort();
    controller.signal.addEventListener('abort', abort, { once: true });
    let idle: ReturnType<typeof setTimeout> | undefined;
    try {
      const token = await options.getToken({ refresh });
      const resumed = lastEventId !== undefined;
      const response = await doFetch(url, {
        headers: {
          authorization: `Bearer ${token}`,
          accept: 'text/event-stream',
          ...(lastEventId ? { 'last-event-id': lastEventId } : {}),
        },
        signal: connection.signal,
      });
      if (response.status === 401) return 'token_expired';
      if (!response.ok || !response.body) throw new Error(`the event stream answered ${response.status}`);
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      // Aborting a fetch does not end a body that is already being read everywhere (test DOMs, some embedded
      // browsers): cancelling the reader does.
      connection.signal.addEventListener('abort', () => void reader.cancel().catch(() => {}), { once: true });
      if (connection.signal.aborted) return 'ended';
      const watch = () => {
        clearTimeout(idle);
        idle = setTimeout(abort, idleTimeoutMs);
      };
      watch();
      up = true;
      options.onConnected?.({ resumed });
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return 'ended';
        watch();
        buffer += value;
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          const fields: Record<string, string> = {};
          for (const line of buffer.slice(0, end).split('\n')) {
            const colon = line.indexOf(':');
            if (colon > 0) fields[line.slice(0, colon)] = line.slice(colon + 1).trimStart();
          }
          buffer = buffer.slice(end + 2);
          if (fields.event === 'token_expired') return 'token_expired';
          if (!fields.id) continue;
          // Every event resumes the stream after it; one of a type this version does not know is skipped.
          lastEventId = fields.id;
          const event = parseLiveEvent(fields.data ?? '');
          if (event && event.id === fields.id && event.type === fields.event) options.onEvent(event);
        }
      }
    } finally {
      clearTimeout(idle);
      controller.signal.removeEventListener('abort', abort);
      connection.abort();
      wentDown();
    }
  }

  void (async () => {
    const policy = { ...defaultRetryPolicy, maxDelayMs: 30_000 };
    let failures = 0;
    let refresh = false;
    // A function, so that a check after an await reads the signal anew instead of what the loop's test narrowed.
    const closed = () => controller.signal.aborted;
    while (!closed()) {
      const started = Date.now();
      try {
        refresh = (await listen(refresh)) === 'token_expired';
      } catch {
        if (closed()) return;
        refresh = false;
      }
      // A connection that lived a while was healthy: start counting again. Quick failures back off further and
      // further; an expired token is renewed at once the first time.
      failures = Date.now() - started > 30_000 ? 1 : failures + 1;
      if (!(refresh && failures === 1)) await sleep(backoffDelay(policy, failures), controller.signal).catch(() => {});
    }
  })();

  return { close: () => controller.abort() };
}
