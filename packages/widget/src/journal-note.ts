import type { Message, Referral, ReferralEvent } from '@henvis/contracts';
import { formatDate, texts } from './i18n.js';

// Journal notes (journalnotater) are always Danish: they are filed in a Danish patient record, whatever the GP's screen language.
/** The short reference a GP can quote on the phone: the first 8 characters of the referral's id. */
export const shortRef = (id: string) => id.slice(0, 8);

/** The Danish journal note for a status change. */
export function statusChangedNote(referral: Referral, event: ReferralEvent): string {
  const da = texts.da;
  const from = event.from ? `fra "${da.status[event.from]}" ` : '';
  const note = event.note ? ` Bemærkning: ${event.note}` : '';
  return `Social henvisning (ref. ${shortRef(referral.id)}): status ændret ${from}til "${da.status[event.to]}" ${formatDate(event.at, 'da')} af ${event.actor.name}.${note}`;
}

/** The Danish journal note for a message from the navigator: who wrote, when, and what. */
export function messageReceivedNote(referral: Referral, message: Message): string {
  return `Besked om social henvisning (ref. ${shortRef(referral.id)}) fra ${message.author.name} ${formatDate(message.at, 'da')}: ${message.body}`;
}
