import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { audit } from '../src/audit.js';
import { ROW_COLUMNS, chainHash, chainUnchainedRows, fromStored, readChainHead } from '../src/audit/chain.js';
import { devAuditSigningKey, signCheckpoint, storedCheckpoints, writeCheckpoint } from '../src/audit/checkpoints.js';
import { verifyAuditLog, type VerifyResult } from '../src/audit/verify.js';
import type { Principal } from '../src/auth/principal.js';
import type { Queryable } from '../src/db/database.js';
import { storages, suiteServer } from './harness.js';
import { GRENAA, NORDDJURS, key, referral } from './fixtures.js';

const keys = [devAuditSigningKey()];
const verify = (db: Queryable, extra: Partial<Parameters<typeof verifyAuditLog>[1]> = {}) =>
  verifyAuditLog(db, { keys, batch: 7, ...extra });

class Rollback extends Error {}

describe.each(storages)('the tamper-evident audit log, on %s', (kind) => {
  const s = suiteServer(kind);

  /** Runs `tamper` and the verifier in one transaction that is rolled back: the log is whole again afterwards. */
  async function tampered(tamper: string): Promise<VerifyResult> {
    let result: VerifyResult | undefined;
    await s.db
      .transaction(async (tx) => {
        await tx.exec('alter table audit_log disable trigger user');
        await tx.exec(tamper);
        result = await verify(tx);
        throw new Rollback();
      })
      .catch((error: unknown) => {
        if (!(error instanceof Rollback)) throw error;
      });
    return result!;
  }

  it('chains every line the API writes, also when requests write at once', async () => {
    const doctor = s.token('doctor', GRENAA);
    const navigator = s.token('navigator', NORDDJURS);
    const created = await Promise.all(
      Array.from({ length: 12 }, () =>
        s.request('POST', '/v1/referrals', { token: doctor, body: referral(), headers: { 'idempotency-key': key() } }),
      ),
    );
    expect(created.map((r) => r.status)).toEqual(Array(12).fill(201));
    await Promise.all([
      ...created.map((r) => s.request('GET', `/v1/referrals/${r.body.id as string}`, { token: navigator })),
      s.request('GET', '/v1/referrals/00000000-0000-4000-8000-000000000000', { token: navigator }),
      s.request('GET', '/v1/referrals', { token: 'not-a-token' }),
    ]);
    // The lines are chained moments after they commit (the server's chainer); chain what is left now.
    await chainUnchainedRows(s.db);
    const total = await s.count('audit_log');
    const result = await verify(s.db);
    expect(result.fault).toBeUndefined();
    expect(result).toMatchObject({ ok: true, rows: total });
    expect(result.fault).toBeUndefined();
    const [range] = await s.db.query<{ low: number; high: number }>('select min(seq)::int as low, max(seq)::int as high from audit_log');
    expect(range).toEqual({ low: 1, high: total });
    expect(await readChainHead(s.db)).toEqual(result.head);
  });

  it('refuses update, delete and truncate of a chained row, and of a checkpoint', async () => {
    await writeCheckpoint(s.db, devAuditSigningKey());
    for (const sql of [
      "update audit_log set detail = 'x' where seq = 1",
      'delete from audit_log where seq = 1',
      'truncate audit_log',
      "update audit_checkpoints set hash = 'x'",
      'delete from audit_checkpoints',
    ]) {
      await expect(s.db.query(sql), sql).rejects.toThrow(/append-only/);
    }
    expect((await verify(s.db)).ok).toBe(true);
  });

  it('names the position of a row that was edited, deleted, swapped, inserted or added at the end', async () => {
    const edit = await tampered("update audit_log set detail = 'nothing to see' where seq = 5");
    expect(edit).toMatchObject({ ok: false, rows: 4, fault: { position: 5, reason: expect.stringMatching(/edited/) } });

    const editWithHash = await tampered("update audit_log set outcome = 'ok', hash = repeat('a', 64) where seq = 3");
    expect(editWithHash.fault?.position).toBe(3);

    const deleted = await tampered('delete from audit_log where seq = 6');
    expect(deleted.fault).toEqual({ position: 6, reason: expect.stringMatching(/position 6 is missing .* deleted/) });

    const swapped = await tampered(
      'update audit_log set seq = -1 where seq = 8; update audit_log set seq = 8 where seq = 9; update audit_log set seq = 9 where seq = -1',
    );
    expect(swapped.fault?.position).toBe(8);

    // A line left unchained for longer than the chainer takes (one inserted past the application, with no server
    // running to chain it).
    const outside = await tampered(
      "insert into audit_log (action, outcome, at) values ('referral.read', 'ok', now() - interval '5 minutes')",
    );
    expect(outside.fault).toEqual({ position: null, reason: expect.stringMatching(/outside the chain/) });

    const [{ total } = { total: 0 }] = await s.db.query<{ total: number }>('select max(seq)::int as total from audit_log');
    const appended = await tampered(
      `insert into audit_log (seq, hash, action, outcome) values (${total + 1}, repeat('b', 64), 'referral.read', 'ok')`,
    );
    expect(appended.fault?.position).toBe(total + 1);
  });

  it('finds the log cut short: against its head, and against a signed checkpoint when the head was moved back too', async () => {
    await audit(s.db, undefined, [
      { action: 'test.one', outcome: 'ok' },
      { action: 'test.two', outcome: 'ok' },
    ]);
    await chainUnchainedRows(s.db);
    const checkpoint = await writeCheckpoint(s.db, devAuditSigningKey());
    expect(checkpoint).toBeDefined();
    const [{ total } = { total: 0 }] = await s.db.query<{ total: number }>('select max(seq)::int as total from audit_log');
    const cut = await tampered(`delete from audit_log where seq = ${total}`);
    expect(cut.fault).toMatchObject({ position: total, reason: expect.stringMatching(/cut short|removed/) });

    const [before] = await s.db.query<{ hash: string }>('select hash from audit_log where seq = $1', [total - 1]);
    const cover = await tampered(
      `delete from audit_log where seq = ${total}; update audit_chain_head set seq = ${total - 1}, hash = '${before!.hash}'`,
    );
    expect(cover.fault).toEqual({ position: total, reason: expect.stringMatching(/checkpoint signed .* cut short/) });
  });

  it('holds the chain against checkpoints published outside the database, and refuses a forged one', async () => {
    await audit(s.db, undefined, [{ action: 'test.line', outcome: 'ok' }]);
    await chainUnchainedRows(s.db);
    const published = await writeCheckpoint(s.db, devAuditSigningKey());
    expect(published).toBeDefined();
    expect(await verify(s.db, { externalCheckpoints: [published!] })).toMatchObject({ ok: true });

    // Someone rewrote the last row, recomputed its hash and the head, and removed the checkpoints from the table:
    // the database alone now looks whole; the published checkpoint still catches it.
    let alone: VerifyResult | undefined;
    let against: VerifyResult | undefined;
    await s.db
      .transaction(async (tx) => {
        await tx.exec('alter table audit_log disable trigger user; alter table audit_checkpoints disable trigger user');
        await tx.exec('delete from audit_checkpoints');
        const [last] = await tx.query<Parameters<typeof fromStored>[0]>(`select ${ROW_COLUMNS} from audit_log where seq = $1`, [
          published!.seq,
        ]);
        const [previous] = await tx.query<{ hash: string }>('select hash from audit_log where seq = $1', [published!.seq - 1]);
        const edited = { ...fromStored(last!), detail: 'rewritten' };
        const hash = chainHash(previous!.hash, edited);
        await tx.query('update audit_log set detail = $1, hash = $2 where seq = $3', [edited.detail, hash, edited.seq]);
        await tx.query('update audit_chain_head set hash = $1', [hash]);
        alone = await verifyAuditLog(tx, { keys });
        against = await verifyAuditLog(tx, { keys, externalCheckpoints: [published!] });
        throw new Rollback();
      })
      .catch((error: unknown) => {
        if (!(error instanceof Rollback)) throw error;
      });
    expect(alone?.ok).toBe(true);
    expect(against?.fault).toEqual({ position: published!.seq, reason: expect.stringMatching(/differs from the checkpoint signed/) });

    const forged = { ...published!, hash: 'f'.repeat(64) };
    expect((await verify(s.db, { externalCheckpoints: [forged] })).fault).toMatchObject({
      reason: expect.stringMatching(/valid signature/),
    });
    const { privateKey: stranger } = generateKeyPairSync('ed25519');
    const foreign = signCheckpoint(stranger, published!);
    expect((await verify(s.db, { externalCheckpoints: [foreign] })).fault).toMatchObject({
      reason: expect.stringMatching(/not the installation's/),
    });
  });

  it("hashes what is stored: a lone surrogate or a NUL in a token's subject keeps the chain whole", async () => {
    const actor = {
      issuer: 'https://idp.test',
      sub: 'odd\ud800\u0000sub',
      role: 'navigator',
      org: { id: NORDDJURS },
    } as unknown as Principal;
    await s.db.transaction((tx) => audit(tx, actor, [{ action: 'authenticate', outcome: 'denied', detail: 'x\udc00' }], '127.0.0.1'));
    const [row] = await s.db.query<{ actor_sub: string }>(
      "select actor_sub from audit_log where action = 'authenticate' and detail like 'x%'",
    );
    expect(row?.actor_sub).toBe('odd\ufffd\ufffdsub');
    await chainUnchainedRows(s.db);
    expect((await verify(s.db)).ok).toBe(true);
  });

  it('tells a line the chainer has yet to reach from one left outside the chain', async () => {
    class Rollback extends Error {}
    let fresh: VerifyResult | undefined;
    let stale: VerifyResult | undefined;
    await s.db
      .transaction(async (tx) => {
        await tx.query("insert into audit_log (action, outcome, at) values ('just.now', 'ok', now())");
        fresh = await verify(tx);
        await tx.query("insert into audit_log (action, outcome, at) values ('long.ago', 'ok', now() - interval '2 minutes')");
        stale = await verify(tx);
        throw new Rollback();
      })
      .catch((error: unknown) => {
        if (!(error instanceof Rollback)) throw error;
      });
    expect(fresh).toMatchObject({ ok: true, pending: 1 });
    expect(stale?.fault).toEqual({ position: null, reason: expect.stringMatching(/^1 row\(s\) outside the chain for more than 60 s/) });
  });

  it('gives lines written unchained their positions, once, in the order they were written', async () => {
    await chainUnchainedRows(s.db);
    const before = await readChainHead(s.db);
    await s.db.exec(
      "insert into audit_log (action, outcome, at) values ('old.one', 'ok', '2026-01-05 10:00:00.123456+00'), ('old.two', 'refused', '2026-01-05 10:00:01+00')",
    );
    // The server's chainer may take them first; either way they get the next two positions.
    await chainUnchainedRows(s.db, { batch: 1 });
    expect(await chainUnchainedRows(s.db)).toBe(0);
    expect((await readChainHead(s.db)).seq).toBe(before.seq + 2);
    const rows = await s.db.query<{ seq: number; action: string; at: Date }>(
      "select seq::int as seq, action, at from audit_log where action like 'old.%' order by seq",
    );
    expect(rows.map((r) => [r.seq, r.action])).toEqual([
      [before.seq + 1, 'old.one'],
      [before.seq + 2, 'old.two'],
    ]);
    expect(rows[0]!.at.toISOString()).toBe('2026-01-05T10:00:00.123Z');
    expect((await verify(s.db)).ok).toBe(true);
    await expect(s.db.query("update audit_log set action = 'x' where action = 'old.one'")).rejects.toThrow(/append-only/);
    expect((await storedCheckpoints(s.db)).length).toBeGreaterThan(0);
  });
});
