import { createHash, createHmac, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import jwt from 'jsonwebtoken';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOKEN_TYPE } from '@henvis/contracts';
import { describeKey } from '../src/admin/issuers.js';
import { createSubscription, seedTenants } from '../src/admin/tenants.js';
import { buildApp } from '../src/app.js';
import { devIssuer, signDevToken } from '../src/auth/dev-issuer.js';
import { parseTrustedIssuers, type TrustedIssuer } from '../src/auth/trusted-issuer.js';
import { verifyToken } from '../src/auth/verify-token.js';
import { openDatabase, type Database } from '../src/db/database.js';
import { migrate } from '../src/db/migrate.js';
import { HttpProblem } from '../src/http-problem.js';
import { AUDIENCE, openTestDatabase, startTestServer, storages, suiteServer, type TestServer } from './harness.js';
import { AUNING, GRENAA, NORDDJURS, key, referral } from './fixtures.js';

const ORG = 'test-navigatorer';
const admin = () => signDevToken({ role: 'admin', org: 'henvis-drift', audience: AUDIENCE });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const silent = new Writable({ write: (_chunk, _encoding, done) => done() });

/** A second instance of the API on the same database: the app only (no webhook worker), as another process would be. */
async function secondInstance(s: TestServer, kind: string): Promise<{ request: TestServer['request']; close(): Promise<void> }> {
  let db: Database = s.db;
  if (kind === 'postgres') {
    const [row] = await s.db.query<{ schema: string }>('select current_schema() as schema');
    db = await openDatabase({ kind: 'postgres', url: process.env.DATABASE_URL ?? '', schema: row!.schema });
  }
  const app: FastifyInstance = await buildApp({
    config: {
      mode: 'development',
      audience: AUDIENCE,
      issuers: [devIssuer, s.vendor.trusted],
      pseudonymKey: 'test-pseudonym-key',
      logLevel: 'silent',
      corsOrigins: [],
    },
    db,
    logStream: silent,
  });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    async request(method, path, { token, body } = {}) {
      const response = await fetch(url + path, {
        method,
        headers: {
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
      const text = await response.text();
      return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
    },
    async close() {
      await app.close();
      if (db !== s.db) await db.close();
    },
  };
}

/** A vendor's receiver: what each path was posted, with its Henvis-Signature. */
async function startReceiver() {
  const posted: { path: string; body: string; signature: string }[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      posted.push({ path: req.url ?? '', body, signature: String(req.headers['henvis-signature'] ?? '') });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, posted, close: () => new Promise((resolve) => server.close(resolve)) };
}

/**
 * A receiver's check of Henvis-Signature, as the SDK's verifyWebhook does it (test/webhooks.test.ts runs that one):
 * true when one of its `v1=` is the HMAC of "<t>.<body>" with `secret`.
 */
function signedWith(body: string, header: string, secret: string): boolean {
  const t = /(?:^|,)t=(\d+)/.exec(header)?.[1];
  const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
  return !!t && header.split(',').some((part) => part === `v1=${expected}`);
}

const auditRows = (s: TestServer, where: string, params: unknown[] = []) =>
  s.db.query<{ action: string; outcome: string; detail: string | null; actor_sub: string; actor_role: string; resource_id: string | null }>(
    `select action, outcome, detail, actor_sub, actor_role, resource_id from audit_log where ${where} order by id`,
    params,
  );

describe('admin tokens', () => {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const idp = (extra: Partial<TrustedIssuer> = {}): TrustedIssuer => ({
    issuer: 'https://idp.region.test',
    kind: 'navigator_idp',
    keys: [{ kid: 'idp-1', key: publicKey }],
    ...extra,
  });
  const sign = (claims: Record<string, unknown>) => {
    const now = Math.floor(Date.now() / 1000);
    const payload: Record<string, unknown> = {
      iss: 'https://idp.region.test',
      aud: AUDIENCE,
      iat: now,
      exp: now + 300,
      sub: 'admin-1',
      name: 'Birgit Dahl',
      role: 'admin',
      ...claims,
    };
    return jwt.sign(payload, privateKey, { algorithm: 'ES256', header: { alg: 'ES256', typ: TOKEN_TYPE, kid: 'idp-1' } });
  };
  const org = { id: 'region-midt', name: 'Region Midtjylland' };

  it("come from the organisation's identity provider only when it may sign admins, live 5 minutes and name no patient", () => {
    expect(verifyToken(sign({ org }), [idp({ admins: true })], AUDIENCE)).toMatchObject({
      ok: true,
      principal: { role: 'admin', sub: 'admin-1', org },
    });
    expect(verifyToken(sign({ org }), [idp()], AUDIENCE)).toEqual({ ok: false, code: 'token_claims_invalid' });
    expect(verifyToken(sign({ org }), [idp({ kind: 'journal_vendor', admins: true })], AUDIENCE)).toEqual({
      ok: false,
      code: 'token_claims_invalid',
    });
    const now = Math.floor(Date.now() / 1000);
    expect(verifyToken(sign({ org, exp: now + 301 }), [idp({ admins: true })], AUDIENCE)).toEqual({
      ok: false,
      code: 'token_claims_invalid',
    });
    expect(verifyToken(sign({ org, patient: { cpr: '010190-2345' } }), [idp({ admins: true })], AUDIENCE)).toEqual({
      ok: false,
      code: 'token_claims_invalid',
    });
    expect(verifyToken(sign({}), [idp({ admins: true })], AUDIENCE)).toEqual({ ok: false, code: 'token_claims_invalid' });
    expect(verifyToken(sign({ org }), [idp({ admins: true, requireMfa: true })], AUDIENCE)).toEqual({
      ok: false,
      code: 'token_mfa_required',
    });
    expect(verifyToken(sign({ org, amr: ['pwd', 'mfa'] }), [idp({ admins: true, requireMfa: true })], AUDIENCE)).toMatchObject({
      ok: true,
    });
  });

  it('are allowed in configuration to a navigator_idp only, and in production only with MFA required', () => {
    const jwk = publicKey.export({ format: 'jwk' });
    const entry = (extra: Record<string, unknown>) => JSON.stringify([{ issuer: 'https://idp.test', jwks: { keys: [jwk] }, ...extra }]);
    expect(parseTrustedIssuers(entry({ kind: 'navigator_idp', admins: true }), 'production')[0]).toMatchObject({
      admins: true,
      requireMfa: true,
    });
    expect(() => parseTrustedIssuers(entry({ kind: 'journal_vendor', admins: true }))).toThrow(/navigator_idp/);
    expect(() => parseTrustedIssuers(entry({ kind: 'navigator_idp', admins: true, requireMfa: false }), 'production')).toThrow(
      /multi-factor/,
    );
    expect(() => parseTrustedIssuers(entry({ kind: 'navigator_idp', admins: 'yes' }))).toThrow(/"admins"/);
  });

  it("describe a key by its RFC 7638 thumbprint (the RFC's own example)", () => {
    const n =
      '0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw';
    const key = createPublicKey({ key: { kty: 'RSA', n, e: 'AQAB' }, format: 'jwk' });
    expect(describeKey(key, '2011-04-29')).toEqual({
      kid: '2011-04-29',
      kty: 'RSA',
      thumbprint: 'NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs',
    });
  });
});

describe.each(storages)('tenant administration on %s', (kind) => {
  const s = suiteServer(kind);
  let other: Awaited<ReturnType<typeof secondInstance>>;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  beforeAll(async () => {
    other = await secondInstance(s, kind);
    receiver = await startReceiver();
  });
  afterAll(async () => {
    await other.close();
    await receiver.close();
  });

  it('refuses practice and navigator tokens 403 at /v1/admin, and admin tokens 403 everywhere else, audited', async () => {
    const before = await s.count('navigator_orgs');
    const tokens = [s.token('doctor', GRENAA), s.token('navigator', NORDDJURS), s.token('coordinator', NORDDJURS)];
    for (const token of tokens) {
      expect(await s.request('GET', '/v1/admin/webhooks', { token })).toMatchObject({ status: 403, body: { code: 'role_not_allowed' } });
      const put = await s.request('PUT', `/v1/admin/navigator-organisations/${ORG}`, { token, body: { name: 'X' } });
      expect(put).toMatchObject({ status: 403, body: { code: 'role_not_allowed' } });
    }
    expect(await s.count('navigator_orgs')).toBe(before);
    const refusals = await auditRows(s, "action = 'admin.access'");
    expect(refusals.map((r) => [r.actor_role, r.outcome, r.detail])).toEqual(
      ['doctor', 'doctor', 'navigator', 'navigator', 'coordinator', 'coordinator'].map((role) => [role, 'refused', 'role_not_allowed']),
    );

    expect(await s.request('GET', '/v1/referrals', { token: admin() })).toMatchObject({ status: 403, body: { code: 'role_not_allowed' } });
    expect(await s.request('GET', `/fhir/ServiceRequest/${crypto.randomUUID()}`, { token: admin() })).toMatchObject({ status: 403 });
    expect(await auditRows(s, "action = 'GET /v1/referrals' and actor_role = 'admin'")).toMatchObject([
      { outcome: 'refused', detail: 'role_not_allowed' },
    ]);
    expect(await s.request('GET', '/v1/admin/webhooks')).toMatchObject({ status: 401, body: { code: 'token_missing' } });
    expect(await s.request('GET', '/v1/admin/webhooks', { token: admin() })).toMatchObject({ status: 200, body: { items: [] } });
  });

  it('validates every input by its contract, answering problem+json with the fields named, audited', async () => {
    const token = admin();
    const bad = async (method: string, path: string, body: unknown, errors: { path: string; code: string }[]) => {
      const answer = await s.request(method, path, { token, body });
      expect(answer.status, JSON.stringify(answer.body)).toBe(400);
      expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(answer.body.code).toBe('validation_failed');
      expect(answer.body.errors.map((e: { path: string; code: string }) => ({ path: e.path, code: e.code }))).toEqual(errors);
    };
    await bad('PUT', '/v1/admin/navigator-organisations/Norddjurs%20Kommune', { name: 'N' }, [{ path: 'id', code: 'invalid_org_id' }]);
    await bad('PUT', `/v1/admin/navigator-organisations/${ORG}`, { name: ' ' }, [{ path: 'name', code: 'required' }]);
    await bad('PUT', `/v1/admin/navigator-organisations/${ORG}`, { name: 'N', serves: [] }, [{ path: 'serves', code: 'unknown_field' }]);
    await bad('POST', `/v1/admin/navigator-organisations/${NORDDJURS}/services`, { practiceId: '12' }, [
      { path: 'practiceId', code: 'invalid_practice_id' },
    ]);
    await bad('POST', `/v1/admin/navigator-organisations/${NORDDJURS}/services`, { practiceId: GRENAA, validFrom: 'tomorrow' }, [
      { path: 'validFrom', code: 'invalid_format' },
      { path: 'validFrom', code: 'invalid_date' },
    ]);
    await bad('POST', '/v1/admin/webhooks', { id: 'Vendor X', url: 'ftp://vendor.test/x', practices: [GRENAA, GRENAA], secret: 'short' }, [
      { path: 'id', code: 'invalid_subscription_id' },
      { path: 'url', code: 'invalid_url' },
      { path: 'practices', code: 'duplicate_items' },
      { path: 'secret', code: 'invalid_secret' },
    ]);
    await bad('POST', '/v1/admin/webhooks/none/secret-rotations', {}, [{ path: 'previousAcceptedUntil', code: 'required' }]);
    expect(await s.count(`navigator_orgs where id = '${ORG}'`)).toBe(0);
    const rows = await auditRows(s, "detail = 'validation_failed' and actor_role = 'admin'");
    expect(rows.length).toBe(7);
    expect(rows[0]).toMatchObject({ action: 'PUT /v1/admin/navigator-organisations/:id', outcome: 'refused', actor_sub: 'demo-admin' });
  });

  it('keeps navigator organisations and their services with history; the navigators of another instance see a change on their next request', async () => {
    const token = admin();
    const created = await s.request('POST', '/v1/referrals', {
      token: s.token('doctor', GRENAA),
      body: referral(),
      headers: { 'idempotency-key': key() },
    });
    const id = created.body.id as string;
    const navigator = s.token('navigator', ORG);
    const sees = async () => (await s.request('GET', `/v1/referrals/${id}`, { token: navigator })).status === 200;

    // The administrator works on the other instance; the navigator on this one.
    const made = await other.request('PUT', `/v1/admin/navigator-organisations/${ORG}`, { token, body: { name: 'Testkommune' } });
    expect(made).toMatchObject({ status: 201, body: { id: ORG, name: 'Testkommune', services: [] } });
    expect(made.headers.get('location')).toBe(`/v1/admin/navigator-organisations/${ORG}`);
    expect(
      await other.request('PUT', `/v1/admin/navigator-organisations/${ORG}`, { token, body: { name: 'Testkommune – Socialnavigatører' } }),
    ).toMatchObject({
      status: 200,
      body: { name: 'Testkommune – Socialnavigatører' },
    });
    expect(await sees()).toBe(false);

    const served = await other.request('POST', `/v1/admin/navigator-organisations/${ORG}/services`, {
      token,
      body: { practiceId: GRENAA },
    });
    expect(served).toMatchObject({ status: 201, body: { services: [{ practiceId: GRENAA, validFrom: expect.any(String) }] } });
    expect(served.body.services[0].validTo).toBeUndefined();
    expect(await sees()).toBe(true);
    expect(
      await other.request('POST', `/v1/admin/navigator-organisations/${ORG}/services`, { token, body: { practiceId: GRENAA } }),
    ).toMatchObject({
      status: 409,
      body: { code: 'service_overlaps' },
    });

    const ended = await other.request('POST', `/v1/admin/navigator-organisations/${ORG}/services/${GRENAA}/end`, { token, body: {} });
    expect(ended).toMatchObject({ status: 200, body: { services: [{ practiceId: GRENAA, validTo: expect.any(String) }] } });
    expect(await sees()).toBe(false);
    expect(
      await other.request('POST', `/v1/admin/navigator-organisations/${ORG}/services/${GRENAA}/end`, { token, body: {} }),
    ).toMatchObject({
      status: 404,
    });
    // A new period may not begin before the last one ended; one dated ahead begins by itself.
    const beforeEnd = new Date(Date.parse(ended.body.services[0].validTo) - 60_000).toISOString();
    expect(
      await other.request('POST', `/v1/admin/navigator-organisations/${ORG}/services`, {
        token,
        body: { practiceId: GRENAA, validFrom: beforeEnd },
      }),
    ).toMatchObject({ status: 409, body: { code: 'service_overlaps' } });
    const soon = new Date(Date.now() + 1500).toISOString();
    expect(
      await other.request('POST', `/v1/admin/navigator-organisations/${ORG}/services`, {
        token,
        body: { practiceId: GRENAA, validFrom: soon },
      }),
    ).toMatchObject({ status: 201 });
    expect(await sees()).toBe(false);
    await expect.poll(sees, { timeout: 15_000, interval: 200 }).toBe(true);
    expect(
      await other.request('POST', `/v1/admin/navigator-organisations/${ORG}/services/${GRENAA}/end`, {
        token,
        body: { validTo: '2001-01-01T00:00:00Z' },
      }),
    ).toMatchObject({ status: 422, body: { code: 'service_end_invalid' } });
    expect(
      await other.request('POST', `/v1/admin/navigator-organisations/nobody/services`, { token, body: { practiceId: GRENAA } }),
    ).toMatchObject({
      status: 404,
    });

    const read = await s.request('GET', `/v1/admin/navigator-organisations/${ORG}`, { token });
    expect(read.body.services.map((p: { practiceId: string; validTo?: string }) => [p.practiceId, !!p.validTo])).toEqual([
      [GRENAA, true],
      [GRENAA, false],
    ]);
    const listed = await s.request('GET', '/v1/admin/navigator-organisations', { token });
    expect(listed.body.items.map((o: { id: string }) => o.id)).toEqual(expect.arrayContaining([NORDDJURS, ORG]));
    expect(await s.request('GET', '/v1/admin/navigator-organisations/nobody', { token })).toMatchObject({ status: 404 });

    const rows = await auditRows(s, 'resource_id = $1', [ORG]);
    expect(rows.map((r) => [r.action, r.outcome, r.detail?.replace(/\d{4}-.*Z/, 'T') ?? null])).toEqual([
      ['admin.navigator_org.create', 'ok', null],
      ['admin.navigator_org.rename', 'ok', null],
      ['admin.navigator_org.serve', 'ok', `practice ${GRENAA} from T`],
      ['admin.navigator_org.serve', 'refused', 'service_overlaps'],
      ['admin.navigator_org.end_service', 'ok', `practice ${GRENAA} until T`],
      ['admin.navigator_org.end_service', 'refused', 'not_found'],
      ['admin.navigator_org.serve', 'refused', 'service_overlaps'],
      ['admin.navigator_org.serve', 'ok', `practice ${GRENAA} from T`],
      ['admin.navigator_org.end_service', 'refused', 'service_end_invalid'],
    ]);
    expect(new Set(rows.map((r) => `${r.actor_role}:${r.actor_sub}`))).toEqual(new Set(['admin:demo-admin']));
  });

  it('adds a webhook subscription on one instance that the worker of another delivers at once, signs with both secrets during a rotation and the new one only after', async () => {
    const token = admin();
    const doctor = s.token('doctor', GRENAA);
    const navigator = s.token('navigator', NORDDJURS);
    const created = await other.request('POST', '/v1/admin/webhooks', {
      token,
      body: { id: 'vendor-x', url: `${receiver.url}/x`, practices: [GRENAA] },
    });
    expect(created).toMatchObject({
      status: 201,
      body: { subscription: { id: 'vendor-x', practices: [GRENAA], secrets: [{ createdAt: expect.any(String) }] } },
    });
    const first = created.body.secret as string;
    expect(first).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(
      await other.request('POST', '/v1/admin/webhooks', { token, body: { id: 'vendor-x', url: `${receiver.url}/x`, practices: [] } }),
    ).toMatchObject({
      status: 409,
      body: { code: 'webhook_subscription_exists' },
    });

    const to = (path: string) => receiver.posted.filter((p) => p.path === path);
    const referralId = (
      await s.request('POST', '/v1/referrals', { token: doctor, body: referral(), headers: { 'idempotency-key': key() } })
    ).body.id;
    await expect.poll(() => to('/x').length, { timeout: 15_000 }).toBe(1);
    const [one] = to('/x');
    expect(one!.signature.match(/v1=/g)).toHaveLength(1);
    expect(signedWith(one!.body, one!.signature, first)).toBe(true);
    expect(JSON.parse(one!.body)).toMatchObject({ type: 'referral.created', referralId });

    // Rotation: the new secret signs from now on, the first beside it for 5 s.
    const until = new Date(Date.now() + 5000);
    const rotated = await other.request('POST', '/v1/admin/webhooks/vendor-x/secret-rotations', {
      token,
      body: { previousAcceptedUntil: until.toISOString() },
    });
    expect(rotated.status).toBe(201);
    const second = rotated.body.secret as string;
    expect(second).not.toBe(first);
    expect(rotated.body.subscription.secrets).toEqual([
      { createdAt: expect.any(String) },
      { createdAt: expect.any(String), acceptedUntil: until.toISOString() },
    ]);
    await s.request('POST', `/v1/referrals/${referralId}/transitions`, { token: navigator, body: { to: 'received' } });
    await expect.poll(() => to('/x').length, { timeout: 15_000 }).toBe(2);
    const during = to('/x')[1]!;
    expect(during.signature.match(/v1=/g)).toHaveLength(2);
    expect(signedWith(during.body, during.signature, first)).toBe(true);
    expect(signedWith(during.body, during.signature, second)).toBe(true);

    await sleep(Math.max(0, until.getTime() - Date.now()) + 200);
    await s.request('POST', `/v1/referrals/${referralId}/transitions`, { token: navigator, body: { to: 'accepted' } });
    await expect.poll(() => to('/x').length, { timeout: 15_000 }).toBe(3);
    const after = to('/x')[2]!;
    expect(after.signature.match(/v1=/g)).toHaveLength(1);
    expect(signedWith(after.body, after.signature, second)).toBe(true);
    expect(signedWith(after.body, after.signature, first)).toBe(false);
    expect((await s.request('GET', '/v1/admin/webhooks/vendor-x', { token })).body.secrets).toEqual([{ createdAt: expect.any(String) }]);

    // Another practice instead: the Grenaa referral made before is not posted, the Auning one after is.
    expect(
      await other.request('PUT', '/v1/admin/webhooks/vendor-x', { token, body: { url: `${receiver.url}/x`, practices: [AUNING] } }),
    ).toMatchObject({
      status: 200,
      body: { practices: [AUNING] },
    });
    await s.request('POST', '/v1/referrals', { token: doctor, body: referral(), headers: { 'idempotency-key': key() } });
    const auning = (
      await s.request('POST', '/v1/referrals', {
        token: s.token('doctor', AUNING),
        body: referral(),
        headers: { 'idempotency-key': key() },
      })
    ).body.id;
    await expect.poll(() => to('/x').length, { timeout: 15_000 }).toBe(4);
    expect(JSON.parse(to('/x')[3]!.body)).toMatchObject({ type: 'referral.created', referralId: auning });

    // Removed: nothing more goes to it, while a subscription added after it gets the next event.
    expect((await other.request('DELETE', '/v1/admin/webhooks/vendor-x', { token })).status).toBe(204);
    expect(await other.request('DELETE', '/v1/admin/webhooks/vendor-x', { token })).toMatchObject({ status: 404 });
    await other.request('POST', '/v1/admin/webhooks', { token, body: { id: 'vendor-y', url: `${receiver.url}/y`, practices: [AUNING] } });
    await s.request('POST', '/v1/referrals', { token: s.token('doctor', AUNING), body: referral(), headers: { 'idempotency-key': key() } });
    await expect.poll(() => to('/y').length, { timeout: 15_000 }).toBe(1);
    await sleep(300);
    expect(to('/x')).toHaveLength(4);

    const listed = await s.request('GET', '/v1/admin/webhooks', { token });
    expect(listed.body.items.map((w: { id: string }) => w.id)).toEqual(['vendor-y']);
    const texts = [
      JSON.stringify(listed.body),
      ...(await s.db.query<{ t: string }>('select row_to_json(a)::text as t from audit_log a')).map((r) => r.t),
    ];
    for (const secret of [first, second]) expect(texts.join('\n')).not.toContain(secret);
    const rows = await auditRows(s, "resource_id = 'vendor-x'");
    expect(rows.map((r) => [r.action, r.outcome, r.detail?.replace(/\d{4}-.*Z/, 'T') ?? null])).toEqual([
      ['admin.webhook.create', 'ok', null],
      ['admin.webhook.create', 'refused', 'webhook_subscription_exists'],
      ['admin.webhook.rotate_secret', 'ok', 'previous accepted until T'],
      ['admin.webhook.update', 'ok', null],
      ['admin.webhook.delete', 'ok', null],
      ['admin.webhook.delete', 'refused', 'not_found'],
    ]);
  }, 60_000);

  it('refuses an http webhook URL in production, audited', async () => {
    const actor = { issuer: 'test', sub: 'operator', role: 'admin' as const, org: { id: 'drift', name: 'Drift' } };
    await expect(
      createSubscription(s.db, { actor, mode: 'production' }, { id: 'insecure', url: 'http://vendor.test/h', practices: [GRENAA] }),
    ).rejects.toEqual(new HttpProblem('webhook_url_insecure'));
    expect(await s.count("webhook_subscriptions where id = 'insecure'")).toBe(0);
    expect(await auditRows(s, "resource_id = 'insecure'")).toMatchObject([{ outcome: 'refused', detail: 'webhook_url_insecure' }]);
  });

  it('reads the trusted issuers in force: kinds, rules and key thumbprints, nothing secret', async () => {
    const answer = await s.request('GET', '/v1/admin/issuers', { token: admin() });
    expect(answer.status).toBe(200);
    const byIssuer = new Map(answer.body.items.map((i: { issuer: string }) => [i.issuer, i]));
    expect(byIssuer.get(devIssuer.issuer)).toMatchObject({ kind: 'development', admins: true, requireMfa: false });
    const jwk = s.vendor.publicKey.export({ format: 'jwk' });
    const thumbprint = createHash('sha256')
      .update(JSON.stringify({ crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y }))
      .digest('base64url');
    expect(byIssuer.get(s.vendor.trusted.issuer)).toEqual({
      issuer: s.vendor.trusted.issuer,
      kind: 'journal_vendor',
      requireMfa: false,
      mfaAcrValues: [],
      admins: false,
      keys: [{ kid: 'vendor-1', kty: 'EC', crv: 'P-256', thumbprint }],
    });
    expect(JSON.stringify(answer.body)).not.toMatch(/"(d|x|y|n)":/);
  });
});

describe.each(storages)('configuration seeds the tenants at start, idempotently, on %s', (kind) => {
  it('seeds once when three instances start at the same time', async () => {
    const store = await openTestDatabase(kind);
    try {
      await migrate(store.db);
      const seeds = {
        navigatorOrgs: [{ id: 'together-navigatorer', name: 'Together', practices: [GRENAA, AUNING] }],
        webhooks: [{ id: 'together-vendor', url: 'http://127.0.0.1:9/h', secret: 't'.repeat(32), practices: [GRENAA] }],
      };
      await Promise.all([seedTenants(store.db, seeds), seedTenants(store.db, seeds), seedTenants(store.db, seeds)]);
      expect(await store.db.query('select practice_id from navigator_org_services order by practice_id')).toEqual([
        { practice_id: GRENAA },
        { practice_id: AUNING },
      ]);
      expect(await store.db.query('select subscription_id from webhook_secrets')).toEqual([{ subscription_id: 'together-vendor' }]);
    } finally {
      await store.dispose();
    }
  });

  it('adds what the database lacks and keeps what an administrator changed, across restarts', async () => {
    const store = await openTestDatabase(kind);
    const kept = { db: store.db, dispose: async () => {} };
    const config = {
      navigatorOrgs: [{ id: 'seeded-navigatorer', name: 'Seeded', practices: [GRENAA, AUNING] }],
      webhooks: [{ id: 'seeded-vendor', url: 'http://127.0.0.1:9/h', secret: 's'.repeat(32), practices: [GRENAA] }],
    };
    let server = await startTestServer(kind, config, kept);
    const token = admin();
    const org = await server.request('GET', '/v1/admin/navigator-organisations/seeded-navigatorer', { token });
    expect(org.body).toMatchObject({ name: 'Seeded', services: [{ practiceId: GRENAA }, { practiceId: AUNING }] });
    expect((await server.request('GET', '/v1/admin/webhooks/seeded-vendor', { token })).body).toMatchObject({ practices: [GRENAA] });
    // The demo's directory is seeded the same way in development.
    expect((await server.request('GET', `/v1/admin/navigator-organisations/${NORDDJURS}`, { token })).body.services.length).toBe(2);
    await server.request('POST', `/v1/admin/navigator-organisations/seeded-navigatorer/services/${AUNING}/end`, { token, body: {} });
    await server.request('PUT', '/v1/admin/webhooks/seeded-vendor', {
      token,
      body: { url: 'http://127.0.0.1:9/other', practices: [AUNING] },
    });
    await server.close();

    server = await startTestServer(kind, config, kept);
    const again = await server.request('GET', '/v1/admin/navigator-organisations/seeded-navigatorer', { token });
    expect(again.body.services.map((p: { practiceId: string; validTo?: string }) => [p.practiceId, !!p.validTo])).toEqual([
      [GRENAA, false],
      [AUNING, true],
    ]);
    expect((await server.request('GET', '/v1/admin/webhooks/seeded-vendor', { token })).body).toMatchObject({
      url: 'http://127.0.0.1:9/other',
      practices: [AUNING],
    });
    expect(server.logs.join('')).toMatch(/webhook_configuration_differs.*seeded-vendor/);
    expect(await server.count('webhook_secrets')).toBe(1);
    await server.close();
    await store.dispose();
  }, 30_000);
});
