import type { FastifyBaseLogger } from 'fastify';
import type { Database } from '../db/database.js';
import { OUTBOX_CHANNEL, comparePositions, outboxEnd, readOutbox, type OutboxEvent, type OutboxPosition } from '../outbox.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The instance's one reader of the outbox (live streams, and the webhook worker's wake-up). */
    outboxHub: OutboxHub;
  }
}

/** Events read in one go, by the hub and by a catch-up. */
const BATCH = 500;
/** The hub reads again this soon while committed events wait behind a running transaction, doubling up to 1 s. */
const HELD_MS = 25;
/** A read without a notification, in case one was lost (a connection dropped between NOTIFY and LISTEN). */
const SAFETY_POLL_MS = 10_000;

/** A reader of the hub: the live stream of one browser, with the scope of its token. */
export interface HubReader {
  /** Practices whose events it may see; `patientKey` narrows them to one citizen. */
  practiceIds: readonly string[];
  patientKey?: string | undefined;
  /** Resume after this position (Last-Event-ID); from now on without it. */
  after?: OutboxPosition | undefined;
  /** Its events, in order, each once. */
  deliver(events: OutboxEvent[]): void;
}

export interface OutboxHub {
  /**
   * Adds a reader: first the events it missed (from the outbox), then the live ones. Resolves to its removal and
   * its position now (every event it gets from here on is after it).
   */
  subscribe(reader: HubReader): Promise<{ remove: () => void; position: OutboxPosition }>;
  /** Calls `listener` whenever the outbox may have grown (the webhook worker's wake-up). */
  onWake(listener: () => void): () => void;
  /** Readers now. */
  readonly readers: number;
  close(): Promise<void>;
}

interface Subscription {
  reader: HubReader;
  /** Events held while its catch-up runs; null once it is live. */
  buffer: OutboxEvent[] | null;
  /** Events at or before this are not its (it resumed ahead of the hub). */
  after: OutboxPosition | undefined;
}

const sees = (reader: HubReader, e: OutboxEvent) =>
  reader.practiceIds.includes(e.practiceId) && (!reader.patientKey || reader.patientKey === e.patientKey);

/**
 * One reader of the outbox per instance, woken by LISTEN/NOTIFY (PostgreSQL) or an in-process signal (PGlite),
 * fanning the events out to the open streams: an event costs one read however many journals are open. The outbox
 * stays the source of truth: a reconnecting stream catches up from it, and the hub only reads final events (see
 * readOutbox), so none is skipped when transactions commit out of order.
 */
export async function startOutboxHub(db: Database, log: FastifyBaseLogger): Promise<OutboxHub> {
  let position = await outboxEnd(db);
  const subscriptions = new Set<Subscription>();
  const wakeListeners = new Set<() => void>();
  let closed = false;
  let reading: Promise<void> | undefined;
  // Set by a wake-up during a read, tested after it: functions, so the loop's test reads them anew.
  let again = false;
  const wokenMeanwhile = () => again;
  const isClosed = () => closed;
  let heldMs = HELD_MS;
  let heldTimer: NodeJS.Timeout | undefined;

  function dispatch(events: OutboxEvent[]) {
    for (const sub of subscriptions) {
      const mine = events.filter((e) => sees(sub.reader, e) && (!sub.after || comparePositions(e.position, sub.after) > 0));
      if (mine.length === 0) continue;
      if (sub.buffer) sub.buffer.push(...mine);
      else sub.reader.deliver(mine);
    }
  }

  async function readAll(): Promise<void> {
    for (;;) {
      const { events, held } = await readOutbox(db, { after: position, limit: BATCH });
      const last = events.at(-1);
      if (last) {
        position = last.position;
        dispatch(events);
      }
      if (events.length === BATCH) continue;
      clearTimeout(heldTimer);
      if (held && !closed) {
        heldTimer = setTimeout(wake, heldMs);
        heldMs = Math.min(1000, heldMs * 2);
      } else heldMs = HELD_MS;
      return;
    }
  }

  function wake() {
    if (closed) return;
    for (const listener of wakeListeners) listener();
    if (reading) {
      again = true;
      return;
    }
    reading = (async () => {
      do {
        again = false;
        try {
          await readAll();
        } catch (error) {
          log.warn({ event: 'outbox_read_failed', err: error }, 'reading the outbox failed');
          clearTimeout(heldTimer);
          heldTimer = setTimeout(wake, 1000);
          break;
        }
      } while (wokenMeanwhile() && !isClosed());
    })().finally(() => {
      reading = undefined;
    });
  }

  const unlisten = await db.listen(OUTBOX_CHANNEL, wake);
  const safety = setInterval(wake, SAFETY_POLL_MS);
  safety.unref();

  return {
    get readers() {
      return subscriptions.size;
    },
    async subscribe(reader) {
      const from = reader.after;
      const live = position;
      const sub: Subscription = { reader, buffer: [], after: from && comparePositions(from, live) > 0 ? from : undefined };
      subscriptions.add(sub);
      const remove = () => void subscriptions.delete(sub);
      try {
        // What it missed up to where the hub is: the hub delivers everything after `live`, held meanwhile.
        if (from && comparePositions(from, live) < 0) {
          let after = from;
          for (;;) {
            const { events } = await readOutbox(db, {
              after,
              until: live,
              practiceIds: reader.practiceIds,
              ...(reader.patientKey ? { patientKey: reader.patientKey } : {}),
              limit: BATCH,
            });
            const last = events.at(-1);
            if (last) reader.deliver(events);
            if (!last || events.length < BATCH) break;
            after = last.position;
          }
        }
      } catch (error) {
        remove();
        throw error;
      }
      const held = sub.buffer ?? [];
      sub.buffer = null;
      if (held.length > 0) reader.deliver(held);
      const at = held.at(-1)?.position ?? sub.after ?? live;
      return { remove, position: at };
    },
    onWake(listener) {
      wakeListeners.add(listener);
      return () => void wakeListeners.delete(listener);
    },
    async close() {
      closed = true;
      clearInterval(safety);
      clearTimeout(heldTimer);
      subscriptions.clear();
      await unlisten();
      await reading;
    },
  };
}
