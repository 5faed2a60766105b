import type { Principal } from './auth/principal.js';
import { chainHash, lockChainHead, storable, type ChainedRow } from './audit/chain.js';
import type { Queryable } from './db/database.js';

export type AuditOutcome = 'ok' | 'denied' | 'refused' | 'failed';

/** The requests an audit line was written for; the error handler audits the refusals of the others. */
const audited = new WeakSet<object>();
export const markAudited = (request: object): void => void audited.add(request);
export const wasAudited = (request: object): boolean => audited.has(request);

/** One line of the audit log. `patientKey` is the pseudonym, never the CPR number. */
export interface AuditEntry {
  action: string;
  outcome: AuditOutcome;
  resourceType?: string;
  resourceId?: string;
  patientKey?: string;
  /** A stable code saying why, for refused and denied attempts. */
  detail?: string;
}

/** An audit line's columns as they are stored (and hashed), all but its position. */
export function auditRow(actor: Principal | undefined, e: AuditEntry, clientIp: string | undefined, at: string): Omit<ChainedRow, 'seq'> {
  return {
    at,
    issuer: storable(actor?.issuer ?? null),
    actor_sub: storable(actor?.sub ?? null),
    actor_role: storable(actor?.role ?? null),
    actor_org: storable(actor?.org.id ?? null),
    patient_key: storable(e.patientKey ?? null),
    action: storable(e.action),
    resource_type: storable(e.resourceType ?? null),
    resource_id: storable(e.resourceId ?? null),
    outcome: e.outcome,
    detail: storable(e.detail ?? null),
    client_ip: storable(clientIp ?? null),
  };
}

/**
 * Writes audit lines in the caller's transaction, so the log and the work commit or roll back together. The lines
 * take the next positions of the hash chain (audit/chain.ts): the chain's head stays locked until the transaction
 * ends, so positions follow commit order. Two round trips: lock the head, then insert and move the head.
 */
export async function audit(tx: Queryable, actor: Principal | undefined, entries: AuditEntry[], clientIp?: string): Promise<void> {
  if (entries.length === 0) return;
  const head = await lockChainHead(tx);
  const at = new Date().toISOString();
  let hash = head.hash;
  const rows = entries.map((e, i): ChainedRow & { hash: string } => {
    const row: ChainedRow = { ...auditRow(actor, e, clientIp, at), seq: head.seq + i + 1 };
    hash = chainHash(hash, row);
    return { ...row, hash };
  });
  const last = rows.length;
  await tx.query(
    `with written as (
       insert into audit_log (seq, hash, at, issuer, actor_sub, actor_role, actor_org, patient_key, action, resource_type, resource_id, outcome, detail, client_ip)
       select * from jsonb_to_recordset($1::jsonb) as r(seq bigint, hash text, at timestamptz, issuer text, actor_sub text, actor_role text,
         actor_org text, patient_key text, action text, resource_type text, resource_id text, outcome text, detail text, client_ip text)
       returning 1)
     update audit_chain_head set seq = $2, hash = $3`,
    [JSON.stringify(rows), head.seq + last, hash],
  );
}
