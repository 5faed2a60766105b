import type { LiveEvent, Referral } from '@henvis/contracts';
import { HenvisError, consentApi, courseApi, referralApi } from '@henvis/sdk';
import { sendingOnPage, type WidgetStore } from '../widget-store.js';
import type { RecentReads } from './recent-reads.js';
import { fileChange, type FilingReads } from './status-filing.js';

/** How long a new referral's note waits for the page's own sends, whose sender files it (a queued one may wait hours). */
const SEND_WAIT_MS = 5_000;
/** Changes read per page. */
const PAGE = 100;

/** The ordered filing of one patient's changes: what the journal has not filed is handed over, in order, once. */
export interface JournalFeed {
  /** Something may have changed (a live event came, the stream is back, a poll): read on from the position. */
  wake(heard?: LiveEvent): void;
  close(): void;
}

export interface JournalFeedOptions {
  /** Read on after this position; undefined: from where the outbox stands now (nothing older is handed over). */
  after: string | undefined;
  isPatient: (referral: Referral) => boolean;
  /** The status list's reads, whose answers the feed files from when they hold the change. */
  recent: RecentReads;
  /** A referral the status list holds: its patient, practice and content do not change, so any copy serves. */
  known: (id: string) => Referral | undefined;
}

/**
 * Reads the changes after `after` (`GET /v1/events`) and files each one's note, strictly in order: a change is
 * filed (or found to need none) before the next is looked at, so the position the host keeps never passes a note
 * it did not get. A read that fails is tried again, with growing waits, until it succeeds or the feed is closed;
 * a change whose referral is gone is passed over.
 */
export function startJournalFeed(store: WidgetStore, { after, isPatient, recent, known }: JournalFeedOptions): JournalFeed {
  const client = referralApi(store.request);
  const consents = consentApi(store.request);
  const course = courseApi(store.request);
  let position = after;
  let closed = false;
  let running = false;
  let woken = true;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let wakeRetry: (() => void) | undefined;
  const isClosed = () => closed; // read anew after an await
  const wokenMeanwhile = () => woken;

  /** Runs `step` until it succeeds; undefined when the feed closed, or for `not_found` (the item is gone). */
  async function retrying<T>(step: () => Promise<T>): Promise<T | 'gone' | undefined> {
    for (let failures = 0; ; failures++) {
      try {
        return await step();
      } catch (error) {
        if (isClosed()) return undefined;
        if (error instanceof HenvisError && error.code === 'not_found') return 'gone';
        await new Promise<void>((resolve) => {
          wakeRetry = resolve;
          retryTimer = setTimeout(resolve, Math.min(30_000, 1000 * 2 ** failures));
        });
        if (isClosed()) return undefined;
      }
    }
  }

  /** When each live event was heard: a read begun after that holds its change. */
  const heard = new Map<string, number>();

  /**
   * What filing `change` reads: the newest read of each that holds the item the change names, or, where it names
   * none (a status change recorded before the API named its entry), that began after the change was known to be there.
   */
  function readsOf(change: LiveEvent, listed: number): FilingReads {
    const since = Math.min(heard.get(change.id) ?? listed, listed);
    const { eventId, messageId, consentId } = change.data;
    const named: Record<string, ((items: { id: string; withdrawnAt?: string | undefined }[]) => boolean) | undefined> = {
      events: eventId ? (items) => items.some((e) => e.id === eventId) : undefined,
      messages: messageId ? (items) => items.some((m) => m.id === messageId) : undefined,
      consents: consentId
        ? (items) => items.some((c) => c.id === consentId && (change.type !== 'consent.withdrawn' || c.withdrawnAt !== undefined))
        : undefined,
    };
    const read =
      <T extends { id: string; withdrawnAt?: string | undefined }[]>(what: string, run: (id: string) => Promise<T>) =>
      (id: string): Promise<T> => {
        const holds = named[what];
        const key = `${what}:${id}`;
        return holds ? recent.holding<T>(key, holds, () => run(id)) : recent.since(key, since, () => run(id));
      };
    return {
      referral: (id) => {
        const held = known(id);
        return held ? Promise.resolve(held) : recent.since(`referral:${id}`, 0, () => client.getReferral(id));
      },
      events: read('events', (id) => client.listEvents(id)),
      messages: read('messages', (id) => course.listMessages(id)),
      consents: read('consents', (id) => consents.listConsents(id)),
    };
  }

  async function beforeReferral(): Promise<void> {
    const until = Date.now() + SEND_WAIT_MS;
    while (sendingOnPage.peek() > 0 && Date.now() < until && !isClosed()) await new Promise((resolve) => setTimeout(resolve, 100));
  }

  async function readOn(): Promise<void> {
    for (;;) {
      const page = await retrying(() => client.listChanges(position === undefined ? {} : { after: position, limit: PAGE }));
      if (page === undefined || isClosed()) return;
      if (page === 'gone') {
        // An API without the list of changes: live filing and catching up are not possible against it.
        console.warn('Henvis: the API does not list its changes (GET /v1/events); the journal is not handed them.');
        closed = true;
        return;
      }
      const listed = recent.mark();
      for (const change of page.items) {
        const filed = await retrying(() => fileChange(store, change, readsOf(change, listed), { isPatient, beforeReferral }));
        heard.delete(change.id);
        if (filed === undefined && isClosed()) return;
        position = change.id;
      }
      position = page.position;
      if (!page.more) return;
    }
  }

  async function run(): Promise<void> {
    if (running || closed) return;
    running = true;
    try {
      while (wokenMeanwhile() && !isClosed()) {
        woken = false;
        await readOn();
      }
    } finally {
      running = false;
    }
  }

  void run();
  return {
    wake(event) {
      if (event) heard.set(event.id, recent.mark());
      woken = true;
      // A read waiting to be tried again is tried now: the stream coming back says the API is.
      clearTimeout(retryTimer);
      wakeRetry?.();
      void run();
    },
    close() {
      closed = true;
      clearTimeout(retryTimer);
      wakeRetry?.();
    },
  };
}
