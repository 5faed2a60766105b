import { createHmac, generateKeyPairSync } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LAUNCH_TOKEN_TYPE, TOKEN_TYPE } from '@henvis/contracts';
import { verifyToken } from '../src/auth/verify-token.js';
import type { LaunchConfig } from '../src/launch/launch-config.js';
import { key, referral } from './fixtures.js';
import {
  AUDIENCE,
  DOCTOR_CLAIMS,
  VENDOR_ISSUER,
  makeVendor,
  openTestDatabase,
  startTestServer,
  storages,
  type TestDatabase,
  type TestServer,
  type UntypedJson,
} from './harness.js';

// The third host style: a journal opens Henvis with a signed launch token posted as a form (launch/routes.ts).

const CPR = '010190-2345';
const NAME = 'Karen Jensen';
const WIDGET = 'http://127.0.0.1:4999';
const launchConfig = (signingKey = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey): LaunchConfig => ({
  widgetUrl: WIDGET,
  signingKey,
  sessionSeconds: 3600,
});

let jtiCounter = 0;
const nextJti = () => `launch-${Date.now()}-${++jtiCounter}`;
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** The claims of a good launch for Karen Jensen at Lægehuset Grenaa; `over` changes or drops (`undefined`) claims. */
function launchClaims(s: TestServer, over: Record<string, unknown> = {}) {
  const now = Math.floor(Date.now() / 1000);
  return Object.fromEntries(
    Object.entries<unknown>({
      ...DOCTOR_CLAIMS,
      iss: VENDOR_ISSUER,
      aud: `${s.url}/launch`,
      iat: now,
      exp: now + 60,
      jti: nextJti(),
      patient: { cpr: CPR, name: NAME, contact: { phone: '+45 20 30 40 50' } },
      need_patient_banner: false,
      theme: { colorPrimary: '#005a70', density: 'compact' },
      ...over,
    }).filter(([, v]) => v !== undefined),
  );
}

function signLaunch(s: TestServer, over: Record<string, unknown> = {}, header: Record<string, unknown> = {}, key = s.vendor.privateKey) {
  const claims = launchClaims(s, over);
  return jwt.sign(claims, key, {
    algorithm: 'ES256',
    noTimestamp: !('iat' in claims),
    header: { alg: 'ES256', typ: LAUNCH_TOKEN_TYPE, kid: 'vendor-1', ...header },
  });
}

interface Answer {
  status: number;
  headers: Headers;
  text: string;
  cookie: string | undefined;
}

/** Posts the launch form as a browser would, without following the redirect. */
async function post(s: TestServer, body: string, headers: Record<string, string> = {}): Promise<Answer> {
  const response = await fetch(`${s.url}/launch`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', ...headers },
    body,
  });
  const cookie = response.headers.get('set-cookie')?.split(';')[0];
  return { status: response.status, headers: response.headers, text: await response.text(), cookie };
}
const launchForm = (token: string) => new URLSearchParams({ launch: token }).toString();

async function page(s: TestServer, path: string, cookie?: string, init: RequestInit = {}) {
  const response = await fetch(`${s.url}${path}`, {
    redirect: 'manual',
    ...init,
    headers: { ...(cookie ? { cookie } : {}), ...(init.headers as Record<string, string> | undefined) },
  });
  const text = await response.text();
  let body: UntypedJson = text;
  try {
    body = JSON.parse(text);
  } catch {
    // a page
  }
  return { status: response.status, headers: response.headers, text, body };
}

/** The audit log's lines for the launch, newest last. */
const launchAudit = async (s: TestServer) =>
  s.db.query<{
    action: string;
    outcome: string;
    detail: string | null;
    issuer: string | null;
    actor_sub: string | null;
    patient_key: string | null;
  }>(`select action, outcome, detail, issuer, actor_sub, patient_key from audit_log where action like 'launch%' order by id`);

