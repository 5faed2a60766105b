import { describe, expect, it } from 'vitest';
import { Refusals, parseContract, type RefusalBurst } from '@henvis/contracts';
import type { Database } from '../src/db/database.js';
import { storages, suiteServer } from './harness.js';
import { GRENAA, KAREN, NORDDJURS, SYDDJURS, key, referral } from './fixtures.js';

// The control of refused access (GET /v1/audit/refusals). Lines of the past are written straight into the audit
// log with the times a test needs (the route only reads it); today's come from real refused requests.

interface Line {
  at: string;
  sub?: string | null;
  org?: string | null;
  ip?: string | null;
  outcome?: 'refused' | 'denied' | 'failed' | 'ok';
  detail?: string | null;
  patientKey?: string | null;
}

async function writeLines(db: Database, lines: Line[]): Promise<void> {
  const values: unknown[] = [];
  const rows = lines.map((l, i) => {
    const actor = l.sub === undefined ? 'vendor-user-1' : l.sub;
    values.push(
      l.at,
      actor === null ? null : 'https://issuer.test',
      actor,
      actor === null ? null : 'doctor',
      actor === null ? null : (l.org ?? GRENAA),
      l.patientKey ?? null,
      'referral.read',
      l.outcome ?? 'denied',
      l.detail === undefined ? 'not_found' : l.detail,
      l.ip === undefined ? '192.0.2.1' : l.ip,
    );
    return `(${Array.from({ length: 10 }, (_, c) => `$${i * 10 + c + 1}`).join(', ')})`;
  });
  await db.query(
    `insert into audit_log (at, issuer, actor_sub, actor_role, actor_org, patient_key, action, outcome, detail, client_ip) values ${rows.join(', ')}`,
    values,
  );
}

/** `n` lines from `start`, `seconds` apart. */
const series = (n: number, start: string, seconds: number, line: Omit<Line, 'at'> = {}): Line[] =>
  Array.from({ length: n }, (_, i) => ({ ...line, at: new Date(Date.parse(start) + i * seconds * 1000).toISOString() }));

