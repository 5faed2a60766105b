/**
 * What a journal or a vendor's backend hears about, live and from the outbox: the kinds of change. Payloads carry
 * ids and codes only; the rest is fetched with the receiver's own authorisation.
 */
export const liveEventTypes = [
  'referral.created',
  'referral.status_changed',
  'message.created',
  'consent.recorded',
  'consent.withdrawn',
] as const;
export type LiveEventType = (typeof liveEventTypes)[number];

export interface LiveEvent {
  /** The position in the outbox: resume after it (Last-Event-ID). */
  id: string;
  type: LiveEventType;
  referralId: string;
  /** When the change happened (ISO 8601). */
  at: string;
  /** The ids and codes of the change, e.g. `{ from: 'sent', to: 'received' }` or `{ messageId }`. */
  data: Record<string, string>;
}
