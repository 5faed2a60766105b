/**
 * Webhooks to a journal vendor's backend, end to end against the real server: signed, in order, once each, and
 * retried after the receiver was down, with nothing lost; the SDK's verifyWebhook refuses tampering and replays.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleNewReferral } from '@henvis/contracts';
import { createHenvisClient, verifyWebhook } from '@henvis/sdk';
import { signDevToken } from '@henvis/server';
import { AUDIENCE, startInProcessApi, type InProcessApi } from './in-process-api.js';

const SECRET = 'a-shared-secret-of-at-least-32-characters';
const received: { body: string; signature: string | undefined }[] = [];
let receiverUp = false;
let receiver: Server;
let api: InProcessApi;

beforeAll(async () => {
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      if (!receiverUp) return res.writeHead(503).end();
      received.push({ body, signature: req.headers['henvis-signature'] as string | undefined });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  api = await startInProcessApi({
    webhooks: [
      {
        id: 'demo-vendor',
        url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/henvis`,
        secret: SECRET,
        practices: ['045678'],
      },
    ],
  });
});
afterAll(async () => {
  await api.close();
  await new Promise((resolve) => receiver.close(resolve));
});

describe('webhooks to the journal vendor', () => {
  it('delivers every change of its practices, signed, in order and once, also after the receiver was down', async () => {
    const gp = createHenvisClient({ apiUrl: api.url, getToken: () => signDevToken({ role: 'doctor', org: '045678', audience: AUDIENCE }) });
    const otherGp = createHenvisClient({
      apiUrl: api.url,
      getToken: () => signDevToken({ role: 'doctor', org: '045679', audience: AUDIENCE }),
    });
    const navigator = createHenvisClient({
      apiUrl: api.url,
      getToken: () => signDevToken({ role: 'navigator', org: 'norddjurs-navigatorer', audience: AUDIENCE }),
    });
    await new Promise((resolve) => setTimeout(resolve, 1200)); // the worker has taken its starting point

    // The receiver is down: the first attempt fails and is logged; nothing is lost.
    const { id } = await gp.createReferral(exampleNewReferral);
    await navigator.transitionReferral(id, { to: 'received' });
    await navigator.sendMessage(id, { body: 'Hej' });
    await otherGp.createReferral(exampleNewReferral); // another practice: not this vendor's
    await expect
      .poll(
        async () => (await api.db.query<{ n: number }>("select count(*)::int as n from webhook_deliveries where outcome = 'failed'"))[0]!.n,
        { timeout: 5000 },
      )
      .toBeGreaterThan(0);
    expect(received).toEqual([]);

    receiverUp = true; // back: the retry comes after the first wait (5 s) and brings everything, in order
    await expect.poll(() => received.length, { timeout: 15_000, interval: 200 }).toBe(3);
    const events = [];
    for (const { body, signature } of received) {
      const verified = await verifyWebhook(body, signature, SECRET);
      expect(verified.ok).toBe(true);
      if (verified.ok) events.push(verified.event);
    }
    expect(events.map((e) => [e.type, e.referralId])).toEqual([
      ['referral.created', id],
      ['referral.status_changed', id],
      ['message.created', id],
    ]);
    expect(new Set(events.map((e) => e.id)).size).toBe(3);
    expect(Number(events[0]!.id)).toBeLessThan(Number(events[2]!.id));
    expect(received.map((r) => r.body).join('')).not.toMatch(/Karen|Hej|010190/);
    const log = await api.db.query<{ outcome: string }>('select outcome from webhook_deliveries order by id');
    expect(log.map((r) => r.outcome)).toContain('delivered');
  }, 30_000);

  it('lets the receiver refuse a tampered body, a wrong secret, a missing signature and a replay outside 5 minutes', async () => {
    const { body, signature } = received[0]!;
    expect(await verifyWebhook(body.replace('referral.created', 'referral.status_changed'), signature, SECRET)).toEqual({
      ok: false,
      reason: 'bad_signature',
    });
    expect(await verifyWebhook(body, signature, 'another-secret-of-at-least-32-chars!')).toEqual({ ok: false, reason: 'bad_signature' });
    expect(await verifyWebhook(body, undefined, SECRET)).toEqual({ ok: false, reason: 'missing_signature' });
    expect(await verifyWebhook(body, 'v1=abc', SECRET)).toEqual({ ok: false, reason: 'malformed' });
    expect(await verifyWebhook(body, signature, SECRET, { now: new Date(Date.now() + 6 * 60_000) })).toEqual({
      ok: false,
      reason: 'outside_time_window',
    });
  });
});

describe('a webhook secret being rotated', () => {
  it('is verified by the SDK with either secret while Henvis signs with both, and with the old one no longer after', async () => {
    const { signWebhook } = await import('@henvis/server');
    const NEW = 'the-new-shared-secret-of-32-characters-or-more';
    const body = JSON.stringify({
      id: '9.3',
      type: 'referral.created',
      referralId: '7d7c2a4e-1f0b-4b7a-8a0e-3c9f6e5d4b21',
      at: new Date().toISOString(),
      data: {},
    });
    const during = signWebhook([NEW, SECRET], body);
    expect(during.match(/v1=/g)).toHaveLength(2);
    expect(await verifyWebhook(body, during, SECRET)).toMatchObject({ ok: true });
    expect(await verifyWebhook(body, during, NEW)).toMatchObject({ ok: true });
    expect(await verifyWebhook(body, during, [NEW, SECRET])).toMatchObject({ ok: true });
    const after = signWebhook([NEW], body);
    expect(await verifyWebhook(body, after, SECRET)).toEqual({ ok: false, reason: 'bad_signature' });
    expect(await verifyWebhook(body, after, [NEW, SECRET])).toMatchObject({ ok: true });
  });
});

describe("the vendor example's webhook route", () => {
  it('takes a verified event once, and refuses what is not signed with its secret', async () => {
    const { createVendorServer } = await import('@henvis/example-vendor-backend/server');
    const { signWebhook } = await import('@henvis/server');
    const heard: string[] = [];
    const vendor = createVendorServer({
      tokens: undefined as never,
      apiUrl: '',
      widgetUrl: '',
      webhookSecret: SECRET,
      onWebhook: (event) => void heard.push(`${event.id}:${event.type}`),
    });
    await new Promise<void>((resolve) => vendor.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(vendor.address() as AddressInfo).port}/henvis/webhook`;
    const body = JSON.stringify({
      id: '41',
      type: 'message.created',
      referralId: '7d7c2a4e-1f0b-4b7a-8a0e-3c9f6e5d4b21',
      at: new Date().toISOString(),
      data: { messageId: 'm1' },
    });
    const send = (signature: string) => fetch(url, { method: 'POST', headers: { 'henvis-signature': signature }, body });
    expect((await send(signWebhook(SECRET, body))).status).toBe(204);
    expect((await send(signWebhook(SECRET, body))).status).toBe(204); // Henvis retried: still handled once
    expect((await send(signWebhook('not-the-shared-secret-but-long-enough-x', body))).status).toBe(400);
    expect(heard).toEqual(['41:message.created']);
    await new Promise((resolve) => vendor.close(resolve));
  });
});
