/**
 * Create-referral throughput and latency against the built server, on PGlite (file-backed) and, where it answers,
 * PostgreSQL, each beside its floor measured in the same run (floor-server.mjs: Fastify and the same driver and
 * pool inserting the same JSON), with the ratio; and the cold start to the first 201. Bounded: each run lasts
 * DURATION seconds with CONNECTIONS connections, on 127.0.0.1 only. BENCH_PROFILE=<dir> writes a CPU profile of
 * the API under the max load there and prints its top functions. Prints figures; asserts nothing about speed.
 */
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
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

/** Starts floor-server.mjs on `env`'s storage and waits for its URL. */
function startFloor(env: Record<string, string>): Promise<{ url: string; stop(): Promise<void> }> {
  const { DATABASE_URL: _shared, ...inherited } = process.env;
  const child = spawn(process.execPath, [fileURLToPath(new URL('floor-server.mjs', import.meta.url))], {
    env: { ...inherited, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      const url = /listening on (http:\/\/\S+)/.exec(line)?.[1];
      if (url)
        resolve({
          url,
          stop: async () => {
            child.kill('SIGTERM');
            await exited;
          },
        });
    });
    child.once('exit', (code) => reject(new Error(`the floor server exited with ${code}`)));
  });
}

/** Milliseconds from starting the API process on `env` to its first 201. */
async function coldStart(env: Record<string, string>): Promise<number> {
  const started = performance.now();
  const server = await startServerProcess(env);
  try {
    const token = signDevToken({ role: 'doctor', org: '045678', audience: 'henvis-api' });
    for (;;) {
      const response = await fetch(`${server.url}/v1/referrals`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
        body: JSON.stringify(exampleNewReferral),
      });
      if (response.status === 201) return Math.round(performance.now() - started);
    }
  } finally {
    await server.stop();
  }
}

/** The functions that took the most CPU time (self) in the profiles of `dir`. */
function topFunctions(dir: string, count = 15) {
  const self = new Map<string, number>();
  let total = 0;
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'))) {
    const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as {
      nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
      samples: number[];
      timeDeltas: number[];
    };
    const byId = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
    profile.samples.forEach((id, i) => {
      const frame = byId.get(id);
      const us = profile.timeDeltas[i] ?? 0;
      total += us;
      if (!frame) return;
      const name = `${frame.functionName || '(anonymous)'} ${frame.url ? `${basename(frame.url)}:${frame.lineNumber + 1}` : ''}`.trim();
      self.set(name, (self.get(name) ?? 0) + us);
    });
  }
  return [...self.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([fn, us]) => ({ function: fn, 'self ms': Math.round(us / 1000), '%': Number(((100 * us) / total).toFixed(1)) }));
}

async function bench(label: string, env: Record<string, string>, floorEnv: Record<string, string>) {
  const floorServer = await startFloor(floorEnv);
  let floor;
  try {
    await load(floorServer.url, 100);
    floor = await load(floorServer.url);
  } finally {
    await floorServer.stop();
  }
  const profileDir = process.env.BENCH_PROFILE ? join(process.env.BENCH_PROFILE, label.replace(/\W+/g, '-')) : undefined;
  if (profileDir) mkdirSync(profileDir, { recursive: true });
  const server = await startServerProcess(env, 30_000, profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []);
  try {
    await load(server.url, 100); // warm-up is short and not reported
    const max = await load(server.url);
    const fixed = await load(server.url, FIXED_RATE);
    const ratio = `${Math.round((100 * max['req/s']) / floor['req/s'])} %`;
    return [
      { storage: label, load: `floor, max, ${CONNECTIONS} connections`, ...floor },
      { storage: label, load: `max, ${CONNECTIONS} connections`, ...max, 'of floor': ratio },
      { storage: label, load: `fixed ${FIXED_RATE} req/s`, ...fixed },
    ];
  } finally {
    await server.stop();
    if (profileDir) {
      console.log(`\nCPU profile of the API under load, ${label} (self time, top 15; ${profileDir}):`);
      console.table(topFunctions(profileDir));
    }
  }
}

const rows = [];
const starts: Record<string, string | number>[] = [];
const dataDir = mkdtempSync(join(tmpdir(), 'henvis-bench-'));
const floorDir = mkdtempSync(join(tmpdir(), 'henvis-floor-'));
try {
  rows.push(...(await bench('PGlite (file)', { HENVIS_DATA_DIR: dataDir }, { FLOOR_DATA_DIR: floorDir })));
  // The folder exists now, migrated and holding the run's referrals: a restart, as after a deploy.
  starts.push({ storage: 'PGlite (existing folder)', 'ms to first 201': await coldStart({ HENVIS_DATA_DIR: dataDir }) });
} finally {
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(floorDir, { recursive: true, force: true });
}

if (await postgresAvailable()) {
  const schema = `henvis_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  try {
    const url = new URL(POSTGRES_URL);
    url.searchParams.set('options', `-c search_path=${schema}`);
    rows.push(...(await bench('PostgreSQL', { DATABASE_URL: url.toString() }, { DATABASE_URL: url.toString() })));
    starts.push({ storage: 'PostgreSQL (migrated)', 'ms to first 201': await coldStart({ DATABASE_URL: url.toString() }) });
  } finally {
    await admin.query(`drop schema ${schema} cascade`);
    await admin.end();
  }
} else {
  console.log(`PostgreSQL at ${new URL(POSTGRES_URL).host} did not answer: skipped.`);
}

console.log(`\nPOST /v1/referrals, ${DURATION} s per run, on 127.0.0.1; the floor is Fastify + the same driver inserting the body`);
console.table(rows);
console.log('\nCold start: spawning the API process until its first 201');
console.table(starts);
