import { randomBytes } from 'node:crypto';
import { openDatabase, type Database, type StorageKind } from './database.js';

// For tests only (the build's entries never import it): the stores a storage suite runs on, owned here beside the
// database so that tests under src/ need nothing from test/.

/** PGlite always; PostgreSQL too where DATABASE_URL is set. */
export const storages: StorageKind[] = ['pglite', ...(process.env.DATABASE_URL ? (['postgres'] as const) : [])];

export interface TestDatabase {
  db: Database;
  dispose(): Promise<void>;
}

/** A fresh store: PGlite in memory, or a new schema on the PostgreSQL of DATABASE_URL, dropped afterwards. */
export async function openTestDatabase(kind: StorageKind): Promise<TestDatabase> {
  if (kind === 'pglite') {
    const db = await openDatabase({ kind: 'pglite', dataDir: ':memory:' });
    return { db, dispose: () => db.close() };
  }
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('a PostgreSQL test database needs DATABASE_URL');
  const schema = `henvis_test_${randomBytes(6).toString('hex')}`;
  const admin = await openDatabase({ kind: 'postgres', url, poolSize: 1 });
  await admin.exec(`create schema ${schema}`);
  const db = await openDatabase({ kind: 'postgres', url, schema });
  return {
    db,
    async dispose() {
      await db.close();
      await admin.exec(`drop schema ${schema} cascade`);
      await admin.close();
    },
  };
}
