import type { Locale } from '@henvis/contracts';

/** Texts of the plan the citizen takes home: plain words, to the citizen ("du"). */
const da = {
  loading: 'Henter planen…',
  noPlan: 'Der er ingen plan at udskrive endnu. Skriv planen sammen med borgeren først.',
  print: 'Udskriv',
  back: 'Tilbage til forløbet',
  screenHint: 'Sådan ser planen ud på papir. Den har ikke borgerens CPR-nummer.',
  title: (name: string) => `Din plan, ${name}`,
  lead: 'Det her har vi talt om og aftalt sammen.',
  goals: 'Det vil du gerne',
  offers: 'Det har vi aftalt',
  noOffers: 'Vi finder et sted sammen, som passer til dig.',
  who: 'Hvem',
  when: 'Hvornår',
  where: 'Hvor',
  contact: 'Kontakt',
  companion: 'Du bliver fulgt derhen de første gange.',
  bridgeBuilder: 'En brobygger hjælper dig godt i gang.',
  next: 'Næste gang',
  end: 'Forløbet er slut',
  navigator: 'Din socialnavigatør',
  phone: 'Telefon',
  reachLabel: 'Dit eget telefonnummer eller din e-mail, hvis borgeren skal bruge det (står på planen)',
  notTreatment:
    'Social henvisning er et tilbud om at komme med i fællesskaber. Det er ikke en behandling, og det er ikke en ydelse, du får tildelt af kommunen.',
  printed: (date: string) => `Udskrevet ${date}`,
};

export type CoursePrintTexts = typeof da;

const en: CoursePrintTexts = {
  loading: 'Fetching the plan…',
  noPlan: 'There is no plan to print yet. Write the plan with the citizen first.',
  print: 'Print',
  back: 'Back to the course',
  screenHint: "This is how the plan looks on paper. It has no CPR number of the citizen's.",
  title: (name) => `Your plan, ${name}`,
  lead: 'This is what we talked about and agreed together.',
  goals: 'What you would like',
  offers: 'What we agreed',
  noOffers: 'We will find a place together that suits you.',
  who: 'Who',
  when: 'When',
  where: 'Where',
  contact: 'Contact',
  companion: 'Someone will go there with you the first times.',
  bridgeBuilder: 'A bridge builder will help you get started.',
  next: 'Next time',
  end: 'The course is over',
  navigator: 'Your social navigator',
  phone: 'Phone',
  reachLabel: 'Your own phone or e-mail, if the citizen needs it (printed on the plan)',
  notTreatment:
    'Social prescribing is an offer to join communities. It is not a treatment, and it is not a benefit the municipality awards you.',
  printed: (date) => `Printed ${date}`,
};

export const coursePrintTexts: Record<Locale, CoursePrintTexts> = { da, en };
