import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { danishOffsetPeriods, hsdsTableColumns, type HsdsImportReport } from '@henvis/contracts';
import { describe, expect, it } from 'vitest';
import { storages, suiteServer, type UntypedJson } from './harness.js';
import { GRENAA, NORDDJURS, SYDDJURS } from './fixtures.js';

describe.each(storages)('the offers catalogue on %s', (kind) => {
  const s = suiteServer(kind);
  const navigator = () => s.token('navigator', NORDDJURS);
  const coordinator = () => s.token('coordinator', NORDDJURS);
  const names = async (query = '', token = navigator()) =>
    ((await s.request('GET', `/v1/offers${query}`, { token })).body.items as { service: { name: string } }[]).map((o) => o.service.name);

  it('holds the Norddjurs demo catalogue and searches it by category, area, weekday, time and text', async () => {
    expect((await names()).length).toBeGreaterThanOrEqual(8);
    expect(await names('?category=choir')).toEqual(['Syng med i koret']);
    expect(await names('?area=Allingåbro')).toEqual(['Værkstedet']);
    expect(await names('?area=8963')).toEqual(['Syng med i koret']);
    expect(await names('?weekday=TH&time=18:00')).toEqual(['Fællesspisning']);
    expect(await names('?weekday=TH&time=10:00&area=grenaa')).toEqual(['Gåture for alle', 'Motion for seniorer']);
    expect(await names('?q=strik')).toEqual(['Strikkecafé']);
    expect(await s.request('GET', '/v1/offers?time=25:00', { token: navigator() })).toMatchObject({
      status: 400,
      body: { code: 'invalid_query', errors: [{ path: 'time' }] },
    });
    expect(await names('', s.token('navigator', SYDDJURS))).toEqual([]);
    expect((await s.request('GET', '/v1/offers', { token: s.token('doctor', GRENAA) })).status).toBe(403);
  });

  it('lets coordinators create, edit and retire offers, with the organisation\u2019s agreement on receiving citizens', async () => {
    const offer = {
      organization: { name: 'Ørsted Petanqueklub' },
      service: { name: 'Petanque i parken', description: 'Petanque for alle, kugler kan lånes.' },
      location: { address: { address1: 'Parkvej 1', postalCode: '8950', city: 'Ørsted' } },
      schedules: [{ byDay: ['SA'], opensAt: '10:00', closesAt: '12:00' }],
      contacts: [{ name: 'Hanne Friis', phone: '+45 30 30 30 30' }],
      categories: ['physical_activity', 'community'],
      receptionAgreement: 'Et medlem tager imod nye ved banen.',
    };
    expect((await s.request('POST', '/v1/offers', { token: navigator(), body: offer })).body.code).toBe('role_not_allowed');
    const [refused] = await s.db.query<{ n: number }>(
      "select count(*)::int as n from audit_log where action = 'offer.write' and outcome = 'refused' and detail = 'role_not_allowed'",
    );
    expect(refused!.n).toBe(1); // refused attempts are audited, as everywhere
    const created = await s.request('POST', '/v1/offers', { token: coordinator(), body: offer });
    expect(created).toMatchObject({
      status: 201,
      body: { service: { name: 'Petanque i parken', status: 'active' }, receptionAgreement: offer.receptionAgreement },
    });
    expect(created.body.location.id).toMatch(/^[0-9a-f-]{36}$/);
    const edited = await s.request('PUT', `/v1/offers/${created.body.id}`, {
      token: coordinator(),
      body: { ...offer, schedules: [{ byDay: ['SU'], opensAt: '10:00', closesAt: '12:00' }] },
    });
    expect(edited.body).toMatchObject({ id: created.body.id, location: { id: created.body.location.id }, schedules: [{ byDay: ['SU'] }] });
    expect(await names('?weekday=SU')).toContain('Petanque i parken');
    await s.request('POST', `/v1/offers/${created.body.id}/retire`, { token: coordinator() });
    expect(await names()).not.toContain('Petanque i parken');
    expect(await names('?includeRetired=true', coordinator())).toContain('Petanque i parken');
    expect((await s.request('GET', `/v1/offers/${created.body.id}`, { token: s.token('coordinator', SYDDJURS) })).status).toBe(404);
    expect(
      await s.request('POST', '/v1/offers', {
        token: coordinator(),
        body: { ...offer, location: { address: { address1: 'X', postalCode: '85', city: 'Grenaa' } } },
      }),
    ).toMatchObject({
      status: 400,
      body: { errors: [{ path: 'location.address.postalCode', message: 'Postal code must be 4 digits.' }] },
    });
    // Categories come from the one list; what it has no word for is the note's.
    expect(await s.request('POST', '/v1/offers', { token: coordinator(), body: { ...offer, categories: ['petanque'] } })).toMatchObject({
      status: 400,
      body: { errors: [{ path: 'categories.0', code: 'invalid_value' }] },
    });
    const noted = await s.request('POST', '/v1/offers', {
      token: coordinator(),
      body: { ...offer, categories: ['physical_activity', 'other'], categoryNote: 'Petanque' },
    });
    expect(noted.body).toMatchObject({ categories: ['physical_activity', 'other'], categoryNote: 'Petanque' });
    expect(await names('?q=petanque')).toContain('Petanque i parken');
    expect(await names('?category=other')).toEqual(['Petanque i parken']);
    expect((await s.request('GET', '/v1/offers?category=petanque', { token: navigator() })).status).toBe(400);
  });
});

