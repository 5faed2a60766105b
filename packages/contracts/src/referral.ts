import * as z from 'zod/mini';
import { ageOn, parseCpr } from './cpr.js';
import { Contact, Patient, Practice, Practitioner } from './context.js';
import { Day, Id, Instant, requiredText, text } from './identifiers.js';
import { ReferralStatus, referralStatuses } from './referral-status.js';

/** Why the citizen is referred (henvisningsårsag). */
export const referralReasons = [
  'loneliness',
  'inactivity',
  'low_wellbeing',
  'grief_or_loss',
  'life_change',
  'mental_strain',
  'other',
] as const;
export type ReferralReason = (typeof referralReasons)[number];

/**
 * The inclusion checklist (inklusionskriterier) the referrer confirms. Each item is true when the referrer ticked
 * it, false when they did not confirm it (the form starts unticked); a false item flags the referral, never stops
 * it. Age (18+ for data collection) and reachability (phone or e-mail) are derived from the CPR number and the
 * contact details.
 */
export const InclusionChecklist = z.strictObject({
  /** The citizen is motivated (motiveret) to take part. */
  motivated: z.boolean(),
  /** The citizen needs social support (behov for social støtte). */
  needsSocialSupport: z.boolean(),
  /** Lives in, or has a GP in, the pilot's municipality (bor i eller har læge i kommunen). */
  inArea: z.boolean(),
});
export type InclusionChecklist = z.infer<typeof InclusionChecklist>;

/** Inclusion items a referral missed. The referral is accepted and shown with these flags. */
export const inclusionFlags = ['under_18', 'not_motivated', 'no_social_need', 'outside_area', 'not_reachable'] as const;
export type InclusionFlag = (typeof inclusionFlags)[number];

/**
 * A new referral (ny henvisning) as the widget or a vendor's backend sends it. It carries no consent: a consent
 * exists only as a consent record (`POST /v1/referrals/{id}/consents`, with the text shown, its version and hash).
 */
export const NewReferral = z.strictObject({
  patient: Patient,
  /** Reasons for referral (henvisningsårsager), at least one. */
  reasons: z.array(z.enum(referralReasons)).check(
    z.minLength(1, { error: 'reasons_required' }),
    z.maxLength(referralReasons.length),
    z.refine((r) => new Set(r).size === r.length, {
      error: 'duplicate_items',
    }),
  ),
  /** The referrer's note (henviserens bemærkning). */
  note: z.optional(text(4000)),
  /** The citizen's own wishes and interests (borgerens ønsker og interesser). */
  wishes: z.optional(text(2000)),
  /** How and when the citizen can be reached (kontakt). */
  contact: Contact,
  /** Whether the citizen needs a companion (følgeskab) the first times. */
  companion: z.enum(['yes', 'no', 'unknown']),
  inclusion: InclusionChecklist,
});
export type NewReferral = z.infer<typeof NewReferral>;

/** A stored referral (henvisning). */
export const Referral = z.strictObject({
  id: Id,
  status: ReferralStatus,
  createdAt: Instant,
  updatedAt: Instant,
  practice: Practice,
  referrer: Practitioner,
  patient: z.extend(Patient, { birthDate: z.iso.date(), ageAtReferral: z.int() }),
  reasons: NewReferral.shape.reasons,
  note: z.optional(text(4000)),
  wishes: z.optional(text(2000)),
  contact: Contact,
  companion: NewReferral.shape.companion,
  inclusion: InclusionChecklist,
  /** Inclusion items missed; empty when every criterion is met. */
  flags: z.array(z.enum(inclusionFlags)),
  /** The social navigator who took the referral (ansvarlig socialnavigatør); set on accept, changed by reassigning. */
  owner: z.optional(z.strictObject({ id: z.string(), name: z.string() })),
});
export type Referral = z.infer<typeof Referral>;

/** Hands a referral to a colleague in the same navigator organisation (omfordel). */
export const AssignRequest = z.strictObject({ id: requiredText(100), name: requiredText(200) });
export type AssignRequest = z.infer<typeof AssignRequest>;

/** The inclusion items a referral misses, judged on `at` (the referral's day). */
export function inclusionFlagsFor(referral: NewReferral, at: Date): InclusionFlag[] {
  const cpr = parseCpr(referral.patient.cpr, at);
  const flags: InclusionFlag[] = [];
  if (cpr.ok && ageOn(cpr.value.birthDate, at) < 18) flags.push('under_18');
  if (!referral.inclusion.motivated) flags.push('not_motivated');
  if (!referral.inclusion.needsSocialSupport) flags.push('no_social_need');
  if (!referral.inclusion.inArea) flags.push('outside_area');
  if (!referral.contact.phone && !referral.contact.email) flags.push('not_reachable');
  return flags;
}

/** Who did something, as recorded on every event. */
export const Actor = z.strictObject({
  id: z.string(),
  name: z.string(),
  role: Practitioner.shape.role,
  orgId: z.string(),
});
export type Actor = z.infer<typeof Actor>;

/** One entry of a referral's timeline (forløb): its creation and each status change, with who and when. */
export const ReferralEvent = z.strictObject({
  id: Id,
  referralId: Id,
  type: z.enum(['created', 'status_changed']),
  from: z.optional(ReferralStatus),
  to: ReferralStatus,
  reason: z.optional(z.string()),
  note: z.optional(z.string()),
  actor: Actor,
  at: Instant,
});
export type ReferralEvent = z.infer<typeof ReferralEvent>;

