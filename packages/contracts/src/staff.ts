import * as z from 'zod/mini';
import { PhoneNumber } from './identifiers.js';

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

/**
 * The caller's navigator organisation (navigatørorganisation) as citizens and practices reach it: its name, and its
 * phone as the MedCom directory holds it (the author phone of what it sends), absent where the directory has none.
 * Printed on the plan the citizen takes home.
 */
export const NavigatorOrgContact = z.strictObject({
  id: z.string(),
  name: z.string(),
  phone: z.optional(PhoneNumber),
});
export type NavigatorOrgContact = z.infer<typeof NavigatorOrgContact>;
