/** A connection or transaction that runs SQL. The same SQL runs on PostgreSQL and on PGlite. */
export interface Queryable {
  query<R = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<R[]>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
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
