import * as z from 'zod/mini';
import { Id, Instant, requiredText } from './identifiers.js';
import { Role } from './context.js';

const Who5Answer = z.int().check(z.gte(0), z.lte(5));

/** The five answers (0-5 each) in the order of `who5Items`; every item is required. */
export const Who5Answers = z.tuple([Who5Answer, Who5Answer, Who5Answer, Who5Answer, Who5Answer]);
export type Who5Answers = z.infer<typeof Who5Answers>;

/** A WHO-5 as the navigator submits it: baseline at the first conversation, follow-up 6-8 months later. */
export const NewWho5Response = z.strictObject({
  kind: z.enum(['baseline', 'follow_up']),
  answers: Who5Answers,
});
export type NewWho5Response = z.infer<typeof NewWho5Response>;

/** A recorded WHO-5 (trivselsmåling) and who recorded it. */
export const Who5Response = z.strictObject({
  ...NewWho5Response.shape,
  id: Id,
  referralId: Id,
  takenAt: Instant,
  /** A follow-up taken after its window closed (8 months after the baseline): kept, and counted apart in the measures. */
  late: z.boolean(),
  recordedBy: z.strictObject({ id: requiredText(100), name: requiredText(200), role: Role }),
});
export type Who5Response = z.infer<typeof Who5Response>;

/** The WHO-5 answers of a referral, oldest first, and when the follow-up falls due once there is a baseline. */
export const Who5List = z.strictObject({
  items: z.array(Who5Response),
  followUp: z.optional(z.strictObject({ dueAt: Instant, overdueAt: Instant, state: z.enum(['not_due', 'due', 'overdue', 'done']) })),
});
export type Who5List = z.infer<typeof Who5List>;

/** A referral whose WHO-5 follow-up is due or overdue, for the navigators' reminders. */
export const FollowUpItem = z.strictObject({
  referralId: Id,
  patientName: requiredText(200),
  baselineTakenAt: Instant,
  dueAt: Instant,
  overdueAt: Instant,
  state: z.enum(['not_due', 'due', 'overdue']),
});
export const FollowUpList = z.strictObject({ items: z.array(FollowUpItem) });
export type FollowUpList = z.infer<typeof FollowUpList>;

/** Query of `GET /v1/who5-follow-ups`. */
export const FollowUpQuery = z.object({
  state: z.optional(z.enum(['due', 'overdue']).check(z.describe('Only these; both when left out'))),
});
export type FollowUpQuery = z.infer<typeof FollowUpQuery>;
