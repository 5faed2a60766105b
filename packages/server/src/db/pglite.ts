import { mkdirSync } from 'node:fs';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { coalescingNotifier, heldNotifications, type Database, type Queryable } from './database.js';

/**
 * SQL on a PGlite instance or one of its transactions, as the rest of the server speaks it. Notifications go out at
 * once unless `notify` holds them (a transaction's are sent once it commits).
 */
export const pgliteQueryable = (
  c: PGlite | Transaction,
  notify: Queryable['notify'] = (channel, payload) => void c.query('select pg_notify($1, $2)', [channel, payload]).catch(() => {}),
): Queryable => ({
  query: async <R>(sql: string, params: readonly unknown[] = []) => (await c.query<R>(sql, params as unknown[])).rows,
  exec: async (sql: string) => {
    await c.exec(sql);
  },
  notify,
});

export async function openPglite(dataDir: string): Promise<Database> {
  if (dataDir !== ':memory:') mkdirSync(dataDir, { recursive: true });
  const db = await PGlite.create(dataDir === ':memory:' ? undefined : dataDir);
  const notifier = coalescingNotifier((channel, payload) => db.query('select pg_notify($1, $2)', [channel, payload]));
  return {
    kind: 'pglite',
    ...pgliteQueryable(db, notifier.notify),
    async transaction(work) {
      const notifications = heldNotifications(notifier.notify);
      const result = await db.transaction((tx) => work(pgliteQueryable(tx, notifications.notify)));
      notifications.committed();
      return result;
    },
    // One process, one instance: a notification is an in-process signal, and is never lost.
    listen: (channel, onNotify) => db.listen(channel, onNotify),
    close: () => {
      notifier.close();
      return db.close();
    },
  };
}
