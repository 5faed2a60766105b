import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../package-root.js';
import type { Database } from './database.js';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** `NNN_name.sql`: the version, then the name. */
const MIGRATION_FILE = /^\d{3}_[a-z0-9_]+\.sql$/;
// Any constant shared by every instance: only one of them migrates at a time.
const MIGRATION_LOCK = 7_304_211;

/** The plain, ordered SQL files in `migrations/`. */
export function loadMigrations(dir = join(packageRoot, 'migrations')): Migration[] {
  return readdirSync(dir)
    .filter((file) => MIGRATION_FILE.test(file))
    .map((file) => ({ version: Number(file.slice(0, 3)), name: file.slice(4, -'.sql'.length), sql: readFileSync(join(dir, file), 'utf8') }))
    .sort((a, b) => a.version - b.version);
}

/**
 * Applies the pending migrations, each in its own transaction, and returns every applied version. Instances
 * starting together take turns on an advisory lock; even `create table if not exists` races without it.
 */
export async function migrate(db: Database, migrations = loadMigrations()): Promise<number[]> {
  for (const migration of migrations) {
    await db.transaction(async (tx) => {
      await tx.query('select pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      await tx.exec(
        'create table if not exists schema_migrations (version int primary key, name text not null, applied_at timestamptz not null default now())',
      );
      const done = await tx.query('select 1 from schema_migrations where version = $1', [migration.version]);
      if (done.length > 0) return;
      await tx.exec(migration.sql);
      await tx.query('insert into schema_migrations (version, name) values ($1, $2)', [migration.version, migration.name]);
    });
  }
  return appliedMigrations(db);
}

export async function appliedMigrations(db: Database): Promise<number[]> {
  const rows = await db.query<{ version: number }>('select version from schema_migrations order by version');
  return rows.map((r) => r.version);
}
