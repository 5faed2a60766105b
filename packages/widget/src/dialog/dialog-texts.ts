import { inclusionFlagLabels, type Locale } from '@henvis/contracts';

/** Texts of the referral dialog, loaded with it: the launcher does not pay for them. */
const da = {
  dialogTitle: 'Social henvisning',
  notTreatment:
    'Social henvisning er hverken behandling eller en bevilling af en offentlig ydelse. En socialnavigatør kontakter borgeren og hjælper borgeren ind i lokale fællesskaber.',
  patient: 'Borger',
  age: (years: number) => `${years} år`,
  practice: 'Praksis',
  referrer: 'Henviser',
  reasons: 'Årsag til henvisning',
  note: 'Bemærkning til socialnavigatøren',
  wishes: 'Borgerens ønsker og interesser',
  contact: 'Kontakt',
  phone: 'Telefon',
  email: 'E-mail',
  sms: 'Må kontaktes på SMS',
  bestTime: 'Bedste tidspunkt',
  companion: 'Behov for følgeskab de første gange',
  companionOption: { yes: 'Ja', no: 'Nej', unknown: 'Ved ikke' },
  inclusion: 'Inklusionskriterier',
  inclusionHint:
    'Sæt kryds ved det, du har bekræftet med borgeren. Et manglende kryds stopper ikke henvisningen, men den markeres, så socialnavigatøren ser det.',
  motivated: 'Borgeren er motiveret',
  needsSocialSupport: 'Borgeren har behov for social støtte',
  inArea: 'Borgeren bor i eller har læge i kommunen',
  flag: inclusionFlagLabels.da,
  unreachable:
    'Borgeren har hverken telefon eller e-mail. Socialnavigatøren kan derfor ikke kontakte borgeren direkte, men skriver til jer i praksis her i journalen for at aftale, hvordan borgeren kan nås.',
  addContact: 'Skriv et nummer eller en e-mail, hvis borgeren har en.',
  consent: 'Samtykker',
  consentHint:
    'Socialnavigatøren informerer borgeren og indhenter de skriftlige samtykker ved første samtale. Vil du selv gøre det, så vælg "Samtykker" ved henvisningen i oversigten, når den er sendt: borgeren ser hele teksten, og samtykket journalføres. Et nej ændrer intet ved henvisningen.',
  send: 'Send henvisning',
  sending: 'Sender…',
  close: 'Luk',
  fixErrors: 'Ret de markerede felter.',
  sentTitle: 'Henvisningen er sendt',
  sentNext: 'En socialnavigatør kontakter borgeren inden for 2 arbejdsdage og aftaler en første samtale.',
  followHere: 'Du kan følge henvisningen her i journalen.',
  queuedTitle: 'Henvisningen er ikke sendt endnu',
  queuedText:
    'Henvis svarer ikke lige nu. Vi bliver ved med at prøve og sender henvisningen automatisk, så snart Henvis svarer. Luk ikke journalen imens.',
};

export type DialogTexts = typeof da;

const en: DialogTexts = {
  dialogTitle: 'Social prescribing referral',
  notTreatment:
    'Social prescribing is neither treatment nor the award of a public service. A social navigator contacts the citizen and helps them into local communities.',
  patient: 'Citizen',
  age: (years) => `${years} years`,
  practice: 'Practice',
  referrer: 'Referrer',
  reasons: 'Reason for referral',
  note: 'Note to the social navigator',
  wishes: "The citizen's wishes and interests",
  contact: 'Contact',
  phone: 'Phone',
  email: 'E-mail',
  sms: 'May be contacted by SMS',
  bestTime: 'Best time',
  companion: 'Needs a companion the first times',
  companionOption: { yes: 'Yes', no: 'No', unknown: "Don't know" },
  inclusion: 'Inclusion criteria',
  inclusionHint:
    'Tick what you have confirmed with the citizen. A missing tick does not stop the referral; it is flagged, so the social navigator sees it.',
  motivated: 'The citizen is motivated',
  needsSocialSupport: 'The citizen needs social support',
  inArea: 'The citizen lives in or has a GP in the municipality',
  flag: inclusionFlagLabels.en,
  unreachable:
    'The citizen has neither phone nor e-mail. The social navigator cannot contact the citizen directly, and writes to you at the practice here in the journal to agree on how to reach them.',
  addContact: 'Enter a number or an e-mail if the citizen has one.',
  consent: 'Consents',
  consentHint:
    'The social navigator informs the citizen and collects the written consents at the first conversation. To do it yourself, choose "Consents" by the referral in the overview once it is sent: the citizen sees the whole text, and the consent is filed in the record. Saying no changes nothing about the referral.',
  send: 'Send referral',
  sending: 'Sending…',
  close: 'Close',
  fixErrors: 'Correct the marked fields.',
  sentTitle: 'The referral has been sent',
  sentNext: 'A social navigator contacts the citizen within 2 working days to agree on a first conversation.',
  followHere: 'You can follow the referral here in the journal.',
  queuedTitle: 'The referral has not been sent yet',
  queuedText:
    'Henvis is not answering right now. We keep trying and send the referral automatically as soon as Henvis answers. Keep the journal open meanwhile.',
};

export const dialogTexts: Record<Locale, DialogTexts> = { da, en };
