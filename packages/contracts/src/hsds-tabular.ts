import type { HsdsService } from './hsds.js';

/**
 * The HSDS 3.1 tabular data package: the same services as `offerToHsds` gives, as one CSV file per HSDS table
 * (RFC 4180, CRLF, UTF-8), with HSDS's columns in HSDS's order. Columns the catalogue has nothing for stay empty.
 */
export const hsdsTableColumns = {
  organizations: [
    'id',
    'name',
    'alternate_name',
    'description',
    'email',
    'website',
    'tax_status',
    'tax_id',
    'year_incorporated',
    'legal_status',
    'logo',
    'uri',
    'parent_organization_id',
  ],
  services: [
    'id',
    'organization_id',
    'program_id',
    'name',
    'alternate_name',
    'description',
    'url',
    'email',
    'status',
    'interpretation_services',
    'application_process',
    'fees_description',
    'wait_time',
    'fees',
    'accreditations',
    'eligibility_description',
    'minimum_age',
    'maximum_age',
    'assured_date',
    'assurer_email',
    'licenses',
    'alert',
    'last_modified',
  ],
  locations: [
    'id',
    'location_type',
    'url',
    'organization_id',
    'name',
    'alternate_name',
    'description',
    'transportation',
    'latitude',
    'longitude',
    'external_identifier',
    'external_identifier_type',
  ],
  addresses: [
    'id',
    'location_id',
    'attention',
    'address_1',
    'address_2',
    'city',
    'region',
    'state_province',
    'postal_code',
    'country',
    'address_type',
  ],
  service_at_location: ['id', 'service_id', 'location_id', 'description'],
  schedules: [
    'id',
    'service_id',
    'location_id',
    'service_at_location_id',
    'valid_from',
    'valid_to',
    'dtstart',
    'timezone',
    'until',
    'count',
    'wkst',
    'freq',
    'interval',
    'byday',
    'byweekno',
    'bymonthday',
    'byyearday',
    'description',
    'opens_at',
    'closes_at',
    'schedule_link',
    'attending_type',
    'notes',
  ],
  contacts: ['id', 'organization_id', 'service_id', 'service_at_location_id', 'location_id', 'name', 'title', 'department', 'email'],
  phones: [
    'id',
    'location_id',
    'service_id',
    'organization_id',
    'contact_id',
    'service_at_location_id',
    'number',
    'extension',
    'type',
    'description',
  ],
  attributes: ['id', 'link_id', 'taxonomy_term_id', 'link_type', 'link_entity', 'value', 'label'],
  taxonomy_terms: ['id', 'code', 'name', 'description', 'parent_id', 'taxonomy', 'language', 'taxonomy_id', 'term_uri'],
} as const;
export type HsdsTable = keyof typeof hsdsTableColumns;

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

/** The CSV text of each HSDS table (`organizations.csv`, `services.csv`, …) for these services. */
export function hsdsTables(services: HsdsService[]): Record<`${HsdsTable}.csv`, string> {
  const rows: Record<HsdsTable, Row[]> = {
    organizations: [],
    services: [],
    locations: [],
    addresses: [],
    service_at_location: [],
    schedules: [],
    contacts: [],
    phones: [],
    attributes: [],
    taxonomy_terms: [],
  };
  const seen = new Set<string>();
  const once = (table: HsdsTable, row: Row) => {
    const key = `${table}:${String(row.id)}`;
    if (seen.has(key)) return;
    seen.add(key);
    rows[table].push(row);
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
    for (const schedule of (service.schedules ?? []) as Row[]) once('schedules', schedule);
    for (const contact of (service.contacts ?? []) as Row[]) {
      once('contacts', contact);
      for (const phone of (contact.phones ?? []) as Row[]) once('phones', phone);
    }
    for (const attribute of (service.attributes ?? []) as Row[]) {
      once('attributes', attribute);
      once('taxonomy_terms', attribute.taxonomy_term as Row);
    }
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

type Sourced = Row & { __source: string };

/** Rows of a table as objects, each knowing where it came from (`schedules.csv line 7`); empty cells left out. */
function tableRows(files: Record<string, string>, table: HsdsTable): Sourced[] {
  const text = files[`${table}.csv`];
  if (!text) return [];
  const [header = [], ...records] = parseCsv(text.replace(/^\uFEFF/, ''));
  return records.map((values, i) => {
    const row: Sourced = { __source: `${table}.csv line ${i + 2}` };
    header.forEach((column, c) => {
      if (values[c] !== undefined && values[c] !== '') row[column] = values[c];
    });
    return row;
  });
}

/**
 * HSDS services put together from the tables of a tabular data package, for the same import as HSDS JSON. Each
 * service comes with `sourceOf(path)`: the file and line an HSDS field of it was read from, for the report.
 */
export function hsdsServicesFromTables(files: Record<string, string>): { service: Row; sourceOf: (path: string) => string }[] {
  const t = Object.fromEntries((Object.keys(hsdsTableColumns) as HsdsTable[]).map((table) => [table, tableRows(files, table)])) as Record<
    HsdsTable,
    Sourced[]
  >;
  const by = (table: HsdsTable, column: string, value: unknown) => t[table].filter((row) => row[column] === value);
  return t.services.map((serviceRow) => {
    const root: [string, string] = ['', serviceRow.__source];
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
        return `${source}, ${column}`;
      },
    };
  });
}
