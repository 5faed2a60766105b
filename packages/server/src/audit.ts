import type { Principal } from './auth/principal.js';
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

/** Writes audit lines in the caller's transaction, so the log and the work commit or roll back together. */
export async function audit(tx: Queryable, actor: Principal | undefined, entries: AuditEntry[], clientIp?: string): Promise<void> {
  if (entries.length === 0) return;
  const columns = 10;
  const values: unknown[] = [];
  const rows = entries.map((e, i) => {
    values.push(
      actor?.issuer ?? null,
      actor?.sub ?? null,
      actor?.role ?? null,
      actor?.org.id ?? null,
      e.patientKey ?? null,
      e.action,
      e.resourceType ?? null,
      e.resourceId ?? null,
      e.outcome,
      e.detail ?? null,
    );
    const p = Array.from({ length: columns }, (_, c) => `$${i * columns + c + 1}`);
    return `(${p.join(', ')}, $${entries.length * columns + 1})`;
  });
  values.push(clientIp ?? null);
  await tx.query(
    `insert into audit_log (issuer, actor_sub, actor_role, actor_org, patient_key, action, resource_type, resource_id, outcome, detail, client_ip)
     values ${rows.join(', ')}`,
    values,
  );
}
