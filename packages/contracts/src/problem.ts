import * as z from 'zod/mini';
import { problemCodes, type ProblemCode } from './error-codes.js';

/** One invalid field: a dotted path, a stable code and a message saying what to fix (no submitted value). */
export const FieldError = z.strictObject({ path: z.string(), code: z.string(), message: z.string() });
export type FieldError = z.infer<typeof FieldError>;

/** An error response, RFC 9457 problem+json, with Henvis' stable `code`. */
export const Problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.int(),
  code: z.enum(problemCodes as [ProblemCode, ...ProblemCode[]]),
  detail: z.optional(z.string()),
  errors: z.optional(z.array(FieldError)),
});
export type Problem = z.infer<typeof Problem>;
