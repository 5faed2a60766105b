/**
 * The reads of one status list, shared by its view and its journal feed: a live event makes the view fetch what it
 * names, and the feed files the same change from that answer instead of asking the API again. Order is kept by a
 * counter, not a clock: a read begun after a change was heard holds it.
 */
export interface RecentReads {
  /** A point in the order of things: a change heard, a list answered. */
  mark(): number;
  /** Runs `read` and keeps it as the newest read of `key`. */
  run<T>(key: string, read: () => Promise<T>): Promise<T>;
  /** The newest read of `key` if it began after `since`, or a new one. */
  since<T>(key: string, since: number, read: () => Promise<T>): Promise<T>;
  /** The newest read of `key` if its answer `holds` what is looked for, or a new one. */
  holding<T>(key: string, holds: (answer: T) => boolean, read: () => Promise<T>): Promise<T>;
}

export function createRecentReads(): RecentReads {
  let tick = 0;
  const reads = new Map<string, { began: number; promise: Promise<unknown> }>();
  const run = <T>(key: string, read: () => Promise<T>): Promise<T> => {
    const began = ++tick;
    const promise = read();
    reads.set(key, { began, promise });
    // A read that failed is no answer to share.
    promise.catch(() => reads.get(key)?.promise === promise && reads.delete(key));
    return promise;
  };
  return {
    mark: () => ++tick,
    run,
    since<T>(key: string, since: number, read: () => Promise<T>): Promise<T> {
      const held = reads.get(key);
      return held && held.began > since ? (held.promise as Promise<T>) : run(key, read);
    },
    async holding<T>(key: string, holds: (answer: T) => boolean, read: () => Promise<T>): Promise<T> {
      const held = reads.get(key)?.promise as Promise<T> | undefined;
      const answer = held && (await held.catch(() => undefined));
      return answer !== undefined && holds(answer) ? answer : run(key, read);
    },
  };
}
