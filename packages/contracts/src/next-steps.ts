import * as z from 'zod/mini';
import { Day, Id } from './identifiers.js';

/**
 * An open course whose plan's next step (næste skridt) has come: its day is today or past, in Danish time. For the
 * navigators' worklist ("Frister"), beside the first contacts and the WHO-5 follow-ups.
 */
export const NextStepItem = z.strictObject({
  referralId: Id,
  patientName: z.string(),
  practiceName: z.string(),
  nextStep: z.string(),
  nextStepDate: Day,
  /** The day is past, not today. */
  overdue: z.boolean(),
  owner: z.optional(z.strictObject({ id: z.string(), name: z.string() })),
});
export type NextStepItem = z.infer<typeof NextStepItem>;

/** The next steps that have come, the longest waiting first (at most 500). */
export const NextStepList = z.strictObject({ items: z.array(NextStepItem) });
export type NextStepList = z.infer<typeof NextStepList>;

/** Query of `GET /v1/next-steps`. */
export const NextStepQuery = z.object({
  owner: z.optional(z.enum(['me']).check(z.describe("`me`: only the caller's own courses"))),
});
export type NextStepQuery = z.infer<typeof NextStepQuery>;
