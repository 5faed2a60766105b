import type { Referral, ReferralEvent } from '@henvis/contracts';
import { formatDate, texts } from './i18n.js';

const da = texts.da;
const short = (id: string) => id.slice(0, 8);

/** The Danish journal note (journalnotat) for a sent referral, ready for the vendor to file. */
export function referralSentNote(r: Referral): string {
  const consent = (s: keyof typeof da.consentState) => da.consentState[s].toLowerCase();
  const lines = [
    `Social henvisning sendt ${formatDate(r.createdAt, 'da')} via Henvis (ref. ${short(r.id)}) af ${r.referrer.name}.`,
    `Årsag: ${r.reasons.map((x) => da.reason[x]).join(', ')}.`,
    `Kontakt: ${[r.contact.phone && 'telefon', r.contact.email && 'e-mail', r.contact.sms && 'SMS'].filter(Boolean).join(', ') || 'ingen'}. Følgeskab: ${da.companionOption[r.companion].toLowerCase()}.`,
    `Samtykke til journaldata: ${consent(r.consent.journalData)}. Samtykke til trivselsdata: ${consent(r.consent.wellbeingData)}.`,
    r.flags.length ? `Inklusion, markeret: ${r.flags.map((f) => da.flag[f]).join('; ')}.` : 'Inklusionskriterierne er opfyldt.',
    'Social henvisning er ikke behandling og ikke en bevilling af en offentlig ydelse.',
  ];
  return lines.join('\n');
}

/** The Danish journal note for a status change. */
export function statusChangedNote(referral: Referral, event: ReferralEvent): string {
  const from = event.from ? `fra "${da.status[event.from]}" ` : '';
  const note = event.note ? ` Bemærkning: ${event.note}` : '';
  return `Social henvisning (ref. ${short(referral.id)}): status ændret ${from}til "${da.status[event.to]}" ${formatDate(event.at, 'da')} af ${event.actor.name}.${note}`;
}
