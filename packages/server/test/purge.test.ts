import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { CONSENT_TEXT_VERSION, consentText, consentTextHash, danishDate, type ConsentKind } from '@henvis/contracts';
import { openDatabase, type Queryable } from '../src/db/database.js';
import { purgeCommand, type PurgeIo } from '../src/purge/command.js';
import { startIdempotencyRetention } from '../src/purge/idempotency-retention.js';
import { countsDetail, purgeEndedCourses } from '../src/purge/purge.js';
import { COURSE_TABLES, deleteCourses, purgedTables } from '../src/purge/store.js';
import { fixtures } from './course-fixtures.js';
import { startTestServer, storages, suiteServer, type TestServer } from './harness.js';
import { GRENAA, NORDDJURS, key, referral } from './fixtures.js';

/** What a course was given that identifies the citizen: each must be gone with the course, everywhere. */
interface Course {
  id: string;
  key: string;
  body: unknown;
  secrets: string[];
}

const ENDED = '2025-03-14T10:00:00Z';
const audited = ['audit_log', 'audit_chain_head', 'audit_checkpoints'];

async function consent(kind: ConsentKind) {
  const textHash = await consentTextHash(consentText(kind, 'da'));
  return { kind, decision: 'given', method: 'signed_on_screen', textVersion: CONSENT_TEXT_VERSION, locale: 'da', textHash };
}

/**
 * A course written through the API, as a practice and a navigator would, with text of its own in every field
 * that takes text. `end`: how it ends (now; the test moves the end back in time), or open.
 */
async function course(s: TestServer, tag: string, cpr: string, end: 'closed' | 'rejected' | 'cancelled' | 'open'): Promise<Course> {
  const doctor = s.token('doctor', GRENAA);
  const navigator = s.token('navigator', NORDDJURS);
  const ok = async (status: number, done: Promise<{ status: number; body: unknown }>) => {
    const response = await done;
    expect(response.status, JSON.stringify(response.body)).toBe(status);
    return response;
  };
  const text = {
    name: `Purgeborger ${tag}`,
    phone: `+45 71 44 ${tag.charCodeAt(0)} 09`,
    note: `Henvisningsnote ${tag}: bor alene og savner selskab.`,
    wishes: `Ønsker ${tag}: sangkor om torsdagen.`,
    contact: `Kontaktnote ${tag}: ringet op, glad for at høre fra os.`,
    message: `Besked ${tag}: må jeg ringe om formiddagen?`,
    goals: `Planmål ${tag}: ud af huset to gange om ugen.`,
    need: `Manglende tilbud ${tag}: intet kor i dagtimerne.`,
    end: `Afslutningsnote ${tag}: går fast i koret.`,
  };
  const idempotencyKey = key();
  const body = referral({
    patient: { cpr, name: text.name },
    note: text.note,
    wishes: text.wishes,
    contact: { phone: text.phone, sms: true, bestTime: 'Formiddag' },
  });
  const secrets = [cpr, cpr.replace('-', ''), text.name, text.phone, text.note, text.wishes, text.message];
  const created = await ok(
    201,
    s.request('POST', '/v1/referrals', { token: doctor, body, headers: { 'idempotency-key': idempotencyKey } }),
  );
  const id = (created.body as { id: string }).id;
  const planted = { id, key: idempotencyKey, body, secrets };
  const move = (change: unknown, token = navigator) =>
    ok(200, s.request('POST', `/v1/referrals/${id}/transitions`, { token, body: change }));
  await ok(201, s.request('POST', `/v1/referrals/${id}/messages`, { token: doctor, body: { body: text.message } }));
  if (end === 'cancelled') {
    await move({ to: 'cancelled', reason: 'citizen_declined', note: text.end }, doctor);
    secrets.push(text.end);
    return planted;
  }
  await move({ to: 'received' });
  await move({ to: 'accepted' });
  const contact = { kind: 'phone', outcome: 'reached', at: new Date().toISOString(), durationMinutes: 15, note: text.contact };
  await ok(201, s.request('POST', `/v1/referrals/${id}/contacts`, { token: navigator, body: contact }));
  for (const kind of ['journal_data', 'wellbeing_data'] as const) {
    await ok(201, s.request('POST', `/v1/referrals/${id}/consents`, { token: navigator, body: await consent(kind) }));
  }
  await ok(201, s.request('POST', `/v1/referrals/${id}/disclosures`, { token: doctor }));
  await ok(201, s.request('POST', `/v1/referrals/${id}/who5`, { token: navigator, body: { kind: 'baseline', answers: [3, 2, 2, 3, 2] } }));
  const plan = {
    goals: text.goals,
    bridgeBuilder: false,
    companion: true,
    nextStep: 'Første øvning.',
    nextStepDate: '2026-12-03',
  };
  await ok(200, s.request('PUT', `/v1/referrals/${id}/plan`, { token: navigator, body: plan }));
  const [offer] = await s.db.query<{ id: string }>(
    "select id from offers where navigator_org_id = $1 and status = 'active' order by id limit 1",
    [NORDDJURS],
  );
  await ok(201, s.request('POST', `/v1/referrals/${id}/offer-links`, { token: navigator, body: { offerId: offer!.id } }));
  const need = { referralId: id, category: 'creative', area: 'Allingåbro', note: text.need };
  await ok(201, s.request('POST', '/v1/unmet-needs', { token: navigator, body: need }));
  await ok(201, s.request('POST', `/v1/referrals/${id}/messages`, { token: navigator, body: { body: `Svar på ${text.message}` } }));
  secrets.push(text.contact, text.goals, text.need);
  if (end === 'closed') await move({ to: 'closed', reason: 'joined_community', note: text.end });
  if (end === 'rejected') await move({ to: 'rejected', reason: 'not_motivated', note: text.end });
  if (end !== 'open') secrets.push(text.end);
  return planted;
}

