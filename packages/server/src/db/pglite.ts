import { mkdirSync } from 'node:fs';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { coalescingNotifier, heldNotifications, type Database, type Queryable } from './database.js';

/** SQL on a PGlite instance or one of its transactions, as the rest of the server speaks it. */
export const pgliteQueryable = (c: PGlite | Transaction, notify: Queryable['notify']): Queryable => ({
  query: async <R>(sql: string, params: readonly unknown[] = []) => (await c.query<R>(sql, params as unknown[])).rows,
  exec: async (sql: string) => {
    await c.exec(sql);
  },
  notify,
});

export async function openPglite(dataDir: string): Promise<Database> {
  if (dataDir !== ':memory:') mkdirSync(dataDir, { recursive: true });
  const db = await PGlite.create(dataDir === ':memory:' ? undefined : dataDir);
  // One process, one instance (a PGlite folder is open in one process at a time): a notification is an in-process
  // signal, sent once the change has committed (Queryable.notify), and never lost.
  const listeners = new Map<string, Set<(payload: string) => void>>();
  const notifier = coalescingNotifier(async (channel, payload) => {
    await Promise.resolve();
    for (const listener of listeners.get(channel) ?? []) listener(payload);
  });
  return {
    kind: 'pglite',
    ...pgliteQueryable(db, notifier.notify),
    async transaction(work) {
      const notifications = heldNotifications(notifier.notify);
      const result = await db.transaction((tx) => work(pgliteQueryable(tx, notifications.notify)));
      notifications.committed();
      return result;
    },
    listen: (channel, onNotify) => {
      const set = listeners.get(channel) ?? new Set();
      listeners.set(channel, set);
      const listener = (payload: string) => onNotify(payload);
      set.add(listener);
      return Promise.resolve(() => {
        set.delete(listener);
        return Promise.resolve();
      });
    },
    close: () => {
      notifier.close();
      return db.close();
    },
  };
}
