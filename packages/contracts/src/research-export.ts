import * as z from 'zod/mini';
import { Instant, requiredText } from './identifiers.js';

// The pseudonymised research export (seed 004, "Data til betalingsmål", "Trivselsdata"): one row per course of a
// consenting adult, no names, notes, free text or CPR numbers, and k-anonymous on its quasi-identifiers.

/** Each equivalence class of quasi-identifiers holds at least this many rows, or the export is refused. */
export const RESEARCH_K = 5;

/** `POST /v1/research-exports`: the research project the export is for (its key makes the pseudonyms). */
export const ResearchExportRequest = z.strictObject({ project: requiredText(100) });
export type ResearchExportRequest = z.infer<typeof ResearchExportRequest>;

type Consent = 'none' | 'journal_data' | 'wellbeing_data';
interface Column {
  name: string;
  /** Which consent the value rests on: empty in a row without it. */
  consent: Consent;
  unit: string;
  da: string;
  en: string;
}

/** The data dictionary: every column of the CSV, in order, its meaning and unit. */
export const researchColumns = [
  {
    name: 'pseudonym',
    consent: 'none',
    unit: 'hex',
    da: 'HMAC-SHA-256 af CPR-nummeret med forskningsprojektets nøgle; samme borger, samme pseudonym i ét projekt',
    en: "HMAC-SHA-256 of the CPR number under the research project's key; the same citizen has the same pseudonym within one project",
  },
  { name: 'age_band', consent: 'none', unit: 'years', da: 'Alder ved henvisningen, i intervaller', en: 'Age at referral, in bands' },
  { name: 'sex', consent: 'none', unit: 'F|M', da: 'Køn efter CPR-nummerets sidste ciffer', en: "Sex from the CPR number's last digit" },
  {
    name: 'practice',
    consent: 'none',
    unit: 'hex | *',
    da: 'Praksis som pseudonym (eller * når samlet)',
    en: 'Practice as a pseudonym (or * when merged)',
  },
  {
    name: 'referral_period',
    consent: 'none',
    unit: 'YYYY-MM | YYYY-Qn | YYYY-Hn | YYYY | *',
    da: 'Henvisningens måned (eller kvartal, halvår, år, eller * for hele perioden, når grovere)',
    en: 'Month of the referral (or quarter, half-year, year, or * for the whole period, when coarsened)',
  },
  {
    name: 'reasons',
    consent: 'journal_data',
    unit: 'codes separated by |',
    da: 'Henvisningsårsager (koder)',
    en: 'Reasons for referral (codes)',
  },
  {
    name: 'inclusion_flags',
    consent: 'journal_data',
    unit: 'codes separated by |',
    da: 'Inklusionskriterier, der ikke var opfyldt',
    en: 'Inclusion criteria not met',
  },
  {
    name: 'first_contact_day',
    consent: 'journal_data',
    unit: 'days',
    da: 'Dage fra henvisningen til første kontakt, hvor borgeren blev truffet',
    en: 'Days from the referral to the first contact that reached the citizen',
  },
  {
    name: 'linked_day',
    consent: 'journal_data',
    unit: 'days',
    da: 'Dage fra henvisningen til borgeren startede i et tilbud',
    en: 'Days from the referral until the citizen started an offer',
  },
  {
    name: 'contacts',
    consent: 'journal_data',
    unit: 'count',
    da: 'Kontakter, hvor borgeren blev truffet',
    en: 'Contacts that reached the citizen',
  },
  { name: 'offers_started', consent: 'journal_data', unit: 'count', da: 'Tilbud startet', en: 'Offers started' },
  {
    name: 'attending_3_months',
    consent: 'journal_data',
    unit: '0|1',
    da: 'Stadig i et tilbud 3 måneder efter start',
    en: 'Still attending an offer 3 months after starting it',
  },
  { name: 'status', consent: 'journal_data', unit: 'code', da: 'Forløbets status ved eksporten', en: "The course's status at export" },
  { name: 'closing_reason', consent: 'journal_data', unit: 'code', da: 'Afslutningsårsag', en: 'Closing reason' },
  {
    name: 'who5_baseline',
    consent: 'wellbeing_data',
    unit: 'score 0-100',
    da: 'WHO-5 ved første samtale (procentscore)',
    en: 'WHO-5 at the first conversation (percentage score)',
  },
  {
    name: 'who5_baseline_day',
    consent: 'wellbeing_data',
    unit: 'days',
    da: 'Dage fra henvisningen til baseline',
    en: 'Days from the referral to the baseline',
  },
  {
    name: 'who5_follow_up',
    consent: 'wellbeing_data',
    unit: 'score 0-100',
    da: 'WHO-5 ved opfølgningen (procentscore)',
    en: 'WHO-5 at the follow-up (percentage score)',
  },
  {
    name: 'who5_follow_up_day',
    consent: 'wellbeing_data',
    unit: 'days',
    da: 'Dage fra henvisningen til opfølgningen',
    en: 'Days from the referral to the follow-up',
  },
  {
    name: 'who5_follow_up_late',
    consent: 'wellbeing_data',
    unit: '0|1',
    da: 'Opfølgningen er taget efter vinduet (mere end 8 måneder efter baseline)',
    en: 'The follow-up was taken after its window (more than 8 months after the baseline)',
  },
] as const satisfies readonly Column[];

