import * as z from 'zod/mini';
import { categoryCodes } from './category-taxonomy.js';
import { Id, Instant, requiredText, text } from './identifiers.js';
import { Actor } from './referral.js';

/** A need no offer in the catalogue met (udækket behov), recorded by the navigator. */
export const NewUnmetNeed = z.strictObject({
  referralId: Id,
  /** What kind of offer was missing: a category of the catalogue's list, the same as the offers'. */
  category: z.enum(categoryCodes),
  /** Where an offer was missing: a town or district, e.g. "Grenaa" or "Allingåbro". */
  area: requiredText(100),
  note: z.optional(text(1000)),
});
export type NewUnmetNeed = z.infer<typeof NewUnmetNeed>;

export const UnmetNeed = z.strictObject({
  ...NewUnmetNeed.shape,
  id: Id,
  recordedAt: Instant,
  recordedBy: Actor,
});
export type UnmetNeed = z.infer<typeof UnmetNeed>;

/** How often each need was unmet, by category and area, in the practices the organisation serves. */
export const UnmetNeedSummary = z.strictObject({
  items: z.array(z.strictObject({ category: z.enum(categoryCodes), area: z.string(), count: z.int(), latest: Instant })),
});
export type UnmetNeedSummary = z.infer<typeof UnmetNeedSummary>;