function isRealDate(value: string): boolean {
  const [y, m, d] = value.slice(0, 10).split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCMonth() === m - 1 && date.getUTCDate() === d && !Number.isNaN(Date.parse(value));
}

const dateOrInstant = z
  .string()
  .check(
    z.regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/, { error: 'invalid_date' }),
    z.refine(isRealDate, { error: 'invalid_date' }),
  );

/** The orders of a list; `next_step` and `last_contact` are a caseload's (`owner=me`), by what its courses hold. */
export const referralSorts = ['newest', 'oldest', 'next_step', 'last_contact'] as const;
export type ReferralSort = (typeof referralSorts)[number];
/** The orders only a caseload has: a course's next step and last contact are its owner's planning. */
export const caseloadSorts: readonly ReferralSort[] = ['next_step', 'last_contact'];

/** A caseload's order asked of another list. */
const caseloadSortCheck = z.refine<{ sort?: ReferralSort | undefined; owner?: 'me' | 'none' | undefined }>(
  (q) => !q.sort || !caseloadSorts.includes(q.sort) || q.owner === 'me',
  {
    error: 'sort_needs_caseload',
    path: ['sort'],
  },
);

/** Query of `GET /v1/referrals`. `status` takes a comma-separated list; `from`/`to` bound the creation time. */
export const ListReferralsQuery = z
  .strictObject({
    status: z.optional(
      z.string().check(
        z.refine((v) => v.split(',').every((s) => ReferralStatus.safeParse(s).success), {
          error: 'invalid_status',
        }),
        z.describe(`Comma-separated: ${referralStatuses.join(', ')}`),
      ),
    ),
    practice: z.optional(text(64).check(z.describe('Practice id (ydernummer)'))),
    owner: z.optional(z.enum(['me', 'none']).check(z.describe("`me`: the caller's caseload; `none`: not yet taken"))),
    reason: z.optional(z.enum(referralReasons).check(z.describe('One of the referral reasons'))),
    from: z.optional(dateOrInstant.check(z.describe('Created on or after (date = Danish day, or ISO time)'))),
    to: z.optional(dateOrInstant.check(z.describe('Created on or before (date, inclusive) or before (ISO time)'))),
    /** The oldest open referrals are the ones waiting longest; a caseload also by its next step or its last contact. */
    sort: z.optional(
      z.enum(referralSorts).check(
        z.meta({
          description:
            '`newest` first (default) or `oldest` first; with `owner=me` also `next_step` (the soonest next step of the plan first, none last) or `last_contact` (never contacted first, then the longest since the last contact)',
          default: 'newest',
        }),
      ),
    ),
    cursor: z.optional(text(512).check(z.describe('`nextCursor` of the previous page'))),
    limit: z.optional(
      z
        .string()
        .check(
          z.regex(/^(100|[1-9][0-9]?)$/, { error: 'limit_range' }),
          z.meta({ description: 'Page size: a whole number from 1 to 100', default: '25' }),
        ),
    ),
  })
  .check(caseloadSortCheck);
export type ListReferralsQuery = z.infer<typeof ListReferralsQuery>;

/**
 * Body of `POST /v1/referrals/search`: the list's filters and a text, matched against the citizen's name (part
 * of it) or CPR number (the whole number). A search is a POST so that names and CPR numbers stay out of URLs.
 */
export const ReferralSearch = z
  .strictObject({
    ...ListReferralsQuery.shape,
    text: z.optional(requiredText(100)),
  })
  .check(caseloadSortCheck);
export type ReferralSearch = z.infer<typeof ReferralSearch>;

/**
 * A citizen's open referrals made within this many days of each other are likely duplicates (mulige dubletter): the
 * same citizen referred again, from the same practice or another, before the first was worked.
 */
export const LIKELY_DUPLICATE_DAYS = 14;

/** A course at a glance, as a navigator's list shows it: when the citizen was last contacted and what comes next. */
export const CourseGlance = z.strictObject({
  /** The last contact logged, whatever came of it. */
  lastContactAt: z.optional(Instant),
  /** The current plan's next step (næste skridt) and its Danish calendar day. */
  nextStep: z.optional(z.string()),
  nextStepDate: z.optional(Day),
});
export type CourseGlance = z.infer<typeof CourseGlance>;

/** Another open referral of the same citizen, made within {@link LIKELY_DUPLICATE_DAYS} days of the one listed. */
export const LikelyDuplicate = z.strictObject({
  id: Id,
  createdAt: Instant,
  status: ReferralStatus,
  practiceName: z.string(),
});
export type LikelyDuplicate = z.infer<typeof LikelyDuplicate>;

/** A referral in a list. Navigators' lists add the course at a glance and the citizen's likely duplicates. */
export const ListedReferral = z.strictObject({
  ...Referral.shape,
  course: z.optional(CourseGlance),
  /** The citizen's other open referrals within {@link LIKELY_DUPLICATE_DAYS} days, oldest first; absent when none. */
  likelyDuplicates: z.optional(z.array(LikelyDuplicate)),
});
export type ListedReferral = z.infer<typeof ListedReferral>;

/** One page of a list, newest first; `nextCursor` fetches the next page and is absent on the last. */
export const ReferralPage = z.strictObject({
  items: z.array(ListedReferral),
  nextCursor: z.optional(z.string()),
});
export type ReferralPage = z.infer<typeof ReferralPage>;

export const ReferralEventList = z.strictObject({ items: z.array(ReferralEvent) });
export type ReferralEventList = z.infer<typeof ReferralEventList>;
