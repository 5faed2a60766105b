import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, storages, type TestDatabase } from './test-database.js';
import { loadMigrations, migrate } from './migrate.js';

describe.each(storages)('storage on %s', (kind) => {
  let store: TestDatabase;
  beforeAll(async () => {
    store = await openTestDatabase(kind);
  });
  afterAll(() => store.dispose());

  it('applies the ordered migrations once, however often it runs, also in parallel', async () => {
    const versions = loadMigrations().map((m) => m.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    const results = await Promise.all([migrate(store.db), migrate(store.db)]);
    expect(results).toEqual([versions, versions]);
    expect(await migrate(store.db)).toEqual(versions);
  });

  it('commits all of a transaction or none of it', async () => {
    await store.db.exec('create table tx_probe (id int primary key)');
    await expect(
      store.db.transaction(async (tx) => {
        await tx.query('insert into tx_probe values (1)');
        await tx.query('insert into tx_probe values (1)');
      }),
    ).rejects.toThrow();
    await expect(
      store.db.transaction(async (tx) => {
        await tx.query('insert into tx_probe values (2)');
        throw new Error('the work failed after the first write');
      }),
    ).rejects.toThrow('the work failed');
    expect(await store.db.query('select * from tx_probe')).toEqual([]);
    await store.db.transaction((tx) => tx.query('insert into tx_probe values (3)'));
    expect(await store.db.query('select id from tx_probe')).toEqual([{ id: 3 }]);
  });

  it('round-trips timestamps at millisecond precision and jsonb as objects', async () => {
    const at = new Date('2026-03-29T00:59:59.123Z');
    const [row] = await store.db.query<{ at: Date; j: unknown }>('select $1::timestamptz as at, $2::jsonb as j', [
      at,
      JSON.stringify({ a: [1, 'ø'] }),
    ]);
    expect(row!.at.toISOString()).toBe(at.toISOString());
    expect(row!.j).toEqual({ a: [1, 'ø'] });
  });
});
