import * as z from 'zod/mini';

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

/** A position in the outbox as events give it (`<transaction>.<sequence>`); `0.0` is before every event. */
export const EventPosition = z
  .string()
  .check(z.regex(/^\d{1,19}\.\d{1,19}$/, { error: 'invalid_position' }), z.describe('`<transaction>.<sequence>`, e.g. `0.0`'));

/**
 * Query of `GET /v1/events`: the changes after `after` that the token may see, oldest first. Without `after`, none:
 * the answer's `position` is where the outbox stands, to read on from.
 */
export const ListLiveEventsQuery = z.strictObject({
  after: z.optional(
    EventPosition.check(
      z.describe('The `id` of the last event handled (or `position` of the last answer); `0.0` for everything from the beginning'),
    ),
  ),
  limit: z.optional(
    z
      .string()
      .check(
        z.regex(/^(500|[1-4][0-9]{2}|[1-9][0-9]?)$/, { error: 'limit_range_500' }),
        z.meta({ description: 'Events at most: a whole number from 1 to 500', default: '100' }),
      ),
  ),
});
export type ListLiveEventsQuery = z.infer<typeof ListLiveEventsQuery>;

/** One change, as `GET /v1/events` lists it: the LiveEvent of the stream and the webhooks. */
export const LiveEventRecord = z.strictObject({
  id: EventPosition,
  type: z.enum(liveEventTypes),
  referralId: z.string(),
  at: z.string(),
  data: z.record(z.string(), z.string()),
});

/**
 * The answer of `GET /v1/events`: the changes in order, and `position`, where to go on from (the last event's id, or
 * the `after` asked for when none came; where the outbox stands without one). `more`: another page waits now.
 */
export const LiveEventPage = z.strictObject({
  items: z.array(LiveEventRecord),
  position: EventPosition,
  more: z.boolean(),
});
export type LiveEventPage = z.infer<typeof LiveEventPage>;
