/**
 * Two API processes on one PostgreSQL database, as behind a load balancer: a referral created on one reaches a live
 * reader on the other; each webhook event is delivered once across both; the same Idempotency-Key sent to both at
 * once creates one referral; and a rolling restart of one loses no event, for a live reader and for the webhooks.
 * PostgreSQL only (PGlite is one process).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleNewReferral, parseLiveEvent, type LiveEvent } from '@henvis/contracts';
import { createHenvisClient, subscribeToEvents } from '@henvis/sdk';
import { signDevToken } from '@henvis/server';
import { startApiProcess, type ApiProcess } from '../scripts/api-process.mjs';

const DATABASE_URL = process.env.DATABASE_URL;
const AUDIENCE = 'henvis-api';
const SECRET = 'a-shared-secret-of-at-least-32-characters';
const doctorToken = () => signDevToken({ role: 'doctor', org: '045678', audience: AUDIENCE });
const navigatorToken = () => signDevToken({ role: 'navigator', org: 'norddjurs-navigatorer', audience: AUDIENCE });

describe.skipIf(!DATABASE_URL)('several API instances on one PostgreSQL', () => {
  const schema = `henvis_multi_${randomBytes(4).toString('hex')}`;
  let admin: pg.Client;
  let databaseUrl: string;
  let receiver: Server;
  /** Webhook bodies as received, in order, by event id. */
  const delivered: LiveEvent[] = [];
  const instances: { a?: ApiProcess; b?: ApiProcess } = {};
  let portA = 0;

  const start = (port: number) =>
    startApiProcess({
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        PORT: String(port),
        LOG_LEVEL: 'warn',
        HENVIS_CORS_ORIGINS: '*',
        HENVIS_WEBHOOKS: JSON.stringify([
          {
            id: 'vendor',
            url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/henvis`,
            secret: SECRET,
            practices: ['045678'],
          },
        ]),
      },
      onOutput: (line, stream) => {
        if (stream === 'stderr' && !line.includes('oidc-provider')) console.error(line);
      },
      timeoutMs: 30_000,
    });

  beforeAll(async () => {
    admin = new pg.Client({ connectionString: DATABASE_URL });
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    const url = new URL(DATABASE_URL!);
    url.searchParams.set('options', `-c search_path=${schema}`);
    databaseUrl = url.toString();
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        const event = parseLiveEvent(body);
        if (event) delivered.push(event);
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    // One after the other: the second finds the migrations done.
    instances.a = await start(0);
    portA = Number(new URL(instances.a.url).port);
    instances.b = await start(0);
  }, 90_000);

  afterAll(async () => {
    await instances.a?.stop();
    await instances.b?.stop();
    await new Promise((resolve) => receiver.close(resolve));
    await admin.query(`drop schema ${schema} cascade`);
    await admin.end();
  });

  const client = (url: string, token = doctorToken) => createHenvisClient({ apiUrl: url, getToken: () => token() });
  const listen = (url: string) => {
    const heard: LiveEvent[] = [];
    const live = subscribeToEvents({ apiUrl: url, getToken: () => doctorToken(), onEvent: (e) => heard.push(e) });
    return { heard, close: () => live.close() };
  };

  it('a referral created on one instance reaches a live reader on the other', async () => {
    const onB = listen(instances.b!.url);
    await new Promise((resolve) => setTimeout(resolve, 500)); // connected
    const { id } = await client(instances.a!.url).createReferral(exampleNewReferral);
    await expect.poll(() => onB.heard.find((e) => e.referralId === id)?.type, { timeout: 10_000 }).toBe('referral.created');
    onB.close();
  });

  it('the same Idempotency-Key sent to both at once creates one referral', async () => {
    const key = randomUUID();
    const send = (url: string) =>
      fetch(`${url}/v1/referrals`, {
        method: 'POST',
        headers: { authorization: `Bearer ${doctorToken()}`, 'content-type': 'application/json', 'idempotency-key': key },
        body: JSON.stringify(exampleNewReferral),
      });
    const answers = await Promise.all([send(instances.a!.url), send(instances.b!.url), send(instances.a!.url), send(instances.b!.url)]);
    const bodies = (await Promise.all(answers.map((r) => r.json()))) as { id?: string; code?: string }[];
    const ids = new Set(bodies.filter((b) => b.id).map((b) => b.id));
    expect(ids.size).toBe(1);
    // Each other answer is the first one replayed, or a retry-later while it ran: never a second referral.
    for (const [i, answer] of answers.entries()) {
      if (answer.status === 201) expect(bodies[i]!.id).toBe([...ids][0]);
      else expect(answer.status).toBe(409);
    }
    const [row] = (await admin.query(`select count(*)::int as n from ${schema}.idempotency_keys where key = $1`, [key])).rows as {
      n: number;
    }[];
    expect(row!.n).toBe(1);
  });

  it('a rolling restart of one instance loses no event, for its live reader and for the webhooks, each delivered once', async () => {
    const onA = listen(instances.a!.url);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const gpOnB = client(instances.b!.url);
    const navigatorOnB = client(instances.b!.url, navigatorToken);
    const ids: string[] = [];
    const writing = (async () => {
      for (let i = 0; i < 30; i++) {
        const { id } = await gpOnB.createReferral(exampleNewReferral);
        await navigatorOnB.transitionReferral(id, { to: 'received' });
        ids.push(id);
        await new Promise((resolve) => setTimeout(resolve, 40));
      }
    })();
    await new Promise((resolve) => setTimeout(resolve, 400));
    await instances.a!.stop(); // the reader on A loses its connection; B goes on writing and delivering
    instances.a = await start(portA); // back on the same address, as a load balancer's target
    await writing;
    const want = ids.flatMap((id) => [`${id} referral.created`, `${id} referral.status_changed`]);
    const mine = (events: LiveEvent[]) => events.filter((e) => ids.includes(e.referralId)).map((e) => `${e.referralId} ${e.type}`);
    await expect.poll(() => mine(onA.heard).length, { timeout: 20_000, interval: 200 }).toBe(want.length);
    expect(mine(onA.heard).sort()).toEqual([...want].sort());
    await expect.poll(() => mine(delivered).length, { timeout: 30_000, interval: 200 }).toBe(want.length);
    await new Promise((resolve) => setTimeout(resolve, 1500)); // nothing more comes: a second instance doubles nothing
    expect(mine(delivered)).toHaveLength(want.length);
    expect(new Set(delivered.map((e) => e.id)).size).toBe(delivered.length);
    onA.close();
  }, 90_000);
});
