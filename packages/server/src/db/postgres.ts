import { createHash } from 'node:crypto';
import pg from 'pg';
import { coalescingNotifier, heldNotifications, type Database, type Queryable } from './database.js';

/**
 * Statements with parameters are prepared once per connection and run by name after that: PostgreSQL parses and
 * plans a statement such as the create's (seven data-modifying CTEs) once instead of on every request. Names are
 * a hash of the text; the SQL of this server is a fixed set of statements (values always go in parameters), and a
 * process names at most MAX_PREPARED of them, running any others unnamed.
 */
const MAX_PREPARED = 1000;
const names = new Map<string, string>();
function prepared(sql: string, params: readonly unknown[]): { name?: string } {
  if (params.length === 0) return {};
  let name = names.get(sql);
  if (!name && names.size < MAX_PREPARED) {
    name = `h${createHash('sha1').update(sql).digest('hex').slice(0, 16)}`;
    names.set(sql, name);
  }
  return name ? { name } : {};
}

/** How long a lost listening connection waits before it connects again. */
const RELISTEN_MS = 1000;

export async function openPostgres(url: string, schema?: string, poolSize = 10): Promise<Database> {
  // The application_name tells this application's transactions from others' (outbox.ts, the readers' horizon); a
  // test schema is an application of its own.
  const connection = {
    connectionString: url,
    application_name: schema ? `henvis:${schema}` : 'henvis',
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  };
  const pool = new pg.Pool({ ...connection, max: poolSize });
  const listeners = new Set<() => Promise<void>>();
  // An idle client that loses its connection must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  const client = await pool.connect();
  client.release();

  const notifier = coalescingNotifier((channel, payload) => pool.query('select pg_notify($1, $2)', [channel, payload]));
  const on = (c: pg.Pool | pg.PoolClient, notify: Queryable['notify']): Queryable => ({
    query: async <R>(sql: string, params: readonly unknown[] = []) =>
      (await c.query({ text: sql, values: params as unknown[], ...prepared(sql, params) })).rows as R[],
    exec: async (sql: string) => {
      await c.query(sql);
    },
    notify,
  });

  return {
    kind: 'postgres',
    ...on(pool, notifier.notify),
    async transaction(work) {
      const conn = await pool.connect();
      const notifications = heldNotifications(notifier.notify);
      try {
        await conn.query('begin');
        const result = await work(on(conn, notifications.notify));
        await conn.query('commit');
        notifications.committed();
        return result;
      } catch (error) {
        await conn.query('rollback').catch(() => {});
        throw error;
      } finally {
        conn.release();
      }
    },
    /** One connection of its own per listener (LISTEN holds a session), connected again when it is lost. */
    async listen(channel, onNotify) {
      let client: pg.Client | undefined;
      let stopped = false;
      let retry: NodeJS.Timeout | undefined;
      const connect = async (): Promise<void> => {
        const c = new pg.Client(connection);
        c.on('notification', (n) => {
          if (n.channel === channel) onNotify(n.payload ?? '');
        });
        c.on('error', () => {
          if (stopped || client !== c) return;
          client = undefined;
          void c.end().catch(() => {});
          retry = setTimeout(() => void reconnect(), RELISTEN_MS);
        });
        await c.connect();
        await c.query(`listen ${pg.escapeIdentifier(channel)}`);
        client = c;
      };
      const reconnect = async () => {
        if (stopped) return;
        try {
          await connect();
          onNotify('');
        } catch {
          retry = setTimeout(() => void reconnect(), RELISTEN_MS);
        }
      };
      await connect();
      const unlisten = async () => {
        stopped = true;
        clearTimeout(retry);
        listeners.delete(unlisten);
        await client?.end().catch(() => {});
      };
      listeners.add(unlisten);
      return unlisten;
    },
    async close() {
      notifier.close();
      await Promise.all([...listeners].map((unlisten) => unlisten()));
      await pool.end();
    },
  };
}
