import { describe, expect, it } from 'vitest';
import { configFromEnv } from '../src/config.js';
import { storages, suiteServer } from './harness.js';
import { GRENAA, NORDDJURS, key, referral } from './fixtures.js';

// Input PostgreSQL cannot store, sent where it answered 500 before: each is a 400 with a stable code, names the
// field without echoing it, and stores nothing.

describe.each(storages)('text that cannot be stored, on %s', (kind) => {
  const s = suiteServer(kind);
  const doctor = () => s.token('doctor', GRENAA);
  const navigator = () => s.token('navigator', NORDDJURS);
  const create = (body: unknown) => s.request('POST', '/v1/referrals', { token: doctor(), body, headers: { 'idempotency-key': key() } });

  it.each([
    ['a lone surrogate in the name', { ...referral(), patient: { cpr: '010190-2345', name: 'Karen \ud800 Jensen' } }, 'patient.name'],
    ['a NUL in the note', { ...referral(), note: 'Enke\u0000 siden foråret' }, 'note'],
    ['a lone low surrogate in a wish', { ...referral(), wishes: '\udc00 strik' }, 'wishes'],
  ])('refuses %s with 400 and the field, and stores nothing', async (_what, body, path) => {
    const before = await s.count('referrals');
    const response = await create(body);
    expect(response).toMatchObject({ status: 400, body: { code: 'validation_failed', errors: [{ path, code: 'invalid_characters' }] } });
    expect(JSON.stringify(response.body)).not.toMatch(/Karen|Enke|strik/);
    expect(await s.count('referrals')).toBe(before);
  });

  it('refuses a NUL in a path id with 400, on the referral and on its sub-resources', async () => {
    const paths = ['/v1/referrals/%00', '/v1/referrals/%00/events', '/v1/referrals/%00/consents', '/v1/referrals/a%00b/who5'];
    for (const path of [...paths, '/fhir/Consent/%00', '/fhir/ServiceRequest/a%00b']) {
      const response = await s.request('GET', path, { token: navigator() });
      expect(response, path).toMatchObject({ status: 400, body: { code: 'validation_failed', errors: [{ code: 'invalid_characters' }] } });
    }
  });

  it('refuses a body nested thousands deep with 400, where walking it overflowed the stack (500)', async () => {
    const before = await s.count('referrals');
    for (const [path, headers] of [
      ['/v1/referrals', { 'idempotency-key': key() }],
      ['/v1/referrals/search', {}],
    ] as const) {
      const raw = `${'{"cpr":'.repeat(5_000)}"120383-4417"${'}'.repeat(5_000)}`;
      const response = await s.request('POST', path, { token: doctor(), raw, headers });
      expect(response, path).toMatchObject({ status: 400, body: { code: 'validation_failed', errors: [{ code: 'too_deep' }] } });
      expect(JSON.stringify(response.body)).not.toContain('120383');
    }
    // Nesting as deep as a contract's is read as before: here a field the contract does not know.
    const shallow = await create({ ...referral(), inclusion: { ...referral().inclusion, extra: { a: { b: { c: 1 } } } } });
    expect(shallow).toMatchObject({ status: 400, body: { errors: [{ path: 'inclusion.extra', code: 'unknown_field' }] } });
    expect(await s.count('referrals')).toBe(before);
  });

  it('refuses a contact dated in the year 0000, and keeps the referral as it was', async () => {
    const id = (await create(referral())).body.id as string;
    for (const to of ['received', 'accepted'])
      await s.request('POST', `/v1/referrals/${id}/transitions`, { token: navigator(), body: { to } });
    const before = await s.count('contact_log');
    const response = await s.request('POST', `/v1/referrals/${id}/contacts`, {
      token: navigator(),
      body: { kind: 'phone', outcome: 'reached', at: '0000-01-01T10:00:00Z', durationMinutes: 10 },
    });
    expect(response).toMatchObject({ status: 400, body: { code: 'validation_failed', errors: [{ path: 'at', code: 'invalid_date' }] } });
    expect(await s.count('contact_log')).toBe(before);
    expect((await s.request('GET', `/v1/referrals/${id}`, { token: navigator() })).body.status).toBe('accepted');
  });

  it('keeps a practice filter that names no served practice (a name, say) out of the audit log', async () => {
    const coordinator = s.token('coordinator', NORDDJURS);
    const read = (practice: string) => s.request('GET', `/v1/measures?practice=${encodeURIComponent(practice)}`, { token: coordinator });
    expect((await read('Gunhild Fuglsang')).status).toBe(200);
    expect((await read(GRENAA)).status).toBe(200);
    const details = (await s.db.query<{ detail: string }>("select detail from audit_log where action = 'measures.read'")).map(
      (r) => r.detail,
    );
    expect(details.some((d) => d.endsWith(` ${GRENAA}`))).toBe(true);
    expect(details.some((d) => d.endsWith(' (a practice not served)'))).toBe(true);
    expect(details.join(' ')).not.toContain('Fuglsang');
  });

  it("refuses a plan's next step in the year 0000 (the fuzz found it stored), and stores no plan", async () => {
    const id = (await create(referral())).body.id as string;
    for (const to of ['received', 'accepted'])
      await s.request('POST', `/v1/referrals/${id}/transitions`, { token: navigator(), body: { to } });
    const plan = { goals: 'Ud af huset.', bridgeBuilder: false, companion: false, nextStep: 'Ring igen.' };
    const before = await s.count('plans');
    for (const nextStepDate of ['0000-01-01', '1899-12-31']) {
      const response = await s.request('PUT', `/v1/referrals/${id}/plan`, { token: navigator(), body: { ...plan, nextStepDate } });
      expect(response, nextStepDate).toMatchObject({ status: 400, body: { errors: [{ path: 'nextStepDate', code: 'invalid_date' }] } });
    }
    expect(await s.count('plans')).toBe(before);
    const saved = await s.request('PUT', `/v1/referrals/${id}/plan`, { token: navigator(), body: { ...plan, nextStepDate: '1900-01-01' } });
    expect(saved.status).toBe(200);
  });
});

