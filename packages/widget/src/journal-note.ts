import { closeReasonLabels, rejectReasonLabels, type Message, type Referral, type ReferralEvent } from '@henvis/contracts';
import { formatDate, texts } from './i18n.js';

// Journal notes (journalnotater) are always Danish: they are filed in a Danish patient record, whatever the GP's screen language.
/** The short reference a GP can quote on the phone: the first 8 characters of the referral's id. */
export const shortRef = (id: string) => id.slice(0, 8);

/** The reason a course was closed or a referral rejected, in Danish, when the event gives one. */
function reasonOf(event: ReferralEvent): string | undefined {
  if (!event.reason) return undefined;
  const labels: Record<string, string> | undefined =
    event.to === 'closed' ? closeReasonLabels.da : event.to === 'rejected' ? rejectReasonLabels.da : undefined;
  return labels?.[event.reason] ?? event.reason;
}

/** The Danish journal note for a status change, with the reason and the summary of a closing or a rejection. */
export function statusChangedNote(referral: Referral, event: ReferralEvent): string {
  const da = texts.da;
  const from = event.from ? `fra "${da.status[event.from]}" ` : '';
  const reason = reasonOf(event);
  const because = reason ? ` Årsag: ${reason}.` : '';
  const note = event.note ? ` Bemærkning: ${event.note}` : '';
  return `Social henvisning (ref. ${shortRef(referral.id)}): status ændret ${from}til "${da.status[event.to]}" ${formatDate(event.at, 'da')} af ${event.actor.name}.${because}${note}`;
}

/** The Danish journal note for a message from the navigator: who wrote, when, and what. */
export function messageReceivedNote(referral: Referral, message: Message): string {
  return `Besked om social henvisning (ref. ${shortRef(referral.id)}) fra ${message.author.name} ${formatDate(message.at, 'da')}: ${message.body}`;
}

/** The Danish journal note for a message the practice wrote to the social navigator. */
export function messageSentNote(referral: Referral, message: Message): string {
  return `Besked om social henvisning (ref. ${shortRef(referral.id)}) til socialnavigatøren fra ${message.author.name} ${formatDate(message.at, 'da')}: ${message.body}`;
}
