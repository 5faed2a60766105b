import type { ConsentRecord, HenvisErrorCode, Message, NewWho5Response, Referral, ReferralEvent, ReferralStatus } from '@henvis/contracts';

/** The widget's event names. Promised stable: new events may be added, none renamed or removed. */
export const henvisEventNames = [
  'ready',
  'referralSent',
  'referralQueued',
  'statusChanged',
  'error',
  'consentRecorded',
  'consentWithdrawn',
  'who5Recorded',
  'messageReceived',
  'messageSent',
] as const;
export type HenvisEventName = (typeof henvisEventNames)[number];

/** Sent with every event. */
export interface HenvisEventMeta {
  event: HenvisEventName;
  /** When it happened (ISO 8601, UTC). */
  at: string;
  widgetVersion: string;
  /**
   * On every event with a `journalNote`: the note's stable id (notat-id), the same whichever page, desk or page load
   * hands the note over (`referral:<id>`, `status:<timeline entry id>`, `message:<id>`, `consent:<id>:recorded`,
   * `consent:<id>:withdrawn`). File each id once: a unique key in your record keeps two desks open on one patient,
   * and a catch-up that repeats what a closed page had filed, from filing a note twice.
   */
  noteId?: string;
  /**
   * On a note from a change in Henvis (a catch-up, or a live change): the change's position (`<transaction>.<sequence>`,
   * the live event's id). Store the latest with your notes, per practice and patient, and pass it back as
   * `catchUp.after` on the next mount. Absent on notes of what this page did itself (a referral it sent, a consent it
   * recorded): those reach you again, with their position, as changes, and their `noteId` says you have them.
   */
  position?: string;
}

/** The widget is on screen and usable. */
export type ReadyPayload = Record<string, never>;

/** A referral (henvisning) was stored. File `journalNote` in the patient record. */
export interface ReferralSentPayload {
  referral: Referral;
  /** A ready-to-file Danish journal note (journalnotat) describing the referral. */
  journalNote: string;
}

/** A referral could not be delivered yet and waits in the page's memory; it is sent when the service is back. */
export interface ReferralQueuedPayload {
  queuedAt: string;
  reason: HenvisErrorCode;
}

/** A referral of the current patient changed status (status ændret). */
export interface StatusChangedPayload {
  referralId: string;
  from?: ReferralStatus;
  to: ReferralStatus;
  /** The timeline entry, with who and when. */
  event: ReferralEvent;
  /** A ready-to-file Danish journal note (journalnotat). */
  journalNote: string;
}

/** Something failed in a way the host may want to show or log. Never carries personal data. */
export interface ErrorPayload {
  code: HenvisErrorCode;
  /** The message in the widget's language. */
  message: string;
}

/**
 * A consent decision (samtykke givet eller afslået) was recorded: journal data consent (samtykke til journaldata)
 * or well-being data consent (samtykke til trivselsdata). File `journalNote` in the patient record: the Health
 * Act requires the consent to be entered there.
 */
export interface ConsentRecordedPayload {
  /** The stored decision: kind, given or declined, how it was given, who informed, text version and hash. */
  consent: ConsentRecord;
  /** A ready-to-file Danish journal note (journalnotat). Never holds the CPR number. */
  journalNote: string;
}

/** A given consent was withdrawn (samtykke trukket tilbage), effective at once. File `journalNote`. */
export interface ConsentWithdrawnPayload {
  /** The consent, now with `withdrawnAt` and `withdrawnBy`. */
  consent: ConsentRecord;
  /** A ready-to-file Danish journal note (journalnotat). Never holds the CPR number. */
  journalNote: string;
}

/**
 * WHO-5 answers (trivselsmåling, Trivselsindeks) were stored. Deliberately without answers or scores: WHO-5 data
 * are evaluation data for the pilot, not journal data, and stay with Henvis.
 */
export interface Who5RecordedPayload {
  /** Id of the stored response. */
  responseId: string;
  /** Baseline (første måling) or follow-up (opfølgende måling, 6-8 months later). */
  kind: NewWho5Response['kind'];
}

/** The navigator wrote to the practice about a referral of the current patient (besked). File `journalNote`. */
export interface MessageReceivedPayload {
  referralId: string;
  message: Message;
  /** A ready-to-file Danish journal note with the message, its author and time. */
  journalNote: string;
}

/**
 * The practice wrote to the social navigator about a referral of the current patient (besked sendt): from this page or
 * any other desk of the practice. File `journalNote`.
 */
export interface MessageSentPayload {
  referralId: string;
  message: Message;
  /** A ready-to-file Danish journal note with the message, its author and time. */
  journalNote: string;
}

export type OnReady = (payload: ReadyPayload, meta: HenvisEventMeta) => void;
export type OnReferralSent = (payload: ReferralSentPayload, meta: HenvisEventMeta) => void;
export type OnReferralQueued = (payload: ReferralQueuedPayload, meta: HenvisEventMeta) => void;
export type OnStatusChanged = (payload: StatusChangedPayload, meta: HenvisEventMeta) => void;
export type OnError = (payload: ErrorPayload, meta: HenvisEventMeta) => void;
export type OnConsentRecorded = (payload: ConsentRecordedPayload, meta: HenvisEventMeta) => void;
export type OnConsentWithdrawn = (payload: ConsentWithdrawnPayload, meta: HenvisEventMeta) => void;
export type OnWho5Recorded = (payload: Who5RecordedPayload, meta: HenvisEventMeta) => void;
export type OnMessageReceived = (payload: MessageReceivedPayload, meta: HenvisEventMeta) => void;
export type OnMessageSent = (payload: MessageSentPayload, meta: HenvisEventMeta) => void;
