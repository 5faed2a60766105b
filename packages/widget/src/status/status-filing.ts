import type { ConsentRecord, LiveEvent, Message, Referral, ReferralEvent } from '@henvis/contracts';
import { messageReceivedNote, messageSentNote, statusChangedNote } from '../journal-note.js';
import { consentRecordedNote, consentWithdrawnNote } from '../consent/consent-note.js';
import { noteIds, type WidgetStore } from '../widget-store.js';

/** What filing a change reads: a referral and its parts, each fetched once for a page of changes. */
export interface FilingReads {
  referral(id: string): Promise<Referral>;
  events(id: string): Promise<ReferralEvent[]>;
  messages(id: string): Promise<Message[]>;
  consents(id: string): Promise<ConsentRecord[]>;
}

/**
 * The timeline entry a status change names: by its id (the API names it), else, for an event recorded before it
 * did, the entry of that move at that time, else the newest of that move.
 */
function entryOf(change: LiveEvent, events: readonly ReferralEvent[]): ReferralEvent | undefined {
  const { eventId, from, to } = change.data;
  if (eventId) return events.find((e) => e.id === eventId);
  const moves = events.filter((e) => e.type === 'status_changed' && (e.from ?? '') === (from ?? '') && e.to === to);
  return moves.find((e) => Date.parse(e.at) === Date.parse(change.at)) ?? moves.at(-1);
}

/** The note id a change names by itself, without reading anything (a status change of old names no entry). */
function noteIdOf({ type, referralId, data }: LiveEvent): string | undefined {
  if (type === 'referral.created') return noteIds.referral(referralId);
  if (type === 'referral.status_changed') return data.eventId && noteIds.status(data.eventId);
  if (type === 'message.created') return data.messageId && noteIds.message(data.messageId);
  if (type === 'consent.recorded') return data.consentId && noteIds.consentRecorded(data.consentId);
  return data.consentId && noteIds.consentWithdrawn(data.consentId);
}

/**
 * Hands the journal the note of one change (a live event, or one read on catching up), with its position and note id,
 * once on the page. Nothing for a change of another citizen (a practice-wide token), nor one whose item is gone.
 * `beforeReferral` runs before a new referral is filed (the page may be sending it itself: its sender files it).
 */
export async function fileChange(
  store: WidgetStore,
  change: LiveEvent,
  reads: FilingReads,
  { isPatient, beforeReferral }: { isPatient: (referral: Referral) => boolean; beforeReferral: () => Promise<void> },
): Promise<void> {
  const { referralId, data } = change;
  // Filed on this page already (sent from it, or by another status list): nothing to read.
  const named = noteIdOf(change);
  if (named && store.filed(named)) return;
  const referral = await reads.referral(referralId);
  if (!isPatient(referral)) return;
  const position = change.id;
  switch (change.type) {
    case 'referral.created': {
      await beforeReferral();
      // The dialog's texts load only when a referral sent elsewhere is filed here.
      const { referralSentNote } = await import(/* webpackChunkName: "dialog" */ '../dialog/referral-sent-note.js');
      store.file('referralSent', { referral, journalNote: referralSentNote(referral) }, noteIds.referral(referral.id), position);
      return;
    }
    case 'referral.status_changed': {
      const event = entryOf(change, await reads.events(referralId));
      if (!event) return;
      const payload = {
        referralId,
        ...(event.from ? { from: event.from } : {}),
        to: event.to,
        event,
        journalNote: statusChangedNote(referral, event),
      };
      store.file('statusChanged', payload, noteIds.status(event.id), position);
      return;
    }
    case 'message.created': {
      const message = (await reads.messages(referralId)).find((m) => m.id === data.messageId);
      if (!message) return;
      // The practice's own messages (the GP's replies) go into the record too.
      if (message.author.orgId === referral.practice.id) {
        store.file(
          'messageSent',
          { referralId, message, journalNote: messageSentNote(referral, message) },
          noteIds.message(message.id),
          position,
        );
      } else {
        const journalNote = messageReceivedNote(referral, message);
        store.file('messageReceived', { referralId, message, journalNote }, noteIds.message(message.id), position);
      }
      return;
    }
    case 'consent.recorded':
    case 'consent.withdrawn': {
      const consent = (await reads.consents(referralId)).find((c) => c.id === data.consentId);
      if (!consent) return;
      if (change.type === 'consent.recorded') {
        store.file(
          'consentRecorded',
          { consent, journalNote: consentRecordedNote(consent) },
          noteIds.consentRecorded(consent.id),
          position,
        );
      } else if (consent.withdrawnAt) {
        const journalNote = consentWithdrawnNote(consent);
        store.file('consentWithdrawn', { consent, journalNote }, noteIds.consentWithdrawn(consent.id), position);
      }
      return;
    }
  }
}
