import type { HsdsService } from './hsds.js';

/**
 * The HSDS 3.1 tabular data package: the same services as `offerToHsds` gives, as one CSV file per HSDS table
 * (RFC 4180, CRLF, UTF-8), with HSDS's columns in HSDS's order. Columns the catalogue has nothing for stay empty.
 */
export const hsdsTableColumns = {
  organizations: ['id', 'name', 'alternate_name', 'description', 'email', 'website', 'tax_status', 'tax_id', 'year_incorporated', 'legal_status', 'logo', 'uri', 'parent_organization_id'],
  services: ['id', 'organization_id', 'program_id', 'name', 'alternate_name', 'description', 'url', 'email', 'status', 'interpretation_services', 'application_process', 'fees_description', 'wait_time', 'fees', 'accreditations', 'eligibility_description', 'minimum_age', 'maximum_age', 'assured_date', 'assurer_email', 'licenses', 'alert', 'last_modified'],
  locations: ['id', 'location_type', 'url', 'organization_id', 'name', 'alternate_name', 'description', 'transportation', 'latitude', 'longitude', 'external_identifier', 'external_identifier_type'],
  addresses: ['id', 'location_id', 'attention', 'address_1', 'address_2', 'city', 'region', 'state_province', 'postal_code', 'country', 'address_type'],
  service_at_location: ['id', 'service_id', 'location_id', 'description'],
  schedules: ['id', 'service_id', 'location_id', 'service_at_location_id', 'valid_from', 'valid_to', 'dtstart', 'timezone', 'until', 'count', 'wkst', 'freq', 'interval', 'byday', 'byweekno', 'bymonthday', 'byyearday', 'description', 'opens_at', 'closes_at', 'schedule_link', 'attending_type', 'notes'],
  contacts: ['id', 'organization_id', 'service_id', 'service_at_location_id', 'location_id', 'name', 'title', 'department', 'email'],
  phones: ['id', 'location_id', 'service_id', 'organization_id', 'contact_id', 'service_at_location_id', 'number', 'extension', 'type', 'description'],
  attributes: ['id', 'link_id', 'taxonomy_term_id', 'link_type', 'link_entity', 'value', 'label'],
  taxonomy_terms: ['id', 'code', 'name', 'description', 'parent_id', 'taxonomy', 'language', 'taxonomy_id', 'term_uri'],
} as const;
export type HsdsTable = keyof typeof hsdsTableColumns;

type Row = Record<string, unknown>;

const cell = (value: unknown) => {
  const text = value === undefined || value === null ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

function csv(table: HsdsTable, rows: Row[]): string {
  const columns = hsdsTableColumns[table];
  return [columns.join(','), ...rows.map((row) => columns.map((c) => cell(row[c])).join(','))].map((line) => `${line}\r\n`).join('');
}

/** The CSV text of each HSDS table (`organizations.csv`, `services.csv`, …) for these services. */
export function hsdsTables(services: HsdsService[]): Record<`${HsdsTable}.csv`, string> {
  const rows: Record<HsdsTable, Row[]> = {
    organizations: [], services: [], locations: [], addresses: [], service_at_location: [], schedules: [], contacts: [], phones: [], attributes: [], taxonomy_terms: [],
  };
  const seen = new Set<string>();
  const once = (table: HsdsTable, row: Row) => {
    const key = `${table}:${String(row.id)}`;
    if (!seen.has(key)) (seen.add(key), rows[table].push(row));
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
  return Object.fromEntries((Object.keys(rows) as HsdsTable[]).map((table) => [`${table}.csv`, csv(table, rows[table])])) as Record<`${HsdsTable}.csv`, string>;
}
