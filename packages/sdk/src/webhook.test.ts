import { describe, expect, it } from 'vitest';
import { verifyWebhook } from './webhook.js';

const OLD = 'the-old-secret-of-at-least-32-characters';
const NEW = 'the-new-secret-of-at-least-32-characters';
const body = JSON.stringify({
  id: '812.41',
  type: 'referral.created',
  referralId: '7d7c2a4e-1f0b-4b7a-8a0e-3c9f6e5d4b21',
  at: '2027-01-04T09:00:00.000Z',
  data: { referralId: '7d7c2a4e-1f0b-4b7a-8a0e-3c9f6e5d4b21' },
});
const now = new Date();
const t = Math.floor(now.getTime() / 1000);
const encode = (text: string) => new TextEncoder().encode(text);
/** A `v1=` of the body at `t` with `secret`, as Henvis' signWebhook writes it. */
async function v1(secret: string): Promise<string> {
  const key = await crypto.subtle.importKey('raw', encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, encode(`${t}.${body}`)));
  return `v1=${[...mac].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}

describe('verifyWebhook during a secret rotation', () => {
  it('takes a header with one v1= per secret in force when any matches the secret it holds', async () => {
    const header = `t=${t},${await v1(NEW)},${await v1(OLD)}`;
    expect(await verifyWebhook(body, header, OLD, { now })).toMatchObject({ ok: true, event: { id: '812.41' } });
    expect(await verifyWebhook(body, header, NEW, { now })).toMatchObject({ ok: true });
    expect(await verifyWebhook(body, `t=${t},${await v1(NEW)}`, [NEW, OLD], { now })).toMatchObject({ ok: true });
    expect(await verifyWebhook(body, `t=${t},${await v1(OLD)}`, [NEW, OLD], { now })).toMatchObject({ ok: true });
  });

  it('refuses when no v1= matches: the old secret after the overlap, a tampered body, another secret', async () => {
    expect(await verifyWebhook(body, `t=${t},${await v1(NEW)}`, OLD, { now })).toEqual({ ok: false, reason: 'bad_signature' });
    const header = `t=${t},${await v1(NEW)},${await v1(OLD)}`;
    expect(await verifyWebhook(body.replace('created', 'closed'), header, [NEW, OLD], { now })).toEqual({
      ok: false,
      reason: 'bad_signature',
    });
    expect(await verifyWebhook(body, header, 'a-third-secret-of-at-least-32-characters', { now })).toEqual({
      ok: false,
      reason: 'bad_signature',
    });
    expect(await verifyWebhook(body, header, [], { now })).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it('refuses a header without a time, with two, or without a v1=', async () => {
    expect(await verifyWebhook(body, await v1(NEW), NEW, { now })).toEqual({ ok: false, reason: 'malformed' });
    expect(await verifyWebhook(body, `t=${t},t=${t + 1},${await v1(NEW)}`, NEW, { now })).toEqual({ ok: false, reason: 'malformed' });
    expect(await verifyWebhook(body, `t=${t},v0=abc`, NEW, { now })).toEqual({ ok: false, reason: 'malformed' });
    expect(await verifyWebhook(body, `t=${t},${await v1(NEW)}`, NEW, { now: new Date(now.getTime() + 301_000) })).toEqual({
      ok: false,
      reason: 'outside_time_window',
    });
  });
});
