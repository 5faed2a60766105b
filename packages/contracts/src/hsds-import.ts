import * as z from 'zod/mini';
import { offerParts } from './offer.js';

/** Query of the HSDS imports: `dryRun=true` only checks, storing nothing; `locale` is the language of the report. */
export const HsdsImportQuery = z.object({
  dryRun: z.optional(z.enum(['true', 'false']).check(z.describe('`true`: only check, store nothing'))),
  locale: z.optional(z.enum(['da', 'en']).check(z.describe("The language of the report's messages: `da` or `en` (the default)"))),
});
export type HsdsImportQuery = z.infer<typeof HsdsImportQuery>;

/** What an import does (or, in a dry run, would do) with a valid service: add it, change an offer, or leave it alone. */
export const hsdsImportOutcomes = ['created', 'updated', 'unchanged'] as const;
export type HsdsImportOutcome = (typeof hsdsImportOutcomes)[number];

/**
 * What an HSDS import did: each valid service with what became of it (and, for a changed offer, which parts
 * changed), and each service it refused with the fields that were wrong, by HSDS name, and for the tabular package
 * the file and line they were read from.
 */
export const HsdsImportReport = z.strictObject({
  dryRun: z.boolean(),
  created: z.int(),
  updated: z.int(),
  unchanged: z.int(),
  offers: z.array(
    z.strictObject({
      /** The service's position in the import, from 1. */
      row: z.int(),
      serviceId: z.optional(z.string()),
      name: z.string(),
      outcome: z.enum(hsdsImportOutcomes),
      /** The parts of the offer that an update changes. */
      changed: z.optional(z.array(z.enum(offerParts))),
    }),
  ),
  rejected: z.array(
    z.strictObject({
      /** The service's position in the import, from 1. */
      row: z.int(),
      serviceId: z.optional(z.string()),
      name: z.optional(z.string()),
      errors: z.array(
        z.strictObject({
          /** The HSDS field (`schedules[0].opens_at`), or in the tabular package the column (`opens_at`). */
          field: z.string(),
          /** The tabular package's file and line the field was read from. */
          file: z.optional(z.string()),
          line: z.optional(z.int()),
          /** A stable code (`required`, `invalid_postal_code`, …) and its message in the report's language. */
          code: z.string(),
          message: z.string(),
        }),
      ),
    }),
  ),
});
export type HsdsImportReport = z.infer<typeof HsdsImportReport>;
