import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configFromEnv, ConfigError } from '../src/config.js';
import { startTestServer, storages, type TestServer } from './harness.js';
import { NORDDJURS } from './fixtures.js';

// Repeated failed authentications from one client address: 401 until the limit, then 429 with Retry-After until
// the window ends, audited once at the start of the lock-out and once at its end with the number refused.

const WINDOW_MS = 5_000;

/** A GET from another loopback address (127.0.0.2 reaches the server's 127.0.0.1 on Linux), as another client. */
function getFrom(localAddress: string, url: string, token: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { localAddress, headers: { authorization: `Bearer ${token}` } }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

const lines = (s: TestServer, where: string) =>
  s.db.query<{ action: string; outcome: string; detail: string; resource_id: string | null; client_ip: string }>(
    `select action, outcome, detail, resource_id, client_ip from audit_log where ${where} order by id`,
  );

describe.each(storages)('failed authentications on %s', (kind) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer(kind, { authFailureLimit: { max: 30, windowMs: WINDOW_MS } });
  });
  afterAll(() => s.close());

  it('are answered 401 up to 30, then 429 with Retry-After until the window ends, with two audit lines for the lock-out', async () => {
    const good = s.token('navigator', NORDDJURS);
    // Valid traffic is not counted: more requests than the limit, with a few bad tokens among them, all pass.
    for (let i = 0; i < 35; i++) expect((await s.request('GET', '/v1/referrals', { token: good })).status).toBe(200);
    for (let i = 0; i < 5; i++) expect((await s.request('GET', '/v1/referrals', { token: `bad-${i}` })).status).toBe(401);
    expect((await s.request('GET', '/v1/referrals', { token: good })).status).toBe(200);

    const statuses: number[] = [];
    let retryAfter = 0;
    for (let i = 0; i < 60; i++) {
      const response = await s.request('GET', '/v1/referrals', { token: `forged-${i}` });
      statuses.push(response.status);
      if (response.status === 429) {
        expect(response.headers.get('content-type')).toContain('application/problem+json');
        expect(response.body.code).toBe('too_many_attempts');
        expect(response.body.title).not.toContain('forged');
        retryAfter = Number(response.headers.get('retry-after'));
      } else expect(response.body.code).toBe('token_invalid');
    }
    // The 5 bad tokens before count: 25 more 401s, then 35 refused.
    expect(statuses.slice(0, 25)).toEqual(Array(25).fill(401));
    expect(statuses.slice(25)).toEqual(Array(35).fill(429));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(WINDOW_MS / 1000);

    // Locked out: a good token from the same address too; from another address it works.
    expect((await s.request('GET', '/v1/referrals', { token: good })).status).toBe(429);
    const other = await getFrom('127.0.0.2', `${s.url}/v1/referrals`, good);
    expect(other.status).toBe(200);
    // (The server sees that address: a refusal from it is audited under it.)
    expect((await getFrom('127.0.0.2', `${s.url}/v1/audit/refusals`, good)).status).toBe(403);
    expect(await lines(s, "client_ip = '127.0.0.2'")).toEqual([
      { action: 'audit.refusals.read', outcome: 'refused', detail: 'role_not_allowed', resource_id: null, client_ip: '127.0.0.2' },
    ]);

    // Audited: each failed authentication, and the lock-out's start once, not each of the 36 refused requests.
    expect(await lines(s, "action = 'authenticate' and outcome = 'denied'")).toHaveLength(30);
    expect(await lines(s, "detail = 'too_many_attempts'")).toEqual([
      { action: 'authenticate', outcome: 'refused', detail: 'too_many_attempts', resource_id: null, client_ip: '127.0.0.1' },
    ]);
    expect(s.logs.join('')).not.toContain('forged-');

    // When the window is over the address is let in again, and the lock-out's end is audited with its count.
    const deadline = Date.now() + WINDOW_MS + 5_000;
    let after = await s.request('GET', '/v1/referrals', { token: good });
    while (after.status === 429 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      after = await s.request('GET', '/v1/referrals', { token: good });
    }
    expect(after.status).toBe(200);
    const [ended] = await lines(s, "action = 'authenticate.lockout_ended'");
    expect(ended).toMatchObject({ outcome: 'refused', detail: 'too_many_attempts', client_ip: '127.0.0.1' });
    expect(Number(ended?.resource_id)).toBeGreaterThanOrEqual(36);
    expect((await s.request('GET', '/v1/referrals', { token: 'bad-again' })).status).toBe(401);
  }, 30_000);

  it('show in the coordinator’s control of refused access: the lock-out and the burst of the address', async () => {
    const response = await s.request('GET', '/v1/audit/refusals', { token: s.token('coordinator', NORDDJURS) });
    expect(response.status).toBe(200);
    const groups = response.body.groups as { reason: string; count: number; actor: unknown }[];
    expect(groups.find((g) => g.reason === 'too_many_attempts' && g.actor === null)?.count).toBe(2);
    expect(groups.find((g) => g.reason === 'token_invalid')?.count).toBe(31);
    expect(response.body.bursts).toContainEqual(expect.objectContaining({ by: 'address', clientAddress: '127.0.0.1' }));
  });
});

