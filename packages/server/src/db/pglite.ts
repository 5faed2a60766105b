import { mkdirSync } from 'node:fs';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import type { Database, Queryable } from './database.js';

export async function openPglite(dataDir: string): Promise<Database> {
  if (dataDir !== ':memory:') mkdirSync(dataDir, { recursive: true });
  const db = await PGlite.create(dataDir === ':memory:' ? undefined : dataDir);

  const on = (c: PGlite | Transaction): Queryable => ({
    query: async <R>(sql: string, params: readonly unknown[] = []) => (await c.query<R>(sql, params as unknown[])).rows,
    exec: async (sql: string) => {
      await c.exec(sql);
    },
  });

  return {
    kind: 'pglite',
    ...on(db),
    transaction: (work) => db.transaction((tx) => work(on(tx))),
    close: () => db.close(),
  };
}
