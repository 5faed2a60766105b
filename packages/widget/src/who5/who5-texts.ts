import type { Locale, Who5Band, Who5List } from '@henvis/contracts';

type FollowUpState = NonNullable<Who5List['followUp']>['state'];

/** Texts of the WHO-5 form, loaded with it. The statements and answer steps come from the contracts (KL's texts). */
const da = {
  title: 'Trivselsskema (WHO-5)',
  measure: { baseline: 'Første måling (baseline)', follow_up: 'Opfølgende måling' },
  intro: 'De fem udsagn handler om, hvordan du har haft det de sidste 2 uger. Vælg for hvert udsagn det svar, der passer bedst.',
  purpose: 'Svarene bruges kun til at følge op på pilotprojektet, ikke til din behandling.',
  loading: 'Henter trivselsmålinger…',
  listFailed: 'Trivselsmålingerne kunne ikke hentes.',
  followUpAfterBaseline: 'Opfølgning 6-8 måneder efter første måling.',
  followUp: (from: string, by: string) => `Opfølgning fra ${from}, senest ${by}.`,
  followUpState: { not_due: 'Ikke aktuel endnu', due: 'Aktuel nu', overdue: 'Overskredet', done: 'Gennemført' } satisfies Record<
    FollowUpState,
    string
  >,
  noConsent: 'Der er ikke et gyldigt samtykke til trivselsdata. Svarene kan ikke gemmes, før borgeren har givet samtykke.',
  statement: (n: number) => `Udsagn ${n} af 5`,
  chooseOne: 'Vælg et svar.',
  missing: (numbers: number[]) => `Svar på alle fem udsagn. Mangler: ${numbers.join(', ')}.`,
  next: 'Næste',
  back: 'Tilbage',
  save: 'Gem svarene',
  saving: 'Gemmer…',
  saved: 'Tak. Svarene er gemt.',
  complete: 'Både første måling og opfølgning er registreret.',
  baselineOnly: 'Første måling er registreret. Den opfølgende måling kan tages, når den bliver aktuel.',
  handBack: 'Giv skærmen tilbage til socialnavigatøren. I kan se på resultatet sammen.',
  result: 'Resultat',
  raw: 'Råscore',
  rawOf: (n: number) => `${n} af 25`,
  percentage: 'Procentscore',
  percentOf: (n: number) => `${n} af 100`,
  band: {
    likely_depression: '28 eller derunder: tyder på depression. Screening for depression anbefales.',
    screen: '50 eller derunder: screening for depression eller stress anbefales.',
    no_indication: 'Over 50: ingen tegn på nedsat trivsel.',
  } satisfies Record<Who5Band, string>,
  change: (points: string, from: number, to: number) => `Ændring fra første måling: ${points} point (fra ${from} til ${to}).`,
  relevant: 'Klinisk relevant ændring (10 point eller mere).',
};

export type Who5Texts = typeof da;

const en: Who5Texts = {
  title: 'Well-being questionnaire (WHO-5)',
  measure: { baseline: 'First measurement (baseline)', follow_up: 'Follow-up measurement' },
  intro: 'The five statements are about how you have been feeling over the last two weeks. For each, choose the answer that fits best.',
  purpose: 'The answers are used only to follow up on the pilot, not for your treatment.',
  loading: 'Fetching well-being measurements…',
  listFailed: 'The well-being measurements could not be fetched.',
  followUpAfterBaseline: 'Follow-up 6-8 months after the first measurement.',
  followUp: (from, by) => `Follow-up from ${from}, at the latest ${by}.`,
  followUpState: { not_due: 'Not due yet', due: 'Due now', overdue: 'Overdue', done: 'Done' },
  noConsent: 'There is no valid consent to well-being data. The answers cannot be stored until the citizen has given consent.',
  statement: (n) => `Statement ${n} of 5`,
  chooseOne: 'Choose an answer.',
  missing: (numbers) => `Answer all five statements. Missing: ${numbers.join(', ')}.`,
  next: 'Next',
  back: 'Back',
  save: 'Save the answers',
  saving: 'Saving…',
  saved: 'Thank you. The answers have been saved.',
  complete: 'Both the first measurement and the follow-up have been recorded.',
  baselineOnly: 'The first measurement has been recorded. The follow-up can be taken once it is due.',
  handBack: 'Hand the screen back to the social navigator. You can look at the result together.',
  result: 'Result',
  raw: 'Raw score',
  rawOf: (n) => `${n} of 25`,
  percentage: 'Percentage score',
  percentOf: (n) => `${n} of 100`,
  band: {
    likely_depression: '28 or less: suggests depression. Screening for depression is recommended.',
    screen: '50 or less: screening for depression or stress is recommended.',
    no_indication: 'Above 50: no sign of reduced well-being.',
  },
  change: (points, from, to) => `Change from the first measurement: ${points} points (from ${from} to ${to}).`,
  relevant: 'Clinically relevant change (10 points or more).',
};

export const who5Texts: Record<Locale, Who5Texts> = { da, en };