describe.each(storages)('offers linked to a course on %s', (kind) => {
  const s = suiteServer(kind);
  const navigator = () => s.token('navigator', NORDDJURS);

  it('links an offer, follows it from proposed to started (the referral becomes "linked") to attending at 3 months', async () => {
    const doctor = s.token('doctor', GRENAA);
    const id = (
      await s.request('POST', '/v1/referrals', {
        token: doctor,
        body: (await import('./fixtures.js')).referral(),
        headers: { 'idempotency-key': `offer-${Date.now()}` },
      })
    ).body.id;
    const link = (body: unknown, token = navigator()) => s.request('POST', `/v1/referrals/${id}/offer-links`, { token, body });
    const [walk] = (await s.request('GET', '/v1/offers?category=walking', { token: navigator() })).body.items;
    expect((await link({ offerId: walk.id })).body.code).toBe('referral_not_accepted');
    for (const to of ['received', 'accepted', 'contacted', 'plan_made'])
      await s.request('POST', `/v1/referrals/${id}/transitions`, { token: navigator(), body: { to } });

    const proposed = await link({ offerId: walk.id });
    expect(proposed).toMatchObject({
      status: 201,
      body: { offerName: 'Gåture for alle', state: 'proposed', history: [{ state: 'proposed', by: { name: 'Sofie Kjær' } }] },
    });
    const move = (state: string) =>
      s.request('POST', `/v1/referrals/${id}/offer-links/${proposed.body.id}/state`, { token: navigator(), body: { state } });
    expect((await move('attending_3_months')).body.code).toBe('offer_link_state_invalid');
    expect((await move('started')).body.state).toBe('started');
    expect((await s.request('GET', `/v1/referrals/${id}`, { token: doctor })).body.status).toBe('linked');
    expect((await move('attending_3_months')).body.code).toBe('offer_link_state_invalid'); // not 3 months yet
    await s.db.query(
      `update offer_links set history = jsonb_set(history, '{1,at}', to_jsonb((now() - interval '3 months 1 day')::text)) where id = $1`,
      [proposed.body.id],
    );
    expect((await move('attending_3_months')).body.state).toBe('attending_3_months');
    expect((await move('stopped')).body.state).toBe('stopped');
    expect((await move('started')).body.code).toBe('offer_link_state_invalid');
    const list = await s.request('GET', `/v1/referrals/${id}/offer-links`, { token: doctor });
    expect(list.body.items[0].history.map((h: { state: string }) => h.state)).toEqual([
      'proposed',
      'started',
      'attending_3_months',
      'stopped',
    ]);

    const retired = (
      await s.request('POST', '/v1/offers', {
        token: s.token('coordinator', NORDDJURS),
        body: { organization: { name: 'Lukket' }, service: { name: 'Lukket hold' }, schedules: [], contacts: [], categories: ['other'] },
      })
    ).body;
    await s.request('POST', `/v1/offers/${retired.id}/retire`, { token: s.token('coordinator', NORDDJURS) });
    expect((await link({ offerId: retired.id })).body.code).toBe('offer_not_found');
    expect((await link({ offerId: walk.id }, doctor)).status).toBe(403);
    expect((await link({ offerId: walk.id }, s.token('navigator', SYDDJURS))).status).toBe(404);
  });
});

