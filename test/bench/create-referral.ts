/**
 * Create-referral throughput and latency against the built server, on PGlite (file-backed) and, where it answers,
 * PostgreSQL. Bounded: each run lasts DURATION seconds with CONNECTIONS connections, on 127.0.0.1 only.
 * Prints figures; asserts nothing about speed.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { exampleNewReferral } from '@henvis/contracts';
import { signDevToken } from '@henvis/server';
import { startServerProcess } from './server-process.js';

const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 20;
const FIXED_RATE = 500;
const POSTGRES_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function postgresAvailable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

async function load(url: string, rate?: number) {
  const token = signDevToken({ role: 'doctor', org: '045678', audience: 'henvis-api' });
  const body = JSON.stringify(exampleNewReferral);
  const result = await autocannon({
    url: `${url}/v1/referrals`,
    connections: CONNECTIONS,
    duration: DURATION,
    ...(rate ? { overallRate: rate } : {}),
    requests: [
      {
        method: 'POST',
        setupRequest: (request) => ({
          ...request,
          headers: {
            authorization: `Bearer ${token}`,
            'content-type': 'application/json',
            'idempotency-key': randomUUID(),
          },
          body,
        }),
      },
    ],
  });
  return {
    'req/s': Math.round(result.requests.average),
    'p50 ms': result.latency.p50,
    'p99 ms': result.latency.p99,
    created: result['2xx'],
    'non-2xx': result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

async function bench(label: string, env: Record<string, string>) {
  const server = await startServerProcess(env);
  try {
    await load(server.url, 100); // warm-up is short and not reported
    const max = await load(server.url);
    const fixed = await load(server.url, FIXED_RATE);
    return [
      { storage: label, load: `max, ${CONNECTIONS} connections`, ...max },
      { storage: label, load: `fixed ${FIXED_RATE} req/s`, ...fixed },
    ];
  } finally {
    await server.stop();
  }
}

const rows = [];
const dataDir = mkdtempSync(join(tmpdir(), 'henvis-bench-'));
try {
  rows.push(...(await bench('PGlite (file)', { HENVIS_DATA_DIR: dataDir })));
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}

if (await postgresAvailable()) {
  const schema = `henvis_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  try {
    const url = new URL(POSTGRES_URL);
    url.searchParams.set('options', `-c search_path=${schema}`);
    rows.push(...(await bench('PostgreSQL', { DATABASE_URL: url.toString() })));
  } finally {
    await admin.query(`drop schema ${schema} cascade`);
    await admin.end();
  }
} else {
  console.log(`PostgreSQL at ${new URL(POSTGRES_URL).host} did not answer: skipped.`);
}

console.log(`\nPOST /v1/referrals, ${DURATION} s per run, on 127.0.0.1`);
console.table(rows);
