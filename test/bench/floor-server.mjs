// @ts-check
// The floor of the create bench: the same framework (Fastify) and driver (pg with a pool of 10, or PGlite on a
// folder) as the API, doing the bare minimum for POST /v1/referrals: parse the JSON body and insert it. Started
// as its own process, like the API, on 127.0.0.1; announces `listening on <url>`.
import { randomUUID } from 'node:crypto';
import Fastify from 'fastify';

const url = process.env.DATABASE_URL;
/** @type {(sql: string, params?: unknown[]) => Promise<unknown>} */
let query;
/** @type {() => Promise<void>} */
let close;
if (url) {
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  query = (sql, params) => pool.query(sql, params);
  close = () => pool.end();
} else {
  const { PGlite } = await import('@electric-sql/pglite');
  const db = await PGlite.create(process.env.FLOOR_DATA_DIR);
  query = (sql, params) => db.query(sql, params);
  close = () => db.close();
}
await query('create table if not exists floor_referrals (id uuid primary key, body jsonb not null, created_at timestamptz not null)');

const app = Fastify({ logger: false });
app.post('/v1/referrals', async (request, reply) => {
  const id = randomUUID();
  await query('insert into floor_referrals (id, body, created_at) values ($1, $2::jsonb, now())', [id, JSON.stringify(request.body)]);
  return reply.code(201).send({ id });
});
const address = await app.listen({ host: '127.0.0.1', port: 0 });
console.log(`listening on ${address}`);
process.on(
  'SIGTERM',
  () =>
    void app
      .close()
      .then(close)
      .then(() => process.exit(0)),
);