describe('the catalogue as Open Referral HSDS 3.1', () => {
  const s = suiteServer('pglite');
  const schemaFile = fileURLToPath(new URL('../../../../shared/standards/hsds-3.1/schema/compiled/service.json', import.meta.url));

  it('exports every offer as an HSDS service page, the same on every export', async () => {
    const exported = await s.request('GET', '/v1/offers/export/hsds', { token: s.token('navigator', NORDDJURS) });
    expect(exported.headers.get('content-disposition')).toContain('henvis-offers-hsds.json');
    const page = exported.body;
    expect(page).toMatchObject({ page_number: 1, total_pages: 1, first_page: true, last_page: true, empty: false });
    expect(page.total_items).toBe(page.contents.length);
    const walk = page.contents.find((service: { name: string }) => service.name === 'Gåture for alle');
    expect(walk).toMatchObject({
      status: 'active',
      organization: { name: 'Grenaa Gåklub' },
      // Once per period of one UTC offset in Denmark, a year ahead at least: HSDS's `timezone` is a fixed offset.
      schedules: danishOffsetPeriods(new Date(), 3).map((period) => ({
        freq: 'WEEKLY',
        byday: 'TU,TH',
        opens_at: '10:00:00',
        closes_at: '11:30:00',
        valid_from: period.from,
        valid_to: period.to,
        timezone: period.offsetHours,
        attributes: [{ link_entity: 'schedule', taxonomy_term: { code: 'Europe/Copenhagen' } }],
      })),
      service_at_locations: [
        {
          location: {
            location_type: 'physical',
            addresses: [
              { address_1: 'Færgevej 4', postal_code: '8500', city: 'Grenaa', state_province: 'Region Midtjylland', country: 'DK' },
            ],
          },
        },
      ],
      contacts: [{ name: 'Kirsten Holm', phones: [{ number: '+45 21 43 65 87' }] }],
    });
    expect(walk.attributes.map((a: { taxonomy_term: { code: string } }) => a.taxonomy_term.code)).toEqual([
      'walking',
      'physical_activity',
      'community',
    ]);
    expect((await s.request('GET', '/v1/offers/export/hsds', { token: s.token('navigator', NORDDJURS) })).body).toEqual(page);
    expect((await s.request('GET', '/v1/offers/export/hsds', { token: s.token('doctor', GRENAA) })).status).toBe(403);
  });

  it.skipIf(!existsSync(schemaFile))("is valid against HSDS 3.1's compiled service schema", async () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    ajv.addFormat('csv', true);
    const validate = ajv.compile(JSON.parse(readFileSync(schemaFile, 'utf8')));
    const page = (await s.request('GET', '/v1/offers/export/hsds', { token: s.token('navigator', NORDDJURS) })).body;
    for (const service of page.contents) expect(validate(service) ? [] : validate.errors, service.name).toEqual([]);
  });
});

