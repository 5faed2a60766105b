import { isPracticeRole } from '@henvis/contracts';
import type { Principal } from '../auth/principal.js';
import type { Queryable } from '../db/database.js';
import { pseudonymise } from '../pseudonym.js';

/**
 * Whose referrals a caller may see: a practice its own (and, with a patient in its token, only that patient's);
 * a navigator those of the practices their organisation serves.
 */
export interface AccessScope {
  practiceIds: string[];
  patientKey?: string;
}

export async function accessScope(tx: Queryable, principal: Principal, pseudonymKey: string): Promise<AccessScope> {
  if (isPracticeRole(principal.role)) {
    return {
      practiceIds: [principal.org.id],
      ...(principal.patientCpr ? { patientKey: pseudonymise(pseudonymKey, principal.patientCpr) } : {}),
    };
  }
  const rows = await tx.query<{ practice_id: string }>(
    'select practice_id from navigator_org_practices where navigator_org_id = $1',
    [principal.org.id],
  );
  return { practiceIds: rows.map((r) => r.practice_id) };
}

export function canSee(scope: AccessScope, row: { practice_id: string; patient_key: string }): boolean {
  return scope.practiceIds.includes(row.practice_id) && (!scope.patientKey || scope.patientKey === row.patient_key);
}
