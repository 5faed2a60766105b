import * as z from 'zod/mini';
import { Instant } from './identifiers.js';
import { inclusionFlags } from './referral.js';
import { closeReasons, rejectReasons } from './referral-status.js';
import { categoryCodes } from './category-taxonomy.js';
import { SMALL_CELL } from './small-cells.js';

// The pilot's measures (seed 004, "Resultater og betaling", "Trivselsdata") as `GET /v1/measures` returns them.
// Every count of people has passed the small-cell rule (small-cells.ts) before it leaves the server.

/** A calendar month, YYYY-MM (Danish time): referrals are counted in cohorts by the month they were sent. */
export const Month = z.string().check(z.regex(/^(19|20)\d\d-(0[1-9]|1[0-2])$/, { error: 'invalid_month' }));

/** A count of people: 0, 5 or more, "< 5", or null where it is withheld so that a total does not reveal a small count. */
export const Count = z.nullable(z.union([z.int().check(z.gte(0)), z.literal(SMALL_CELL)]));
export const Ratio = z.strictObject({ numerator: Count, denominator: Count, share: z.nullable(z.number()) });
/** A median, percentile or mean; null when computed from fewer than 5 values. */
const Statistic = z.nullable(z.number());
const Text = z.strictObject({ da: z.string(), en: z.string() });

/** Query of `GET /v1/measures`: a period of referral months and one practice, both optional. */
export const MeasuresQuery = z.object({
  from: z.optional(Month.check(z.describe('First referral month, YYYY-MM; the first month with a referral when left out'))),
  to: z.optional(Month.check(z.describe('Last referral month, YYYY-MM; this month when left out'))),
  practice: z.optional(z.string().check(z.maxLength(100), z.describe('Only this practice (its id, e.g. the ydernummer)'))),
});
export type MeasuresQuery = z.infer<typeof MeasuresQuery>;

/** The pilot's goals: 700 citizens in two years, half of them linked to an offer within 3 months (seed 004). */
export const PILOT_GOALS = { referrals: 700, months: 24, linkedShare: 0.5, linkedWithinMonths: 3 } as const;

export const Measures = z.strictObject({
  generatedAt: Instant,
  period: z.strictObject({ from: Month, to: Month }),
  /** The practices the caller's organisation serves: the choices of the practice filter. `byPractice` has those counted. */
  practices: z.array(z.strictObject({ id: z.string(), name: z.string() })),
  smallCellRule: Text,
  referrals: z.strictObject({
    definition: Text,
    goal: z.strictObject({ total: z.int(), months: z.int(), perMonth: z.number() }),
    total: Count,
    /** Per referral month: the count, the running sum in the period (null where it would reveal a hidden count), and the pace to the goal (700 after 24 months, and no more). */
    byMonth: z.array(z.strictObject({ month: Month, count: Count, cumulative: z.nullable(z.int()), pace: z.number() })),
    byPractice: z.array(z.strictObject({ practiceId: z.string(), practiceName: z.string(), count: Count })),
  }),
  firstContact: z.strictObject({
    definition: Text,
    goal: z.strictObject({ workingDays: z.int() }),
    /** Hours from the referral to the first contact that reached the citizen. */
    medianHours: Statistic,
    p90Hours: Statistic,
    /** Reached within 2 working days, of the referrals reached or past their deadline. */
    withinDeadline: Ratio,
  }),
  linked: z.strictObject({
    definition: Text,
    goal: z.strictObject({ share: z.number(), months: z.int() }),
    /** Linked to an offer (started) within 3 months, of the citizens referred at least 3 months ago. */
    withinThreeMonths: Ratio,
    /** Still attending an offer 3 months after starting it, of those who started one at least 3 months ago. */
    attendingAtThreeMonths: Ratio,
    byMonth: z.array(z.strictObject({ month: Month, linked: Ratio })),
  }),
  contacts: z.strictObject({
    definition: Text,
    usual: z.strictObject({ min: z.int(), max: z.int() }),
    closedCourses: Count,
    median: Statistic,
    p25: Statistic,
    p75: Statistic,
    withinUsual: Ratio,
  }),
  who5: z.strictObject({
    definition: Text,
    /** Baseline and a follow-up taken inside its window (not late). */
    pairs: Count,
    meanChange: Statistic,
    improvedBy10: Ratio,
    baseline: z.strictObject({ mean: Statistic, atOrBelow50: Ratio, atOrBelow28: Ratio }),
    followUp: z.strictObject({ mean: Statistic, atOrBelow50: Ratio, atOrBelow28: Ratio }),
    /** Follow-ups taken in their window, of those whose window has opened. */
    completion: Ratio,
    /** Follow-ups taken after the window closed: kept, not paired. */
    late: Count,
  }),
  closing: z.strictObject({
    definition: Text,
    total: Count,
    reasons: z.array(z.strictObject({ reason: z.enum(closeReasons), count: Count })),
  }),
  rejections: z.strictObject({
    definition: Text,
    total: Count,
    reasons: z.array(z.strictObject({ reason: z.enum(rejectReasons), count: Count })),
  }),
  inclusionFlags: z.strictObject({
    definition: Text,
    referrals: Count,
    flags: z.array(z.strictObject({ flag: z.enum(inclusionFlags), count: Count })),
  }),
  unmetNeeds: z.strictObject({
    definition: Text,
    items: z.array(z.strictObject({ category: z.enum(categoryCodes), area: z.string(), count: Count })),
  }),
});
export type Measures = z.infer<typeof Measures>;

