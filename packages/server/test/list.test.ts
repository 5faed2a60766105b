import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, storages, type TestServer } from './harness.js';
import { AUNING, GRENAA, KAREN, NORDDJURS, OLE, OSTERBRO, SYDDJURS, key, referral } from './fixtures.js';

describe.each(storages)('listing referrals on %s', (kind) => {
  let s: TestServer;
  const ids: Record<string, string[]> = { [GRENAA]: [], [AUNING]: [], [OSTERBRO]: [] };

  beforeAll(async () => {
    s = await startTestServer(kind);
    for (const [practice, cpr, n] of [
      [GRENAA, KAREN, 3],
      [GRENAA, OLE, 2],
      [AUNING, KAREN, 2],
      [OSTERBRO, OLE, 1],
    ] as const) {
      for (let i = 0; i < n; i++) {
        const body = referral({ patient: { cpr, name: cpr === KAREN ? 'Karen Jensen' : 'Ole Madsen' } });
        const created = await s.request('POST', '/v1/referrals', {
          token: s.token('nurse', practice),
          body,
          headers: { 'idempotency-key': key() },
        });
        ids[practice]!.push(created.body.id);
      }
    }
  });
  afterAll(() => s.close());

  const list = (query: string, token: string) => s.request('GET', `/v1/referrals${query}`, { token });
  const all = async (query: string, token: string) => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await list(`${query}${query ? '&' : '?'}limit=2${cursor ? `&cursor=${cursor}` : ''}`, token);
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items.map((r: { id: string }) => r.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    return seen;
  };

  it('gives a practice its own referrals, newest first, page by page, each once', async () => {
    const seen = await all('', s.token('doctor', GRENAA));
    expect(seen).toEqual([...ids[GRENAA]!].reverse());
  });

  it("gives a patient-context token only that patient's referrals", async () => {
    const response = await list('', s.token('doctor', GRENAA, OLE));
    expect(response.body.items.map((r: { id: string }) => r.id)).toEqual(ids[GRENAA]!.slice(3).reverse());
  });

  it('gives navigators the practices their organisation serves, and nothing to others', async () => {
    const seen = await all('', s.token('navigator', NORDDJURS));
    expect(new Set(seen)).toEqual(new Set([...ids[GRENAA]!, ...ids[AUNING]!]));
    expect((await list('', s.token('navigator', SYDDJURS))).body.items).toEqual([]);
    expect((await list(`?practice=${OSTERBRO}`, s.token('navigator', NORDDJURS))).body.items).toEqual([]);
    expect((await all(`?practice=${AUNING}`, s.token('coordinator', NORDDJURS))).sort()).toEqual([...ids[AUNING]!].sort());
  });

  it('filters by status and by creation time', async () => {
    const navigator = s.token('navigator', NORDDJURS);
    const first = ids[AUNING]![0]!;
    await s.request('POST', `/v1/referrals/${first}/transitions`, { token: navigator, body: { to: 'received' } });
    expect((await list('?status=received', navigator)).body.items.map((r: { id: string }) => r.id)).toEqual([first]);
    expect((await list('?status=received,sent', navigator)).body.items).toHaveLength(7);
    const today = new Date().toISOString().slice(0, 10);
    expect((await all(`?from=${today}&to=${today}`, navigator)).length).toBe(7);
    expect((await list('?to=2020-01-01', navigator)).body.items).toEqual([]);
    expect((await list(`?from=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`, navigator)).body.items).toEqual([]);
  });

  it('filters by reason, and sorts oldest first page by page', async () => {
    const navigator = s.token('navigator', NORDDJURS);
    const grief = await s.request('POST', '/v1/referrals', {
      token: s.token('doctor', AUNING),
      body: referral({ reasons: ['grief_or_loss'] }),
      headers: { 'idempotency-key': key() },
    });
    try {
      expect((await list('?reason=grief_or_loss', navigator)).body.items.map((r: { id: string }) => r.id)).toEqual([grief.body.id]);
      expect(await all('?reason=loneliness', navigator)).not.toContain(grief.body.id);
      const oldest = await all('?sort=oldest', navigator);
      const newest = await all('', navigator);
      expect(oldest).toEqual([...newest].reverse());
      expect(oldest.at(-1)).toBe(grief.body.id);
    } finally {
      await s.db.exec(`delete from referrals where id = '${grief.body.id}'`);
    }
  });

  describe('search (POST, so names and CPR numbers stay out of URLs)', () => {
    const search = (body: Record<string, string>, token: string) => s.request('POST', '/v1/referrals/search', { token, body });
    const found = (response: { body: { items: { id: string }[] } }) => response.body.items.map((r) => r.id).sort();

    it('finds citizens by part of the name, in any case, and by the whole CPR number', async () => {
      const navigator = s.token('navigator', NORDDJURS);
      const karen = [...ids[GRENAA]!.slice(0, 3), ...ids[AUNING]!].sort();
      expect(found(await search({ text: 'karen' }, navigator))).toEqual(karen);
      expect(found(await search({ text: 'JENS' }, navigator))).toEqual(karen);
      expect(found(await search({ text: KAREN }, navigator))).toEqual(karen);
      expect(found(await search({ text: KAREN.replace('-', '') }, navigator))).toEqual(karen);
      expect(found(await search({ text: 'Ole', practice: GRENAA }, navigator))).toEqual(ids[GRENAA]!.slice(3).sort());
      expect((await search({ text: '%' }, navigator)).body.items).toEqual([]);
    });

    it("finds nothing outside the caller's practices", async () => {
      expect((await search({ text: 'Ole' }, s.token('navigator', SYDDJURS))).body.items).toEqual([]);
      expect(found(await search({ text: 'Ole' }, s.token('doctor', OSTERBRO)))).toEqual(ids[OSTERBRO]!);
    });

    it('pages like the list, and audits each hit as a search', async () => {
      const navigator = s.token('navigator', NORDDJURS);
      const first = await search({ text: 'Karen', limit: '2' }, navigator);
      const second = await search({ text: 'Karen', limit: '2', cursor: first.body.nextCursor }, navigator);
      expect(second.status).toBe(200);
      expect(new Set([...found(first), ...found(second)]).size).toBe(4);
      expect((await search({ text: 'Ole', limit: '2', cursor: first.body.nextCursor }, navigator)).body.code).toBe('invalid_cursor');
      const before = await s.count("audit_log where action = 'referral.search'");
      await search({ text: 'Karen' }, navigator);
      expect(await s.count("audit_log where action = 'referral.search'")).toBe(before + 5);
      // Also a search that finds no one leaves a trace, with the citizen's pseudonym, never the number.
      const queries = await s.count("audit_log where action = 'referral.search.query'");
      await search({ text: '311299-9996' }, s.token('navigator', SYDDJURS));
      expect(
        await s.count("audit_log where action = 'referral.search.query' and detail = 'hits=0' and patient_key is not null"),
      ).toBeGreaterThanOrEqual(1);
      expect(await s.count("audit_log where action = 'referral.search.query'")).toBe(queries + 1);
      expect(await s.count("audit_log where detail like '%311299%'")).toBe(0);
    });

    it('refuses a text in the URL, and an empty or unknown field in the body', async () => {
      expect((await list('?text=Karen', s.token('navigator', NORDDJURS))).body).toMatchObject({ code: 'invalid_query' });
      expect((await search({ text: '' }, s.token('navigator', NORDDJURS))).body).toMatchObject({ code: 'validation_failed' });
      expect((await search({ name: 'Karen' }, s.token('navigator', NORDDJURS))).body).toMatchObject({ code: 'validation_failed' });
    });
  });

  it.each([
    ['?status=lost', 'invalid_query', 'status'],
    ['?reason=boredom', 'invalid_query', 'reason'],
    ['?limit=0', 'invalid_query', 'limit'],
    ['?limit=101', 'invalid_query', 'limit'],
    ['?from=yesterday', 'invalid_query', 'from'],
    ['?to=2026-02-30', 'invalid_query', 'to'],
    ['?sort=name', 'invalid_query', 'sort'],
    ['?cursor=garbage', 'invalid_cursor', undefined],
  ])('refuses %s with 400 %s', async (query, code, path) => {
    const response = await list(query, s.token('doctor', GRENAA));
    expect(response).toMatchObject({ status: 400, body: { code } });
    if (path) expect(response.body.errors[0].path).toBe(path);
  });

  it('refuses a cursor taken from a list with other filters', async () => {
    const token = s.token('doctor', GRENAA);
    const page = await list('?limit=1', token);
    expect((await list(`?limit=1&status=sent&cursor=${page.body.nextCursor}`, token)).body.code).toBe('invalid_cursor');
  });

  it('audits each listed referral as a read', async () => {
    const before = await s.count("audit_log where action = 'referral.list'");
    await list('?limit=3', s.token('doctor', GRENAA));
    expect(await s.count("audit_log where action = 'referral.list'")).toBe(before + 3);
  });
});
