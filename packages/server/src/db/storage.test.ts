import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { coalescingNotifier, type Queryable } from './database.js';
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

  it("sends a transaction's notifications once it has committed, and none of one rolled back", async () => {
    const got: string[] = [];
    const unlisten = await store.db.listen('henvis_probe', (payload) => got.push(payload));
    // A notification sent would have reached the listener after a round trip and a while.
    const settle = async (q: Queryable = store.db) => {
      await q.query('select 1');
      await new Promise((resolve) => setTimeout(resolve, 100));
    };
    await store.db.exec('create table notify_probe (id int)');
    await store.db.transaction(async (tx) => {
      await tx.query('insert into notify_probe values (1)');
      tx.notify('henvis_probe', 'first');
      tx.notify('henvis_probe', 'second');
      await settle(tx);
      expect(got).toEqual([]);
    });
    await vi.waitFor(() => expect(got).toEqual(['second']));
    await expect(
      store.db.transaction(async (tx) => {
        tx.notify('henvis_probe', 'rolled back');
        await tx.query('select 1 / 0');
      }),
    ).rejects.toThrow();
    store.db.notify('henvis_probe', 'outside');
    await vi.waitFor(() => expect(got).toEqual(['second', 'outside']));
    await settle();
    expect(got).toEqual(['second', 'outside']);
    await unlisten();
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

describe('coalescingNotifier', () => {
  it('sends one at a time, those asked for meanwhile together with the last payload, and tries a failed one again', async () => {
    vi.useFakeTimers();
    try {
      const sent: string[] = [];
      const inFlight: Array<() => void> = [];
      let fail = false;
      const notifier = coalescingNotifier(async (channel, payload) => {
        await new Promise<void>((resolve) => inFlight.push(resolve));
        if (fail) throw new Error('connection lost');
        sent.push(`${channel}:${payload}`);
      });
      notifier.notify('a', '1');
      notifier.notify('a', '2');
      notifier.notify('a', '3');
      notifier.notify('b', '1');
      await vi.advanceTimersByTimeAsync(0);
      expect(inFlight).toHaveLength(1);
      inFlight.shift()!();
      await vi.advanceTimersByTimeAsync(0);
      inFlight.shift()!();
      await vi.advanceTimersByTimeAsync(0);
      inFlight.shift()!();
      await vi.advanceTimersByTimeAsync(0);
      expect(sent).toEqual(['a:1', 'a:3', 'b:1']);
      fail = true;
      notifier.notify('a', '4');
      await vi.advanceTimersByTimeAsync(0);
      inFlight.shift()!();
      await vi.advanceTimersByTimeAsync(0);
      expect(sent).toEqual(['a:1', 'a:3', 'b:1']);
      fail = false;
      await vi.advanceTimersByTimeAsync(999);
      expect(inFlight).toHaveLength(0);
      await vi.advanceTimersByTimeAsync(1);
      inFlight.shift()!();
      await vi.advanceTimersByTimeAsync(0);
      expect(sent).toEqual(['a:1', 'a:3', 'b:1', 'a:4']);
      notifier.close();
    } finally {
      vi.useRealTimers();
    }
  });
});
