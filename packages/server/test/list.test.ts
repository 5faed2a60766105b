import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { namesCitizen, parseListed } from '../src/audit/referral-list.js';
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

    it('pages like the list, and audits each search as one line naming what it found', async () => {
      const navigator = s.token('navigator', NORDDJURS);
      const first = await search({ text: 'Karen', limit: '2' }, navigator);
      const second = await search({ text: 'Karen', limit: '2', cursor: first.body.nextCursor }, navigator);
      expect(second.status).toBe(200);
      expect(new Set([...found(first), ...found(second)]).size).toBe(4);
      expect((await search({ text: 'Ole', limit: '2', cursor: first.body.nextCursor }, navigator)).body.code).toBe('invalid_cursor');
      const before = await s.count("audit_log where action = 'referral.search'");
      const hits = await search({ text: 'Karen' }, navigator);
      expect(await s.count("audit_log where action = 'referral.search'")).toBe(before + 1);
      const [line] = await lastLines('referral.search');
      expect(line).toMatchObject({ resource_type: 'referral_list', resource_id: null, patient_key: null, outcome: 'ok' });
      expect(parseListed(line!.detail)).toEqual(await listedOf(hits.body.items.map((r: { id: string }) => r.id)));
      // Also a search that finds no one leaves a trace, with the citizen's pseudonym, never the number.
      await search({ text: '311299-9996' }, s.token('navigator', SYDDJURS));
      const [none] = await lastLines('referral.search');
      expect(none).toMatchObject({ resource_type: 'referral_list', detail: null, actor_org: SYDDJURS });
      expect(none!.patient_key).toMatch(/^[0-9a-f]{32}$/);
      expect(await s.count("audit_log where action = 'referral.search'")).toBe(before + 2);
      expect(await s.count("audit_log where detail like '%311299%' or patient_key like '%311299%'")).toBe(0);
      // A search by CPR number names the citizen searched for; one by name names no one but those found.
      await search({ text: KAREN }, navigator);
      const [byCpr] = await lastLines('referral.search');
      expect(new Set(parseListed(byCpr!.detail).map((l) => l.patientKey))).toEqual(new Set([byCpr!.patient_key]));
      expect(await s.count("audit_log where detail ilike '%karen%'")).toBe(0);
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

  it('audits a page as one line naming each referral listed with its citizen, in the order listed', async () => {
    const doctor = s.token('doctor', GRENAA);
    const before = await s.count('audit_log');
    const page = await list('?limit=3', doctor);
    expect(await s.count('audit_log')).toBe(before + 1);
    const [line] = await lastLines('referral.list');
    expect(line).toMatchObject({ resource_type: 'referral_list', patient_key: null, actor_org: GRENAA, outcome: 'ok' });
    const ids = page.body.items.map((r: { id: string }) => r.id);
    expect(ids).toHaveLength(3);
    expect(parseListed(line!.detail)).toEqual(await listedOf(ids));
    // A token bound to a patient: the line is about that citizen too.
    await list('', s.token('doctor', GRENAA, OLE));
    const [patient] = await lastLines('referral.list');
    const oles = parseListed(patient!.detail);
    expect(oles).toHaveLength(2);
    expect(oles.every((l) => l.patientKey === patient!.patient_key)).toBe(true);
    // A page with nobody on it shows no personal data: no line.
    const quiet = await s.count('audit_log');
    expect((await list('?to=2020-01-01', doctor)).body.items).toEqual([]);
    expect(await s.count('audit_log')).toBe(quiet);
  });

  it("still answers who saw a citizen: the list lines that showed them, by the index, and not another citizen's", async () => {
    const navigator = s.token('navigator', NORDDJURS);
    await list('?limit=100', navigator);
    const patientOf = async (id: string) =>
      (await s.db.query<{ patient_key: string }>('select patient_key from referrals where id = $1', [id]))[0]!.patient_key;
    const karen = await patientOf(ids[AUNING]![0]!);
    const saw = (key: string) =>
      s.db.query<{ action: string; actor_org: string; resource_type: string | null }>(
        `select action, actor_org, resource_type from audit_log where ${namesCitizen('$1')} order by id`,
        [key],
      );
    const karens = await saw(karen);
    expect(karens.filter((l) => l.resource_type === 'referral_list' && l.actor_org === NORDDJURS).length).toBeGreaterThanOrEqual(1);
    // A citizen only Østerbro refers was listed to Østerbro's staff, never to Norddjurs.
    const ida = await s.request('POST', '/v1/referrals', {
      token: s.token('doctor', OSTERBRO),
      body: referral({ patient: { cpr: '150375-1234', name: 'Ida Holm' } }),
      headers: { 'idempotency-key': key() },
    });
    try {
      await list('', s.token('doctor', OSTERBRO));
      await list('?limit=100', navigator);
      const idas = await saw(await patientOf(ida.body.id));
      expect(idas.filter((l) => l.resource_type === 'referral_list').map((l) => l.actor_org)).toEqual([OSTERBRO]);
      expect(idas.some((l) => l.actor_org === NORDDJURS)).toBe(false);
    } finally {
      await s.db.query('delete from referrals where id = $1', [ida.body.id]);
    }
    expect(await saw('0'.repeat(32))).toEqual([]);
    // The condition is the one migration 026 indexes: the planner can answer it without reading the whole log.
    const plan = await s.db.transaction(async (tx) => {
      await tx.exec('set local enable_seqscan = off');
      const rows = await tx.query<Record<string, string>>(`explain select 1 from audit_log where ${namesCitizen("'x'")}`);
      return rows.map((r) => Object.values(r)[0]).join('\n');
    });
    expect(plan).toContain('audit_log_listed');
    expect(plan).toContain('audit_log_patient');
  });

  describe('the name search, on the searched form of names', () => {
    const named: Record<string, string> = {};
    beforeAll(async () => {
      for (const name of ['Søren Jørgensen', 'Åse Kjær-Nørgaard', 'RENÉ AAGAARD', 'Zoë Brontë', 'Per_Cent 100% Hansen']) {
        const created = await s.request('POST', '/v1/referrals', {
          token: s.token('doctor', AUNING),
          body: referral({ patient: { cpr: OLE, name } }),
          headers: { 'idempotency-key': key() },
        });
        named[name] = created.body.id;
      }
    });
    afterAll(() =>
      s.db.exec(
        `delete from referrals where id in (${Object.values(named)
          .map((id) => `'${id}'`)
          .join(', ')})`,
      ),
    );
    const names = async (text: string, token = s.token('navigator', NORDDJURS), filters: Record<string, string> = {}) => {
      const answer = await s.request('POST', '/v1/referrals/search', { token, body: { text, ...filters } });
      expect(answer.status).toBe(200);
      const byId = Object.fromEntries(Object.entries(named).map(([name, id]) => [id, name]));
      return answer.body.items.map((r: { id: string }) => byId[r.id] ?? r.id).sort();
    };

    it('finds a name with or without its accents and Danish letters, in any case, anywhere in it', async () => {
      expect(await names('soren')).toEqual(['Søren Jørgensen']);
      expect(await names('SØREN JØRGENSEN')).toEqual(['Søren Jørgensen']);
      expect(await names('jorgens')).toEqual(['Søren Jørgensen']);
      expect(await names('ørgen')).toEqual(['Søren Jørgensen']);
      expect(await names('rene')).toEqual(['RENÉ AAGAARD']);
      expect(await names('René Ågård')).toEqual(['RENÉ AAGAARD']);
      expect(await names('aase')).toEqual(['Åse Kjær-Nørgaard']);
      expect(await names('kjaer norgard')).toEqual(['Åse Kjær-Nørgaard']);
      expect(await names('Kjær-Nør')).toEqual(['Åse Kjær-Nørgaard']);
      expect(await names('zoe bronte')).toEqual(['Zoë Brontë']);
    });

    it('finds short texts, which have no keys, by reading the practices in order', async () => {
      expect(await names('zo')).toEqual(['Zoë Brontë']);
      expect(await names('Ø')).toEqual(expect.arrayContaining(['Søren Jørgensen', 'Åse Kjær-Nørgaard']));
    });

    it('pages a name many hold (read in order, not by its keys) like any list: newest first, each once', async () => {
      // More hits than a search reads by its keys (300): the practices are read newest first instead.
      const inserted = await s.db.query<{ id: string }>(
        `insert into referrals (id, practice_id, patient_key, status, created_at, updated_at, practice, referrer, content, flags)
         select gen_random_uuid(), $1, md5(n::text), 'sent', now() - n * interval '1 minute', now(), practice, referrer,
                jsonb_set(content, '{patient,name}', to_jsonb('Mange Manyhits nr ' || n)), flags
           from generate_series(1, 340) as n, (select practice, referrer, content, flags from referrals where id = $2) as r
         returning id`,
        [AUNING, named['Søren Jørgensen']],
      );
      try {
        const navigator = s.token('navigator', NORDDJURS);
        const pages: string[][] = [];
        let cursor: string | undefined;
        do {
          const answer = await s.request('POST', '/v1/referrals/search', {
            token: navigator,
            body: { text: 'manyhits', limit: '100', ...(cursor ? { cursor } : {}) },
          });
          expect(answer.status).toBe(200);
          pages.push(answer.body.items.map((r: { id: string }) => r.id));
          cursor = answer.body.nextCursor;
        } while (cursor);
        expect(pages.map((p) => p.length)).toEqual([100, 100, 100, 40]);
        const newestFirst = await s.db.query<{ id: string }>(
          "select id from referrals where search_name like '%manyhits%' order by created_at desc, id desc",
        );
        expect(pages.flat()).toEqual(newestFirst.map((r) => r.id));
        expect(newestFirst.map((r) => r.id).sort()).toEqual(inserted.map((r) => r.id).sort());
        // The same with the list's filters, and the old way round.
        const oldest = await s.request('POST', '/v1/referrals/search', {
          token: navigator,
          body: { text: 'Manyhits nr 1', sort: 'oldest', status: 'sent', limit: '3' },
        });
        expect(oldest.body.items.map((r: { id: string }) => r.id)).toEqual(
          (
            await s.db.query<{ id: string }>(
              "select id from referrals where search_name like '%manyhits nr 1%' order by created_at, id limit 3",
            )
          ).map((r) => r.id),
        );
        expect((await names('manyhits', s.token('navigator', SYDDJURS))).length).toBe(0);
      } finally {
        await s.db.query('delete from referrals where id = any($1::uuid[])', [inserted.map((r) => r.id)]);
      }
    });

    it("takes the list's filters beside the name, long or short", async () => {
      const navigator = s.token('navigator', NORDDJURS);
      expect(await names('soren', navigator, { status: 'sent,received' })).toEqual(['Søren Jørgensen']);
      expect(await names('soren', navigator, { status: 'closed' })).toEqual([]);
      expect(await names('zo', navigator, { status: 'sent' })).toEqual(['Zoë Brontë']);
      expect(await names('zo', navigator, { status: 'accepted' })).toEqual([]);
      expect(await names('soren', navigator, { practice: AUNING, owner: 'none', reason: 'loneliness' })).toEqual(['Søren Jørgensen']);
      expect(await names('soren', navigator, { practice: GRENAA })).toEqual([]);
      expect(await names('soren', navigator, { owner: 'me' })).toEqual([]);
      expect(await names('soren', navigator, { to: '2020-01-01' })).toEqual([]);
    });

    it('takes %, _ and \\ as themselves, and a text of only spaces and hyphens as nothing', async () => {
      expect(await names('100%')).toEqual(['Per_Cent 100% Hansen']);
      expect(await names('r_c')).toEqual(['Per_Cent 100% Hansen']);
      expect(await names('%')).toEqual(['Per_Cent 100% Hansen']);
      expect(await names('_')).toEqual(['Per_Cent 100% Hansen']);
      expect(await names('\\')).toEqual([]);
      expect(await names(' - ')).toEqual([]);
      expect(await names('Søren Jørgensenx')).toEqual([]);
    });

    it("finds nobody outside the caller's practices, however the name is written", async () => {
      expect(await names('soren', s.token('navigator', SYDDJURS))).toEqual([]);
      expect(await names('soren', s.token('doctor', GRENAA))).toEqual([]);
      expect(await names('soren', s.token('doctor', AUNING))).toEqual(['Søren Jørgensen']);
    });

    it('keeps the searched form when the name changes, and never stores the name twice in the audit log', async () => {
      const id = named['Zoë Brontë']!;
      await s.db.query(`update referrals set content = jsonb_set(content, '{patient,name}', '"Zoë Bell"') where id = $1`, [id]);
      try {
        expect(await names('bronte')).toEqual([]);
        expect(await names('zoe bell')).toEqual(['Zoë Brontë']);
      } finally {
        await s.db.query(`update referrals set content = jsonb_set(content, '{patient,name}', '"Zoë Brontë"') where id = $1`, [id]);
      }
      expect(await s.count("audit_log where detail ilike '%zo%' or detail ilike '%soren%'")).toBe(0);
    });
  });

  /** The newest audit lines of an action. */
  const lastLines = (action: string) =>
    s.db.query<{
      resource_type: string | null;
      resource_id: string | null;
      patient_key: string | null;
      detail: string | null;
      outcome: string;
      actor_org: string;
    }>(
      'select resource_type, resource_id, patient_key, detail, outcome, actor_org from audit_log where action = $1 order by id desc limit 1',
      [action],
    );
  /** The referrals of `ids` with their citizens' pseudonyms, in that order. */
  const listedOf = async (ids: string[]) => {
    const rows = await s.db.query<{ id: string; patient_key: string }>('select id, patient_key from referrals where id = any($1::uuid[])', [
      ids,
    ]);
    return ids.map((id) => ({ referralId: id, patientKey: rows.find((r) => r.id === id)!.patient_key }));
  };
});
