import { ageOn, parseCpr, type NewReferral, type ReferralReason } from '@henvis/contracts';
import type { HenvisContext } from '@henvis/sdk';

/** What the GP edits in the dialog; strings stay strings until the referral is built. */
export interface ReferralForm {
  reasons: ReferralReason[];
  note: string;
  wishes: string;
  phone: string;
  email: string;
  sms: boolean;
  bestTime: string;
  companion: NewReferral['companion'];
  inclusion: NewReferral['inclusion'];
}

/**
 * The form as it opens: contact details from the journal, and the inclusion criteria unticked, so that a tick is
 * the GP's own confirmation (one left unticked flags the referral; it never stops it). Consents are no part of
 * it: they are recorded with their text, once the referral exists.
 */
export function initialForm(context: HenvisContext): ReferralForm {
  const contact = context.patient.contact;
  return {
    reasons: [],
    note: '',
    wishes: '',
    phone: contact?.phone ?? '',
    email: contact?.email ?? '',
    sms: contact?.sms ?? false,
    bestTime: contact?.bestTime ?? '',
    companion: 'unknown',
    inclusion: { motivated: false, needsSocialSupport: false, inArea: false },
  };
}

const present = (value: string) => (value.trim() ? value.trim() : undefined);

export function toNewReferral(form: ReferralForm, context: HenvisContext): NewReferral {
  const phone = present(form.phone);
  const email = present(form.email);
  const note = present(form.note);
  const wishes = present(form.wishes);
  const bestTime = present(form.bestTime);
  return {
    patient: { cpr: context.patient.cpr, name: context.patient.name },
    reasons: form.reasons,
    ...(note ? { note } : {}),
    ...(wishes ? { wishes } : {}),
    contact: { ...(phone ? { phone, sms: form.sms } : {}), ...(email ? { email } : {}), ...(bestTime ? { bestTime } : {}) },
    companion: form.companion,
    inclusion: form.inclusion,
  };
}

/** The citizen's age today, from the CPR number, or undefined when the number is not valid. */
export function ageOf(context: HenvisContext, today = new Date()): number | undefined {
  const cpr = parseCpr(context.patient.cpr, today);
  return cpr.ok ? ageOn(cpr.value.birthDate, today) : undefined;
}
