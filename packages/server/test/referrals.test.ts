import { describe, expect, it } from 'vitest';
import { PROBLEM_TYPE_BASE } from '@henvis/contracts';
import { storages, suiteServer, type UntypedJson } from './harness.js';
import { AUNING, GRENAA, KAREN, NORDDJURS, OLE, OSTERBRO, SYDDJURS, key, referral } from './fixtures.js';

describe.each(storages)('referrals on %s', (kind) => {
  const s = suiteServer(kind);

  const doctor = (org = GRENAA, patient?: string) => s.token('doctor', org, patient);
  const create = (body: unknown, token = doctor(), idempotencyKey: string | null = key()) =>
    s.request('POST', '/v1/referrals', { token, body, headers: idempotencyKey ? { 'idempotency-key': idempotencyKey } : {} });
  const stored = async () => [await s.count('referrals'), await s.count('referral_events')];

  it('stores a referral with its practice, referrer, derived birth date and flags', async () => {
    const response = await create(referral({ contact: { bestTime: 'Formiddag' } }));
    expect(response.status).toBe(201);
    expect(response.headers.get('location')).toBe(`/v1/referrals/${response.body.id}`);
    expect(response.body).toMatchObject({
      status: 'sent',
      practice: { id: GRENAA, name: 'Lægehuset Grenaa', ydernummer: GRENAA },
      referrer: { name: 'Mette Holm', role: 'doctor', authorisationId: '0C4F1' },
      patient: { cpr: KAREN, name: 'Karen Jensen', birthDate: '1990-01-01' },
      flags: ['not_reachable'],
    });
    const read = await s.request('GET', `/v1/referrals/${response.body.id}`, { token: doctor() });
    expect(read).toMatchObject({ status: 200, body: response.body });
  });

  it('normalises a CPR number written without the hyphen', async () => {
    const response = await create(referral({ patient: { cpr: '0101902345', name: 'Karen Jensen' } }));
    expect(response.body.patient.cpr).toBe(KAREN);
  });

  describe('refuses bad input with a 4xx problem and stores nothing', () => {
    const cases: [string, () => Promise<{ status: number; body: UntypedJson }>, number, string][] = [
      [
        'malformed JSON',
        () => s.request('POST', '/v1/referrals', { token: doctor(), raw: '{"patient":', headers: { 'idempotency-key': key() } }),
        400,
        'malformed_json',
      ],
      [
        'an empty body',
        () => s.request('POST', '/v1/referrals', { token: doctor(), raw: '', headers: { 'idempotency-key': key() } }),
        400,
        'malformed_json',
      ],
      ['a JSON null', () => create(null), 400, 'validation_failed'],
      ['a wrong type', () => create({ ...referral(), reasons: 'loneliness' }), 400, 'validation_failed'],
      ['an unknown field', () => create({ ...referral(), diagnosis: 'F32.1' }), 400, 'validation_failed'],
      [
        'an invalid CPR number',
        () => create(referral({ patient: { cpr: '310490-1234', name: 'Karen Jensen' } })),
        400,
        'validation_failed',
      ],
      [
        'a prototype-poisoning body',
        () => s.request('POST', '/v1/referrals', { token: doctor(), raw: '{"__proto__":{"x":1}}', headers: { 'idempotency-key': key() } }),
        400,
        'malformed_json',
      ],
      [
        'text/plain',
        () =>
          s.request('POST', '/v1/referrals', {
            token: doctor(),
            raw: 'hej',
            headers: { 'content-type': 'text/plain', 'idempotency-key': key() },
          }),
        415,
        'unsupported_media_type',
      ],
      ['a body over 64 KB', () => create({ ...referral(), note: 'x'.repeat(70_000) }), 413, 'payload_too_large'],
      ['no Idempotency-Key', () => create(referral(), doctor(), null), 400, 'idempotency_key_missing'],
      ['a malformed Idempotency-Key', () => create(referral(), doctor(), 'short'), 400, 'idempotency_key_invalid'],
      ['a navigator creating', () => create(referral(), s.token('navigator', NORDDJURS)), 403, 'role_not_allowed'],
      ['another patient than the consultation', () => create(referral(), doctor(GRENAA, OLE)), 403, 'patient_context_mismatch'],
    ];
    it.each(cases)('%s', async (_what, send, status, code) => {
      const before = await stored();
      const response = await send();
      expect(response.status).toBe(status);
      expect(response.body).toMatchObject({ status, code, type: `${PROBLEM_TYPE_BASE}${code}` });
      expect(typeof response.body.title).toBe('string');
      expect(await stored()).toEqual(before);
    });

    it('refuses consent flags on a referral: a consent is recorded as a consent record, with its text', async () => {
      const response = await create({ ...referral(), consent: { journalData: 'given', wellbeingData: 'given' } });
      expect(response).toMatchObject({ status: 400, body: { code: 'validation_failed' } });
      expect(response.body.errors).toEqual([expect.objectContaining({ path: 'consent', code: 'unknown_field' })]);
    });

    it('names each invalid field, without echoing its value', async () => {
      const response = await create({
        ...referral(),
        patient: { cpr: '310490-1234', name: 'Karen Jensen' },
        diagnosis: 'F32.1',
        companion: 3,
      });
      expect(response.body.errors).toEqual([
        { path: 'patient.cpr', code: 'invalid_cpr', message: 'CPR number does not hold a real birth date.' },
        { path: 'companion', code: 'invalid_value', message: 'Must be one of: yes, no, unknown.' },
        { path: 'diagnosis', code: 'unknown_field', message: 'Unknown field; remove it.' },
      ]);
      expect(JSON.stringify(response.body)).not.toMatch(/310490|F32/);
    });
  });

  describe('Idempotency-Key', () => {
    it('replays the stored response for the same key and body, even with keys reordered', async () => {
      const k = key();
      const first = await create(referral(), doctor(), k);
      const reordered = Object.fromEntries(Object.entries(referral()).reverse());
      const again = await create(reordered, doctor(), k);
      expect(again.status).toBe(201);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      expect(again.body).toEqual(first.body);
      expect(await s.count(`referrals where id = '${first.body.id}'`)).toBe(1);
    });

    it('refuses the same key with another body (422), and keeps the first referral as it was', async () => {
      const k = key();
      const first = await create(referral(), doctor(), k);
      const before = await stored();
      const other = await create(referral({ note: 'En anden henvisning' }), doctor(), k);
      expect(other).toMatchObject({ status: 422, body: { code: 'idempotency_key_reused' } });
      expect(await stored()).toEqual(before);
      expect((await s.request('GET', `/v1/referrals/${first.body.id}`, { token: doctor() })).body.note).toBe(referral().note);
    });

    it('answers 409 while the first request with the key is still running', async () => {
      const k = key();
      const body = referral();
      const { requestHash } = await import('../src/http/idempotency.js');
      await s.db.query(
        `insert into idempotency_keys (scope, key, request_hash, state, locked_until) values ($1, $2, $3, 'in_flight', now() + interval '1 minute')`,
        [`https://dev-issuer.henvis.invalid|${GRENAA}`, k, requestHash(body)],
      );
      expect(await create(body, doctor(), k)).toMatchObject({ status: 409, body: { code: 'idempotency_in_flight' } });
    });

    it('lets a retry take over a key whose request died (lease expired)', async () => {
      const k = key();
      const body = referral();
      const { requestHash } = await import('../src/http/idempotency.js');
      await s.db.query(
        `insert into idempotency_keys (scope, key, request_hash, state, locked_until) values ($1, $2, $3, 'in_flight', now() - interval '1 second')`,
        [`https://dev-issuer.henvis.invalid|${GRENAA}`, k, requestHash(body)],
      );
      expect((await create(body, doctor(), k)).status).toBe(201);
    });

    it('stores exactly one referral when the same key is sent many times at once', async () => {
      const k = key();
      const before = await s.count('referrals');
      const responses = await Promise.all(Array.from({ length: 8 }, () => create(referral(), doctor(), k)));
      expect(responses.every((r) => r.status === 201 || (r.status === 409 && r.body.code === 'idempotency_in_flight'))).toBe(true);
      expect(new Set(responses.filter((r) => r.status === 201).map((r) => r.body.id)).size).toBe(1);
      expect(await s.count('referrals')).toBe(before + 1);
    });

    it('stores two referrals for two different keys sent in parallel', async () => {
      const before = await s.count('referrals');
      const [a, b] = await Promise.all([create(referral()), create(referral())]);
      expect([a.status, b.status]).toEqual([201, 201]);
      expect(a.body.id).not.toBe(b.body.id);
      expect(await s.count('referrals')).toBe(before + 2);
    });

    it('keeps keys apart between practices', async () => {
      const k = key();
      const a = await create(referral(), doctor(GRENAA), k);
      const b = await create(referral(), doctor(AUNING), k);
      expect([a.status, b.status]).toEqual([201, 201]);
      expect(a.body.id).not.toBe(b.body.id);
    });
  });

  describe('who may read', () => {
    it('answers 404 to another practice, an unknown id and a malformed id, and audits the denial', async () => {
      const { body } = await create(referral());
      const denied = await s.count("audit_log where outcome = 'denied' and action = 'referral.read'");
      for (const [path, token] of [
        [`/v1/referrals/${body.id}`, doctor(OSTERBRO)],
        [`/v1/referrals/${body.id}`, s.token('navigator', SYDDJURS)],
        ['/v1/referrals/00000000-0000-4000-8000-000000000000', doctor()],
        ['/v1/referrals/not-a-uuid', doctor()],
      ] as const) {
        expect(await s.request('GET', path, { token })).toMatchObject({ status: 404, body: { code: 'not_found' } });
      }
      expect(await s.count("audit_log where outcome = 'denied' and action = 'referral.read'")).toBe(denied + 4);
    });

    it('lets the navigators of a serving organisation read, and binds a patient-context token to its patient', async () => {
      const { body } = await create(referral());
      expect((await s.request('GET', `/v1/referrals/${body.id}`, { token: s.token('navigator', NORDDJURS) })).status).toBe(200);
      expect((await s.request('GET', `/v1/referrals/${body.id}`, { token: doctor(GRENAA, KAREN) })).status).toBe(200);
      expect((await s.request('GET', `/v1/referrals/${body.id}`, { token: doctor(GRENAA, OLE) })).status).toBe(404);
    });

    it('audits reads with a pseudonym, never the CPR number', async () => {
      const { body } = await create(referral());
      await s.request('GET', `/v1/referrals/${body.id}`, { token: doctor() });
      const rows = await s.db.query<{ patient_key: string; actor_role: string }>(
        "select * from audit_log where action = 'referral.read' and resource_id = $1 and outcome = 'ok'",
        [body.id],
      );
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ actor_role: 'doctor', patient_key: expect.stringMatching(/^[0-9a-f]{32}$/) });
      const all = JSON.stringify(await s.db.query('select * from audit_log'));
      expect(all).not.toMatch(/010190|0101902345|Karen/);
    });
  });
});
