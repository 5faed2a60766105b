import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { chainHash, type ChainedRow } from '../../packages/server/src/audit/chain.js';
import { devAuditSigningKey, signCheckpoint } from '../../packages/server/src/audit/checkpoints.js';
import { openPostgresBench } from './postgres-bench.js';

// `henvis-server audit verify` on a log of AUDIT_ROWS (1,000,000) rows in PostgreSQL: the built CLI in its own
// process, as the data controller runs it, beside a floor (the same rows read in the same pages by the same driver,
// nothing hashed). Then one row is deleted and one edited (triggers off, as a superuser would) to show the verdict.

const run = promisify(execFile);
const ROWS = Number(process.env.AUDIT_ROWS ?? 1_000_000);
const PAGE = 10_000;
const CHECKPOINT_EVERY = 10_000;
const cli = fileURLToPath(new URL('../../packages/server/bin/henvis-server.js', import.meta.url));

const bench = await openPostgresBench('audit verify');
if (bench) {
  const { admin, schema } = bench;
  try {
    await admin.query(`set search_path = ${schema}`);
    const filled = performance.now();
    await admin.query('begin');
    const [head] = (await admin.query<{ seq: string; hash: string }>('select seq::text as seq, hash from audit_chain_head for update'))
      .rows;
    let seq = Number(head!.seq);
    let hash = head!.hash;
    const at = Date.parse('2026-01-05T08:00:00Z');
    const checkpoints: ReturnType<typeof signCheckpoint>[] = [];
    for (let done = 0; done < ROWS; done += PAGE) {
      const rows = Array.from({ length: Math.min(PAGE, ROWS - done) }, (_, i) => {
        const n = done + i;
        const row: ChainedRow = {
          seq: ++seq,
          at: new Date(at + n * 250).toISOString(),
          issuer: 'https://journal-vendor.test',
          actor_sub: `user-${n % 400}`,
          actor_role: n % 3 === 0 ? 'navigator' : 'doctor',
          actor_org: n % 3 === 0 ? 'norddjurs-navigatorer' : `0${45000 + (n % 24)}`,
          patient_key: `pk-${(n * 7919) % 50_000}`,
          action: ['referral.read', 'referral.list.item', 'referral.create', 'contact.create'][n % 4]!,
          resource_type: 'referral',
          resource_id: `00000000-0000-4000-8000-${String(n % 50_000).padStart(12, '0')}`,
          outcome: n % 97 === 0 ? 'denied' : 'ok',
          detail: null,
          client_ip: '127.0.0.1',
        };
        hash = chainHash(hash, row);
        return { ...row, hash };
      });
      await admin.query(
        `insert into audit_log (seq, hash, at, issuer, actor_sub, actor_role, actor_org, patient_key, action, resource_type, resource_id, outcome, detail, client_ip)
         select * from jsonb_to_recordset($1::jsonb) as r(seq bigint, hash text, at timestamptz, issuer text, actor_sub text, actor_role text,
           actor_org text, patient_key text, action text, resource_type text, resource_id text, outcome text, detail text, client_ip text)`,
        [JSON.stringify(rows)],
      );
      if (seq % CHECKPOINT_EVERY === 0) checkpoints.push(signCheckpoint(devAuditSigningKey(), { seq, hash, at: new Date().toISOString() }));
    }
    await admin.query('update audit_chain_head set seq = $1, hash = $2', [seq, hash]);
    for (const c of checkpoints) {
      await admin.query('insert into audit_checkpoints (seq, hash, at, key_id, signature) values ($1, $2, $3, $4, $5)', [
        c.seq,
        c.hash,
        c.at,
        c.keyId,
        c.signature,
      ]);
    }
    await admin.query('commit');
    await admin.query('analyze audit_log');
    console.log(
      `Filled ${seq.toLocaleString('en-GB')} chained audit rows and ${checkpoints.length} checkpoints in ${((performance.now() - filled) / 1000).toFixed(1)} s.`,
    );

    const floorStarted = performance.now();
    let read = 0;
    for (let last = 0; ;) {
      const page = (await admin.query<{ seq: string }>('select * from audit_log where seq > $1 order by seq limit $2', [last, PAGE])).rows;
      read += page.length;
      if (page.length < PAGE) break;
      last = Number(page[page.length - 1]!.seq);
    }
    const floorMs = performance.now() - floorStarted;

    const url = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test');
    url.searchParams.set('options', `-c search_path=${schema}`);
    const env = { ...process.env, DATABASE_URL: url.toString(), HENVIS_MODE: 'development' };
    const verify = async () => {
      const started = performance.now();
      const out = await run('node', [cli, 'audit', 'verify'], { env }).then(
        (r) => ({ code: 0, text: r.stdout.trim() }),
        (error: unknown) => {
          const failed = error as { code: number; stderr: string };
          return { code: failed.code, text: failed.stderr.trim() };
        },
      );
      return { ...out, ms: performance.now() - started };
    };
    const intact = await verify();
    console.log(
      `$ henvis-server audit verify   (exit ${intact.code}, ${(intact.ms / 1000).toFixed(1)} s wall, process start included)\n${intact.text}`,
    );
    console.log(
      `Floor: the same ${read.toLocaleString('en-GB')} rows read in pages of ${PAGE} by pg, nothing hashed: ${(floorMs / 1000).toFixed(1)} s. Verify / floor = ${(intact.ms / floorMs).toFixed(2)}.`,
    );

    // Tampering as a superuser would: triggers off, the change committed, so that the CLI's process sees it.
    const middle = Math.floor(seq / 2);
    const tamper = async (what: string, change: string, undo: string) => {
      await admin.query('alter table audit_log disable trigger user');
      await admin.query(change);
      const verdict = await verify();
      await admin.query(undo);
      await admin.query('alter table audit_log enable trigger user');
      console.log(`After ${what} (exit ${verdict.code}, ${(verdict.ms / 1000).toFixed(1)} s):\n${verdict.text}`);
    };
    const saved = `audit_saved_${schema}`;
    await admin.query(`create temporary table ${saved} as select * from audit_log where seq = ${middle}`);
    await tamper(
      `deleting position ${middle}`,
      `delete from audit_log where seq = ${middle}`,
      `insert into audit_log overriding system value select * from ${saved}`,
    );
    const edit = middle + 123_456 > seq ? 2 : middle + 123_456;
    await tamper(
      `editing position ${edit}`,
      `update audit_log set detail = 'edited' where seq = ${edit}`,
      `update audit_log set detail = null where seq = ${edit}`,
    );
    const restored = await verify();
    console.log(`Undone (exit ${restored.code}): ${restored.text}`);
  } finally {
    await bench.close();
  }
}
