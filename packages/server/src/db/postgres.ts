import pg from 'pg';
import type { Database, Queryable } from './database.js';

export async function openPostgres(url: string, schema?: string, poolSize = 10): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  // An idle client that loses its connection must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  const client = await pool.connect();
  client.release();

  const on = (c: pg.Pool | pg.PoolClient): Queryable => ({
    query: async <R>(sql: string, params: readonly unknown[] = []) => (await c.query(sql, params as unknown[])).rows as R[],
    exec: async (sql: string) => {
      await c.query(sql);
    },
  });

  return {
    kind: 'postgres',
    ...on(pool),
    async transaction(work) {
      const conn = await pool.connect();
      try {
        await conn.query('begin');
        const result = await work(on(conn));
        await conn.query('commit');
        return result;
      } catch (error) {
        await conn.query('rollback').catch(() => {});
        throw error;
      } finally {
        conn.release();
      }
    },
    close: () => pool.end(),
  };
}
