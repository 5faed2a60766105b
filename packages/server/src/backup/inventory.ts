import type { Queryable } from '../db/database.js';

/** What a database holds, as a backup's manifest records it and a restore checks it. */
export interface Inventory {
  /** The latest migration applied (schema_migrations). */
  schemaVersion: number;
  /** Rows of every table of the schema, by name. */
  tables: Record<string, number>;
  /** The latest cut-off date a purge recorded in the audit log (YYYY-MM-DD), or null if it was never purged. */
  purgedUntil: string | null;
}

/** The tables of the current schema, by name. */
export async function tableNames(q: Queryable): Promise<string[]> {
  const rows = await q.query<{ name: string }>(
    `select table_name as name from information_schema.tables
     where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`,
  );
  return rows.map((r) => r.name);
}

/** The latest purge's cut-off, as the purge records it (action 'purge', resource_id YYYY-MM-DD). */
export async function purgedUntil(q: Queryable): Promise<string | null> {
  const [row] = await q.query<{ until: string | null }>(`select max(resource_id) as until from audit_log where action = 'purge'`);
  return row?.until ?? null;
}

/** The schema version, the row count of every table and the purge cut-off; null when it is not a Henvis database. */
export async function inventory(q: Queryable): Promise<Inventory | null> {
  const names = await tableNames(q);
  if (!names.includes('schema_migrations') || !names.includes('audit_log')) return null;
  const [version] = await q.query<{ v: number | null }>('select max(version)::int as v from schema_migrations');
  if (version?.v == null) return null;
  const tables: Record<string, number> = {};
  // Names from the catalogue, quoted all the same.
  for (const name of names) {
    const [row] = await q.query<{ n: number }>(`select count(*)::int as n from "${name.replaceAll('"', '""')}"`);
    tables[name] = row?.n ?? 0;
  }
  return { schemaVersion: version.v, tables, purgedUntil: await purgedUntil(q) };
}
