import * as z from 'zod/mini';
import { Id, Instant, requiredText } from './identifiers.js';
import { Actor } from './referral.js';

/**
 * A message on a referral (besked), between the navigator and the referring practice, so the dialogue about the
 * citizen stays in the systems each already uses. Threaded: a reply names the message it answers.
 */
export const NewMessage = z.strictObject({
  body: requiredText(4000),
  /** The message this one answers, on the same referral. */
  inReplyTo: z.optional(Id),
});
export type NewMessage = z.infer<typeof NewMessage>;

export const Message = z.strictObject({
  ...NewMessage.shape,
  id: Id,
  referralId: Id,
  /** Who wrote it, with role and organisation (practice or navigator organisation). */
  author: Actor,
  at: Instant,
});
export type Message = z.infer<typeof Message>;

/** The messages of a referral, oldest first. */
export const MessageList = z.strictObject({ items: z.array(Message) });
export type MessageList = z.infer<typeof MessageList>;