describe.each(storages)('importing Open Referral HSDS 3.1 on %s', (kind) => {
  const s = suiteServer(kind);
  const exportFrom = async (org: string) => (await s.request('GET', '/v1/offers/export/hsds', { token: s.token('navigator', org) })).body;
  const importInto = (body: unknown, query = '') =>
    s.request('POST', `/v1/offers/import/hsds${query}`, { token: s.token('coordinator', SYDDJURS), body });

  it("takes another catalogue's export: creates, then updates the same services, and a dry run changes nothing", async () => {
    const page = await exportFrom(NORDDJURS);
    const dry = await importInto(page, '?dryRun=true');
    expect(dry.body).toMatchObject({ dryRun: true, created: page.contents.length, updated: 0, unchanged: 0, rejected: [] });
    // The dry run names each offer it would add.
    expect(dry.body.offers).toEqual(
      page.contents.map((c: { id: string; name: string }, i: number) => ({
        row: i + 1,
        serviceId: c.id,
        name: c.name,
        outcome: 'created',
      })),
    );
    expect((await s.request('GET', '/v1/offers', { token: s.token('navigator', SYDDJURS) })).body.items).toEqual([]);
    expect((await importInto(page)).body).toMatchObject({ created: page.contents.length, updated: 0, rejected: [] });
    // The same file again changes nothing: each offer is left alone, and not written again.
    const lastWrite = async () =>
      (await s.db.query<{ at: Date }>('select max(updated_at) as at from offers where navigator_org_id = $1', [SYDDJURS]))[0]!.at;
    const written = await lastWrite();
    expect((await importInto(page.contents)).body).toMatchObject({ created: 0, updated: 0, unchanged: page.contents.length });
    expect(await lastWrite()).toEqual(written);

    // A file with one offer changed and one new: the dry run says which is which, and what changes.
    const changed = structuredClone(page.contents) as Record<string, UntypedJson>[];
    changed[0]!.schedules = changed[0]!.schedules.map((schedule: UntypedJson) => ({ ...schedule, opens_at: '08:00:00' }));
    const fresh = { ...structuredClone(changed[1]!), id: '7d6f0e9a-1b2c-4d3e-8f4a-5b6c7d8e9f00', name: 'Ny strikkeklub' };
    const report = (await importInto([...changed, fresh], '?dryRun=true')).body as HsdsImportReport;
    const count: number = page.contents.length;
    expect(report).toMatchObject({ created: 1, updated: 1, unchanged: count - 1 });
    expect(report.offers.filter((o) => o.outcome !== 'unchanged')).toEqual([
      { row: 1, serviceId: changed[0]!.id, name: changed[0]!.name, outcome: 'updated', changed: ['schedules'] },
      { row: count + 1, serviceId: fresh.id, name: 'Ny strikkeklub', outcome: 'created' },
    ]);
    const choir = (await s.request('GET', '/v1/offers?category=choir', { token: s.token('navigator', SYDDJURS) })).body.items;
    expect(choir.map((o: { service: { name: string } }) => o.service.name)).toEqual(['Syng med i koret']);
    expect((await exportFrom(SYDDJURS)).contents.map((c: { id: string }) => c.id).sort()).toEqual(
      page.contents.map((c: { id: string }) => c.id).sort(),
    );
    expect((await s.request('POST', '/v1/offers/import/hsds', { token: s.token('navigator', SYDDJURS), body: page })).status).toBe(403);
  });

  it("reads another directory's categories onto the one list, by code or by name, and keeps the rest in the note", async () => {
    const [service] = structuredClone((await exportFrom(NORDDJURS)).contents) as Record<string, UntypedJson>[];
    const term = (code: string, name: string) => ({
      id: '6c6c6c6c-0000-4000-8000-00000000000' + String(code.length % 10),
      link_type: 'service',
      taxonomy_term: { id: '6c6c6c6c-0000-4000-8000-0000000000aa', code, name, description: name, taxonomy: 'their-own' },
    });
    service!.id = '6c6c6c6c-0000-4000-8000-000000000001';
    service!.name = 'Andres gåtur';
    service!.attributes = [term('W1', 'Walks'), term('kor', 'Kor og sang'), term('P9', 'Petanque'), term('nature', 'Outdoors')];
    const report = (await importInto([service])).body as HsdsImportReport;
    expect(report).toMatchObject({ created: 1, rejected: [] });
    const [imported] = (await s.request('GET', '/v1/offers?q=Andres', { token: s.token('navigator', SYDDJURS) })).body.items;
    expect(imported).toMatchObject({ categories: ['walking', 'choir', 'nature'], categoryNote: 'Petanque' });

    // Our own export carries the note as the value of an attribute on the term "other", and reads it back as it was.
    const again = (await exportFrom(SYDDJURS)).contents.find((c: { name: string }) => c.name === 'Andres gåtur');
    expect(again.attributes.map((a: UntypedJson) => [a.link_type, a.taxonomy_term.code, a.value])).toEqual([
      ['service', 'walking', undefined],
      ['service', 'choir', undefined],
      ['service', 'nature', undefined],
      ['category_note', 'other', 'Petanque'],
    ]);
    expect((await importInto([again], '?dryRun=true')).body).toMatchObject({ unchanged: 1, updated: 0 });
  });

  it('names each bad row and field of a broken file, and still takes the good rows', async () => {
    const page = await exportFrom(NORDDJURS);
    const rows = structuredClone(page.contents) as Record<string, UntypedJson>[];
    rows[1]!.service_at_locations[0].location.addresses[0].postal_code = 'ABC';
    delete rows[2]!.name;
    rows[3]!.status = 'closed forever';
    rows[4]!.schedules[0].opens_at = '25:99';
    const report = (await importInto([...rows, 'not a service'])).body as HsdsImportReport;
    expect(report.created + report.updated + report.unchanged).toBe(rows.length - 4);
    expect(report.rejected.map((r: { row: number; errors: { field: string }[] }) => [r.row, r.errors.map((e) => e.field)])).toEqual([
      [2, ['service_at_locations[0].location.addresses[0].postal_code']],
      [3, ['name']],
      [4, ['status']],
      [5, ['schedules[0].opens_at']],
      [rows.length + 1, ['organization.name', 'name']],
    ]);
    expect(report.rejected[0]).toMatchObject({
      serviceId: rows[1]!.id,
      name: rows[1]!.name,
      errors: [{ code: 'invalid_postal_code', message: 'Postal code must be 4 digits.' }],
    });
    // In Danish for the Danish inbox: "Required." is "Skal udfyldes.".
    const danish = (await importInto([...rows, 'not a service'], '?dryRun=true&locale=da')).body as HsdsImportReport;
    expect(danish.rejected.map((r) => r.errors.map((e) => e.message))).toEqual([
      ['Postnummer skal være 4 cifre.'],
      ['Skal udfyldes.'],
      [expect.stringMatching(/^Skal være en af: /)],
      ['Tidspunkt skal være TT:MM.'],
      ['Skal udfyldes.', 'Skal udfyldes.'],
    ]);
    expect((await importInto(rows, '?locale=de')).status).toBe(400);
    expect((await importInto({ services: [] })).body).toMatchObject({ code: 'validation_failed', errors: [{ path: 'contents' }] });
  });
});

