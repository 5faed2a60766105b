import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { startServerProcess, type ServerProcess } from './server-process.js';

export interface PostgresBench {
  /** A connection of its own, for loading the schema's tables. */
  admin: pg.Client;
  /** The schema of this run, dropped at `close` unless BENCH_KEEP is set. */
  schema: string;
  /** The built server, migrated into the schema (with the demo organisations seeded). */
  server: ServerProcess;
  close(): Promise<void>;
}

/**
 * A schema of its own in PostgreSQL (DATABASE_URL, or the local one) and the built server in its own process on
 * it; undefined, with a line saying so, where PostgreSQL does not answer: the benchmark is then skipped.
 */
export async function openPostgresBench(name: string): Promise<PostgresBench | undefined> {
  const postgresUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const admin = new pg.Client({ connectionString: postgresUrl, connectionTimeoutMillis: 2000 });
  try {
    await admin.connect();
  } catch {
    console.log(`PostgreSQL at ${new URL(postgresUrl).host} did not answer: ${name} benchmark skipped.`);
    return undefined;
  }
  const schema = `henvis_bench_${randomBytes(4).toString('hex')}`;
  await admin.query(`create schema ${schema}`);
  const url = new URL(postgresUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  const server = await startServerProcess({ DATABASE_URL: url.toString() });
  return {
    admin,
    schema,
    server,
    async close() {
      await server.stop();
      if (process.env.BENCH_KEEP) console.log(`kept schema ${schema}`);
      else await admin.query(`drop schema ${schema} cascade`);
      await admin.end();
    },
  };
}
