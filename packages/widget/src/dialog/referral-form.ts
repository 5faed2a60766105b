import { ageOn, parseCpr, type ConsultationContext, type NewReferral, type ReferralReason } from '@henvis/contracts';

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
 * The form as it opens: contact details from the journal, and the inclusion criteria ticked for the GP to untick
 * what does not hold. Consents are no part of it: they are recorded with their text, once the referral exists.
 */
export function initialForm(context: ConsultationContext): ReferralForm {
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
    inclusion: { motivated: true, needsSocialSupport: true, inArea: true },
  };
}

const present = (value: string) => (value.trim() ? value.trim() : undefined);

export function toNewReferral(form: ReferralForm, context: ConsultationContext): NewReferral {
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
export function ageOf(context: ConsultationContext, today = new Date()): number | undefined {
  const cpr = parseCpr(context.patient.cpr, today);
  return cpr.ok ? ageOn(cpr.value.birthDate, today) : undefined;
}