const expectRefusalPage = (answer: { status: number; headers: Headers; text: string }, status: number, code: string) => {
  expect(answer.status).toBe(status);
  expect(answer.headers.get('content-type')).toContain('text/html');
  expect(answer.text).toContain(`<code id="error-code">${code}</code>`);
  expect(answer.text).toMatch(/<html lang="da">/);
  expect(answer.text).toContain('Åbn Henvis igen fra journalen.');
  expect(answer.text).toContain('Open Henvis from the journal again.');
  expect(answer.text).not.toContain(CPR);
  expect(answer.text).not.toContain(NAME);
  expect(answer.headers.get('content-security-policy')).toContain("default-src 'none'");
  expect(answer.headers.get('set-cookie')).toBeNull();
};

describe.each(storages)('the launch page on %s', (kind) => {
  let store: TestDatabase;
  let s: TestServer;
  beforeAll(async () => {
    store = await openTestDatabase(kind);
    s = await startTestServer(kind, { launch: launchConfig() }, { db: store.db, dispose: async () => {} });
  });
  afterAll(async () => {
    await s.close();
    await store.dispose();
  });

  it('opens a session for a good launch: 303 to an address without personal data, an HttpOnly SameSite cookie', async () => {
    const answer = await post(s, launchForm(signLaunch(s)));
    expect(answer.status).toBe(303);
    expect(answer.headers.get('location')).toBe('/launch/app');
    const setCookie = answer.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^henvis_launch=[A-Za-z0-9_-]{43}; Path=\/launch; Max-Age=3600; HttpOnly; SameSite=Lax$/);
    expect(setCookie).not.toContain('Secure'); // the API is reached over http here
    for (const personal of [CPR, CPR.replace('-', ''), NAME, 'Karen']) {
      expect(answer.headers.get('location')).not.toContain(personal);
      expect(decodeURIComponent(setCookie)).not.toContain(personal);
    }
    const [session] = await s.db.query<{ id_hash: string }>('select id_hash from launch_sessions');
    expect(session?.id_hash).not.toBe(answer.cookie?.split('=')[1]); // the store keeps the id's hash, not the id
    const audit = await launchAudit(s);
    expect(audit.at(-1)).toMatchObject({ action: 'launch', outcome: 'ok', issuer: VENDOR_ISSUER, actor_sub: 'vendor-user-1' });
    expect(audit.at(-1)?.patient_key).toMatch(/^[0-9a-f]{32}$/);
  });

  it('serves the page with a strict policy and no personal data; the context and tokens come with the cookie', async () => {
    const { cookie } = await post(s, launchForm(signLaunch(s)));
    const app = await page(s, '/launch/app', cookie);
    expect(app.status).toBe(200);
    expect(app.text).toContain(`<script src="${WIDGET}/script/henvis.js" defer></script>`);
    expect(app.text).not.toContain(CPR);
    expect(app.text).not.toContain(NAME);
    const policy = app.headers.get('content-security-policy') ?? '';
    const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
    expect(nonce).toBeTruthy();
    expect(app.text).toContain(`nonce="${nonce}"`);
    expect(policy).toContain(`script-src 'self' ${WIDGET} 'nonce-${nonce}'`);
    expect(policy).toContain("default-src 'none'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).not.toContain('unsafe-inline');
    expect(policy).not.toContain('unsafe-eval');
    expect(app.headers.get('cache-control')).toBe('no-store');
    expect((await page(s, '/launch/app', cookie)).headers.get('content-security-policy')).not.toContain(nonce); // one per answer

    const context = await page(s, '/launch/context', cookie);
    expect(context.status).toBe(200);
    expect(context.body).toMatchObject({
      context: {
        patient: { cpr: CPR, name: NAME, contact: { phone: '+45 20 30 40 50' } },
        practice: DOCTOR_CLAIMS.org,
        practitioner: { id: 'vendor-user-1', name: 'Mette Holm', role: 'doctor', authorisationId: '0C4F1' },
      },
      needPatientBanner: false,
      theme: { colorPrimary: '#005a70', density: 'compact' },
      locale: 'da',
      apiUrl: s.url,
    });
    expect(Date.parse(context.body.expiresAt)).toBeGreaterThan(Date.now() + 59 * 60_000);

    const issued = await page(s, '/launch/token', cookie, { method: 'POST', headers: { origin: s.url } });
    expect(issued.status).toBe(200);
    const claims = jwt.decode(issued.body.token, { complete: true });
    expect(claims?.header).toMatchObject({ alg: 'ES256', typ: TOKEN_TYPE });
    expect(claims?.payload).toMatchObject({ iss: `${s.url}/launch`, aud: AUDIENCE, sub: 'vendor-user-1', patient: { cpr: CPR } });
    const payload = claims?.payload as { iat: number; exp: number };
    expect(payload.exp - payload.iat).toBe(300);

    // The API trusts the session's tokens for this practice and this patient only.
    const token = issued.body.token as string;
    const created = await s.request('POST', '/v1/referrals', { token, body: referral(), headers: { 'idempotency-key': key() } });
    expect(created.status).toBe(201);
    const other = await s.request('POST', '/v1/referrals', {
      token,
      body: referral({ patient: { cpr: '020285-1113', name: 'Ole Olsen' } }),
      headers: { 'idempotency-key': key() },
    });
    expect(other.body).toMatchObject({ status: 403, code: 'patient_context_mismatch' });
    expect((await s.request('GET', '/v1/referrals', { token })).body.items.map((r: UntypedJson) => r.id)).toEqual([created.body.id]);
  });

  it('refuses a replayed jti with the clear page, audited with who replayed it', async () => {
    const token = signLaunch(s);
    expect((await post(s, launchForm(token))).status).toBe(303);
    const again = await post(s, launchForm(token));
    expectRefusalPage(again, 401, 'launch_token_replayed');
    expect((await launchAudit(s)).at(-1)).toMatchObject({
      action: 'launch',
      outcome: 'denied',
      detail: 'launch_token_replayed',
      actor_sub: 'vendor-user-1',
    });
    // Another token with the same jti from the same vendor is the same launch.
    const jti = nextJti();
    expect((await post(s, launchForm(signLaunch(s, { jti })))).status).toBe(303);
    expectRefusalPage(await post(s, launchForm(signLaunch(s, { jti }))), 401, 'launch_token_replayed');
  });

  const refusals: [string, (s: TestServer) => string, number, string][] = [
    [
      'an expired token',
      (s) => {
        const past = Math.floor(Date.now() / 1000) - 120;
        return signLaunch(s, { iat: past, exp: past + 60 });
      },
      401,
      'token_expired',
    ],
    ['a token living longer than 60 s', (s) => signLaunch(s, { exp: Math.floor(Date.now() / 1000) + 61 }), 401, 'launch_token_too_long'],
    ['a wrong audience', (s) => signLaunch(s, { aud: 'https://other-henvis.example/launch' }), 401, 'token_audience_invalid'],
    ["the API's audience", (s) => signLaunch(s, { aud: AUDIENCE }), 401, 'token_audience_invalid'],
    ['a trusted name signed with another key', (s) => signLaunch(s, {}, {}, makeVendor(VENDOR_ISSUER).privateKey), 401, 'token_invalid'],
    ['an untrusted issuer', (s) => signLaunch(s, { iss: 'https://evil.test' }), 401, 'token_issuer_untrusted'],
    ['alg none', (s) => `${b64({ alg: 'none', typ: LAUNCH_TOKEN_TYPE })}.${b64(launchClaims(s))}.`, 401, 'token_invalid'],
    [
      'HS256 signed with the public key',
      (s) => {
        const header = b64({ alg: 'HS256', typ: LAUNCH_TOKEN_TYPE, kid: 'vendor-1' });
        const body = b64(launchClaims(s));
        const pem = s.vendor.publicKey.export({ type: 'spki', format: 'pem' }).toString();
        return `${header}.${body}.${createHmac('sha256', pem).update(`${header}.${body}`).digest('base64url')}`;
      },
      401,
      'token_invalid',
    ],
    ['an access token (typ at+jwt)', (s) => signLaunch(s, {}, { typ: TOKEN_TYPE }), 401, 'token_claims_invalid'],
    ['a launch without jti', (s) => signLaunch(s, { jti: undefined }), 401, 'token_claims_invalid'],
    ["a launch without the patient's name", (s) => signLaunch(s, { patient: { cpr: CPR } }), 401, 'token_claims_invalid'],
    ['a launch for a navigator', (s) => signLaunch(s, { role: 'navigator' }), 401, 'token_claims_invalid'],
    [
      'a theme that is not a colour',
      (s) => signLaunch(s, { theme: { colorPrimary: 'red;background:url(x)' } }),
      401,
      'token_claims_invalid',
    ],
    ['a token that is not a JWT', () => 'not.a.jwt', 401, 'token_invalid'],
  ];
  it.each(refusals)('refuses %s with the clear page and an audit line', async (_what, token, status, code) => {
    const before = await s.count('launch_sessions');
    const answer = await post(s, launchForm(token(s)));
    expectRefusalPage(answer, status, code);
    expect((await launchAudit(s)).at(-1)).toMatchObject({ action: 'launch', outcome: 'denied', detail: code });
    expect(await s.count('launch_sessions')).toBe(before);
  });

  it.each([
    ['a form without the launch field', () => post(s, 'token=abc'), 400, 'launch_token_missing'],
    ['an empty launch field', () => post(s, 'launch='), 400, 'launch_token_missing'],
    [
      'the token in the URL of a GET',
      async () => page(s, `/launch?launch=${signLaunch(s)}`, undefined, { headers: { accept: 'text/html' } }),
      405,
      'method_not_allowed',
    ],
    [
      'a JSON body',
      async () => {
        const r = await fetch(`${s.url}/launch`, {
          method: 'POST',
          redirect: 'manual',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ launch: signLaunch(s) }),
        });
        return { status: r.status, headers: r.headers, text: await r.text() };
      },
      415,
      'unsupported_media_type',
    ],
    [
      'a multipart form',
      async () => {
        const form = new FormData();
        form.set('launch', signLaunch(s));
        const r = await fetch(`${s.url}/launch`, { method: 'POST', redirect: 'manual', body: form });
        return { status: r.status, headers: r.headers, text: await r.text() };
      },
      415,
      'unsupported_media_type',
    ],
    ['an oversized body', () => post(s, `launch=${'a'.repeat(20_000)}`), 413, 'payload_too_large'],
  ] as const)('refuses %s with the clear page and an audit line', async (_what, send, status, code) => {
    const answer = await send();
    expectRefusalPage(answer, status, code);
    if (code === 'method_not_allowed') expect(answer.headers.get('allow')).toBe('POST');
    expect((await launchAudit(s)).at(-1)).toMatchObject({ action: 'launch', outcome: 'refused', detail: code });
  });

  it('answers problem+json to a client that asks for it', async () => {
    const answer = await post(s, 'launch=', { accept: 'application/problem+json' });
    expect(answer.status).toBe(400);
    expect(answer.headers.get('content-type')).toContain('application/problem+json');
    expect(JSON.parse(answer.text)).toMatchObject({ code: 'launch_token_missing', status: 400 });
    const large = await post(s, `launch=${'a'.repeat(20_000)}`, { accept: 'application/json' });
    expect(JSON.parse(large.text)).toMatchObject({ code: 'payload_too_large', status: 413 });
  });

  it('without a session: the page explains, its calls are 401 problem+json, and no other site may call them', async () => {
    expectRefusalPage(await page(s, '/launch/app', undefined, { headers: { accept: 'text/html' } }), 401, 'launch_session_missing');
    expectRefusalPage(await page(s, '/launch/app', 'henvis_launch=forged'), 401, 'launch_session_missing');
    expectRefusalPage(await page(s, '/launch/app', `henvis_launch=${'A'.repeat(43)}`), 401, 'launch_session_missing');
    const context = await page(s, '/launch/context');
    expect(context.status).toBe(401);
    expect(context.headers.get('content-type')).toContain('application/problem+json');
    expect(context.body).toMatchObject({ code: 'launch_session_missing' });
    expect((await page(s, '/launch/token', undefined, { method: 'POST' })).body).toMatchObject({ code: 'launch_session_missing' });

    const { cookie } = await post(s, launchForm(signLaunch(s)));
    const foreign = await page(s, '/launch/token', cookie, { method: 'POST', headers: { origin: 'http://evil.test' } });
    expect(foreign.status).toBe(403);
    expect(foreign.body).toMatchObject({ code: 'launch_cross_origin' });
    const crossSite = await page(s, '/launch/context', cookie, { headers: { 'sec-fetch-site': 'cross-site' } });
    expect(crossSite.body).toMatchObject({ status: 403, code: 'launch_cross_origin' });
    expect((await page(s, '/launch/context', cookie, { headers: { 'sec-fetch-site': 'same-origin' } })).status).toBe(200);
  });

  it('ends a session when it expires, and purges expired sessions and used jtis at the next launch', async () => {
    const { cookie } = await post(s, launchForm(signLaunch(s)));
    expect((await page(s, '/launch/context', cookie)).status).toBe(200);
    await s.db.query(`update launch_sessions set expires_at = now() - interval '1 second'`);
    await s.db.query(`update launch_jtis set expires_at = now() - interval '1 second'`);
    expect((await page(s, '/launch/context', cookie)).body).toMatchObject({ code: 'launch_session_missing' });
    expect((await page(s, '/launch/token', cookie, { method: 'POST' })).status).toBe(401);
    const { cookie: fresh } = await post(s, launchForm(signLaunch(s)));
    expect(await s.count('launch_sessions')).toBe(1);
    expect(await s.count('launch_jtis')).toBe(1);
    expect((await page(s, '/launch/context', fresh)).status).toBe(200);
  });

  it('replaces the session a browser had when it launches again', async () => {
    const { cookie } = await post(s, launchForm(signLaunch(s)));
    const before = await s.count('launch_sessions');
    const second = await post(s, launchForm(signLaunch(s)), { cookie: cookie! });
    expect(second.status).toBe(303);
    expect(await s.count('launch_sessions')).toBe(before);
    expect((await page(s, '/launch/context', cookie)).status).toBe(401);
    expect((await page(s, '/launch/context', second.cookie)).status).toBe(200);
  });

  it('keeps the CPR number and the name out of the logs, the audit log and every answer but the context', async () => {
    const { cookie } = await post(s, launchForm(signLaunch(s)));
    await post(s, launchForm(signLaunch(s, { aud: 'https://elsewhere.example/launch' })));
    await page(s, '/launch/app', cookie);
    await page(s, '/launch/token', cookie, { method: 'POST' });
    const logs = s.logs.join('');
    const audit = JSON.stringify(await s.db.query('select * from audit_log'));
    for (const personal of [CPR, CPR.replace('-', ''), NAME, '+45 20 30 40 50']) {
      expect(logs).not.toContain(personal);
      expect(audit).not.toContain(personal);
    }
    expect(logs).toContain('launch_refused');
    expect(logs).toContain('token_audience_invalid');
  });
});

