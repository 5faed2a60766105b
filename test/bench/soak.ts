/**
 * A bounded soak on PostgreSQL: the inbox's and the journal's mixed traffic at a fixed rate, open loop (requests
 * go out on schedule whether or not earlier ones have answered), for SOAK_SECONDS (600) at SOAK_RATE (300) req/s:
 * 25 % create, 25 % list, 25 % read, 15 % status change, 5 % timeline, 5 % search. Prints, per 10-second window,
 * the requests, errors, p50 and p99, and the API process's memory (RSS); then the statements that cost the most
 * (pg_stat_statements, where the extension is there). On 127.0.0.1 only; asserts nothing.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { exampleNewReferral } from '@henvis/contracts';
import { signDevToken } from '@henvis/server';
import { startServerProcess } from './server-process.js';

const SECONDS = Number(process.env.SOAK_SECONDS ?? 600);
const RATE = Number(process.env.SOAK_RATE ?? 300);
const WINDOW_S = 10;
const TIMEOUT_MS = 5000;
const POSTGRES_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

const doctor = () => signDevToken({ role: 'doctor', org: '045678', audience: 'henvis-api' });
const navigator = () => signDevToken({ role: 'navigator', org: 'norddjurs-navigatorer', audience: 'henvis-api' });
const names = ['Karen Jensen', 'Ole Hansen', 'Birthe Lund', 'Poul Nielsen', 'Hanne Bech'];
const next: Record<string, string> = {
  sent: 'received',
  received: 'accepted',
  accepted: 'contacted',
  contacted: 'plan_made',
  plan_made: 'linked',
};

interface Window {
  n: number;
  errors: number;
  latencies: number[];
  rss?: number | undefined;
}

const rssOf = (pid: number | undefined) => {
  if (!pid) return undefined;
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmRSS:'));
  return line ? Math.round(Number(line.split(/\s+/)[1]) / 1024) : undefined;
};
const pct = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : 0;

const schema = `henvis_soak_${randomBytes(4).toString('hex')}`;
const admin = new pg.Client({ connectionString: POSTGRES_URL });
await admin.connect();
await admin.query(`create schema ${schema}`);
const url = new URL(POSTGRES_URL);
url.searchParams.set('options', `-c search_path=${schema}`);
const server = await startServerProcess({ DATABASE_URL: url.toString() });
const statements = await admin
  .query(`select pg_stat_statements_reset()`)
  .then(() => true)
  .catch(() => false);
try {
  const tokens = { doctor: doctor(), navigator: navigator() };
  const referrals: { id: string; status: string; busy?: boolean }[] = [];
  const call = async (method: string, path: string, token: string, body?: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
      ...(body ? { body: JSON.stringify(body) } : {}),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    const text = await response.text();
    if (response.status >= 300 && process.env.SOAK_DEBUG)
      console.log(method, path.replace(/[0-9a-f-]{36}/, ':id'), response.status, text.slice(0, 120));
    return { status: response.status, body: text ? (JSON.parse(text) as { id?: string; status?: string }) : undefined };
  };
  const one = async (): Promise<boolean> => {
    const roll = Math.random() * 100;
    const some = referrals[Math.floor(Math.random() * referrals.length)];
    if (roll < 25 || !some) {
      const r = await call(
        'POST',
        '/v1/referrals',
        tokens.doctor,
        { ...exampleNewReferral, patient: { ...exampleNewReferral.patient, name: names[referrals.length % names.length]! } },
        { 'idempotency-key': randomUUID() },
      );
      if (r.status === 201 && r.body?.id) referrals.push({ id: r.body.id, status: 'sent' });
      return r.status === 201;
    }
    if (roll < 50) return (await call('GET', '/v1/referrals?limit=25', tokens.navigator)).status === 200;
    if (roll < 75) return (await call('GET', `/v1/referrals/${some.id}`, tokens.doctor)).status === 200;
    if (roll < 90) {
      const to = next[some.status];
      // A referral whose last step is still on its way is read instead: its next step waits for that answer.
      if (!to || some.busy) return (await call('GET', `/v1/referrals/${some.id}`, tokens.navigator)).status === 200;
      some.busy = true;
      const r = await call('POST', `/v1/referrals/${some.id}/transitions`, tokens.navigator, { to }).finally(() => (some.busy = false));
      if (r.status === 200) some.status = to;
      return r.status === 200;
    }
    if (roll < 95) return (await call('GET', `/v1/referrals/${some.id}/events`, tokens.navigator)).status === 200;
    const text = names[Math.floor(Math.random() * names.length)]!;
    return (await call('POST', '/v1/referrals/search', tokens.navigator, { text, limit: '25' })).status === 200;
  };

  const windows: Window[] = [];
  const started = performance.now();
  const total = SECONDS * RATE;
  const inFlight: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    const w = Math.floor((due - started) / (WINDOW_S * 1000));
    const window = (windows[w] ??= { n: 0, errors: 0, latencies: [] });
    if (i % RATE === 0) window.rss = rssOf(server.pid);
    const t0 = performance.now();
    const p = one()
      .then((ok) => {
        window.n++;
        if (!ok) window.errors++;
      })
      .catch(() => {
        window.n++;
        window.errors++;
      })
      .finally(() => window.latencies.push(performance.now() - t0));
    inFlight.push(p);
    if (inFlight.length > 5000) await Promise.all(inFlight.splice(0, 2500));
  }
  await Promise.all(inFlight);
  console.log(
    `\nSoak on PostgreSQL: ${RATE} req/s open loop for ${SECONDS} s (25 % create, 25 % list, 25 % read, 15 % status, 5 % timeline, 5 % search)`,
  );
  console.table(
    windows.map((w, i) => {
      const sorted = [...w.latencies].sort((a, b) => a - b);
      return {
        from: `${i * WINDOW_S} s`,
        requests: w.n,
        errors: w.errors,
        'p50 ms': Math.round(pct(sorted, 50)),
        'p99 ms': Math.round(pct(sorted, 99)),
        'RSS MB': w.rss,
      };
    }),
  );
  const [{ n } = { n: 0 }] = (await admin.query(`select count(*)::int as n from ${schema}.referrals`)).rows as { n: number }[];
  const [{ a } = { a: 0 }] = (await admin.query(`select count(*)::int as a from ${schema}.audit_log`)).rows as { a: number }[];
  console.log(`${n} referrals, ${a} audit lines (${(a / Math.max(n, 1)).toFixed(1)} per referral) at the end`);
  if (statements) {
    const top = await admin.query(
      `select left(regexp_replace(query, '\\s+', ' ', 'g'), 90) as statement, calls, round(total_exec_time)::int as total_ms, round(mean_exec_time::numeric, 2) as mean_ms
         from pg_stat_statements where query ilike '%${schema}%' or dbid = (select oid from pg_database where datname = current_database())
        order by total_exec_time desc limit 8`,
    );
    console.table(top.rows);
  }
} finally {
  await server.stop();
  await admin.query(`drop schema ${schema} cascade`);
  await admin.end();
}
