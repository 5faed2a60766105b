import { exampleNewReferral, type Referral } from '@henvis/contracts';
import { describe, expect, it, vi } from 'vitest';
import type { HenvisClient } from './client.js';
import { HenvisError } from './henvis-error.js';
import { createReferralOutbox } from './referral-outbox.js';

const stored = { id: 'r1' } as Referral;

/** A client whose createReferral answers from a script of outcomes. */
function fakeClient(...outcomes: (HenvisError | Referral)[]) {
  const keys: string[] = [];
  const createReferral = vi.fn(async (_referral: unknown, options?: { idempotencyKey?: string }) => {
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
