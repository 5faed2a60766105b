import { createWriteStream, readFileSync, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { createPublicKey, type KeyObject } from 'node:crypto';
import { parseArgs } from 'node:util';
import { configFromEnv } from '../config.js';
import { openDatabase, type Database } from '../db/database.js';
import { migrate } from '../db/migrate.js';
import { auditEvents } from './audit-event.js';
import { chainUnchainedRows } from './chain.js';
import { devAuditSigningKey, storedCheckpoints, writeCheckpoint, type Checkpoint } from './checkpoints.js';
import { verifyAuditLog } from './verify.js';

export const AUDIT_USAGE = `  henvis-server audit verify [--public-key <pem>]... [--checkpoints <jsonl>]...
      Walks the whole audit chain, recomputing every hash, and checks it against its head and every signed
      checkpoint (in the database and in the given files of published checkpoints). Exit 0 when intact; 1, naming
      the first bad position, when a row was edited, deleted, inserted or swapped or the log was cut short.
      --public-key: the installation's public key(s), for an auditor without HENVIS_AUDIT_SIGNING_KEY.
  henvis-server audit checkpoint
      Signs a checkpoint of the chain's head now (the API does every HENVIS_AUDIT_CHECKPOINT_ROWS rows or hour).
  henvis-server audit checkpoints [--since <position>]
      Prints the signed checkpoints as JSON lines, to publish outside the database.
  henvis-server audit export --from <YYYY-MM-DD> --to <YYYY-MM-DD> [--out <file.ndjson>]
      Writes the log of the period [from, to) as FHIR R4 AuditEvent (IHE BALP shapes), one per line (NDJSON, as
      FHIR Bulk Data does); the patient as the pseudonym only. Default: standard output.
  henvis-server audit public-key
      Prints the public key of HENVIS_AUDIT_SIGNING_KEY (PEM), for the auditor.`;

const thousands = (n: number) => n.toLocaleString('en-GB');

/** `henvis-server audit …`: the data controller's and the auditor's tools for the tamper-evident log. */
export async function auditCommand(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  const { values } = parseArgs({
    args: rest,
    options: {
      'public-key': { type: 'string', multiple: true },
      checkpoints: { type: 'string', multiple: true },
      since: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      out: { type: 'string' },
    },
  });
  const config = configFromEnv();
  const signingKey = config.auditCheckpoints?.signingKey ?? devAuditSigningKey();
  if (sub === 'public-key') {
    console.log(createPublicKey(signingKey).export({ format: 'pem', type: 'spki' }).toString().trim());
    return 0;
  }
  if (sub !== 'verify' && sub !== 'checkpoint' && sub !== 'checkpoints' && sub !== 'export') {
    console.error(`Usage:\n${AUDIT_USAGE}`);
    return 2;
  }
  const db = await openDatabase(config.database);
  try {
    await migrate(db);
    if (sub === 'checkpoint') return await checkpointNow(db, signingKey);
    if (sub === 'export') return await exportEvents(db, values, config.publicUrl ?? `http://${config.host}:${config.port}`);
    if (sub === 'checkpoints') {
      for (const c of await storedCheckpoints(db, Number(values.since ?? 0))) console.log(JSON.stringify(c));
      return 0;
    }
    const keys: KeyObject[] = values['public-key']?.length
      ? values['public-key'].map((file) => createPublicKey(readFileSync(file, 'utf8')))
      : [createPublicKey(signingKey)];
    const externalCheckpoints = (values.checkpoints ?? []).flatMap(readCheckpointFile);
    const result = await verifyAuditLog(db, { keys, externalCheckpoints });
    const seconds = (result.ms / 1000).toFixed(1);
    if (result.fault) {
      console.error(
        `Audit log NOT intact${result.fault.position === null ? '' : ` at position ${thousands(result.fault.position)}`}: ${result.fault.reason}.`,
      );
      console.error(`${thousands(result.rows)} rows checked before it, in ${seconds} s.`);
      return 1;
    }
    console.log(
      `Audit log intact: ${thousands(result.rows)} rows checked (positions 1–${thousands(result.head.seq)}), ${thousands(result.checkpoints)} signed checkpoints hold, head ${result.head.hash.slice(0, 16)}…, in ${seconds} s.${result.pending ? ` ${thousands(result.pending)} line(s) of the last minute wait for the chainer.` : ''}`,
    );
    return 0;
  } finally {
    await db.close();
  }
}

async function checkpointNow(db: Database, signingKey: KeyObject): Promise<number> {
  await chainUnchainedRows(db);
  const checkpoint = await writeCheckpoint(db, signingKey);
  if (checkpoint) console.log(JSON.stringify(checkpoint));
  else console.log('No new rows since the last checkpoint (or the log is empty): nothing to sign.');
  return 0;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

async function exportEvents(db: Database, values: { from?: string; to?: string; out?: string }, url: string): Promise<number> {
  const from = values.from && DAY.test(values.from) ? new Date(`${values.from}T00:00:00Z`) : undefined;
  const to = values.to && DAY.test(values.to) ? new Date(`${values.to}T00:00:00Z`) : undefined;
  if (!from || !to || Number.isNaN(from.getTime()) || Number.isNaN(to.getTime()) || from >= to) {
    console.error('audit export needs --from and --to as YYYY-MM-DD, from before to (the period is [from, to), in UTC).');
    return 2;
  }
  const out = values.out ? createWriteStream(values.out) : process.stdout;
  let n = 0;
  for await (const event of auditEvents(db, { from, to }, { url })) {
    if (!out.write(`${JSON.stringify(event)}\n`)) await once(out, 'drain');
    n++;
  }
  if (values.out) {
    await new Promise<void>((resolve, reject) => (out as WriteStream).end((error?: Error | null) => (error ? reject(error) : resolve())));
    console.error(`${thousands(n)} AuditEvents of ${values.from} to ${values.to} written to ${values.out}.`);
  }
  return 0;
}

function readCheckpointFile(file: string): Checkpoint[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line, i) => {
      const c = JSON.parse(line) as Partial<Checkpoint>;
      if (typeof c.seq !== 'number' || typeof c.hash !== 'string' || typeof c.at !== 'string' || !c.keyId || !c.signature) {
        throw new Error(`${file}:${i + 1} is not a checkpoint`);
      }
      return c as Checkpoint;
    });
}
