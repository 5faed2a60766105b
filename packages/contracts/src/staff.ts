import * as z from 'zod/mini';

/**
 * A colleague in the caller's navigator organisation (kollega): someone a referral can be handed over to. Known
 * from the tokens of the organisation's identity provider, once they have signed in to Henvis.
 */
export const Colleague = z.strictObject({
  id: z.string(),
  name: z.string(),
  role: z.enum(['navigator', 'coordinator']),
});
export type Colleague = z.infer<typeof Colleague>;

export const ColleagueList = z.strictObject({ items: z.array(Colleague) });
export type ColleagueList = z.infer<typeof ColleagueList>;
