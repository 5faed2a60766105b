/** A connection or transaction that runs SQL. The same SQL runs on PostgreSQL and on PGlite. */
export interface Queryable {
  query<R = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<R[]>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
  /**
   * Sends a NOTIFY on `channel` once this work has committed (at once, outside a transaction; never, if it rolls
   * back). Not sent by the writing transaction itself: a NOTIFY there holds PostgreSQL's notification lock from its
   * commit until its WAL is flushed, so every writing transaction would commit one after another (in one run 285
   * against 2,500 commits a second). Notifications close together are sent as one, with the last payload; a
   * listener reads what changed from the tables, never from the payload.
   */
  notify(channel: string, payload: string): void;
}

/**
 * The row of a statement that returns exactly one: an `insert … returning *`, an `update … returning *` of a row
 * the transaction has found, an aggregate. None is a bug, thrown here rather than passed on as a row.
 */
export function one<R>(rows: readonly R[]): R {
  const [row] = rows;
  if (row === undefined) throw new Error('expected one row, the statement returned none');
  return row;
}

/**
 * Sends notifications one statement at a time: those asked for while one is on its way go together in the next,
 * the last payload of each channel. A failed send is tried again a second later (the listeners' safety read covers
 * a notification that never arrives).
 */
export function coalescingNotifier(send: (channel: string, payload: string) => Promise<unknown>) {
  const pending = new Map<string, string>();
  let sending = false;
  let retry: NodeJS.Timeout | undefined;
  let closed = false;
  const isOpen = () => !closed;
  async function flush(): Promise<void> {
    if (sending || closed) return;
    sending = true;
    try {
      while (pending.size > 0 && isOpen()) {
        const batch = [...pending];
        pending.clear();
        try {
          for (const [channel, payload] of batch) await send(channel, payload);
        } catch {
          for (const [channel, payload] of batch) if (!pending.has(channel)) pending.set(channel, payload);
          clearTimeout(retry);
          retry = setTimeout(() => void flush(), 1000);
          retry.unref();
          return;
        }
      }
    } finally {
      sending = false;
    }
  }
  return {
    notify: (channel: string, payload: string) => {
      pending.set(channel, payload);
      void flush();
    },
    close: () => {
      closed = true;
      clearTimeout(retry);
    },
  };
}

/** A transaction's notifications, held until it commits. */
export function heldNotifications(notify: (channel: string, payload: string) => void) {
  const held = new Map<string, string>();
  return {
    notify: (channel: string, payload: string) => void held.set(channel, payload),
    committed: () => held.forEach((payload, channel) => notify(channel, payload)),
  };
}

export type StorageKind = 'postgres' | 'pglite';

/** The store: PostgreSQL in production, PGlite embedded as the zero-setup default. */
export interface Database extends Queryable {
  readonly kind: StorageKind;
  /** Runs `work` in one transaction: all of it is committed, or none of it. */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  /**
   * Calls `onNotify` with the payload of each NOTIFY on `channel` once its transaction commits, and with `''` after
   * a lost connection is back (a notification may have been missed: read again). Resolves to the unsubscribe.
   */
  listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export type DatabaseOptions =
  | { kind: 'postgres'; url: string; /** search_path, for isolated test schemas */ schema?: string; poolSize?: number }
  | { kind: 'pglite'; /** a folder, or `:memory:` */ dataDir: string };

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.kind === 'postgres') {
    const { openPostgres } = await import('./postgres.js');
    return openPostgres(options.url, options.schema, options.poolSize);
  }
  const { openPglite } = await import('./pglite.js');
  return openPglite(options.dataDir);
}
