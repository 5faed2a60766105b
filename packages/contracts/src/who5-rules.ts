import { collectsEvaluationData, consentValidity } from './consent-rules.js';
import { addMonths, danishDate, startOfDanishDay } from './danish-time.js';
import type { Who5Answers, Who5List, Who5Response } from './who5.js';

// The WHO-5 items, scoring and follow-up rules apart from the schemas, so the form does not load zod.

/** SNOMED CT code of the WHO-5 Well-Being Index, as used by KL's FHIR Questionnaire. */
export const WHO5_SNOMED_CODE = '1144665009';
/** KL's WHO-5 Questionnaire (hl7dk/KL-dk-tools), which a QuestionnaireResponse answers. */
export const WHO5_QUESTIONNAIRE_URL = 'http://fhir.kl.dk/ffinst/Questionnaire/KLToolsCareWHO5';
/** KL's code system for the WHO-5 answers (KLToolsCodes). */
export const KL_TOOLS_CODE_SYSTEM = 'http://fhir.kl.dk/ffinst/CodeSystem/KLToolsCodes';

/**
 * The five WHO-5 statements (Trivselsindeks, KL's texts), about the last two weeks. `klCodes` are KL's answer
 * codes for this item, for the answers 5 (Hele tiden) down to 0 (På intet tidspunkt).
 */
export const who5Items = [
  {
    linkId: 'happy',
    da: 'I de sidste 2 uger har jeg været glad og i godt humør',
    en: 'Over the last two weeks I have felt cheerful and in good spirits',
    klCodes: [
      '0e5aa952-d470-4219-b275-5e8204d96987',
      '9fd3c658-d0b7-4018-84e9-8588be7de478',
      'a3779fc5-d7b3-4d03-bdaf-5ae5a40b0899',
      '228ee58f-5785-4364-a99c-8ba99943f510',
      'c4002c8a-91c5-4737-bba6-ce364e83fd28',
      'd092cdf0-e4e0-4cf6-a506-0adf95f56a8d',
    ],
  },
  {
    linkId: 'calm',
    da: 'I de sidste 2 uger har jeg følt mig rolig og afslappet',
    en: 'Over the last two weeks I have felt calm and relaxed',
    klCodes: [
      'b9eb352d-145d-4c45-8f8c-5b92474c4af1',
      'b128508b-8ef8-4516-b8e1-f5af02a408f3',
      '1ab11c78-6258-4069-9065-0f076833b133',
      'd599f667-9300-432d-9edf-a1afa4c9af85',
      '1fb14510-ec20-4a8e-bc3a-d45fa83909c9',
      '130fbd15-4718-4fb7-9592-d205f575bc9c',
    ],
  },
  {
    linkId: 'active',
    da: 'I de sidste 2 uger har jeg følt mig aktiv og energisk',
    en: 'Over the last two weeks I have felt active and vigorous',
    klCodes: [
      '3d3c13a6-befa-4a52-aef0-7e775ca11fdd',
      '60da44d3-815e-426f-8c8a-0ae34d85863a',
      'f573ad27-7d00-4505-99ac-f0f35cd16e6a',
      'd9d031d9-3185-4f59-a125-ea5a3503011a',
      '08c8a19c-d135-4e05-a8d4-70c6da6f4842',
      'ccc3ecb4-3249-4c82-9c2b-dca72f4ba374',
    ],
  },
  {
    linkId: 'rested',
    da: 'I de sidste 2 uger er jeg vågnet frisk og udhvilet',
    en: 'Over the last two weeks I woke up feeling fresh and rested',
    klCodes: [
      '7aaccc2e-ead3-41f0-a9ba-091f2e539753',
      'b1375340-07a1-4ab4-9d3b-f5de61b878b5',
      '0059dc5d-d174-45b9-a423-136e3d9c2bda',
      '8f403657-cdbd-4d87-aefe-ab040a6db428',
      '2bd7d702-99ac-4acc-b3f6-a9833a32f7c8',
      '18c05b5f-97e6-4c08-a920-ec75a213f1f6',
    ],
  },
  {
    linkId: 'interest',
    da: 'I de sidste 2 uger har min dagligdag været fyldt med ting der interesserer mig',
    en: 'Over the last two weeks my daily life has been filled with things that interest me',
    klCodes: [
      '2ca88533-c048-4b2a-9ac2-2206b63a25ac',
      'b62a3f31-9b63-4b86-b5bd-edf300b9fbd6',
      '392ee33f-e754-4443-a285-c19aff66726f',
      '3c323281-fc96-47cb-b057-1dff2ffa835b',
      '314ab944-2f8a-453d-8653-b46cacf5f480',
      'f97749b5-e689-40a4-9eda-0b0e35d185fc',
    ],
  },
] as const;

