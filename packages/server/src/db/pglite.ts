import { mkdirSync } from 'node:fs';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import type { Database, Queryable } from './database.js';

/** SQL on a PGlite instance or one of its transactions, as the rest of the server speaks it. */
export const pgliteQueryable = (c: PGlite | Transaction): Queryable => ({
  query: async <R>(sql: string, params: readonly unknown[] = []) => (await c.query<R>(sql, params as unknown[])).rows,
  exec: async (sql: string) => {
    await c.exec(sql);
  },
});

export async function openPglite(dataDir: string): Promise<Database> {
  if (dataDir !== ':memory:') mkdirSync(dataDir, { recursive: true });
  const db = await PGlite.create(dataDir === ':memory:' ? undefined : dataDir);
  return {
    kind: 'pglite',
    ...pgliteQueryable(db),
    transaction: (work) => db.transaction((tx) => work(pgliteQueryable(tx))),
    // One process, one instance: a notification is an in-process signal, and is never lost.
    listen: (channel, onNotify) => db.listen(channel, onNotify),
    close: () => db.close(),
  };
}
