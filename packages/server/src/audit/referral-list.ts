/**
 * A list or a search of referrals is audited as one line, not one per referral it showed: `resource_type`
 * 'referral_list', `patient_key` the citizen it was about when it was about one (searched for by CPR number, or a
 * token bound to a patient), and `detail` every referral it listed with its citizen's pseudonym, in the list's order:
 * `<referral id>:<patient pseudonym>,<referral id>:<patient pseudonym>,...` (none listed: no detail). A page of 100 is
 * about 7 KB of text in one row, where it was 100 rows. Migration 026 indexes the ids and pseudonyms of that detail
 * (audit_log_listed), so "who saw this citizen" and "who saw this referral" find these lines as fast as the lines that
 * name a citizen in `patient_key`: {@link namesCitizen}.
 */
export const REFERRAL_LIST = 'referral_list';

export interface Listed {
  referralId: string;
  patientKey: string;
}

/** The detail of a list's audit line. */
export function listedDetail(rows: readonly { id: string; patient_key: string }[]): string | undefined {
  return rows.length > 0 ? rows.map((r) => `${r.id}:${r.patient_key}`).join(',') : undefined;
}

/** The referrals a list's audit line names, with their citizens, in the list's order. */
export function parseListed(detail: string | null): Listed[] {
  if (!detail) return [];
  return detail.split(',').map((pair) => {
    const [referralId = '', patientKey = ''] = pair.split(':');
    return { referralId, patientKey };
  });
}

/**
 * An SQL condition on `audit_log` that holds for the lines naming the citizen whose pseudonym is the parameter
 * `param` (e.g. `$1`): in `patient_key`, or among those a list showed. Written as migration 026's index reads it.
 */
export const namesCitizen = (param: string): string =>
  `(patient_key = ${param} or (resource_type = '${REFERRAL_LIST}' and string_to_array(translate(detail, ':', ','), ',') @> array[${param}]::text[]))`;