describe('the catalogue as the HSDS tabular data package', () => {
  const s = suiteServer('pglite');
  const exampleCsv = (table: string) =>
    fileURLToPath(new URL(`../../../../shared/standards/hsds-3.1/examples/csv/${table}.csv`, import.meta.url));

  it("zips one CSV per HSDS table, with HSDS's columns, and a datapackage.json that lists them", async () => {
    const response = await fetch(`${s.url}/v1/offers/export/hsds.zip`, {
      headers: { authorization: `Bearer ${s.token('navigator', NORDDJURS)}` },
    });
    expect(response.headers.get('content-type')).toBe('application/zip');
    const files = unzipSync(new Uint8Array(await response.arrayBuffer()));
    const text = (name: string) => strFromU8(files[name]!);
    const datapackage = JSON.parse(text('datapackage.json'));
    expect(datapackage.profile).toBe('tabular-data-package');
    expect(datapackage.resources.map((r: { path: string }) => r.path).sort()).toEqual(
      Object.keys(files)
        .filter((f) => f.endsWith('.csv'))
        .sort(),
    );

    const page = (await s.request('GET', '/v1/offers/export/hsds', { token: s.token('navigator', NORDDJURS) })).body;
    const lines = (name: string) => text(name).split('\r\n').filter(Boolean);
    const services: number = page.contents.length;
    expect(lines('services.csv')).toHaveLength(services + 1);
    for (const table of Object.keys(hsdsTableColumns)) {
      const header = lines(`${table}.csv`)[0];
      expect(header).toBe(hsdsTableColumns[table as keyof typeof hsdsTableColumns].join(','));
      if (existsSync(exampleCsv(table))) expect(header, table).toBe(readFileSync(exampleCsv(table), 'utf8').split(/\r?\n/)[0]);
    }
    const walk = page.contents.find((c: { name: string }) => c.name === 'Gåture for alle');
    expect(lines('schedules.csv').find((l) => l.startsWith(walk.schedules[0].id))).toContain(',"TU,TH",');
    expect(lines('phones.csv').join('\n')).toContain('+45 21 43 65 87');
  });
});

