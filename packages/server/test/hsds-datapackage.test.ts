import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { HSDS_TIME_ZONE, categoryCodes, categoryLabels, danishOffsetPeriods, hsdsResources, parseCsv } from '@henvis/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import { frictionlessErrors } from './frictionless.js';
import { suiteServer, type UntypedJson } from './harness.js';
import { NORDDJURS } from './fixtures.js';

type Files = Record<string, Uint8Array>;

/** A table of the package as rows keyed by its header. */
const table = (files: Files, name: string) => {
  const [header = [], ...records] = parseCsv(strFromU8(files[name]!));
  return records.map((values) => Object.fromEntries(header.map((column, i) => [column, values[i] ?? ''])));
};

/** The package with one table's cells changed by `edit` (a row keyed by its header; return it changed). */
function withTable(files: Files, name: string, edit: (row: Record<string, string>, index: number) => Record<string, string>): Files {
  const [header = [], ...records] = parseCsv(strFromU8(files[name]!));
  const rows = records.map((values, i) => {
    const row = edit(Object.fromEntries(header.map((column, c) => [column, values[c] ?? ''])), i);
    return header.map((column) => row[column] ?? '');
  });
  const text = [header, ...rows].map(
    (cells) => `${cells.map((c) => (/[",\r\n]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c)).join(',')}\r\n`,
  );
  return { ...files, [name]: strToU8(text.join('')) };
}