describe('behind a trusted reverse proxy', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer('pglite', { authFailureLimit: { max: 3, windowMs: 60_000 }, trustProxy: ['127.0.0.1'] });
  });
  afterAll(() => s.close());
  const from = (address: string, token: string) =>
    s.request('GET', '/v1/referrals', { token, headers: { 'x-forwarded-for': address } }).then((r) => r.status);

  it('counts the failures of the client its X-Forwarded-For names, not of the proxy', async () => {
    expect([await from('198.51.100.1', 'x'), await from('198.51.100.1', 'y'), await from('198.51.100.1', 'z')]).toEqual([401, 401, 401]);
    expect(await from('198.51.100.1', s.token('navigator', NORDDJURS))).toBe(429);
    expect(await from('198.51.100.2', 'x')).toBe(401);
    expect(await from('198.51.100.2', s.token('navigator', NORDDJURS))).toBe(200);
    expect(await lines(s, "detail = 'too_many_attempts'")).toEqual([
      { action: 'authenticate', outcome: 'refused', detail: 'too_many_attempts', resource_id: null, client_ip: '198.51.100.1' },
    ]);
  });
});

describe('the limit of failed authentications in the configuration', () => {
  it('is 30 a minute unless told otherwise, and 0 turns it off', () => {
    expect(configFromEnv({}).authFailureLimit).toEqual({ max: 30, windowMs: 60_000 });
    expect(configFromEnv({ HENVIS_AUTH_FAILURE_LIMIT: '10', HENVIS_AUTH_FAILURE_WINDOW: '300' }).authFailureLimit).toEqual({
      max: 10,
      windowMs: 300_000,
    });
    expect(configFromEnv({ HENVIS_AUTH_FAILURE_LIMIT: '0' }).authFailureLimit).toBeUndefined();
    expect(() => configFromEnv({ HENVIS_AUTH_FAILURE_LIMIT: 'many' })).toThrow(ConfigError);
    expect(() => configFromEnv({ HENVIS_AUTH_FAILURE_WINDOW: '0' })).toThrow(ConfigError);
  });

  it('trusts the X-Forwarded-For of the proxies HENVIS_TRUST_PROXY names, and of none by default', () => {
    expect(configFromEnv({}).trustProxy).toBeUndefined();
    expect(configFromEnv({ HENVIS_TRUST_PROXY: '10.0.0.0/8, 192.0.2.10,::1' }).trustProxy).toEqual(['10.0.0.0/8', '192.0.2.10', '::1']);
    for (const bad of ['true', '10.0.0.0/33', 'proxy.example', '10.0.0.1/8/9'])
      expect(() => configFromEnv({ HENVIS_TRUST_PROXY: bad })).toThrow(ConfigError);
  });
});
