import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSENT_TEXT_VERSION, consentText, consentTextHash, exampleTransitions, type ConsentKind } from '@henvis/contracts';
import { audit } from '../src/audit.js';
import { devAuditSigningKey } from '../src/audit/checkpoints.js';
import { verifyAuditLog } from '../src/audit/verify.js';
import { decodeBackupFile, encodeBackupFile } from '../src/backup/backup-file.js';
import { backupCommand, restoreCommand, type CommandIo } from '../src/backup/command.js';
import { tableNames } from '../src/backup/inventory.js';
import { latestSchemaVersion } from '../src/backup/pglite-backup.js';
import { pgDumpCommand, pgRestoreCommands } from '../src/backup/postgres-commands.js';
import { openDatabase, type Database, type DatabaseOptions, type Queryable } from '../src/db/database.js';
import { fixtures } from './course-fixtures.js';
import { startTestServer, type TestServer } from './harness.js';
import { GRENAA, KAREN, NORDDJURS, OLE, key, referral } from './fixtures.js';

/** Runs a command as the CLI would, with its own environment, and keeps what it printed. */
async function run(command: typeof backupCommand, args: string[], env: NodeJS.ProcessEnv) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CommandIo = { env, out: (l) => out.push(l), err: (l) => err.push(l) };
  const code = await command(args, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** Every row of every table, ordered by its primary key, as JSON text. */
async function snapshot(q: Queryable): Promise<Record<string, string[]>> {
  const tables: Record<string, string[]> = {};
  for (const table of await tableNames(q)) {
    const key = await q.query<{ col: string }>(
      `select a.attname as col from pg_index i
       join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
       where i.indrelid = $1::regclass and i.indisprimary order by array_position(i.indkey::int2[], a.attnum)`,
      [table],
    );
    const order = key.length > 0 ? key.map((k) => `t."${k.col}"`).join(', ') : 't::text';
    tables[table] = (await q.query<{ j: string }>(`select row_to_json(t)::text as j from "${table}" t order by ${order}`)).map((r) => r.j);
  }
  return tables;
}

async function withDatabase<T>(options: DatabaseOptions, work: (db: Database) => Promise<T>): Promise<T> {
  const db = await openDatabase(options);
  try {
    return await work(db);
  } finally {
    await db.close();
  }
}

/** `henvis-server audit verify` on a database: the whole chain, its head and checkpoints, under the development key. */
const verifyChain = (db: Queryable) => verifyAuditLog(db, { keys: [devAuditSigningKey()] });

async function consent(kind: ConsentKind) {
  const textHash = await consentTextHash(consentText(kind, 'da'));
  return { kind, decision: 'given', method: 'signed_on_screen', textVersion: CONSENT_TEXT_VERSION, locale: 'da', textHash };
}

/** A small pilot written through the API (and the course fixtures for an offer). */
async function fill(s: TestServer): Promise<void> {
  const doctor = s.token('doctor', GRENAA);
  const navigator = s.token('navigator', NORDDJURS);
  const ids: string[] = [];
  for (const patient of [
    { cpr: KAREN, name: 'Karen Jensen' },
    { cpr: OLE, name: 'Ole Sørensen' },
  ]) {
    const created = await s.request('POST', '/v1/referrals', {
      token: doctor,
      body: referral({ patient }),
      headers: { 'idempotency-key': key() },
    });
    expect(created.status).toBe(201);
    ids.push(created.body.id);
  }
  for (const id of ids) {
    for (const to of ['received', 'accepted'])
      expect((await s.request('POST', `/v1/referrals/${id}/transitions`, { token: navigator, body: { to } })).status).toBe(200);
    const contact = {
      kind: 'phone',
      outcome: 'reached',
      at: new Date().toISOString(),
      durationMinutes: 15,
      note: 'Aftalt møde i biblioteket.',
    };
    expect((await s.request('POST', `/v1/referrals/${id}/contacts`, { token: navigator, body: contact })).status).toBe(201);
    expect(
      (await s.request('POST', `/v1/referrals/${id}/messages`, { token: navigator, body: { body: 'Må jeg ringe om formiddagen?' } }))
        .status,
    ).toBe(201);
  }
  const [karen, ole] = ids as [string, string];
  for (const kind of ['journal_data', 'wellbeing_data'] as const) {
    expect((await s.request('POST', `/v1/referrals/${karen}/consents`, { token: navigator, body: await consent(kind) })).status).toBe(201);
  }
  const who5 = { kind: 'baseline', answers: [3, 2, 2, 3, 2] };
  expect((await s.request('POST', `/v1/referrals/${karen}/who5`, { token: navigator, body: who5 })).status).toBe(201);
  const need = { referralId: karen, category: 'creative', area: 'Allingåbro', note: 'Intet malehold i dagtimerne.' };
  expect((await s.request('POST', '/v1/unmet-needs', { token: navigator, body: need })).status).toBe(201);
  const f = fixtures(s.db, GRENAA);
  await f.offer(ole, [['started', '2026-02-04T09:00:00Z']]);
  expect((await s.request('POST', `/v1/referrals/${ole}/transitions`, { token: navigator, body: exampleTransitions.close })).status).toBe(
    200,
  );
  // A refusal, so the audit log holds more than successes.
  expect((await s.request('GET', `/v1/referrals/${karen}`, { token: s.token('navigator', 'syddjurs-navigatorer') })).status).toBe(404);
}

const filledTables = [
  'referrals',
  'referral_events',
  'contact_log',
  'messages',
  'consents',
  'who5_responses',
  'unmet_needs',
  'offer_links',
  'audit_log',
];

// Every restore starts PGlite on a folder of its own: about a second each, several times that on a loaded machine.
describe('backup and restore of a PGlite folder', { timeout: 120_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'henvis-backup-'));
  const source = join(dir, 'source');
  const file = join(dir, 'henvis.backup');
  const env = (dataDir: string): NodeJS.ProcessEnv => ({ HENVIS_DATA_DIR: dataDir });
  let original: Record<string, string[]>;
  let backup: Awaited<ReturnType<typeof run>>;

  beforeAll(async () => {
    const db = await openDatabase({ kind: 'pglite', dataDir: source });
    const s = await startTestServer('pglite', {}, { db, dispose: () => db.close() });
    try {
      await fill(s);
    } finally {
      await s.close();
    }
    original = await withDatabase({ kind: 'pglite', dataDir: source }, snapshot);
    for (const table of filledTables) expect(original[table]?.length, table).toBeGreaterThan(0);
    expect(await withDatabase({ kind: 'pglite', dataDir: source }, verifyChain)).toMatchObject({ ok: true });
    backup = await run(backupCommand, [file], env(source));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('backs up with a manifest and restores into an empty folder every row of every table', async () => {
    expect(backup.code, backup.err).toBe(0);
    expect(backup.out).toContain(`Henvis schema version ${latestSchemaVersion()}`);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const { manifest } = decodeBackupFile(readFileSync(file));
    expect(manifest).toMatchObject({
      format: 'henvis-backup',
      formatVersion: 1,
      storage: 'pglite',
      schemaVersion: latestSchemaVersion(),
      purgedUntil: null,
    });
    expect(Date.now() - Date.parse(manifest.createdAt)).toBeLessThan(60_000);
    expect(manifest.tables).toEqual(Object.fromEntries(Object.entries(original).map(([t, rows]) => [t, rows.length])));
    // Counts and names only: nothing the API was given appears in what the command prints.
    for (const secret of [KAREN, 'Karen Jensen', 'Ole Sørensen', 'biblioteket', '20 30 40 50'])
      expect(backup.out + backup.err).not.toContain(secret);
    expect((await run(backupCommand, [file], env(source))).code).toBe(2);

    const target = join(dir, 'restored', 'pgdata');
    const restore = await run(restoreCommand, [file], env(target));
    expect(restore.code, restore.err).toBe(0);
    expect(restore.out).toContain('purged up to never');
    expect(restore.err).not.toContain('WARNING');
    const restored = await withDatabase({ kind: 'pglite', dataDir: target }, snapshot);
    expect(Object.keys(restored)).toEqual(Object.keys(original));
    for (const table of Object.keys(original)) expect(restored[table], table).toEqual(original[table]);
    // Nothing left beside it: no staging folder.
    expect(readdirSync(join(dir, 'restored'))).toEqual(['pgdata']);

    // The restored audit log is the same unbroken chain, up to the head it had.
    expect(await withDatabase({ kind: 'pglite', dataDir: target }, verifyChain)).toMatchObject({
      ok: true,
      rows: original.audit_log!.length,
    });
  });

  it('refuses, exit 2 and nothing changed, a file that is not a backup, a truncated or damaged one, and a newer schema', async () => {
    const target = join(dir, 'refusals');
    const bytes = readFileSync(file);
    const cases: [name: string, content: Uint8Array, message: RegExp][] = [
      ['text.txt', Buffer.from('hello\n'), /not a Henvis backup/],
      ['empty', Buffer.alloc(0), /not a Henvis backup/],
      ['raw-dump.tgz', decodeBackupFile(bytes).payload, /not a Henvis backup/],
      ['truncated', bytes.subarray(0, bytes.byteLength - 1000), /truncated or damaged/],
      ['header-only', bytes.subarray(0, 200), /truncated or damaged/],
      ['flipped', Buffer.from(bytes).fill(0x55, bytes.byteLength - 5000, bytes.byteLength - 4990), /does not match the SHA-256/],
    ];
    const { manifest, payload } = decodeBackupFile(bytes);
    const { format: _f, formatVersion: _v, payload: _p, ...about } = manifest;
    cases.push(
      [
        'newer-schema',
        encodeBackupFile({ ...about, schemaVersion: latestSchemaVersion() + 1 }, payload),
        /newer than this henvis-server knows/,
      ],
      // Whole by its SHA-256, damaged inside: what PGlite is never handed, and what it loads but does not match.
      ['not-gzip', encodeBackupFile(about, Buffer.from('not a dump')), /not a readable gzip stream/],
      ['not-tar', encodeBackupFile(about, gzipSync('not a tar'.repeat(100))), /not a tar of a PGlite folder/],
      [
        'miscounted',
        encodeBackupFile({ ...about, tables: { ...about.tables, referrals: 3 } }, payload),
        /differs from its manifest in the rows of referrals \(2, the manifest says 3\)/,
      ],
    );
    for (const [name, content, message] of cases) {
      const path = join(dir, name);
      writeFileSync(path, content);
      const result = await run(restoreCommand, [path], env(target));
      expect(result.code, name).toBe(2);
      expect(result.err, name).toMatch(message);
      expect(existsSync(target), name).toBe(false);
      expect(
        readdirSync(dir).filter((f) => f.includes('.restoring-')),
        name,
      ).toEqual([]);
    }
    expect((await run(restoreCommand, [join(dir, 'no-such-file')], env(target))).code).toBe(2);
    expect((await run(restoreCommand, [file, '--purged-until', '2026-02-30'], env(target))).err).toMatch(/--purged-until must be a date/);
    expect((await run(restoreCommand, [], env(target))).code).toBe(2);
    expect((await run(restoreCommand, [file, '--bogus'], env(target))).code).toBe(2);

    // A folder that holds something else is never replaced, not even with --force.
    mkdirSync(target);
    writeFileSync(join(target, 'notes.txt'), 'mine');
    const other = await run(restoreCommand, [file, '--force'], env(target));
    expect(other).toMatchObject({ code: 2, err: expect.stringMatching(/holds no PGlite database/) as unknown });
    expect(readdirSync(target)).toEqual(['notes.txt']);
  });

  it('refuses to replace a database without --force, or one that is open, and with --force replaces it whole', async () => {
    const target = join(dir, 'replace');
    expect((await run(restoreCommand, [file], env(target))).code).toBe(0);
    const before = await withDatabase({ kind: 'pglite', dataDir: target }, async (db) => {
      await db.transaction((tx) => audit(tx, undefined, [{ action: 'test.marker', outcome: 'ok' }]));
      return snapshot(db);
    });
    const refused = await run(restoreCommand, [file], env(target));
    expect(refused).toMatchObject({ code: 2, err: expect.stringMatching(/already holds a database: give --force/) as unknown });
    expect(await withDatabase({ kind: 'pglite', dataDir: target }, snapshot)).toEqual(before);

    // PGlite's mark of an open folder: a running server's, or a killed one's.
    writeFileSync(join(target, 'postmaster.pid'), '-42\n');
    expect((await run(restoreCommand, [file, '--force'], env(target))).err).toMatch(/is open .* stop henvis-server first/);
    expect((await run(backupCommand, [join(dir, 'open.backup')], env(target))).err).toMatch(/is open/);
    rmSync(join(target, 'postmaster.pid'));

    const forced = await run(restoreCommand, [file, '--force'], env(target));
    expect(forced.code, forced.err).toBe(0);
    expect(forced.out).toContain('replacing the database there');
    expect(await withDatabase({ kind: 'pglite', dataDir: target }, snapshot)).toEqual(original);
    expect(readdirSync(dir).filter((f) => f.startsWith('.replace.'))).toEqual([]);
  });

  it('warns, with the purge command, when the backup predates a purge of the database it replaces or the one given', async () => {
    const target = join(dir, 'purged');
    expect((await run(restoreCommand, [file], env(target))).code).toBe(0);
    // The purge's own entry, as `henvis-server purge --until 2026-06-30` writes it.
    await withDatabase({ kind: 'pglite', dataDir: target }, (db) =>
      db.transaction((tx) =>
        audit(tx, undefined, [{ action: 'purge', outcome: 'ok', resourceType: 'purge', resourceId: '2026-06-30', detail: 'referrals=0' }]),
      ),
    );
    const after = join(dir, 'after-purge.backup');
    expect((await run(backupCommand, [after], env(target))).code).toBe(0);
    expect(decodeBackupFile(readFileSync(after)).manifest.purgedUntil).toBe('2026-06-30');

    const old = await run(restoreCommand, [file, '--force'], env(target));
    expect(old.code, old.err).toBe(0);
    expect(old.err).toContain('WARNING: THIS BACKUP PREDATES A PURGE');
    expect(old.err).toContain('henvis-server purge --until 2026-06-30');

    // The old backup is in place now, its cut-off none; the later one is not older than what it replaces.
    const later = await run(restoreCommand, [after, '--force'], env(target));
    expect(later.code, later.err).toBe(0);
    expect(later.err).not.toContain('WARNING');

    // Into an empty folder nothing is known unless the operator says: then the same warning.
    const told = await run(restoreCommand, [file, '--purged-until', '2026-09-30'], env(join(dir, 'told')));
    expect(told.err).toContain('henvis-server purge --until 2026-09-30');
    const notTold = await run(restoreCommand, [file], env(join(dir, 'not-told')));
    expect(notTold.err).not.toContain('WARNING');
    expect(notTold.out).toContain('No purge cut-off to compare with');
    // A backup purged later than the date given needs no second purge.
    const newer = await run(restoreCommand, [after, '--purged-until', '2026-01-31'], env(join(dir, 'newer')));
    expect(newer.err).not.toContain('WARNING');
  });
});

const pgDump = spawnSync('pg_dump', ['--version'], { encoding: 'utf8' });
const pgReason = !process.env.DATABASE_URL
  ? 'DATABASE_URL is not set'
  : pgDump.error
    ? `pg_dump is not installed (${pgDump.error.message})`
    : undefined;
if (pgReason) console.log(`skipping the pg_dump/pg_restore test: ${pgReason}`);

describe.skipIf(pgReason !== undefined)(
  'backup and restore of PostgreSQL with the printed pg_dump and pg_restore commands',
  { timeout: 60_000 },
  () => {
    const base = process.env.DATABASE_URL ?? '';
    const name = `henvis_backup_${randomBytes(4).toString('hex')}`;
    const urlOf = (database: string) => Object.assign(new URL(base), { pathname: `/${database}` }).toString();
    const dir = mkdtempSync(join(tmpdir(), 'henvis-pg-backup-'));

    afterAll(async () => {
      await withDatabase({ kind: 'postgres', url: base, poolSize: 1 }, async (db) => {
        for (const database of [name, `${name}_restored`]) await db.exec(`drop database if exists ${database} with (force)`);
      });
      rmSync(dir, { recursive: true, force: true });
    });

    it('prints the commands instead, exit 2, and those commands restore every row into a new database', async () => {
      await withDatabase({ kind: 'postgres', url: base, poolSize: 1 }, (db) => db.exec(`create database ${name}`));
      const sourceUrl = urlOf(name);
      const db = await openDatabase({ kind: 'postgres', url: sourceUrl });
      const s = await startTestServer('postgres', {}, { db, dispose: () => db.close() });
      try {
        await fill(s);
      } finally {
        await s.close();
      }
      const file = join(dir, 'henvis.dump');
      const env = { DATABASE_URL: sourceUrl, RESTORED_DATABASE_URL: urlOf(`${name}_restored`) };
      const backup = await run(backupCommand, [file], env);
      expect(backup.code).toBe(2);
      expect(backup.out).toContain(pgDumpCommand(file));
      const restore = await run(restoreCommand, [file, '--database', `${name}_restored`], env);
      expect(restore.code).toBe(2);
      const commands = pgRestoreCommands(file, `${name}_restored`);
      for (const command of commands) expect(restore.out).toContain(command);
      // The connection string (it may hold a password) stays in the environment.
      expect(backup.out + restore.out).not.toContain(sourceUrl);
      expect((await run(restoreCommand, [file, '--database', 'x; drop'], env)).code).toBe(2);

      const sh = (command: string) => {
        const result = spawnSync('sh', ['-c', command], { env: { ...process.env, ...env }, encoding: 'utf8' });
        expect(result.status, `${command}\n${result.stderr}`).toBe(0);
        return result.stdout.trim();
      };
      sh(pgDumpCommand(file));
      const [before, create, load, after] = commands as [string, string, string, string];
      expect(sh(before)).toBe('');
      sh(create);
      sh(load);
      expect(sh(after)).toBe('');

      const original = await withDatabase({ kind: 'postgres', url: sourceUrl, poolSize: 1 }, snapshot);
      const restored = await withDatabase({ kind: 'postgres', url: urlOf(`${name}_restored`), poolSize: 1 }, snapshot);
      for (const table of filledTables) expect(original[table]?.length, table).toBeGreaterThan(0);
      expect(Object.keys(restored)).toEqual(Object.keys(original));
      for (const table of Object.keys(original)) expect(restored[table], table).toEqual(original[table]);
      expect(await withDatabase({ kind: 'postgres', url: sourceUrl, poolSize: 1 }, verifyChain)).toMatchObject({ ok: true });
      expect(await withDatabase({ kind: 'postgres', url: urlOf(`${name}_restored`), poolSize: 1 }, verifyChain)).toMatchObject({
        ok: true,
        rows: original.audit_log!.length,
      });
    });
  },
);