/** Each table of the schema, and the columns of each. */
async function columns(q: Queryable): Promise<Map<string, string[]>> {
  const rows = await q.query<{ table_name: string; column_name: string }>(
    `select c.table_name, c.column_name from information_schema.columns c
       join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name and t.table_type = 'BASE TABLE'
      where c.table_schema = current_schema() order by c.table_name, c.ordinal_position`,
  );
  const tables = new Map<string, string[]>();
  for (const r of rows) tables.set(r.table_name, [...(tables.get(r.table_name) ?? []), r.column_name]);
  return tables;
}

/** Where any of `needles` occurs: every column of every table, cast to text. */
async function occurrences(q: Queryable, needles: string[]): Promise<string[]> {
  const found: string[] = [];
  const patterns = needles.map((n) => `%${n.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  for (const [table, cols] of await columns(q)) {
    for (const column of cols) {
      const rows = await q.query<{ v: string }>(
        `select "${column}"::text as v from "${table}" where "${column}"::text like any($1::text[])`,
        [patterns],
      );
      for (const { v } of rows) found.push(`${table}.${column}: ${needles.filter((n) => v.includes(n)).join(', ')}`);
    }
  }
  return found;
}

/** Every row of every table but the audit log's own, as JSON text, in a stable order. */
async function snapshot(q: Queryable): Promise<Record<string, string[]>> {
  const all: Record<string, string[]> = {};
  for (const table of (await columns(q)).keys()) {
    if (audited.includes(table)) continue;
    all[table] = (await q.query<{ j: string }>(`select row_to_json(t)::text as j from "${table}" t`)).map((r) => r.j).sort();
  }
  return all;
}

/** The rows of one course in every table that names it. */
async function rowsOf(q: Queryable, id: string): Promise<Record<string, string[]>> {
  const all: Record<string, string[]> = {};
  for (const table of purgedTables) {
    all[table] = (
      await q.query<{ j: string }>(
        `select row_to_json(t)::text as j from ${table} t where ${COURSE_TABLES[table]}`,
        table === 'idempotency_keys' ? [[id], new Date(0)] : [[id]],
      )
    )
      .map((r) => r.j)
      .sort();
  }
  return all;
}

/** The courses of the test: four that ended in 2025 (one written straight into the store), one open, one ended today. */
async function fill(s: TestServer) {
  const alfa = await course(s, 'Alfa', '030744-1201', 'closed');
  const bravo = await course(s, 'Bravo', '140652-1302', 'rejected');
  const charlie = await course(s, 'Charlie', '250861-1403', 'cancelled');
  const oscar = await course(s, 'Oscar', '060970-1504', 'open');
  const lima = await course(s, 'Lima', '171278-1605', 'closed');
  const f = fixtures(s.db, GRENAA);
  const foxtrotCpr = '090955-1706';
  const foxtrot: Course = { id: await f.referral('2025-01-06T09:00:00Z', { cpr: foxtrotCpr }), key: '', body: null, secrets: [foxtrotCpr] };
  await f.contact(foxtrot.id, '2025-01-07T09:00:00Z');
  await f.end(foxtrot.id, 'rejected', 'outside_area', '2025-02-01T09:00:00Z');
  // An open course created back then stays open: the purge goes by the end, never by the age of a course.
  await s.db.query(`update referrals set created_at = '2024-11-01T09:00:00Z' where id = $1`, [oscar.id]);
  const purged = [alfa, bravo, charlie, foxtrot];
  await s.db.query(
    `update referral_events set at = $2 where referral_id = any($1::uuid[]) and to_status in ('closed', 'rejected', 'cancelled')`,
    [[alfa.id, bravo.id, charlie.id], ENDED],
  );
  // Lima's Idempotency-Key is past its retention: it goes too, though its course stays.
  await s.db.query(`update idempotency_keys set locked_until = now() - interval '25 hours' where key = $1`, [lima.key]);
  // Delivery logs of a webhook receiver for every event so far (the worker writes these as it delivers).
  await s.db.query(
    `insert into webhook_deliveries (subscription_id, seq, event_type, attempt, outcome, status, at)
     select 'journal-vendor', seq, type, 1, 'delivered', 200, at from outbox_events`,
  );
  return { purged, oscar, lima };
}

describe.each(storages)('the purge at the pilot’s end on %s', (kind) => {
  const until = danishDate(new Date());
  const s = suiteServer(kind);

  it(
    'deletes everything personal of the courses that ended before the date, counted per table, and nothing else',
    { timeout: 120_000 },
    async () => {
      const { purged, oscar, lima } = await fill(s);
      const purgedIds = purged.map((c) => c.id);
      const secrets = purged.flatMap((c) => c.secrets);
      expect(await occurrences(s.db, secrets)).not.toEqual([]);
      const oscarBefore = await rowsOf(s.db, oscar.id);
      const limaBefore = await rowsOf(s.db, lima.id);
      const auditBefore = (await s.db.query<{ id: string }>('select id::text as id from audit_log order by audit_log.id')).map((r) => r.id);

      // The dry run counts, writes its audit line, and changes nothing else.
      const before = await snapshot(s.db);
      const dry = await purgeEndedCourses(s.db, { until, dryRun: true, batchSize: 3 });
      expect(await snapshot(s.db)).toEqual(before);
      expect(dry.counts).toMatchObject({
        referrals: 4,
        referral_facts: 4,
        contact_log: 3,
        plans: 2,
        messages: 5,
        consents: 4,
        disclosures: 2,
        who5_responses: 2,
        unmet_needs: 2,
        offer_links: 2,
        // Three keys of the purged courses, and Lima's, expired.
        idempotency_keys: 4,
      });
      expect(dry.counts.referral_events).toBeGreaterThanOrEqual(4 + 2 * 4);
      expect(dry.counts.outbox_events).toBeGreaterThan(0);
      expect(dry.counts.webhook_deliveries).toBe(dry.counts.outbox_events);
      expect(dry).toMatchObject({ expiredKeys: 1, batches: 2, kept: { open: 1, endedLater: 1 } });

      const report = await purgeEndedCourses(s.db, { until, dryRun: false, batchSize: 3 });
      expect(report.counts).toEqual(dry.counts);
      expect(report.batches).toBe(2);

      // Nothing of the purged citizens is left in any column of any table: not the CPR number, the name, the phone
      // number, a note or a message, and no row names their referrals but the audit log (pseudonyms and ids only).
      expect(await occurrences(s.db, secrets)).toEqual([]);
      for (const id of purgedIds) {
        const left = Object.entries(await rowsOf(s.db, id)).filter(([, rows]) => rows.length > 0);
        expect(left).toEqual([]);
      }
      expect(
        await s.db.query('select key from idempotency_keys where key = any($1::text[])', [[...purged.map((c) => c.key), lima.key]]),
      ).toEqual([]);
      expect((await s.request('GET', `/v1/referrals/${purgedIds[0]}`, { token: s.token('navigator', NORDDJURS) })).status).toBe(404);

      // The open course and the one that ended today are whole, and the open one's key still replays.
      expect(await rowsOf(s.db, oscar.id)).toEqual(oscarBefore);
      expect(await rowsOf(s.db, lima.id)).toEqual({ ...limaBefore, idempotency_keys: [] });
      expect(await occurrences(s.db, oscar.secrets)).not.toEqual([]);
      const replay = await s.request('POST', '/v1/referrals', {
        token: s.token('doctor', GRENAA),
        body: oscar.body,
        headers: { 'idempotency-key': oscar.key },
      });
      expect(replay).toMatchObject({ status: 201, body: { id: oscar.id } });
      expect(replay.headers.get('idempotent-replayed')).toBe('true');

      // The audit log keeps every row and has one line per run, with the counts; the backup reads the cut-off so.
      const auditAfter = (await s.db.query<{ id: string }>('select id::text as id from audit_log order by audit_log.id')).map((r) => r.id);
      expect(auditAfter.slice(0, auditBefore.length)).toEqual(auditBefore);
      const lines = await s.db.query<{ action: string; resource_type: string; resource_id: string; outcome: string; detail: string }>(
        "select action, resource_type, resource_id, outcome, detail from audit_log where action like 'purge%' order by id",
      );
      expect(lines).toEqual([
        { action: 'purge.dry_run', resource_type: 'purge', resource_id: until, outcome: 'ok', detail: countsDetail(dry.counts) },
        { action: 'purge', resource_type: 'purge', resource_id: until, outcome: 'ok', detail: countsDetail(report.counts) },
      ]);
      expect(lines[1]!.detail).toMatch(/^referrals=4 referral_events=\d+ .* idempotency_keys=4$/);
      const [cutOff] = await s.db.query<{ max: string }>("select max(resource_id) from audit_log where action = 'purge'");
      expect(cutOff!.max).toBe(until);

      // A second run finds nothing more to delete.
      const again = await purgeEndedCourses(s.db, { until, dryRun: true });
      expect(Object.values(again.counts).every((n) => n === 0)).toBe(true);
    },
  );

  it('refuses to delete a course that has not ended, whatever ids it is given, and deletes nothing then', async () => {
    const open = await course(s, 'Romeo', '120381-1807', 'open');
    const rows = await rowsOf(s.db, open.id);
    await expect(s.db.transaction((tx) => deleteCourses(tx, [open.id], new Date()))).rejects.toThrow(/not ended/);
    expect(await rowsOf(s.db, open.id)).toEqual(rows);
  });

  it('knows every table that holds a referral id', async () => {
    const referencing = await s.db.query<{ t: string }>(
      `select distinct c.conrelid::regclass::text as t from pg_constraint c where c.contype = 'f' and c.confrelid = 'referrals'::regclass`,
    );
    expect(referencing.map((r) => r.t).filter((t) => !purgedTables.includes(t as never))).toEqual([]);
    const withReferralId = await s.db.query<{ t: string }>(
      `select table_name as t from information_schema.columns where table_schema = current_schema() and column_name = 'referral_id'`,
    );
    expect(withReferralId.map((r) => r.t).filter((t) => !purgedTables.includes(t as never))).toEqual([]);
  });
});

describe.each(storages)('the retention of Idempotency-Keys on %s', (kind) => {
  const s = suiteServer(kind);

  it('drops a key 24 hours after its lease, with the answer it kept, while the server runs; a live key still replays', async () => {
    const doctor = s.token('doctor', GRENAA);
    const send = (k: string, body = referral()) =>
      s.request('POST', '/v1/referrals', { token: doctor, body, headers: { 'idempotency-key': k } });
    const old = key();
    const live = key();
    const oldBody = referral({ patient: { cpr: '221166-1908', name: 'Gammelnøgle Hansen' } });
    const first = await send(old, oldBody);
    const kept = await send(live);
    await s.db.query(`update idempotency_keys set locked_until = now() - interval '24 hours 1 minute' where key = $1`, [old]);
    // Just inside the retention: kept.
    await s.db.query(`update idempotency_keys set locked_until = now() - interval '23 hours 59 minutes' where key = $1`, [live]);
    const logs: unknown[] = [];
    const log = { info: (o: unknown) => logs.push(o), warn: (o: unknown) => logs.push(o) };
    const retention = startIdempotencyRetention(s.db, { everyMs: 20, log: log as never });
    try {
      await vi.waitFor(async () => expect(await s.db.query('select 1 from idempotency_keys where key = $1', [old])).toEqual([]), {
        timeout: 5_000,
      });
      // And again on the next sweep, for a key that expires later.
      const later = key();
      await send(later);
      await s.db.query(`update idempotency_keys set locked_until = now() - interval '25 hours' where key = $1`, [later]);
      await vi.waitFor(async () => expect(await s.db.query('select 1 from idempotency_keys where key = $1', [later])).toEqual([]), {
        timeout: 5_000,
      });
    } finally {
      await retention.stop();
    }
    expect(
      await occurrences(s.db, ['221166-1908', 'Gammelnøgle Hansen']).then((f) => f.filter((w) => w.startsWith('idempotency_keys'))),
    ).toEqual([]);
    expect(JSON.stringify(logs)).not.toMatch(/221166|Gammelnøgle/);
    const replay = await send(live);
    expect(replay).toMatchObject({ status: 201, body: { id: kept.body.id } });
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    // The referral itself stays: only the copy kept for a replay went.
    expect((await s.request('GET', `/v1/referrals/${first.body.id}`, { token: doctor })).status).toBe(200);
  });

  it('is started by the server: a key past its retention is gone soon after a start', async () => {
    const old = key();
    await s.request('POST', '/v1/referrals', { token: s.token('doctor', GRENAA), body: referral(), headers: { 'idempotency-key': old } });
    await s.db.query(`update idempotency_keys set locked_until = now() - interval '25 hours' where key = $1`, [old]);
    const second = await startTestServer(kind, {}, { db: s.db, dispose: async () => {} });
    try {
      await vi.waitFor(async () => expect(await s.db.query('select 1 from idempotency_keys where key = $1', [old])).toEqual([]), {
        timeout: 5_000,
      });
    } finally {
      await second.close();
    }
  });
});

/** The files of a folder, all of them, searched as bytes for each string. */
function inFiles(dir: string, needles: string[]): string[] {
  const found: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else {
        const bytes = readFileSync(path);
        for (const n of needles) if (bytes.includes(Buffer.from(n, 'utf8'))) found.push(`${path.slice(dir.length)}: ${n}`);
      }
    }
  };
  walk(dir);
  return found;
}

async function run(args: string[], env: NodeJS.ProcessEnv) {
  const out: string[] = [];
  const err: string[] = [];
  const io: PurgeIo = { env, out: (l) => out.push(l), err: (l) => err.push(l) };
  const code = await purgeCommand(args, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('henvis-server purge on a PGlite folder', { timeout: 180_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'henvis-purge-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses a date that is not one, or in the future, or none, before it opens anything (exit 2)', async () => {
    const folder = join(dir, 'never-opened');
    const env = { HENVIS_DATA_DIR: folder };
    const tomorrow = danishDate(new Date(Date.now() + 36 * 3_600_000));
    for (const [args, message] of [
      [[], /needs --until/],
      [['--until', '2026-02-30'], /real calendar date/],
      [['--until', '01-09-2026'], /real calendar date/],
      [['--until', '010190-2345'], /real calendar date/],
      [['--until', tomorrow], /in the future/],
      [['--until', '2026-01-01', '--everything'], /Unknown option/],
    ] as const) {
      const result = await run([...args], env);
      expect(result.code).toBe(2);
      expect(result.err).toMatch(message);
      expect(result.err).not.toContain('010190-2345');
    }
    expect(existsSync(folder)).toBe(false);
  });

  it('leaves none of the purged citizens’ data in any file of the folder, and the open course’s in place', async () => {
    const folder = join(dir, 'data');
    const db = await openDatabase({ kind: 'pglite', dataDir: folder });
    const s = await startTestServer('pglite', {}, { db, dispose: () => db.close() });
    let filled: Awaited<ReturnType<typeof fill>>;
    try {
      filled = await fill(s);
    } finally {
      await s.close();
    }
    const secrets = filled.purged.flatMap((c) => c.secrets);
    // The search finds what is there: before the purge, the files hold every course.
    expect(inFiles(folder, secrets)).not.toEqual([]);
    expect(inFiles(folder, filled.oscar.secrets)).not.toEqual([]);

    const env = { HENVIS_DATA_DIR: folder };
    const until = danishDate(new Date());
    const dry = await run(['--until', until, '--dry-run'], env);
    expect(dry).toMatchObject({ code: 0, err: '' });
    expect(dry.out).toMatch(/Dry run/);
    expect(dry.out).toMatch(/^ {2}referrals +4$/m);
    expect(dry.out).toMatch(/^ {2}idempotency_keys +4 {2}\(1 past their retention/m);
    expect(inFiles(folder, secrets)).not.toEqual([]);

    const purged = await run(['--until', until], env);
    expect(purged).toMatchObject({ code: 0, err: '' });
    expect(purged.out.split('\n').slice(1, 15)).toEqual(dry.out.split('\n').slice(1, 15));
    expect(purged.out).toMatch(/Kept: 1 open courses, 1 that ended on or after/);
    expect(purged.out).toMatch(/write-ahead log segments of before removed/);

    // Not in a table's pages, an index, TOAST, pg_statistic, nor a segment of the write-ahead log, used or recycled.
    expect(inFiles(folder, secrets)).toEqual([]);
    expect(inFiles(folder, filled.oscar.secrets).length).toBeGreaterThan(0);

    // The folder still opens, with the open course and the purge in the audit log.
    const reopened = await openDatabase({ kind: 'pglite', dataDir: folder });
    try {
      expect(await reopened.query('select id from referrals where id = $1', [filled.oscar.id])).toHaveLength(1);
      const [line] = await reopened.query<{ max: string }>("select max(resource_id) from audit_log where action = 'purge'");
      expect(line!.max).toBe(until);
    } finally {
      await reopened.close();
    }
  });
});
