import type { ConsentRecord, LiveEvent, Message, Referral, ReferralEvent } from '@henvis/contracts';
import { messageReceivedNote, statusChangedNote } from '../journal-note.js';
import { consentRecordedNote, consentWithdrawnNote } from '../consent/consent-note.js';
import { filedOnPage, type WidgetStore } from '../widget-store.js';

/**
 * How what was fetched is handed to the journal. Whatever is handed over, or taken stock of, is remembered on the
 * page (`filedOnPage`), so it reaches the journal once however many widgets and looks see it.
 * - `news`: everything not yet filed is new (a look after the first, or a part already held: it changed since);
 * - otherwise stock is taken (the first look, a referral's part fetched for the first time): what is there may
 *   have been filed in an earlier session, except what a live event named, which happened just now.
 */
export interface Filing {
  news: boolean;
  /** What live events named since the stream was up (`heardKey`). */
  heard: ReadonlySet<string>;
}

/** The item a live event names, as `fileStatusChanges` and the others look it up in `heard`. */
export function heardKey(event: LiveEvent): string | undefined {
  const { type, referralId, data } = event;
  if (type === 'referral.status_changed') return `${referralId}:${data.from ?? ''}>${data.to ?? ''}:status`;
  if (type === 'message.created') return data.messageId && `${data.messageId}:message`;
  if (type === 'consent.recorded') return data.consentId && `${data.consentId}:recorded`;
  if (type === 'consent.withdrawn') return data.consentId && `${data.consentId}:withdrawn`;
  return undefined;
}

/** Status changes of `referral`'s timeline, in order. A heard change is the newest entry of its from → to. */
export function fileStatusChanges(store: WidgetStore, referral: Referral, events: readonly ReferralEvent[], filing: Filing): void {
  const named = new Set<ReferralEvent>();
  const matched = new Set<string>();
  for (const event of [...events].reverse()) {
    const key = `${referral.id}:${event.from ?? ''}>${event.to}:status`;
    if (event.type === 'status_changed' && filing.heard.has(key) && !matched.has(key)) {
      matched.add(key);
      named.add(event);
    }
  }
  for (const event of events) {
    const key = `${event.id}:status`;
    if (event.type !== 'status_changed' || filedOnPage.has(key)) continue;
    filedOnPage.add(key);
    if (!filing.news && !named.has(event)) continue;
    store.emit('statusChanged', {
      referralId: referral.id,
      ...(event.from ? { from: event.from } : {}),
      to: event.to,
      event,
      journalNote: statusChangedNote(referral, event),
    });
  }
}

/** Consents the navigator recorded or the citizen withdrew go to the journal too (§ 44). */
export function fileConsents(store: WidgetStore, consents: readonly ConsentRecord[], filing: Filing): void {
  const isNew = (key: string) => {
    if (filedOnPage.has(key)) return false;
    filedOnPage.add(key);
    return filing.news || filing.heard.has(key);
  };
  for (const consent of consents) {
    if (isNew(`${consent.id}:recorded`)) store.emit('consentRecorded', { consent, journalNote: consentRecordedNote(consent) });
    if (consent.withdrawnAt && isNew(`${consent.id}:withdrawn`)) {
      store.emit('consentWithdrawn', { consent, journalNote: consentWithdrawnNote(consent) });
    }
  }
}

/** Messages from the navigators go to the journal; the practice's own do not. */
export function fileMessages(store: WidgetStore, referral: Referral, messages: readonly Message[], filing: Filing): void {
  const practiceId = store.options.peek().context.practice.id;
  for (const message of messages) {
    const key = `${message.id}:message`;
    if (filedOnPage.has(key)) continue;
    filedOnPage.add(key);
    if ((filing.news || filing.heard.has(key)) && message.author.orgId !== practiceId) {
      store.emit('messageReceived', { referralId: referral.id, message, journalNote: messageReceivedNote(referral, message) });
    }
  }
}
