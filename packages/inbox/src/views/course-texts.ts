import { inclusionFlagLabels, type Locale } from '@henvis/contracts';

const da = {
  back: 'Tilbage til listen',
  loading: 'Henter forløbet…',
  years: (n: number) => `${n} år`,
  cpr: 'CPR-nummer',
  contactDetails: 'Kontakt',
  phone: 'Telefon',
  email: 'E-mail',
  smsOk: 'må få SMS',
  referredBy: (name: string, practice: string) => `Henvist af ${name}, ${practice}`,
  reasons: 'Årsager',
  note: 'Lægens bemærkning',
  companion: 'Følgeskab',
  companionValue: { yes: 'Ja', no: 'Nej', unknown: 'Ved ikke' } as Record<string, string>,
  flags: 'Bemærk',
  flag: inclusionFlagLabels.da as Record<string, string>,
  owner: 'Socialnavigatør',
  nobody: 'Ingen har taget henvisningen endnu.',
  actions: 'Handlinger',
  accept: 'Acceptér og tag borgeren',
  reject: 'Afvis henvisningen',
  rejectReason: 'Årsag til afvisning',
  rejectNote: 'Besked til lægen om afvisningen',
  confirmReject: 'Afvis og send til lægen',
  close: 'Afslut forløbet',
  closeReason: 'Afslutningsårsag',
  closeNote: 'Afslutningsnotat til lægen: hvad borgeren fik ud af forløbet, og hvad der er aftalt',
  confirmClose: 'Afslut og send notat til lægen',
  agreedEnd: (criterion: string) => `Aftalt slutkriterium: ${criterion}`,
  cancel: 'Fortryd',
  reassign: 'Giv videre til en kollega',
  colleague: 'Kollega',
  confirmReassign: 'Giv videre',
  timeline: 'Forløb',
  event: { created: 'Henvisning sendt', status_changed: 'Status ændret', closed: 'Afsluttet' } as Record<string, string>,
  by: (name: string) => `af ${name}`,
  closed: 'Forløbet er afsluttet.',
  tabsLabel: 'Arbejdet med forløbet',
  tab: { contacts: 'Kontakter', plan: 'Plan', offers: 'Tilbud', evaluation: 'Samtykker og WHO-5', timeline: 'Tidslinje' },
  nextStepTitle: 'Næste skridt',
  takeFirst: 'Tag henvisningen, og kontakt borgeren inden for 2 hverdage.',
  noPlanYet: 'Der er ingen plan endnu. Skriv den sammen med borgeren under "Plan".',
  /** The day of a next step from today: 0 is today, a negative number is days late. */
  relativeDay: (days: number) => {
    if (days === 0) return 'i dag';
    if (days === 1) return 'i morgen';
    if (days > 1) return `om ${days} dage`;
    return days === -1 ? '1 dag over tiden' : `${-days} dage over tiden`;
  },
  printPlan: 'Udskriv planen til borgeren',
};

export type CourseTexts = typeof da;

const en: CourseTexts = {
  back: 'Back to the list',
  loading: 'Fetching the course…',
  years: (n) => `${n} years`,
  cpr: 'CPR number',
  contactDetails: 'Contact',
  phone: 'Phone',
  email: 'E-mail',
  smsOk: 'SMS welcome',
  referredBy: (name, practice) => `Referred by ${name}, ${practice}`,
  reasons: 'Reasons',
  note: "The GP's note",
  companion: 'Companion',
  companionValue: { yes: 'Yes', no: 'No', unknown: "Don't know" },
  flags: 'Note',
  flag: inclusionFlagLabels.en,
  owner: 'Social navigator',
  nobody: 'Nobody has taken the referral yet.',
  actions: 'Actions',
  accept: 'Accept and take the citizen',
  reject: 'Reject the referral',
  rejectReason: 'Reason for rejecting',
  rejectNote: 'Message to the GP about the rejection',
  confirmReject: 'Reject and send to the GP',
  close: 'Close the course',
  closeReason: 'Reason for closing',
  closeNote: 'Closing note to the GP: what the citizen got from the course, and what is agreed',
  confirmClose: 'Close and send the note to the GP',
  agreedEnd: (criterion) => `Agreed end criterion: ${criterion}`,
  cancel: 'Cancel',
  reassign: 'Hand over to a colleague',
  colleague: 'Colleague',
  confirmReassign: 'Hand over',
  timeline: 'Course',
  event: { created: 'Referral sent', status_changed: 'Status changed', closed: 'Closed' },
  by: (name) => `by ${name}`,
  closed: 'The course is closed.',
  tabsLabel: 'Working the course',
  tab: { contacts: 'Contacts', plan: 'Plan', offers: 'Offers', evaluation: 'Consents and WHO-5', timeline: 'Timeline' },
  nextStepTitle: 'Next step',
  takeFirst: 'Take the referral, and contact the citizen within 2 working days.',
  noPlanYet: 'There is no plan yet. Write it with the citizen under "Plan".',
  relativeDay: (days) => {
    if (days === 0) return 'today';
    if (days === 1) return 'tomorrow';
    if (days > 1) return `in ${days} days`;
    return days === -1 ? '1 day late' : `${-days} days late`;
  },
  printPlan: 'Print the plan for the citizen',
};

export const courseTexts: Record<Locale, CourseTexts> = { da, en };
