import * as z from 'zod/mini';
import { Id, Instant } from './identifiers.js';

/** SNOMED CT code of the WHO-5 Well-Being Index, as used by KL's FHIR Questionnaire. */
export const WHO5_SNOMED_CODE = '1144665009';

/** The five WHO-5 statements (Trivselsindeks, KL's texts), about the last two weeks. */
export const who5Items = [
  { linkId: 'happy', da: 'I de sidste 2 uger har jeg været glad og i godt humør', en: 'Over the last two weeks I have felt cheerful and in good spirits' },
  { linkId: 'calm', da: 'I de sidste 2 uger har jeg følt mig rolig og afslappet', en: 'Over the last two weeks I have felt calm and relaxed' },
  { linkId: 'active', da: 'I de sidste 2 uger har jeg følt mig aktiv og energisk', en: 'Over the last two weeks I have felt active and vigorous' },
  { linkId: 'rested', da: 'I de sidste 2 uger er jeg vågnet frisk og udhvilet', en: 'Over the last two weeks I woke up feeling fresh and rested' },
  { linkId: 'interest', da: 'I de sidste 2 uger har min dagligdag været fyldt med ting der interesserer mig', en: 'Over the last two weeks my daily life has been filled with things that interest me' },
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

const Who5Answer = z.int().check(z.gte(0), z.lte(5));

/** The five answers (0-5 each) in the order of `who5Items`; every item is required. */
export const Who5Answers = z.tuple([Who5Answer, Who5Answer, Who5Answer, Who5Answer, Who5Answer]);
export type Who5Answers = z.infer<typeof Who5Answers>;

/** A recorded WHO-5 (trivselsmåling): baseline at the first conversation, follow-up 6-8 months later. */
export const Who5Response = z.strictObject({
  id: Id,
  referralId: Id,
  kind: z.enum(['baseline', 'follow_up']),
  answers: Who5Answers,
  takenAt: Instant,
});
export type Who5Response = z.infer<typeof Who5Response>;

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