/** The six answer steps, from 5 (Hele tiden) to 0 (På intet tidspunkt). */
export const who5AnswerSteps = [
  { value: 5, da: 'Hele tiden', en: 'All of the time' },
  { value: 4, da: 'Det meste af tiden', en: 'Most of the time' },
  { value: 3, da: 'Lidt mere end halvdelen af tiden', en: 'More than half of the time' },
  { value: 2, da: 'Lidt mindre end halvdelen af tiden', en: 'Less than half of the time' },
  { value: 1, da: 'Lidt af tiden', en: 'Some of the time' },
  { value: 0, da: 'På intet tidspunkt', en: 'At no time' },
] as const;

/** What a score suggests: ≤ 28 likely depression; ≤ 50 screen for depression or stress. */
export type Who5Band = 'likely_depression' | 'screen' | 'no_indication';

export interface Who5Score {
  /** Sum of the answers, 0-25 (råscore). */
  raw: number;
  /** raw × 4, 0-100 (procentscore). */
  percentage: number;
  band: Who5Band;
}

export function scoreWho5(answers: Who5Answers): Who5Score {
  const raw = answers.reduce<number>((sum, a) => sum + a, 0);
  const percentage = raw * 4;
  const band: Who5Band = percentage <= 28 ? 'likely_depression' : percentage <= 50 ? 'screen' : 'no_indication';
  return { raw, percentage, band };
}

/** A change of 10 percentage points or more between baseline and follow-up is clinically relevant. */
export const WHO5_RELEVANT_CHANGE = 10;

export function who5Change(baseline: Who5Answers, followUp: Who5Answers): { change: number; relevant: boolean } {
  const change = scoreWho5(followUp).percentage - scoreWho5(baseline).percentage;
  return { change, relevant: Math.abs(change) >= WHO5_RELEVANT_CHANGE };
}

/** Follow-up (opfølgning) falls due 6 months after the baseline and is overdue after 8 (Danish calendar). */
export function who5FollowUpWindow(baselineTakenAt: Date): { dueAt: Date; overdueAt: Date } {
  const date = danishDate(baselineTakenAt);
  return { dueAt: startOfDanishDay(addMonths(date, 6)), overdueAt: startOfDanishDay(addMonths(date, 8)) };
}

export type FollowUpState = 'not_due' | 'due' | 'overdue';

export function who5FollowUpState(baselineTakenAt: Date, at: Date): FollowUpState {
  const { dueAt, overdueAt } = who5FollowUpWindow(baselineTakenAt);
  return at >= overdueAt ? 'overdue' : at >= dueAt ? 'due' : 'not_due';
}

export type Who5Refusal =
  | 'under_18_no_data'
  | 'wellbeing_consent_missing'
  | 'wellbeing_consent_withdrawn'
  | 'who5_baseline_exists'
  | 'who5_baseline_missing'
  | 'who5_follow_up_exists'
  | 'who5_follow_up_not_due';

/**
 * Why WHO-5 answers of `kind` may not be stored now, or undefined when they may: the citizen is 18 or more, the
 * well-being consent in force (`wellbeingConsent`, the newest) is valid, and there is one baseline before one
 * follow-up (`earlier`: the answers already stored) that is not taken before its window opens (a follow-up
 * minutes after the baseline would measure nothing). One taken after the window is stored, marked late.
 */
export function who5Refusal(
  kind: Who5Response['kind'],
  {
    cpr,
    wellbeingConsent,
    earlier,
    at,
  }: {
    cpr: string;
    wellbeingConsent?: Parameters<typeof consentValidity>[0] | undefined;
    earlier: Pick<Who5Response, 'kind' | 'takenAt'>[];
    at: Date;
  },
): Who5Refusal | undefined {
  if (!collectsEvaluationData(cpr, at)) return 'under_18_no_data';
  const validity = wellbeingConsent && consentValidity(wellbeingConsent, at);
  if (!validity?.valid) return validity?.reason === 'withdrawn' ? 'wellbeing_consent_withdrawn' : 'wellbeing_consent_missing';
  const baseline = earlier.find((r) => r.kind === 'baseline');
  if (kind === 'baseline') return baseline ? 'who5_baseline_exists' : undefined;
  if (!baseline) return 'who5_baseline_missing';
  if (earlier.some((r) => r.kind === 'follow_up')) return 'who5_follow_up_exists';
  if (who5FollowUpState(new Date(baseline.takenAt), at) === 'not_due') return 'who5_follow_up_not_due';
  return undefined;
}

/** A follow-up taken after its window closed (8 months after the baseline) is late: stored, and counted apart. */
export function who5FollowUpLate(baselineTakenAt: Date, followUpTakenAt: Date): boolean {
  return who5FollowUpState(baselineTakenAt, followUpTakenAt) === 'overdue';
}

/** A referral's WHO-5 answers with its follow-up window once there is a baseline ('done' once it was taken). */
export function who5List(items: Who5Response[], at: Date): Who5List {
  const baseline = items.find((r) => r.kind === 'baseline');
  if (!baseline) return { items };
  const window = who5FollowUpWindow(new Date(baseline.takenAt));
  const state = items.some((r) => r.kind === 'follow_up') ? 'done' : who5FollowUpState(new Date(baseline.takenAt), at);
  return { items, followUp: { dueAt: window.dueAt.toISOString(), overdueAt: window.overdueAt.toISOString(), state } };
}