describe('framework answers, headers and slow clients', () => {
  const s = suiteServer('pglite', { requestTimeoutMs: 1_000 });

  it('answers a URL it cannot decode with a problem, without echoing the path', async () => {
    const response = await fetch(`${s.url}/v1/referrals/010190-2345%E0%A4%A`, {
      headers: { authorization: `Bearer ${s.token('doctor', GRENAA)}` },
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const text = await response.text();
    expect(JSON.parse(text)).toMatchObject({ code: 'invalid_url', status: 400 });
    expect(text).not.toContain('010190');
  });

  it('says on every answer that it is not to be sniffed, framed or referred on', async () => {
    for (const path of ['/health', '/v1/referrals', '/no-such-thing']) {
      const response = await fetch(`${s.url}${path}`);
      expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(response.headers.get('referrer-policy'), path).toBe('no-referrer');
      expect(response.headers.get('content-security-policy'), path).toContain("frame-ancestors 'none'");
    }
  });

  it('cuts off a client that trickles its body, and goes on serving others', async () => {
    const { request } = await import('node:http');
    const url = new URL(`${s.url}/v1/referrals`);
    const started = Date.now();
    const status = await new Promise<number | string>((resolve) => {
      const req = request(
        {
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          method: 'POST',
          // A valid token and key: the request gets as far as reading its body.
          headers: {
            authorization: `Bearer ${s.token('doctor', GRENAA)}`,
            'idempotency-key': key(),
            'content-type': 'application/json',
            'content-length': '1000',
          },
        },
        (res) => resolve(res.statusCode ?? 0),
      );
      req.on('error', (error) => resolve(error.message));
      req.write('{');
      const drip = setInterval(() => req.write(' '), 300);
      req.on('close', () => clearInterval(drip));
      setTimeout(() => {
        clearInterval(drip);
        req.destroy();
        resolve('still open after 5 s');
      }, 5_000);
    });
    // Told so as a problem (408 request_timeout), not just dropped.
    expect(status).toBe(408);
    // Cut off after the second it may take (and its check every second), not answered at once for some other reason.
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect((await fetch(`${s.url}/health`)).status).toBe(200);
  });
});

describe.each(storages)('refusals the guard does not see, audited, on %s', (kind) => {
  const s = suiteServer(kind);
  const lines = (detail: string) =>
    s.count(`audit_log where outcome = 'refused' and action = 'POST /v1/referrals' and detail = '${detail}'`);

  it('audits a body that fails its contract and a missing Idempotency-Key once each, and the colleagues read', async () => {
    const token = s.token('doctor', GRENAA);
    const [invalid, missing] = [await lines('validation_failed'), await lines('idempotency_key_missing')];
    await s.request('POST', '/v1/referrals', { token, body: { ...referral(), companion: 3 }, headers: { 'idempotency-key': key() } });
    await s.request('POST', '/v1/referrals', { token, body: referral() });
    expect([await lines('validation_failed'), await lines('idempotency_key_missing')]).toEqual([invalid + 1, missing + 1]);
    // A refusal the guard audits itself is not audited twice.
    const roles = await s.count("audit_log where detail = 'role_not_allowed'");
    await s.request('POST', '/v1/referrals', {
      token: s.token('navigator', NORDDJURS),
      body: referral(),
      headers: { 'idempotency-key': key() },
    });
    expect(await s.count("audit_log where detail = 'role_not_allowed'")).toBe(roles + 1);
    const before = await s.count("audit_log where action = 'colleagues.read'");
    await s.request('GET', '/v1/colleagues', { token: s.token('navigator', NORDDJURS) });
    expect(await s.count("audit_log where action = 'colleagues.read'")).toBe(before + 1);
  });
});

describe('answers of the framework, as problems that echo nothing', () => {
  // The development default: only the demo's own pages may call the API from a browser.
  const s = suiteServer('pglite', { corsOrigins: configFromEnv({}).corsOrigins });
  const CPR = '120383-4417';
  const auth = () => ({ authorization: `Bearer ${s.token('doctor', GRENAA)}` });

  /** The answer is a problem of `status` and `code`, and neither its body nor its headers hold the CPR number. */
  async function expectProblem(response: Response, status: number, code: string) {
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const text = await response.text();
    expect(JSON.parse(text)).toMatchObject({ status, code });
    for (const seen of [text, JSON.stringify([...response.headers])]) expect(seen).not.toMatch(/120383|4417/);
    return response;
  }

  it('answers a path segment longer than any id with 414, audited', async () => {
    const before = await s.count("audit_log where detail = 'uri_too_long'");
    const response = await fetch(`${s.url}/v1/referrals/${CPR}${'x'.repeat(200)}`, { headers: auth() });
    await expectProblem(response, 414, 'uri_too_long');
    expect(await s.count("audit_log where detail = 'uri_too_long'")).toBe(before + 1);
  });

  it("answers a URL past Node's 16 KiB of request line and headers with 431, which the client receives", async () => {
    for (const length of [17_000, 100_000]) {
      const path = `/v1/referrals?practice=${CPR}&q=${'x'.repeat(length)}`;
      await expectProblem(await fetch(`${s.url}${path}`, { headers: auth() }), 431, 'headers_too_large');
    }
    const header = await fetch(`${s.url}/v1/referrals`, { headers: { ...auth(), 'x-patient': `${CPR} ${'y'.repeat(20_000)}` } });
    await expectProblem(header, 431, 'headers_too_large');
    expect((await fetch(`${s.url}/health`)).status).toBe(200);
  });

  it('answers a preflight without its headers with 400, and allows only the configured origins', async () => {
    await expectProblem(await fetch(`${s.url}/v1/referrals?cpr=${CPR}`, { method: 'OPTIONS' }), 400, 'cors_preflight_invalid');
    const preflight = (origin: string) =>
      fetch(`${s.url}/v1/referrals`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization' },
      });
    await expectProblem(
      await fetch(`${s.url}/v1/referrals`, { method: 'OPTIONS', headers: { origin: 'http://127.0.0.1:4100' } }),
      400,
      'cors_preflight_invalid',
    );
    for (const origin of ['http://127.0.0.1:4100', 'http://localhost:4101', 'http://127.0.0.1:4001', 'http://localhost:4200']) {
      const response = await preflight(origin);
      expect(response.status, origin).toBe(204);
      expect(response.headers.get('access-control-allow-origin'), origin).toBe(origin);
    }
    for (const origin of ['http://evil.test', 'http://127.0.0.1:4999', 'https://127.0.0.1:4100', 'null']) {
      expect((await preflight(origin)).headers.get('access-control-allow-origin'), origin).toBeNull();
      const read = await fetch(`${s.url}/v1/referrals`, { headers: { ...auth(), origin } });
      expect(read.status).toBe(200);
      expect(read.headers.get('access-control-allow-origin'), origin).toBeNull();
    }
  });

  it('answers an unknown route with 404 and a known path with another method with 405 and Allow', async () => {
    await expectProblem(await fetch(`${s.url}/v1/patients/${CPR}?cpr=${CPR}`, { headers: auth() }), 404, 'route_not_found');
    await expectProblem(await fetch(`${s.url}/${CPR}`), 404, 'route_not_found');
    const deleted = await expectProblem(
      await fetch(`${s.url}/v1/referrals/${CPR}?cpr=${CPR}`, { method: 'DELETE', headers: auth() }),
      405,
      'method_not_allowed',
    );
    expect(deleted.headers.get('allow')).toBe('GET, HEAD');
    const put = await expectProblem(await fetch(`${s.url}/v1/referrals`, { method: 'PUT', headers: auth() }), 405, 'method_not_allowed');
    expect(put.headers.get('allow')?.split(', ').sort()).toEqual(['GET', 'HEAD', 'POST']);
    const withdrawal = await fetch(`${s.url}/v1/referrals/x/consents/y/withdrawal`, { method: 'GET', headers: auth() });
    expect((await expectProblem(withdrawal, 405, 'method_not_allowed')).headers.get('allow')).toBe('POST');
  });

  it('answers a body that is not JSON with 400 and an unsupported type with 415, and stores nothing', async () => {
    const before = await s.count('referrals');
    const post = (body: string, type: string) =>
      fetch(`${s.url}/v1/referrals`, { method: 'POST', headers: { ...auth(), 'content-type': type, 'idempotency-key': key() }, body });
    await expectProblem(await post(`{"patient":{"cpr":"${CPR}","name":"Gunhild`, 'application/json'), 400, 'malformed_json');
    await expectProblem(await post(`{"patient":{"cpr":"${CPR}"}} trailing`, 'application/json'), 400, 'malformed_json');
    await expectProblem(await post(`{"__proto__":{"cpr":"${CPR}"}}`, 'application/json'), 400, 'malformed_json');
    await expectProblem(await post(`cpr=${CPR}`, 'application/x-www-form-urlencoded'), 415, 'unsupported_media_type');
    await expectProblem(await post(`<cpr>${CPR}</cpr>`, 'application/xml'), 415, 'unsupported_media_type');
    await expectProblem(await post(CPR, 'text/plain'), 415, 'unsupported_media_type');
    expect(await s.count('referrals')).toBe(before);
  });
});
