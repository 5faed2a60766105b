import { hsdsResources } from './hsds-datapackage.js';

/** The HSDS tables of the tabular data package, by file name (`organizations.csv`, …). */
export type HsdsTable =
  | 'organizations'
  | 'programs'
  | 'services'
  | 'attributes'
  | 'service_at_location'
  | 'locations'
  | 'phones'
  | 'contacts'
  | 'addresses'
  | 'schedules'
  | 'taxonomy_terms'
  | 'taxonomies';

/**
 * The HSDS 3.1 tabular data package: the same services as `offerToHsds` gives, as one CSV file per HSDS table
 * (RFC 4180, CRLF, UTF-8), with the columns of HSDS's Table Schemas in their order. Columns the catalogue has
 * nothing for stay empty.
 */
export const hsdsTableColumns: Readonly<Record<HsdsTable, readonly string[]>> = (() => {
  const columns = {} as Record<HsdsTable, readonly string[]>;
  for (const resource of hsdsResources)
    columns[resource.path.replace(/\.csv$/, '') as HsdsTable] = resource.schema.fields.map((field) => field.name);
  return columns;
})();

type Row = Record<string, unknown>;

/** A cell's text. HSDS's columns hold text, numbers and booleans; an object in one is written as JSON, not `[object Object]`. */
const cellText = (value: unknown): string => {
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
    case 'boolean':
    case 'bigint':
      return String(value);
    case 'object':
      return value === null ? '' : JSON.stringify(value);
    default:
      return ''; // undefined; a function or a symbol has no cell
  }
};

const cell = (value: unknown) => {
  const text = cellText(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

function csv(table: HsdsTable, rows: Row[]): string {
  const columns = hsdsTableColumns[table];
  return [columns.join(','), ...rows.map((row) => columns.map((c) => cell(row[c])).join(','))].map((line) => `${line}\r\n`).join('');
}

/**
 * The CSV text of each HSDS table (`organizations.csv`, `services.csv`, …) for these services (`HsdsService`s), and
 * `terms`: taxonomy terms to list whether or not a service uses them (the whole category list, in both languages).
 */
export function hsdsTables(services: readonly Row[], terms: readonly Row[] = []): Record<`${HsdsTable}.csv`, string> {
  const rows = Object.fromEntries((Object.keys(hsdsTableColumns) as HsdsTable[]).map((table) => [table, [] as Row[]])) as Record<
    HsdsTable,
    Row[]
  >;
  const seen = new Set<string>();
  const once = (table: HsdsTable, row: Row) => {
    const key = `${table}:${String(row.id)}`;
    if (seen.has(key)) return;
    seen.add(key);
    rows[table].push(row);
  };
  const attributes = (list: unknown) => {
    for (const attribute of (list ?? []) as Row[]) {
      once('attributes', attribute);
      const term = attribute.taxonomy_term as Row;
      once('taxonomy_terms', term);
      if (term.taxonomy_detail) once('taxonomies', term.taxonomy_detail as Row);
    }
  };
  for (const service of services) {
    once('organizations', service.organization as Row);
    once('services', service);
    for (const sal of (service.service_at_locations ?? []) as Row[]) {
      const location = sal.location as Row;
      once('locations', location);
      for (const address of (location.addresses ?? []) as Row[]) once('addresses', address);
      once('service_at_location', { ...sal, location_id: location.id });
    }
    for (const schedule of (service.schedules ?? []) as Row[]) {
      once('schedules', schedule);
      attributes(schedule.attributes);
    }
    for (const contact of (service.contacts ?? []) as Row[]) {
      once('contacts', contact);
      for (const phone of (contact.phones ?? []) as Row[]) once('phones', phone);
    }
    attributes(service.attributes);
  }
  for (const term of terms) {
    once('taxonomy_terms', term);
    if (term.taxonomy_detail) once('taxonomies', term.taxonomy_detail as Row);
  }
  return Object.fromEntries((Object.keys(rows) as HsdsTable[]).map((table) => [`${table}.csv`, csv(table, rows[table])])) as Record<
    `${HsdsTable}.csv`,
    string
  >;
}

/** RFC 4180 CSV: quoted fields may hold commas, quotes ("") and line breaks; CRLF or LF ends a record. */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || record.length) {
    record.push(field);
    records.push(record);
  }
  return records.filter((r) => r.length > 1 || r[0] !== '');
}

