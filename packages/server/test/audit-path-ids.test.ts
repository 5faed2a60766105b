/**
 * A refused request names what it asked for in the audit log only by an id: a path segment that is not one (a CPR
 * number typed into the address, a client that put one there) is left out, so the log holds no personal data.
 * Found by test/e2e/no-personal-data.e2e.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { storages, suiteServer } from './harness.js';
import { GRENAA, NORDDJURS, key, referral } from './fixtures.js';

const CPR = '170466-1218';

describe.each(storages)('path ids in the audit log on %s', (kind) => {
  const s = suiteServer(kind);
  const navigator = () => s.token('navigator', NORDDJURS);
  const auditRows = async () => (await s.db.query<{ row: string }>('select a::text as row from audit_log a')).map((r) => r.row);

  it('keeps a CPR number in a path out of the audit log, and audits the refusal all the same', async () => {
    const created = await s.request('POST', '/v1/referrals', {
      token: s.token('doctor', GRENAA),
      body: referral({ patient: { cpr: CPR, name: 'Gudrun Testesen' } }),
      headers: { 'idempotency-key': key() },
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const before = (await auditRows()).length;

    const refused = [
      await s.request('GET', `/v1/referrals/${CPR}`, { token: navigator() }),
      await s.request('GET', `/v1/referrals/${CPR.replace('-', '')}/messages`, { token: navigator() }),
      await s.request('POST', `/v1/referrals/${id}/consents/${CPR}/withdrawal`, { token: navigator() }),
      await s.request('POST', `/v1/referrals/${id}/offer-links/${CPR}/state`, { token: navigator(), body: { state: 'started' } }),
    ];
    expect(refused.map((r) => [r.status, r.body.code])).toEqual(refused.map(() => [404, 'not_found']));

    const rows = await auditRows();
    const written = rows.slice(before).join('\n');
    expect(rows.length - before).toBeGreaterThanOrEqual(refused.length);
    expect(written).toContain('not_found');
    expect(written).not.toContain(CPR);
    expect(written).not.toContain(CPR.replace('-', ''));
    expect(rows.join('\n')).not.toContain(CPR);

    // An id that is one is kept, found or not: the trail still says which referral was asked for.
    const unknown = '00000000-0000-4000-8000-000000000000';
    expect((await s.request('GET', `/v1/referrals/${unknown}`, { token: navigator() })).status).toBe(404);
    expect((await auditRows()).some((row) => row.includes(unknown))).toBe(true);
  });
});