/** What each measure counts, in the words the dashboard, the report and the API give. */
export const measureDefinitions = {
  referrals: {
    da: 'Henvisninger pr. måned, de blev sendt (kohorte), og pr. praksis; annullerede tæller ikke. Tempoet er målet på 700 borgere på 2 år, ligeligt fordelt over 24 måneder fra periodens start.',
    en: 'Referrals by the month they were sent (cohort) and by practice; cancelled ones do not count. The pace is the goal of 700 citizens in 2 years, spread evenly over 24 months from the start of the period.',
  },
  firstContact: {
    da: 'Tid fra henvisningen til den første kontakt, hvor socialnavigatøren talte med borgeren (et ubesvaret opkald eller en besked tæller ikke). Andelen inden for 2 arbejdsdage er af de henvisninger, der er nået, eller hvis frist er passeret; afviste og annullerede tæller ikke.',
    en: 'Time from the referral to the first contact in which the social navigator reached the citizen (an unanswered call or a message left does not count). The share within 2 working days is of the referrals reached or past their deadline; rejected and cancelled ones do not count.',
  },
  linked: {
    da: 'Andel af borgere henvist for mindst 3 måneder siden, der inden for 3 måneder efter henvisningen er startet i et tilbud (mål: 50 %). Afviste henvisninger tæller med, annullerede ikke. Fastholdt: stadig i tilbuddet 3 måneder efter start, af dem der startede for mindst 3 måneder siden.',
    en: 'Share of the citizens referred at least 3 months ago who started an offer within 3 months of the referral (goal: 50 %). Rejected referrals count, cancelled ones do not. Attending: still in the offer 3 months after starting it, of those who started one at least 3 months ago.',
  },
  contacts: {
    da: 'Kontakter, hvor socialnavigatøren talte med borgeren, pr. afsluttet forløb (median og kvartiler), mod de sædvanlige 6-12.',
    en: 'Contacts in which the social navigator reached the citizen, per closed course (median and quartiles), against the usual 6-12.',
  },
  who5: {
    da: 'WHO-5 (0-100) kun fra parrede målinger: en baseline og en opfølgning taget i vinduet 6-8 måneder efter. Forbedring er 10 point eller mere. ≤ 50 tyder på behov for screening for depression eller stress, ≤ 28 på depression. Gennemførelse: opfølgninger taget i vinduet af dem, hvis vindue er åbnet. For sene opfølgninger tælles for sig.',
    en: 'WHO-5 (0-100) from paired measurements only: a baseline and a follow-up taken in the window 6-8 months after it. Improvement is 10 points or more. ≤ 50 suggests screening for depression or stress, ≤ 28 depression. Completion: follow-ups taken in their window of those whose window has opened. Late follow-ups are counted apart.',
  },
  closing: {
    da: 'Afsluttede forløb efter afslutningsårsag.',
    en: 'Closed courses by closing reason.',
  },
  rejections: {
    da: 'Afviste henvisninger efter årsag.',
    en: 'Rejected referrals by reason.',
  },
  inclusionFlags: {
    da: 'Henvisninger, hvor et inklusionskriterium ikke var opfyldt, pr. kriterium (en henvisning kan have flere).',
    en: 'Referrals that missed an inclusion criterion, per criterion (a referral may miss several).',
  },
  unmetNeeds: {
    da: 'Behov, socialnavigatøren ikke kunne finde et tilbud til, efter kategori og område.',
    en: 'Needs for which the social navigator found no offer, by category and area.',
  },
} as const satisfies Record<string, { da: string; en: string }>;