/** Where a row was read from: its file and line (the header is line 1). */
export interface HsdsSource {
  file: string;
  line: number;
}
type Sourced = Row & { __source: HsdsSource };

/** Rows of a table as objects, each knowing where it came from (`schedules.csv`, line 7); empty cells left out. */
function tableRows(files: Record<string, string>, table: HsdsTable): Sourced[] {
  const text = files[`${table}.csv`];
  if (!text) return [];
  const [header = [], ...records] = parseCsv(text.replace(/^\uFEFF/, ''));
  return records.map((values, i) => {
    const row: Sourced = { __source: { file: `${table}.csv`, line: i + 2 } };
    header.forEach((column, c) => {
      if (values[c] !== undefined && values[c] !== '') row[column] = values[c];
    });
    return row;
  });
}

/**
 * HSDS services put together from the tables of a tabular data package, for the same import as HSDS JSON. Each
 * service comes with `sourceOf(path)`: the file, line and column an HSDS field of it was read from, for the report.
 */
export function hsdsServicesFromTables(
  files: Record<string, string>,
): { service: Row; sourceOf: (path: string) => HsdsSource & { field: string } }[] {
  const t = Object.fromEntries((Object.keys(hsdsTableColumns) as HsdsTable[]).map((table) => [table, tableRows(files, table)])) as Record<
    HsdsTable,
    Sourced[]
  >;
  const by = (table: HsdsTable, column: string, value: unknown) => t[table].filter((row) => row[column] === value);
  return t.services.map((serviceRow) => {
    const root: [string, HsdsSource] = ['', serviceRow.__source];
    const sources = [root];
    const organization = t.organizations.find((o) => o.id === serviceRow.organization_id);
    if (organization) sources.push(['organization', organization.__source]);
    const service_at_locations = by('service_at_location', 'service_id', serviceRow.id).map((sal, i) => {
      const location = t.locations.find((l) => l.id === sal.location_id) ?? { __source: sal.__source };
      sources.push([`service_at_locations[${i}]`, location.__source]);
      const addresses = by('addresses', 'location_id', location.id).map((address, a) => {
        sources.push([`service_at_locations[${i}].location.addresses[${a}]`, address.__source]);
        return address;
      });
      return { ...sal, location: { ...location, addresses } };
    });
    const schedules = by('schedules', 'service_id', serviceRow.id).map((schedule, i) => {
      sources.push([`schedules[${i}]`, schedule.__source]);
      return schedule;
    });
    const contacts = by('contacts', 'service_id', serviceRow.id).map((contact, i) => {
      sources.push([`contacts[${i}]`, contact.__source]);
      const phones = by('phones', 'contact_id', contact.id);
      phones.forEach((phone, p) => sources.push([`contacts[${i}].phones[${p}]`, phone.__source]));
      return { ...contact, phones };
    });
    const attributes = by('attributes', 'link_id', serviceRow.id).map((attribute, i) => {
      sources.push([`attributes[${i}]`, attribute.__source]);
      return { ...attribute, taxonomy_term: t.taxonomy_terms.find((term) => term.id === attribute.taxonomy_term_id) };
    });
    const service = { ...serviceRow, organization: organization ?? {}, service_at_locations, schedules, contacts, attributes };
    return {
      service,
      sourceOf: (path: string) => {
        // The longest prefix of the path that something was read from; the first of equals; the service's row at least.
        const [prefix, source] = sources
          .filter(([p]) => path === p || path.startsWith(`${p}.`) || path.startsWith(`${p}[`))
          .reduce((best, s) => (s[0].length > best[0].length ? s : best), root);
        const column = (prefix ? path.slice(prefix.length + 1) : path).replace(/^location\./, '');
        return { ...source, field: column };
      },
    };
  });
}
