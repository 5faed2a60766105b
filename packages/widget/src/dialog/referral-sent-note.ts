import type { Referral } from '@henvis/contracts';
import { dialogTexts } from './dialog-texts.js';
import { formatDate, texts } from '../i18n.js';
import { shortRef } from '../journal-note.js';

// Apart from the status note (journal-note.ts) because it needs the dialog's texts, which load with the dialog.
/** The Danish journal note (journalnotat) for a sent referral, ready for the vendor to file. */
export function referralSentNote(r: Referral): string {
  const da = { ...texts.da, ...dialogTexts.da };
  const consent = (s: keyof typeof da.consentState) => da.consentState[s].toLowerCase();
  const lines = [
    `Social henvisning sendt ${formatDate(r.createdAt, 'da')} via Henvis (ref. ${shortRef(r.id)}) af ${r.referrer.name}.`,
    `Årsag: ${r.reasons.map((x) => da.reason[x]).join(', ')}.`,
    `Kontakt: ${[r.contact.phone && 'telefon', r.contact.email && 'e-mail', r.contact.sms && 'SMS'].filter(Boolean).join(', ') || 'ingen'}. Følgeskab: ${da.companionOption[r.companion].toLowerCase()}.`,
    `Samtykke til journaldata: ${consent(r.consent.journalData)}. Samtykke til trivselsdata: ${consent(r.consent.wellbeingData)}.`,
    r.flags.length ? `Inklusion, markeret: ${r.flags.map((f) => da.flag[f]).join('; ')}.` : 'Inklusionskriterierne er opfyldt.',
    'Social henvisning er ikke behandling og ikke en bevilling af en offentlig ydelse.',
  ];
  return lines.join('\n');
}
