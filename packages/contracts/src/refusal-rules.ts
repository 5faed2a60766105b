// The rules of the control of refused access apart from their schemas (refusals.ts), so a view that checks a
// period before it asks loads no zod.

/** The audit outcomes that are refusals: refused (the rules said no), denied (not found or not yours), failed (5xx). */
export const refusalOutcomes = ['refused', 'denied', 'failed'] as const;
export type RefusalOutcome = (typeof refusalOutcomes)[number];

/** The longest period read at once, in days: a quarter. */
export const REFUSALS_MAX_DAYS = 92;
/** The period read when none is given, in days ending today. */
export const REFUSALS_DEFAULT_DAYS = 7;

/** A burst (et angreb, en byge): more than `moreThan` refusals from one actor or one client address within `minutes`. */
export const REFUSAL_BURST_RULE = { moreThan: 20, minutes: 10 } as const;