describe('the HSDS tabular data package, checked by Frictionless (datapackage-js)', () => {
  const s = suiteServer('pglite');
  let files: Files;
  beforeAll(async () => {
    const response = await fetch(`${s.url}/v1/offers/export/hsds.zip`, {
      headers: { authorization: `Bearer ${s.token('navigator', NORDDJURS)}` },
    });
    expect(response.status).toBe(200);
    files = unzipSync(new Uint8Array(await response.arrayBuffer()));
  });

  it("is valid: HSDS's own Table Schema for every table, 0 errors in types, required values, keys and foreign keys", async () => {
    const datapackage: UntypedJson = JSON.parse(strFromU8(files['datapackage.json']!));
    expect(datapackage.profile).toBe('tabular-data-package');
    // The resources are the specification's, unchanged but for the encoding, one per CSV file of the zip.
    expect(datapackage.resources.map(({ encoding, ...resource }: UntypedJson) => [encoding, resource])).toEqual(
      hsdsResources.map((resource) => ['utf-8', resource]),
    );
    expect(Object.keys(files).sort()).toEqual(['datapackage.json', ...hsdsResources.map((r) => r.path)].sort());
    expect(await frictionlessErrors(zipSync(files))).toEqual([]);
  });

  it("fills HSDS's required fields: every organisation's description, each address's Danish region", () => {
    const organizations = table(files, 'organizations.csv');
    expect(organizations.length).toBeGreaterThanOrEqual(8);
    expect(organizations.filter((o) => !o.description).map((o) => o.name)).toEqual([]);
    // Auning Seniorkor has no description in the catalogue: HSDS gets its name.
    expect(organizations.find((o) => o.name === 'Auning Seniorkor')).toMatchObject({ description: 'Auning Seniorkor' });
    const addresses = table(files, 'addresses.csv');
    expect(addresses.length).toBeGreaterThan(0);
    expect(addresses.map((a) => [a.postal_code, a.state_province, a.country])).toContainEqual(['8500', 'Region Midtjylland', 'DK']);
    expect(new Set(addresses.map((a) => a.state_province))).toEqual(new Set(['Region Midtjylland']));
  });

  it('gives every taxonomy term its taxonomy, and every schedule the Europe/Copenhagen time zone', () => {
    const taxonomies = table(files, 'taxonomies.csv');
    expect(taxonomies.map((t) => t.name).sort()).toEqual(['IANA Time Zone Database', 'henvis-categories']);
    const terms = table(files, 'taxonomy_terms.csv');
    expect(terms.filter((t) => !taxonomies.some((x) => x.id === t.taxonomy_id))).toEqual([]);
    expect(terms.find((t) => t.code === 'walking')).toMatchObject({ name: 'Gåture', language: 'da', taxonomy: 'henvis-categories' });
    // The whole category list, used or not: the Danish name, and the English one in the description (HSDS gives a
    // term one name and wants each code once).
    const categories = terms.filter((t) => t.taxonomy === 'henvis-categories');
    expect(categories.map((t) => [t.code, t.name, t.description]).sort()).toEqual(
      categoryCodes.map((code) => [code, categoryLabels.da[code], `${categoryLabels.da[code]} (en: ${categoryLabels.en[code]})`]).sort(),
    );
    // An offer's category note is the value of an attribute on the term "other".
    const note = table(files, 'attributes.csv').find((a) => a.link_type === 'category_note')!;
    expect(note).toMatchObject({ value: 'Træværksted', taxonomy_term_id: categories.find((t) => t.code === 'other')!.id });
    const zone = terms.find((t) => t.code === HSDS_TIME_ZONE)!;
    expect(zone).toMatchObject({
      name: 'Europe/Copenhagen',
      taxonomy_id: taxonomies.find((t) => t.name === 'IANA Time Zone Database')!.id,
    });

    // One row per weekly schedule and period of one UTC offset, the offset in HSDS's numeric `timezone`.
    const periods = danishOffsetPeriods(new Date(), 3);
    const services = table(files, 'services.csv');
    const walk = services.find((service) => service.name === 'Gåture for alle')!;
    const schedules = table(files, 'schedules.csv');
    expect(schedules.filter((row) => row.service_id === walk.id).map((row) => [row.valid_from, row.valid_to, row.timezone])).toEqual(
      periods.map((p) => [p.from, p.to, String(p.offsetHours)]),
    );
    expect(new Set(periods.map((p) => p.offsetHours))).toEqual(new Set([1, 2]));
    expect(schedules.find((row) => row.service_id === walk.id)).toMatchObject({
      byday: 'TU,TH',
      opens_at: '10:00:00',
      closes_at: '11:30:00',
    });
    const attributes = table(files, 'attributes.csv');
    for (const schedule of schedules)
      expect(attributes.filter((a) => a.link_id === schedule.id && a.link_entity === 'schedule').map((a) => a.taxonomy_term_id)).toEqual([
        zone.id,
      ]);
  });

  it('reports each planted fault: a missing required value, a wrong type, a value outside an enum, a broken foreign key, a wrong header', async () => {
    const organizations = withTable(files, 'organizations.csv', (row, i) => (i === 0 ? { ...row, description: '' } : row));
    expect(await frictionlessErrors(zipSync(organizations))).toEqual([
      expect.stringMatching(/^organization: row 2: .*"required" constraint for column "description"/),
    ]);

    const schedules = withTable(files, 'schedules.csv', (row, i) => (i === 1 ? { ...row, timezone: 'CET', opens_at: '10:00' } : row));
    const scheduleErrors = await frictionlessErrors(zipSync(schedules));
    expect(scheduleErrors).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^schedule: row 3: .*"CET".*"timezone".*"number"/),
        expect.stringMatching(/^schedule: row 3: .*"10:00".*"opens_at".*"time"/),
      ]),
    );

    const status = withTable(files, 'services.csv', (row, i) => (i === 0 ? { ...row, status: 'closed' } : row));
    expect(await frictionlessErrors(zipSync(status))).toEqual([
      expect.stringMatching(/^service: row 2: .*"closed" .*"enum" constraint for column "status"/),
    ]);

    const unknownTerm = '00000000-0000-4000-8000-000000000000';
    const attributes = withTable(files, 'attributes.csv', (row, i) => (i === 0 ? { ...row, taxonomy_term_id: unknownTerm } : row));
    expect(await frictionlessErrors(zipSync(attributes))).toEqual([expect.stringMatching(/^attribute: .*Foreign key "taxonomy_term_id"/)]);

    const addresses = strFromU8(files['addresses.csv']!).replace('state_province,postal_code', 'postal_code,state_province');
    expect(await frictionlessErrors(zipSync({ ...files, 'addresses.csv': strToU8(addresses) }))).toEqual([
      expect.stringMatching(/^address: the header is .*postal_code,state_province.*, not the schema's .*state_province,postal_code/),
    ]);

    const datapackage: UntypedJson = JSON.parse(strFromU8(files['datapackage.json']!));
    delete datapackage.resources[0].schema;
    expect(await frictionlessErrors(zipSync({ ...files, 'datapackage.json': strToU8(JSON.stringify(datapackage)) }))).toEqual([
      expect.stringMatching(/^datapackage\.json: Descriptor validation error:\s+Data does not match any schemas .*\s+at "\/resources\/0"/),
      'datapackage.json: Resource "organization" validation error(s)',
    ]);
  });
});