export type ResearchColumn = (typeof researchColumns)[number]['name'];
export type ResearchRow = Record<ResearchColumn, string>;

/** How coarse the quasi-identifiers were made to reach k-anonymity, from the finest (level 0) up. */
export const generalisationLevels = [
  { period: 'month', ageBand: 10, practice: 'pseudonym' },
  { period: 'quarter', ageBand: 10, practice: 'pseudonym' },
  { period: 'half_year', ageBand: 10, practice: 'pseudonym' },
  { period: 'half_year', ageBand: 20, practice: 'pseudonym' },
  { period: 'year', ageBand: 20, practice: 'pseudonym' },
  { period: 'year', ageBand: 20, practice: 'merged' },
  // A pilot that starts late in a year has a first year of a few referrals: the period goes last.
  { period: 'all', ageBand: 20, practice: 'merged' },
] as const;
export type Generalisation = (typeof generalisationLevels)[number];

/** An age band from 18 up, `width` years wide, the last one open: 18-29, 30-39, ... 80+ (or 18-39, 40-59, 60-79, 80+). */
export function ageBand(age: number, width: 10 | 20): string {
  if (age >= 80) return '80+';
  const from = width === 10 ? (age < 30 ? 18 : Math.floor(age / 10) * 10) : age < 40 ? 18 : Math.floor(age / 20) * 20;
  const to = width === 10 ? (from === 18 ? 29 : from + 9) : from === 18 ? 39 : from + 19;
  return `${from}-${to}`;
}

/** The sex a CPR number gives: an odd last digit for a man, even for a woman. */
export const sexOfCpr = (cpr: string): 'M' | 'F' => (Number(cpr.replace('-', '').at(-1)) % 2 === 1 ? 'M' : 'F');

/** A referral month (YYYY-MM) as the period of a generalisation level. */
export function periodOf(month: string, period: Generalisation['period']): string {
  const [year, m] = [month.slice(0, 4), Number(month.slice(5, 7))];
  if (period === 'month') return month;
  if (period === 'quarter') return `${year}-Q${Math.ceil(m / 3)}`;
  if (period === 'half_year') return `${year}-H${m <= 6 ? 1 : 2}`;
  return period === 'year' ? year : '*';
}

/** The quasi-identifiers of a row, before any coarsening. */
export interface QuasiIdentifiers {
  age: number;
  sex: 'M' | 'F';
  practice: string;
  month: string;
}

const classOf = (q: QuasiIdentifiers, g: Generalisation) =>
  [ageBand(q.age, g.ageBand), q.sex, g.practice === 'merged' ? '*' : q.practice, periodOf(q.month, g.period)] as const;

export type KAnonymity =
  | { ok: true; level: number; generalisation: Generalisation }
  | { ok: false; shortfalls: { ageBand: string; sex: string; practice: string; period: string }[] };

/**
 * The finest generalisation level at which every class of quasi-identifiers (age band, sex, practice, period)
 * holds at least k rows; or, when even the coarsest does not, the classes that fall short there.
 */
export function kAnonymity(rows: readonly QuasiIdentifiers[], k = RESEARCH_K): KAnonymity {
  const classes = (g: Generalisation) => {
    const counts = new Map<string, { key: readonly string[]; n: number }>();
    for (const row of rows) {
      const key = classOf(row, g);
      const id = key.join('\u0000');
      const entry = counts.get(id) ?? { key, n: 0 };
      entry.n++;
      counts.set(id, entry);
    }
    return [...counts.values()];
  };
  for (const [level, g] of generalisationLevels.entries()) {
    if (classes(g).every((c) => c.n >= k)) return { ok: true, level, generalisation: g };
  }
  const coarsest = generalisationLevels[generalisationLevels.length - 1] as Generalisation;
  return {
    ok: false,
    shortfalls: classes(coarsest)
      .filter((c) => c.n < k)
      .map(({ key: [ageBand = '', sex = '', practice = '', period = ''] }) => ({ ageBand, sex, practice, period })),
  };
}

/** A research export as the API returns it: the CSV, its dictionary, and what went in and what stayed out. */
export const ResearchExport = z.strictObject({
  project: z.string(),
  exportedAt: Instant,
  k: z.int(),
  generalisation: z.strictObject({
    level: z.int(),
    period: z.enum(['month', 'quarter', 'half_year', 'year', 'all']),
    ageBand: z.union([z.literal(10), z.literal(20)]),
    practice: z.enum(['pseudonym', 'merged']),
  }),
  counts: z.strictObject({
    /** Courses in the practices looked at. */
    courses: z.int(),
    exported: z.int(),
    /** Left out: under 18 at the export. */
    underAge: z.int(),
    /** Left out: no consent valid at the export. */
    withoutConsent: z.int(),
    /** Rows with the record's data (journal data consent valid) and with WHO-5 (well-being consent valid). */
    withJournalData: z.int(),
    withWellbeingData: z.int(),
  }),
  dictionary: z.array(
    z.strictObject({
      name: z.string(),
      consent: z.enum(['none', 'journal_data', 'wellbeing_data']),
      unit: z.string(),
      da: z.string(),
      en: z.string(),
    }),
  ),
  /** RFC 4180, UTF-8, a header row of the dictionary's names. */
  csv: z.string(),
});
export type ResearchExport = z.infer<typeof ResearchExport>;
