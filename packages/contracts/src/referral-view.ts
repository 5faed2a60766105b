import type { Practice, Practitioner } from './context.js';
import { ageOn, parseCpr } from './cpr.js';
import type { InclusionFlag, NewReferral, Referral } from './referral.js';
import type { ReferralStatus } from './referral-status.js';

// What the API shows of a stored referral, apart from the schemas, so the mock API of the stories needs no zod.

/** A referral as it is stored: what was sent, who sent it, and what became of it. */
export interface StoredReferral {
  id: string;
  status: ReferralStatus;
  createdAt: Date;
  updatedAt: Date;
  /** The practice and the referrer, from the token of whoever sent it. */
  practice: Practice;
  referrer: Practitioner;
  /** The referral as it was sent, the CPR number in its normal form. */
  content: NewReferral;
  /** The inclusion items it missed, judged when it was created (`inclusionFlagsFor`). */
  flags: InclusionFlag[];
  /** The navigator who took it; their organisation is kept, not shown. */
  owner?: { id: string; name: string; orgId?: string | undefined } | null | undefined;
}

/**
 * The referral as the API returns it: the citizen's birth date and age are those of the CPR number on the day
 * the referral was created (a citizen referred at 16 stays "16 at referral"), the rest as sent and as it went.
 */
export function referralView(stored: StoredReferral): Referral {
  const { patient, ...content } = stored.content;
  const cpr = parseCpr(patient.cpr, stored.createdAt);
  const birthDate = cpr.ok ? cpr.value.birthDate : '';
  return {
    id: stored.id,
    status: stored.status,
    createdAt: stored.createdAt.toISOString(),
    updatedAt: stored.updatedAt.toISOString(),
    practice: stored.practice,
    referrer: stored.referrer,
    patient: { ...patient, birthDate, ageAtReferral: ageOn(birthDate, stored.createdAt) },
    ...content,
    flags: stored.flags,
    ...(stored.owner ? { owner: { id: stored.owner.id, name: stored.owner.name } } : {}),
  };
}
