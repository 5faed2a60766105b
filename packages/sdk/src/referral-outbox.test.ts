import { exampleNewReferral, type Referral } from '@henvis/contracts';
import { describe, expect, it, vi } from 'vitest';
import { createApiRequest } from './api-request.js';
import type { HenvisClient } from './client.js';
import { HenvisError } from './henvis-error.js';
import { referralApi } from './referral-api.js';
import { createReferralOutbox } from './referral-outbox.js';

const stored = { id: 'r1' } as Referral;

/** A client whose createReferral answers from a script of outcomes. */
function fakeClient(...outcomes: (HenvisError | Referral)[]) {
  const keys: string[] = [];
  const createReferral = vi.fn(async (_referral: unknown, options?: { idempotencyKey?: string; retry?: boolean; timeoutMs?: number }) => {
    keys.push(options!.idempotencyKey!);
    const outcome = outcomes.shift() ?? new HenvisError('network_error');
    if (outcome instanceof HenvisError) throw outcome;
    return outcome;
  });
  return { client: { createReferral } as unknown as HenvisClient, keys };
}

describe('createReferralOutbox', () => {
  it('delivers at once when the service answers, without queueing', async () => {
    const { client } = fakeClient(stored);
    const outbox = createReferralOutbox(client);
    const onQueued = vi.fn();
    expect(await outbox.send(exampleNewReferral, { onQueued })).toBe(stored);
    expect(onQueued).not.toHaveBeenCalled();
    expect(outbox.pending).toEqual([]);
  });

  it('queues a referral while the service is away and delivers it once, always with the same key', async () => {
    const { client, keys } = fakeClient(new HenvisError('network_error'), new HenvisError('internal_error', { status: 500 }), stored);
    const outbox = createReferralOutbox(client, { maxDelayMs: 5 });
    const onQueued = vi.fn();
    const seen: number[] = [];
    outbox.subscribe(() => seen.push(outbox.pending.length));
    expect(await outbox.send(exampleNewReferral, { onQueued })).toBe(stored);
    expect(onQueued).toHaveBeenCalledTimes(1);
    expect(onQueued.mock.calls[0]![0]).toMatchObject({ attempts: 1, lastError: 'network_error', referral: exampleNewReferral });
    expect(new Set(keys).size).toBe(1);
    expect(keys).toHaveLength(3);
    expect(seen).toEqual([1, 1, 0]);
  });

  it('makes single attempts, each with its own time limit: 4 s, then twice as long each time, up to 30 s', async () => {
    const failures = Array.from({ length: 5 }, () => new HenvisError('timeout'));
    const { client } = fakeClient(...failures, stored);
    const outbox = createReferralOutbox(client, { maxDelayMs: 1 });
    await outbox.send(exampleNewReferral);
    const calls = vi.mocked(client.createReferral).mock.calls.map(([, options]) => options);
    expect(calls.map((o) => o?.retry)).toEqual([false, false, false, false, false, false]);
    expect(calls.map((o) => o?.timeoutMs)).toEqual([4000, 8000, 16_000, 30_000, 30_000, 30_000]);
  });

  it('queues a referral within seconds when the API hangs, then delivers it once with the same key', async () => {
    // A fake API that stores what it gets (by Idempotency-Key, as the real one does) but never answers the first
    // request; the client is the SDK's own, with its default retries (5 attempts of 10 s each).
    const received: { key: string; at: number }[] = [];
    const storedByKey = new Map<string, Referral>();
    const hanging = vi.fn(async (_url: RequestInfo | URL, init?: RequestInit) => {
      const key = new Headers(init?.headers).get('idempotency-key')!;
      received.push({ key, at: Date.now() });
      if (!storedByKey.has(key)) storedByKey.set(key, { ...stored, id: `r${storedByKey.size + 1}` });
      if (received.length === 1) {
        return new Promise<Response>((_resolve, reject) =>
          init?.signal?.addEventListener('abort', () => reject(init.signal!.reason as Error)),
        );
      }
      return Response.json(storedByKey.get(key), { status: 201 });
    });
    const client = referralApi(createApiRequest({ apiUrl: 'http://henvis.test', getToken: () => 't', fetch: hanging }));
    const outbox = createReferralOutbox(client);
    const started = Date.now();
    let queuedAfterMs = Number.NaN;
    let requestsWhenQueued = 0;
    const delivered = await outbox.send(exampleNewReferral, {
      onQueued: (item) => {
        queuedAfterMs = Date.now() - started;
        requestsWhenQueued = received.length;
        expect(item.lastError).toBe('timeout');
        outbox.retryNow();
      },
    });
    expect(queuedAfterMs).toBeGreaterThanOrEqual(3900);
    expect(queuedAfterMs).toBeLessThan(6000);
    expect(requestsWhenQueued).toBe(1); // one attempt, not the client's five
    expect(received).toHaveLength(2);
    expect(new Set(received.map((r) => r.key)).size).toBe(1);
    expect(storedByKey.size).toBe(1);
    expect(delivered.id).toBe('r1');
  });

  it('rejects a refusal at once and does not queue it', async () => {
    const { client, keys } = fakeClient(new HenvisError('validation_failed', { status: 400 }));
    const outbox = createReferralOutbox(client);
    await expect(outbox.send(exampleNewReferral)).rejects.toMatchObject({ code: 'validation_failed' });
    expect(keys).toHaveLength(1);
    expect(outbox.pending).toEqual([]);
  });

  it('drops a referral that could not be delivered within the maximum age', async () => {
    const { client } = fakeClient();
    const outbox = createReferralOutbox(client, { maxAgeMs: 30, maxDelayMs: 5 });
    await expect(outbox.send(exampleNewReferral)).rejects.toMatchObject({ code: 'delivery_expired' });
    expect(outbox.pending).toEqual([]);
  });

  it('tries again at once on retryNow', async () => {
    const { client } = fakeClient(new HenvisError('network_error'), stored);
    const outbox = createReferralOutbox(client, { maxDelayMs: 60_000 });
    const delivered = outbox.send(exampleNewReferral, { onQueued: () => setTimeout(() => outbox.retryNow(), 5) });
    const started = Date.now();
    await delivered;
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

describe('closing the outbox', () => {
  it('stops trying: a waiting referral fails with delivery_cancelled and leaves the queue, and no attempt follows', async () => {
    let attempts = 0;
    const client = {
      createReferral: async () => {
        attempts++;
        throw new HenvisError('network_error');
      },
    };
    const outbox = createReferralOutbox(client);
    let queued = false;
    const sent = outbox.send(exampleNewReferral, { onQueued: () => (queued = true) });
    await vi.waitFor(() => expect(queued).toBe(true));
    outbox.close();
    await expect(sent).rejects.toMatchObject({ code: 'delivery_cancelled', retryable: false });
    expect(outbox.pending).toEqual([]);
    const before = attempts;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(attempts).toBe(before);
  });
});
