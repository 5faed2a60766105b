import * as z from 'zod/mini';
import { Instant } from './identifiers.js';
import { REFUSALS_DEFAULT_DAYS, refusalOutcomes } from './refusal-rules.js';

// The control of refused access attempts (kontrol med afviste adgangsforsøg, seed 004 "Trivselsdata") as
// `GET /v1/audit/refusals` returns it to a coordinator: the audit log's refused, denied and failed lines, counted.
// The audit log holds pseudonyms, never a citizen's CPR number or name, and this answer does not even name the
// citizen's pseudonym: who tried, from where, why, when and how often.

function isRealDay(value: string): boolean {
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** A Danish calendar day, YYYY-MM-DD. */
export const Day = z
  .string()
  .check(
    z.regex(/^(19|20)\d\d-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { error: 'invalid_date' }),
    z.refine(isRealDay, { error: 'invalid_date' }),
  );

/** Query of `GET /v1/audit/refusals`: the Danish days from and to, both included, at most 92 days. */
export const RefusalsQuery = z.strictObject({
  from: z.optional(
    Day.check(z.describe(`First day, YYYY-MM-DD (Danish time); ${REFUSALS_DEFAULT_DAYS - 1} days before \`to\` when left out`)),
  ),
  to: z.optional(Day.check(z.describe('Last day, YYYY-MM-DD (Danish time), included; today when left out'))),
});
export type RefusalsQuery = z.infer<typeof RefusalsQuery>;

/**
 * Who tried: the token's issuer and subject (the user id the identity provider gave), and the role it claimed.
 * `null` is a request without a valid token (missing, forged, expired, of an untrusted issuer).
 */
export const RefusalActor = z.nullable(z.strictObject({ issuer: z.nullable(z.string()), sub: z.string(), role: z.nullable(z.string()) }));
export type RefusalActor = z.infer<typeof RefusalActor>;

/** The refusals of one day with the same actor, organisation, client address, outcome and reason. */
export const RefusalGroup = z.strictObject({
  day: Day,
  actor: RefusalActor,
  /** The organisation in the actor's token (a practice's or a navigator organisation's id); null without a valid token. */
  organisation: z.nullable(z.string()),
  /** The client's IP address as the server saw it. */
  clientAddress: z.nullable(z.string()),
  outcome: z.enum(refusalOutcomes),
  /** The stable code of why (`token_invalid`, `role_not_allowed`, `not_found`, `too_many_attempts`, …); see docs/errors.md. */
  reason: z.nullable(z.string()),
  count: z.int().check(z.gte(1)),
  first: Instant,
  last: Instant,
});
export type RefusalGroup = z.infer<typeof RefusalGroup>;

/** More than 20 refusals from one actor (`by: 'actor'`) or one client address (`by: 'address'`) within 10 minutes. */
export const RefusalBurst = z.strictObject({
  by: z.enum(['actor', 'address']),
  /** The actor, for a burst by actor; null for one by address. */
  actor: RefusalActor,
  /** The actor's organisation, for a burst by actor. */
  organisation: z.nullable(z.string()),
  /** The client address, for a burst by address. */
  clientAddress: z.nullable(z.string()),
  /** The first and the last refusal of the burst: overlapping 10-minute windows are one burst. */
  start: Instant,
  end: Instant,
  count: z.int().check(z.gte(1)),
});
export type RefusalBurst = z.infer<typeof RefusalBurst>;

/** Refused, denied and failed attempts over a period, grouped, with the bursts among them. */
export const Refusals = z.strictObject({
  generatedAt: Instant,
  period: z.strictObject({ from: Day, to: Day }),
  burstRule: z.strictObject({ moreThan: z.int(), minutes: z.int() }),
  /** Every refusal in the period that the caller may see, also those of groups left out past `groupLimit`. */
  total: z.int().check(z.gte(0)),
  /** Per day, newest first, every day of the period (0 where none). */
  byDay: z.array(z.strictObject({ day: Day, count: z.int().check(z.gte(0)) })),
  /** Newest day first, then the largest count. */
  groups: z.array(RefusalGroup),
  /** The most groups listed; `truncated` says whether more were left out (their refusals are in `total`). */
  groupLimit: z.int(),
  truncated: z.boolean(),
  /** Oldest first. */
  bursts: z.array(RefusalBurst),
});
export type Refusals = z.infer<typeof Refusals>;
