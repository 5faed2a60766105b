import * as z from 'zod/mini';
import { Day, Id, Instant, requiredText, text } from './identifiers.js';
import { Actor } from './referral.js';

/**
 * The individual plan (individuel plan), written with the citizen at the first conversations: goals in the
 * citizen's own words, whether a bridge builder (brobygger) or a companion (følgeskab) is needed, and the next step
 * with its date. Each save is a new version; the newest is the plan. The offers agreed are the course's offer links
 * (`agreedOfferLinks`), not a list of the plan's own: plans saved before kept them by name, and migration 028 moved
 * those names into the plan's note.
 */
export const NewPlan = z.strictObject({
  /** In the citizen's own words. */
  goals: requiredText(2000),
  bridgeBuilder: z.boolean(),
  companion: z.boolean(),
  nextStep: requiredText(500),
  /** The Danish calendar date of the next step. */
  nextStepDate: Day,
  /**
   * The end criterion (slutkriterie), agreed with the citizen from the start: when the course is done, so that the
   * citizen does not stay dependent on the navigator (seed 003). Shown again when the course is closed.
   */
  endCriterion: z.optional(text(500)),
  note: z.optional(text(2000)),
});
export type NewPlan = z.infer<typeof NewPlan>;

export const Plan = z.strictObject({
  ...NewPlan.shape,
  referralId: Id,
  version: z.int(),
  savedAt: Instant,
  savedBy: Actor,
});
export type Plan = z.infer<typeof Plan>;

/** The current plan of a course: the newest version, or `null` before one is made. */
export const CurrentPlan = z.strictObject({ plan: z.nullable(Plan) });
export type CurrentPlan = z.infer<typeof CurrentPlan>;