describe.each(storages)('launch sessions across instances on %s', (kind) => {
  let store: TestDatabase;
  const servers: TestServer[] = [];
  const shared = { db: undefined as unknown as TestDatabase['db'], dispose: async () => {} };
  beforeAll(async () => {
    store = await openTestDatabase(kind);
    shared.db = store.db;
  });
  afterAll(async () => {
    for (const server of servers.splice(0)) await server.close();
    await store.dispose();
  });

  it('one instance opens the session, another serves it, and a replay is refused on either', async () => {
    // Two instances behind one public URL with the same launch key and the same trusted vendor, as production runs them.
    const vendor = makeVendor();
    const config = { launch: launchConfig(), publicUrl: 'http://henvis.test', issuers: [vendor.trusted] };
    const a = await startTestServer(kind, config, shared);
    servers.push(a);
    const b = await startTestServer(kind, config, shared);
    servers.push(b);
    const token = jwt.sign(launchClaims(a, { aud: 'http://henvis.test/launch' }), vendor.privateKey, {
      algorithm: 'ES256',
      header: { alg: 'ES256', typ: LAUNCH_TOKEN_TYPE, kid: 'vendor-1' },
    });
    const opened = await post(a, launchForm(token));
    expect(opened.status).toBe(303);
    expect((await page(b, '/launch/context', opened.cookie)).body.context.patient.cpr).toBe(CPR);
    const issued = await page(b, '/launch/token', opened.cookie, { method: 'POST' });
    expect(issued.status).toBe(200);
    expect((await a.request('GET', '/v1/referrals', { token: issued.body.token })).status).toBe(200);
    expectRefusalPage(await post(a, launchForm(token)), 401, 'launch_token_replayed');

    // A restart (a third instance on the same store) keeps both the session and the used jti.
    await a.close();
    servers.splice(servers.indexOf(a), 1);
    const c = await startTestServer(kind, config, shared);
    servers.push(c);
    expect((await page(c, '/launch/context', opened.cookie)).status).toBe(200);
    expectRefusalPage(await post(c, launchForm(token)), 401, 'launch_token_replayed');
  });

  it('deletes expired sessions and jtis when an instance starts, before anyone launches', async () => {
    await store.db.query(
      `insert into launch_sessions (id_hash, issuer, launch, expires_at) values ('old', 'https://journal.test', '{}'::jsonb, now() - interval '1 minute')`,
    );
    await store.db.query(
      `insert into launch_jtis (issuer, jti, expires_at) values ('https://journal.test', 'old', now() - interval '1 minute')`,
    );
    await store.db.query(
      `insert into launch_sessions (id_hash, issuer, launch, expires_at) values ('live', 'https://journal.test', '{}'::jsonb, now() + interval '1 hour')`,
    );
    const fresh = await startTestServer(kind, { launch: launchConfig() }, shared);
    servers.push(fresh);
    await expect
      .poll(() => store.db.query(`select id_hash from launch_sessions where id_hash in ('old', 'live')`))
      .toEqual([{ id_hash: 'live' }]);
    expect(await store.db.query(`select jti from launch_jtis where jti = 'old'`)).toEqual([]);
    expect(fresh.logs.join('')).toContain('launch_rows_expired');
  });

  it('refuses the session tokens of an instance with another launch key', async () => {
    const one = await startTestServer(kind, { launch: launchConfig() }, shared);
    servers.push(one);
    const other = launchConfig();
    const opened = await post(one, launchForm(signLaunch(one)));
    const issued = await page(one, '/launch/token', opened.cookie, { method: 'POST' });
    const { launchIssuer } = await import('../src/launch/launch-issuer.js');
    const stranger = launchIssuer(one.url, other.signingKey);
    expect(verifyToken(issued.body.token, [stranger], AUDIENCE)).toEqual({ ok: false, code: 'token_invalid' });
  });
});

