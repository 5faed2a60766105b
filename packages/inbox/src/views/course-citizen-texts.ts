import type { Locale } from '@henvis/contracts';

/** Texts of the consents and WHO-5 in a course, and of the screen the citizen holds (citizen mode). */
const da = {
  evaluationTitle: 'Samtykker og WHO-5',
  evaluationFailed: 'Samtykke- og WHO-5-visningerne kunne ikke hentes.',
  handOver: 'Giv skærmen til borgeren (WHO-5)',
  handOverHint:
    'Borgeren svarer på de fem udsagn ét ad gangen, i stor skrift. Borgeren ser kun skemaet: ikke CPR-nummer, beskeder eller resultatet. Du får skærmen tilbage med dine initialer.',
  noHandOver: (why: string) => `Borgeren kan ikke udfylde WHO-5 på skærmen nu: ${why}`,
  citizenTitle: 'Trivselsskema',
  giveBack: 'Giv skærmen tilbage til socialnavigatøren',
  backTitle: 'Til socialnavigatøren',
  backLead: 'Skriv dine initialer for at komme tilbage til forløbet.',
  initials: 'Dine initialer',
  initialsWrong: 'Initialerne passer ikke til den, der gav borgeren skærmen.',
  showCourse: 'Tilbage til forløbet',
  continueForm: 'Tilbage til skemaet',
  widgetFailed: 'Skemaet kunne ikke hentes. Giv skærmen tilbage til socialnavigatøren.',
};

export type CourseCitizenTexts = typeof da;

const en: CourseCitizenTexts = {
  evaluationTitle: 'Consents and WHO-5',
  evaluationFailed: 'The consent and WHO-5 views could not be loaded.',
  handOver: 'Hand the screen to the citizen (WHO-5)',
  handOverHint:
    'The citizen answers the five statements one at a time, in large print. The citizen sees the questionnaire only: no CPR number, messages or result. You get the screen back with your initials.',
  noHandOver: (why) => `The citizen cannot answer WHO-5 on the screen now: ${why}`,
  citizenTitle: 'Well-being questionnaire',
  giveBack: 'Hand the screen back to the social navigator',
  backTitle: 'For the social navigator',
  backLead: 'Type your initials to get back to the course.',
  initials: 'Your initials',
  initialsWrong: 'The initials do not match whoever handed the screen to the citizen.',
  showCourse: 'Back to the course',
  continueForm: 'Back to the questionnaire',
  widgetFailed: 'The questionnaire could not be loaded. Hand the screen back to the social navigator.',
};

export const courseCitizenTexts: Record<Locale, CourseCitizenTexts> = { da, en };
