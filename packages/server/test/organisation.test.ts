import { describe, expect, it } from 'vitest';
import { suiteServer } from './harness.js';
import { GRENAA, NORDDJURS, SYDDJURS } from './fixtures.js';

const norddjurs = {
  id: NORDDJURS,
  name: 'Norddjurs Kommune – Socialnavigatører',
  sorCode: '563561000016007',
  gln: '5790001911010',
  phone: '+45 89 59 00 01',
};

describe("the caller's navigator organisation", () => {
  const s = suiteServer('pglite', { medcomDirectory: [norddjurs] });

  it('answers its name and its phone from the MedCom directory, to print for the citizen', async () => {
    const answer = await s.request('GET', '/v1/organisation', { token: s.token('navigator', NORDDJURS) });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ id: NORDDJURS, name: norddjurs.name, phone: '+45 89 59 00 01' });
    expect((await s.request('GET', '/v1/organisation', { token: s.token('coordinator', NORDDJURS) })).body.phone).toBe('+45 89 59 00 01');
  });

  it('answers the name the token gives and no phone where the directory has none', async () => {
    const answer = await s.request('GET', '/v1/organisation', { token: s.token('navigator', SYDDJURS) });
    expect(answer.status).toBe(200);
    expect(answer.body.id).toBe(SYDDJURS);
    expect(answer.body).not.toHaveProperty('phone');
    expect(typeof answer.body.name).toBe('string');
  });

  it('refuses practice staff, who have a practice, not a navigator organisation, and a call without a token', async () => {
    const refused = await s.request('GET', '/v1/organisation', { token: s.token('doctor', GRENAA) });
    expect([refused.status, refused.body.code]).toEqual([403, 'role_not_allowed']);
    expect((await s.request('GET', '/v1/organisation')).status).toBe(401);
  });
});
