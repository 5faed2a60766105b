import type { Referral } from '@henvis/contracts';
import { dialogTexts } from './dialog-texts.js';
import { formatDate, texts } from '../i18n.js';
import { shortRef } from '../journal-note.js';

// Apart from the status note (journal-note.ts) because it needs the dialog's texts, which load with the dialog.
/** The Danish journal note (journalnotat) for a sent referral, ready for the vendor to file. */
export function referralSentNote(r: Referral): string {
  const da = { ...texts.da, ...dialogTexts.da };
  const lines = [
    `Social henvisning sendt ${formatDate(r.createdAt, 'da')} via Henvis (ref. ${shortRef(r.id)}) af ${r.referrer.name}.`,
    `Årsag: ${r.reasons.map((x) => da.reason[x]).join(', ')}.`,
    `Kontakt: ${[r.contact.phone && 'telefon', r.contact.email && 'e-mail', r.contact.sms && 'SMS'].filter(Boolean).join(', ') || 'hverken telefon eller e-mail'}. Følgeskab: ${da.companionOption[r.companion].toLowerCase()}.`,
    'Samtykker: indhentes særskilt med den skriftlige tekst; hvert samtykke journalføres, når det er registreret.',
    r.flags.length ? `Inklusion, markeret: ${r.flags.map((f) => da.flag[f]).join('; ')}.` : 'Inklusionskriterierne er bekræftet.',
    'Social henvisning er ikke behandling og ikke en bevilling af en offentlig ydelse.',
  ];
  return lines.join('\n');
}