describe.each(storages)('refused access attempts on %s', (kind) => {
  const s = suiteServer(kind);
  const coordinator = () => s.token('coordinator', NORDDJURS);

  async function refusals(query: string, token = coordinator()): Promise<Refusals> {
    const response = await s.request('GET', `/v1/audit/refusals${query}`, { token });
    expect(response.status).toBe(200);
    const parsed = parseContract(Refusals, response.body);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    return parsed.value;
  }

  it('are for coordinators: a navigator and a practice get 403, and the attempt is itself a refusal', async () => {
    for (const [role, org] of [
      ['navigator', NORDDJURS],
      ['doctor', GRENAA],
      ['practice_staff', GRENAA],
    ] as const) {
      const response = await s.request('GET', '/v1/audit/refusals', { token: s.token(role, org) });
      expect(response.status).toBe(403);
      expect(response.body.code).toBe('role_not_allowed');
      expect(response.headers.get('content-type')).toContain('application/problem+json');
    }
    const [line] = await s.db.query<{ outcome: string; detail: string }>(
      "select outcome, detail from audit_log where action = 'audit.refusals.read' and actor_role = 'navigator' order by id desc limit 1",
    );
    expect(line).toEqual({ outcome: 'refused', detail: 'role_not_allowed' });
    expect((await s.request('GET', '/v1/audit/refusals')).status).toBe(401);
  });

  it("group a day's refusals by actor, organisation, address and reason, in Danish days, and every read is audited", async () => {
    // 23:30Z on 28 March 2026 is 00:30 on the 29th in Denmark; 22:30Z on the 29th is 00:30 on the 30th (summer time).
    await writeLines(s.db, [
      ...series(3, '2026-03-28T23:30:00Z', 60, { sub: null, org: null, detail: 'token_invalid', ip: '198.51.100.7' }),
      ...series(2, '2026-03-29T10:00:00Z', 60, { sub: 'nurse-1', detail: 'not_found', ip: '198.51.100.8' }),
      { at: '2026-03-29T22:30:00Z', sub: 'nurse-1', detail: 'not_found', ip: '198.51.100.8' },
      { at: '2026-03-29T11:00:00Z', sub: 'nurse-1', outcome: 'failed', detail: 'internal_error', ip: '198.51.100.8' },
      // Allowed work is no refusal; nor is a refusal of another organisation's navigator, for Norddjurs's coordinator.
      { at: '2026-03-29T12:00:00Z', sub: 'nurse-1', outcome: 'ok', detail: null, ip: '198.51.100.8' },
      { at: '2026-03-29T12:00:00Z', sub: 'other-navigator', org: SYDDJURS, detail: 'role_not_allowed', ip: '198.51.100.9' },
      { at: '2026-03-29T12:00:00Z', sub: 'other-doctor', org: '099999', detail: 'role_not_allowed', ip: '198.51.100.9' },
    ]);
    const answer = await refusals('?from=2026-03-29&to=2026-03-30');
    expect(answer.period).toEqual({ from: '2026-03-29', to: '2026-03-30' });
    expect(answer.total).toBe(7);
    expect(answer.byDay).toEqual([
      { day: '2026-03-30', count: 1 },
      { day: '2026-03-29', count: 6 },
    ]);
    const shape = answer.groups.map(({ day, actor, organisation, clientAddress, outcome, reason, count }) => ({
      day,
      sub: actor?.sub ?? null,
      organisation,
      clientAddress,
      outcome,
      reason,
      count,
    }));
    expect(shape).toEqual([
      {
        day: '2026-03-30',
        sub: 'nurse-1',
        organisation: GRENAA,
        clientAddress: '198.51.100.8',
        outcome: 'denied',
        reason: 'not_found',
        count: 1,
      },
      {
        day: '2026-03-29',
        sub: null,
        organisation: null,
        clientAddress: '198.51.100.7',
        outcome: 'denied',
        reason: 'token_invalid',
        count: 3,
      },
      {
        day: '2026-03-29',
        sub: 'nurse-1',
        organisation: GRENAA,
        clientAddress: '198.51.100.8',
        outcome: 'denied',
        reason: 'not_found',
        count: 2,
      },
      {
        day: '2026-03-29',
        sub: 'nurse-1',
        organisation: GRENAA,
        clientAddress: '198.51.100.8',
        outcome: 'failed',
        reason: 'internal_error',
        count: 1,
      },
    ]);
    expect(answer.groups[1]).toMatchObject({ actor: null, first: '2026-03-28T23:30:00.000Z', last: '2026-03-28T23:32:00.000Z' });
    expect(answer.groups[2]?.actor).toEqual({ issuer: 'https://issuer.test', sub: 'nurse-1', role: 'doctor' });
    expect(answer.bursts).toEqual([]);
    expect(answer.truncated).toBe(false);

    const [read] = await s.db.query<{ outcome: string; detail: string; resource_type: string }>(
      "select outcome, detail, resource_type from audit_log where action = 'audit.refusals.read' and outcome = 'ok' order by id desc limit 1",
    );
    expect(read).toEqual({ outcome: 'ok', detail: '2026-03-29..2026-03-30', resource_type: 'audit_log' });
  });

  it('name no citizen: not the pseudonym in the lines, nor anything else of them', async () => {
    await writeLines(s.db, [{ at: '2026-02-10T10:00:00Z', sub: 'nurse-2', patientKey: 'pseudonym-of-a-citizen-0123456789' }]);
    const response = await s.request('GET', '/v1/audit/refusals?from=2026-02-10&to=2026-02-10', { token: coordinator() });
    expect(response.status).toBe(200);
    expect(JSON.stringify(response.body)).not.toContain('pseudonym-of-a-citizen');
    expect(response.body.groups).toHaveLength(1);
  });

  it('find the bursts: more than 20 from one actor or address within 10 minutes, overlapping windows as one', async () => {
    await writeLines(s.db, [
      // 21 in 10 minutes from one actor, over two addresses: a burst of the actor, not of either address.
      ...series(11, '2026-01-05T09:00:00Z', 30, { sub: 'burst-actor', ip: '203.0.113.1' }),
      ...series(10, '2026-01-05T09:05:30Z', 30, { sub: 'burst-actor', ip: '203.0.113.2' }),
      // Exactly 20 in 10 minutes: no burst.
      ...series(20, '2026-01-05T12:00:00Z', 30, { sub: 'twenty', ip: '203.0.113.3' }),
      // 21 spread over 11 minutes (one every 33 s): no 10-minute window holds more than 20.
      ...series(21, '2026-01-05T14:00:00Z', 33, { sub: 'spread', ip: '203.0.113.4' }),
      // Without a token from one address: 30 in 5 minutes, a pause of 20 minutes, then 25 in 2 minutes: two bursts.
      ...series(30, '2026-01-05T16:00:00Z', 10, { sub: null, detail: 'token_invalid', ip: '203.0.113.5' }),
      ...series(25, '2026-01-05T16:25:00Z', 5, { sub: null, detail: 'token_expired', ip: '203.0.113.5' }),
      // 45 from one address 29 s apart: every window from the first to the 25th holds 21, so one burst of all 45.
      ...series(45, '2026-01-06T08:00:00Z', 29, { sub: null, detail: 'token_missing', ip: '203.0.113.6' }),
    ]);
    const answer = await refusals('?from=2026-01-05&to=2026-01-06');
    const brief = (b: RefusalBurst) => ({ by: b.by, who: b.actor?.sub ?? b.clientAddress, start: b.start, end: b.end, count: b.count });
    expect(answer.bursts.map(brief)).toEqual([
      { by: 'actor', who: 'burst-actor', start: '2026-01-05T09:00:00.000Z', end: '2026-01-05T09:10:00.000Z', count: 21 },
      { by: 'address', who: '203.0.113.5', start: '2026-01-05T16:00:00.000Z', end: '2026-01-05T16:04:50.000Z', count: 30 },
      { by: 'address', who: '203.0.113.5', start: '2026-01-05T16:25:00.000Z', end: '2026-01-05T16:27:00.000Z', count: 25 },
      { by: 'address', who: '203.0.113.6', start: '2026-01-06T08:00:00.000Z', end: '2026-01-06T08:21:16.000Z', count: 45 },
    ]);
    expect(answer.bursts[0]).toMatchObject({ organisation: GRENAA, clientAddress: null, actor: { sub: 'burst-actor', role: 'doctor' } });
    expect(answer.bursts[1]).toMatchObject({ actor: null, organisation: null });
    expect(answer.burstRule).toEqual({ moreThan: 20, minutes: 10 });
  });

  it("show today's real refusals: bad tokens, a role refused, a referral denied, and the burst of 21 from one actor", async () => {
    const navigator = s.token('navigator', NORDDJURS);
    const doctor = s.token('doctor', GRENAA);
    const citizen = referral({ patient: { ...referral().patient, cpr: KAREN } });
    const created = await s.request('POST', '/v1/referrals', {
      token: doctor,
      body: citizen,
      headers: { 'idempotency-key': key() },
    });
    expect(created.status).toBe(201);
    for (let i = 0; i < 21; i++) expect((await s.request('GET', '/v1/audit/refusals', { token: navigator })).status).toBe(403);
    expect((await s.request('GET', '/v1/referrals/00000000-0000-4000-8000-000000000000', { token: doctor })).status).toBe(404);
    expect((await s.request('GET', '/v1/referrals', { token: 'not-a-token' })).status).toBe(401);
    // Another organisation's navigator (Syddjurs serves no Norddjurs practice): not Norddjurs's coordinator's to see.
    expect((await s.request('GET', '/v1/audit/refusals', { token: s.token('navigator', SYDDJURS) })).status).toBe(403);

    const answer = await refusals('');
    const navigatorRefused = answer.groups.find((g) => g.actor?.sub === 'demo-navigator' && g.reason === 'role_not_allowed');
    expect(navigatorRefused).toMatchObject({ organisation: NORDDJURS, outcome: 'refused', clientAddress: '127.0.0.1' });
    expect(navigatorRefused?.count).toBeGreaterThanOrEqual(21);
    expect(answer.groups.find((g) => g.actor?.sub === 'demo-doctor' && g.reason === 'not_found')).toMatchObject({ outcome: 'denied' });
    expect(answer.groups.find((g) => g.actor === null && g.reason === 'token_invalid')).toBeTruthy();
    expect(answer.groups.some((g) => g.organisation === SYDDJURS)).toBe(false);
    const burst = answer.bursts.find((b) => b.by === 'actor' && b.actor?.sub === 'demo-navigator');
    expect(burst?.count).toBeGreaterThanOrEqual(21);
    expect(answer.bursts.some((b) => b.by === 'address' && b.clientAddress === '127.0.0.1')).toBe(true);
    expect(answer.period.from < answer.period.to).toBe(true);
    expect(answer.byDay).toHaveLength(7);
    for (const personal of [KAREN, KAREN.replace('-', ''), citizen.patient.name]) expect(JSON.stringify(answer)).not.toContain(personal);
  });

  it('refuse a period backwards, longer than 92 days or not of dates, as 400 invalid_query', async () => {
    const bad = async (query: string, code: string) => {
      const response = await s.request('GET', `/v1/audit/refusals${query}`, { token: coordinator() });
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('invalid_query');
      expect(response.body.errors[0].code).toBe(code);
    };
    await bad('?from=2026-03-02&to=2026-03-01', 'invalid_period');
    await bad('?from=2026-01-01&to=2026-04-03', 'period_too_long');
    await bad('?from=2026-02-30', 'invalid_date');
    await bad('?to=29-03-2026', 'invalid_date');
    await bad('?from=2026-01-01&sort=oldest', 'unknown_field');
    // 92 days is the most: 1 January to 2 April.
    expect((await refusals('?from=2026-01-01&to=2026-04-02')).byDay).toHaveLength(92);
  });
});
