import type { ConsentKind, ConsentRecord, Locale, Role } from '@henvis/contracts';

/** Texts of the consent panel, loaded with it. The consent texts themselves come from the contracts, versioned. */
const da = {
  title: 'Samtykker',
  intro:
    'To samtykker, hvert for sig. Begge er frivillige: siger borgeren nej til det ene eller begge, ændrer det intet ved den sociale henvisning.',
  kind: { journal_data: 'Samtykke til journaldata', wellbeing_data: 'Samtykke til trivselsdata' } satisfies Record<ConsentKind, string>,
  loading: 'Henter samtykker…',
  listFailed: 'Samtykkerne kunne ikke hentes.',
  textVersion: (version: string) => `Tekstversion ${version}`,
  showText: 'Vis samtykketeksten',
  state: 'Status',
  notAsked: 'Ikke spurgt endnu',
  given: (date: string) => `Givet ${date}`,
  declined: (date: string) => `Afslået ${date}`,
  withdrawn: (date: string) => `Trukket tilbage ${date}`,
  expired: (date: string) => `Udløbet (gjaldt til og med ${date})`,
  validThrough: (date: string) => `Gælder til og med ${date}.`,
  wouldBeValidThrough: (date: string) => `Gives samtykket i dag, gælder det til og med ${date}.`,
  untilWithdrawn: 'Gælder, indtil borgeren trækker det tilbage.',
  howGiven: 'Hvordan gives det skriftlige samtykke?',
  method: { signed_on_screen: 'Underskrevet på skærmen', paper_noted: 'Underskrevet på papir og noteret her' } satisfies Record<
    ConsentRecord['method'],
    string
  >,
  confirm: 'Borgeren har læst teksten og bekræfter sit valg her på skærmen',
  confirmMissing: 'Borgeren skal bekræfte sit valg på skærmen, før det kan registreres.',
  give: 'Borgeren giver samtykke',
  decline: 'Borgeren siger nej',
  noChange: 'Et nej ændrer intet ved henvisningen.',
  withdraw: 'Træk samtykket tilbage',
  withdrawHint: 'Borgeren kan trække samtykket tilbage når som helst, lige så let som at give det.',
  saving: 'Gemmer…',
  saved: { given: 'Samtykket er registreret.', declined: 'Borgerens nej er registreret.', withdrawn: 'Samtykket er trukket tilbage.' },
  history: 'Historik',
  decision: { given: 'Givet', declined: 'Afslået' },
  role: {
    doctor: 'læge',
    nurse: 'sygeplejerske',
    midwife: 'jordemoder',
    practice_staff: 'praksispersonale',
    navigator: 'socialnavigatør',
    coordinator: 'koordinator',
  } satisfies Record<Role, string>,
  setting: { consultation: 'i konsultationen', navigator_conversation: 'ved første samtale med socialnavigatøren' } satisfies Record<
    ConsentRecord['setting'],
    string
  >,
  informedBy: (name: string, role: string, setting: string) => `informeret af ${name} (${role}) ${setting}`,
  withdrawnBy: (date: string, name: string) => `Trukket tilbage ${date} af ${name}.`,
};

export type ConsentPanelTexts = typeof da;

const en: ConsentPanelTexts = {
  title: 'Consents',
  intro:
    'Two consents, each on its own. Both are voluntary: saying no to one or both changes nothing about the social prescribing referral.',
  kind: { journal_data: 'Consent to journal data', wellbeing_data: 'Consent to well-being data' },
  loading: 'Fetching consents…',
  listFailed: 'The consents could not be fetched.',
  textVersion: (version) => `Text version ${version}`,
  showText: 'Show the consent text',
  state: 'Status',
  notAsked: 'Not asked yet',
  given: (date) => `Given ${date}`,
  declined: (date) => `Declined ${date}`,
  withdrawn: (date) => `Withdrawn ${date}`,
  expired: (date) => `Expired (was valid through ${date})`,
  validThrough: (date) => `Valid through ${date}.`,
  wouldBeValidThrough: (date) => `If given today, it is valid through ${date}.`,
  untilWithdrawn: 'Valid until the citizen withdraws it.',
  howGiven: 'How is the written consent given?',
  method: { signed_on_screen: 'Signed on screen', paper_noted: 'Signed on paper and noted here' },
  confirm: 'The citizen has read the text and confirms their choice here on screen',
  confirmMissing: 'The citizen must confirm their choice on screen before it can be recorded.',
  give: 'The citizen gives consent',
  decline: 'The citizen says no',
  noChange: 'Saying no changes nothing about the referral.',
  withdraw: 'Withdraw the consent',
  withdrawHint: 'The citizen can withdraw the consent at any time, as easily as giving it.',
  saving: 'Saving…',
  saved: {
    given: 'The consent has been recorded.',
    declined: "The citizen's no has been recorded.",
    withdrawn: 'The consent has been withdrawn.',
  },
  history: 'History',
  decision: { given: 'Given', declined: 'Declined' },
  role: {
    doctor: 'doctor',
    nurse: 'nurse',
    midwife: 'midwife',
    practice_staff: 'practice staff',
    navigator: 'social navigator',
    coordinator: 'coordinator',
  },
  setting: { consultation: 'in the consultation', navigator_conversation: 'at the first conversation with the social navigator' },
  informedBy: (name, role, setting) => `informed by ${name} (${role}) ${setting}`,
  withdrawnBy: (date, name) => `Withdrawn ${date} by ${name}.`,
};

export const consentPanelTexts: Record<Locale, ConsentPanelTexts> = { da, en };
