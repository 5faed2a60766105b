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

/**
 * One change, the same on the live stream (each event's `data`) and in a webhook's body. Parse either with
 * `parseLiveEvent`.
 */
export interface LiveEvent {
  /**
   * The event's position in the outbox, `<transaction>.<sequence>`: unique, so a receiver can drop a repeat; the
   * stream resumes after it (Last-Event-ID). Opaque: compare for equality only.
   */
  id: string;
  type: LiveEventType;
  referralId: string;
  /** When the change happened (ISO 8601). */
  at: string;
  /** The ids and codes of the change, e.g. `{ from: 'sent', to: 'received' }` or `{ messageId }`. */
  data: Record<string, string>;
}

const isStringRecord = (value: unknown): value is Record<string, string> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every((v) => typeof v === 'string');

/**
 * A LiveEvent from its JSON (a stream event's `data`, a webhook's body), or undefined when it is not one, or of a
 * type this version does not know (a newer server may add types: skip those).
 */
export function parseLiveEvent(json: string): LiveEvent | undefined {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const { id, type, referralId, at, data } = value as Record<string, unknown>;
  if (typeof id !== 'string' || typeof referralId !== 'string' || typeof at !== 'string' || !isStringRecord(data)) return undefined;
  if (typeof type !== 'string' || !(liveEventTypes as readonly string[]).includes(type)) return undefined;
  return { id, type: type as LiveEventType, referralId, at, data };
}
