import { describe, expect, it } from 'vitest';
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
    for (const path of [...paths, `/v1/referrals/${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}/consents/%00/fhir`]) {
      const response = await s.request('GET', path, { token: navigator() });
      expect(response, path).toMatchObject({ status: 400, body: { code: 'validation_failed', errors: [{ code: 'invalid_characters' }] } });
    }
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
    expect(status).not.toBe('still open after 5 s');
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
