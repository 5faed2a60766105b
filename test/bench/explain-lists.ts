import { configFromEnv, openDatabase, startServer, type Database, type Queryable } from '@henvis/server';

/** One request to the API, as the bench sends it. */
export interface BenchCall {
  method: 'GET' | 'POST';
  path: string;
  body?: string;
}

/**
 * The plans PostgreSQL makes for the statements a request runs on `referrals`: the API in this process on the bench's
 * schema, with a store that runs `explain (analyze, buffers)` of each such statement (the same SQL and parameters)
 * before the statement itself. Black-box: whatever SQL the route sends is what is explained.
 */
export async function explainCalls(
  url: string,
  schema: string,
  calls: { label: string; call: BenchCall; token: string }[],
): Promise<{ label: string; plans: string[] }[]> {
  const plans: string[] = [];
  let capturing = false;
  const explaining = (q: Queryable): Queryable => ({
    async query<R>(sql: string, params?: readonly unknown[]): Promise<R[]> {
      if (capturing && /^\s*(select|with)\b/i.test(sql) && /\breferrals\b/.test(sql) && !/navigator_org|outbox_events/.test(sql)) {
        const rows = await q.query<{ 'QUERY PLAN': string }>(`explain (analyze, buffers) ${sql}`, params);
        plans.push(rows.map((r) => r['QUERY PLAN']).join('\n'));
      }
      return q.query<R>(sql, params);
    },
    exec: (sql) => q.exec(sql),
    notify: (channel, payload) => q.notify(channel, payload),
  });
  const store = await openDatabase({ kind: 'postgres', url, schema, poolSize: 2 });
  const db: Database = { ...store, ...explaining(store), transaction: (work) => store.transaction((tx) => work(explaining(tx))) };
  const config = configFromEnv({ DATABASE_URL: url, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent' });
  const server = await startServer(config, { db });
  try {
    const explained = [];
    for (const { label, call, token } of calls) {
      plans.length = 0;
      capturing = true;
      const response = await fetch(server.url + call.path, {
        method: call.method,
        headers: { authorization: `Bearer ${token}`, ...(call.body ? { 'content-type': 'application/json' } : {}) },
        ...(call.body ? { body: call.body } : {}),
      });
      await response.arrayBuffer();
      capturing = false;
      explained.push({ label, plans: [...plans] });
    }
    return explained;
  } finally {
    await server.close();
    await store.close();
  }
}