describe('the launch cookie behind https', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer('pglite', { launch: launchConfig(), publicUrl: 'https://henvis.test' });
  });
  afterAll(() => s.close());

  it('is Secure, with the __Secure- prefix, when the public URL is https', async () => {
    const answer = await post(s, launchForm(signLaunch(s, { aud: 'https://henvis.test/launch' })));
    expect(answer.status).toBe(303);
    expect(answer.headers.get('set-cookie')).toMatch(
      /^__Secure-henvis_launch=[A-Za-z0-9_-]{43}; Path=\/launch; Max-Age=3600; HttpOnly; SameSite=Lax; Secure$/,
    );
    expect((await page(s, '/launch/context', answer.cookie)).status).toBe(200);
    // The cookie without the prefix is not the session's.
    expect((await page(s, '/launch/context', answer.cookie?.replace('__Secure-', ''))).status).toBe(401);
  });

  it('refuses a vendor stylesheet over http', async () => {
    const answer = await post(
      s,
      launchForm(signLaunch(s, { aud: 'https://henvis.test/launch', style_url: 'http://journal.test/look.css' })),
    );
    expectRefusalPage(answer, 401, 'token_claims_invalid');
  });
});

describe('without a launch configuration', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer('pglite');
  });
  afterAll(() => s.close());

  it('mounts no launch page', async () => {
    const answer = await post(s, launchForm('x'));
    expect(answer.status).toBe(404);
    expect(JSON.parse(answer.text)).toMatchObject({ code: 'route_not_found' });
  });
});
