import * as z from 'zod/mini';
import { liveEventTypes } from './live-event.js';

// The schemas of `GET /v1/events`, apart from live-event.ts: that module is in every journal's first load (the SDK
// parses the stream's events with parseLiveEvent) and stays free of zod, which only the dialog's chunk brings.

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