describe.each(storages)('importing the HSDS tabular data package on %s', (kind) => {
  const s = suiteServer(kind);
  const exportZip = async () =>
    unzipSync(
      new Uint8Array(
        await (
          await fetch(`${s.url}/v1/offers/export/hsds.zip`, { headers: { authorization: `Bearer ${s.token('navigator', NORDDJURS)}` } })
        ).arrayBuffer(),
      ),
    );
  const importZip = async (files: Record<string, Uint8Array>, query = '') => {
    const response = await fetch(`${s.url}/v1/offers/import/hsds.zip${query}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${s.token('coordinator', SYDDJURS)}`, 'content-type': 'application/zip' },
      body: Buffer.from(zipSync(files)),
    });
    return { status: response.status, body: (await response.json()) as UntypedJson };
  };

  it("takes another catalogue's CSV export, and names each refused row by file, line and column", async () => {
    const files = await exportZip();
    const count = strFromU8(files['services.csv']!).split('\r\n').filter(Boolean).length - 1;
    expect((await importZip(files, '?dryRun=true')).body).toMatchObject({ dryRun: true, created: count, updated: 0, rejected: [] });
    expect((await importZip(files)).body).toMatchObject({ created: count, rejected: [] });
    const walk = (await s.request('GET', '/v1/offers?category=walking', { token: s.token('navigator', SYDDJURS) })).body.items[0];
    expect(walk).toMatchObject({
      service: { name: 'Gåture for alle' },
      schedules: [{ byDay: ['TU', 'TH'], opensAt: '10:00' }],
      location: { address: { postalCode: '8500' } },
    });

    const schedules = strFromU8(files['schedules.csv']!).split('\r\n');
    schedules[1] = schedules[1]!.replace(/,(\d{2}):(\d{2}):00,/, ',25:99:00,');
    const addresses = strFromU8(files['addresses.csv']!).split('\r\n');
    addresses[2] = addresses[2]!.replace(/,(\d{4}),DK,/, ',85x0,DK,');
    const broken = { ...files, 'schedules.csv': strToU8(schedules.join('\r\n')), 'addresses.csv': strToU8(addresses.join('\r\n')) };
    const report = (await importZip(broken, '?dryRun=true&locale=da')).body as HsdsImportReport;
    expect(
      report.rejected
        .flatMap((r) => r.errors.map(({ file, line, field, message }) => [file, line, field, message]))
        .sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    ).toEqual([
      ['addresses.csv', 3, 'postal_code', 'Postnummer skal være 4 cifre.'],
      ['schedules.csv', 2, 'opens_at', 'Tidspunkt skal være TT:MM.'],
    ]);
    expect((await importZip({ 'readme.txt': strToU8('hej') })).body).toMatchObject({
      code: 'validation_failed',
      errors: [{ path: 'services.csv' }],
    });
    const notZip = await fetch(`${s.url}/v1/offers/import/hsds.zip`, {
      method: 'POST',
      headers: { authorization: `Bearer ${s.token('coordinator', SYDDJURS)}`, 'content-type': 'application/zip' },
      body: 'not a zip',
    });
    expect(notZip.status).toBe(400);
  });
});
