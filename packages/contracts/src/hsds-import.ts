import * as z from 'zod/mini';

/** Query of the HSDS imports: `dryRun=true` only checks, storing nothing. */
export const HsdsImportQuery = z.object({
  dryRun: z.optional(z.enum(['true', 'false']).check(z.describe('`true`: only check, store nothing'))),
});
export type HsdsImportQuery = z.infer<typeof HsdsImportQuery>;

/** What an HSDS import did, and each service it refused with the fields that were wrong (HSDS names). */
export const HsdsImportReport = z.strictObject({
  dryRun: z.boolean(),
  created: z.int(),
  updated: z.int(),
  rejected: z.array(
    z.strictObject({
      /** The service's position in the import, from 1. */
      row: z.int(),
      serviceId: z.optional(z.string()),
      name: z.optional(z.string()),
      errors: z.array(z.strictObject({ field: z.string(), message: z.string() })),
    }),
  ),
});
export type HsdsImportReport = z.infer<typeof HsdsImportReport>;
