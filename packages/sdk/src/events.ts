import type { HenvisErrorCode, Referral, ReferralEvent, ReferralStatus } from '@henvis/contracts';

/** The widget's event names. Promised stable: new events may be added, none renamed or removed. */
export const henvisEventNames = ['ready', 'referralSent', 'referralQueued', 'statusChanged', 'error'] as const;
export type HenvisEventName = (typeof henvisEventNames)[number];

/** Sent with every event. */
export interface HenvisEventMeta {
  event: HenvisEventName;
  /** When it happened (ISO 8601, UTC). */
  at: string;
  widgetVersion: string;
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

export type OnReady = (payload: ReadyPayload, meta: HenvisEventMeta) => void;
export type OnReferralSent = (payload: ReferralSentPayload, meta: HenvisEventMeta) => void;
export type OnReferralQueued = (payload: ReferralQueuedPayload, meta: HenvisEventMeta) => void;
export type OnStatusChanged = (payload: StatusChangedPayload, meta: HenvisEventMeta) => void;
export type OnError = (payload: ErrorPayload, meta: HenvisEventMeta) => void;
