import type { AdminPrincipal, Principal } from './auth/principal.js';
import { storable, type ChainedRow } from './audit/chain.js';
import type { Queryable } from './db/database.js';

export type AuditOutcome = 'ok' | 'denied' | 'refused' | 'failed';

/** The requests an audit line was written for; the error handler audits the refusals of the others. */
const audited = new WeakSet<object>();
export const markAudited = (request: object): void => void audited.add(request);
export const wasAudited = (request: object): boolean => audited.has(request);

/** Who an audit line names: a user of the referral work, or an administrator (by token, or at the command line). */
export type AuditActor = Pick<Principal | AdminPrincipal, 'issuer' | 'sub' | 'role' | 'org'>;

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
export function auditRow(actor: AuditActor | undefined, e: AuditEntry, clientIp: string | undefined, at: string): Omit<ChainedRow, 'seq'> {
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
 * Writes audit lines in the caller's transaction, so the log and the work commit or roll back together: one
 * insert, no lock. The chainer (audit/chain.ts, startAuditChainer) gives them their positions in the hash chain
 * within a moment of their commit, in the order it finds them committed.
 */
export async function audit(tx: Queryable, actor: AuditActor | undefined, entries: AuditEntry[], clientIp?: string): Promise<void> {
  if (entries.length === 0) return;
  const at = new Date().toISOString();
  const rows = entries.map((e) => auditRow(actor, e, clientIp, at));
  await tx.query(
    `insert into audit_log (at, issuer, actor_sub, actor_role, actor_org, patient_key, action, resource_type, resource_id, outcome, detail, client_ip)
     select * from jsonb_to_recordset($1::jsonb) as r(at timestamptz, issuer text, actor_sub text, actor_role text,
       actor_org text, patient_key text, action text, resource_type text, resource_id text, outcome text, detail text, client_ip text)`,
    [JSON.stringify(rows)],
  );
}
